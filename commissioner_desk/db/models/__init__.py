"""All mapped tables. Import from here so every model is registered on Base.metadata."""

from ..base import Base
from .audit import AuditEntry
from .figures import ForceReturn, ImportBatch, Observation, ReturnText, SourceFile
from .meta import AppMeta
from .network import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingSeries,
    MinuteErratum,
    Organisation,
    Person,
)
from .practice import (
    Membership,
    Practice,
    PracticeAction,
    PracticeDocument,
    PracticeForce,
    PracticeMeeting,
)
from .profiles import ImportProfile
from .reference import (
    Dimension,
    DimensionValue,
    Force,
    ForceAlias,
    Metric,
    MetricDimension,
    Period,
    Population,
)
from .search import SearchDocument

__all__ = [
    "ActionItem",
    "ActionUpdate",
    "AgendaItem",
    "AppMeta",
    "Attendance",
    "AuditEntry",
    "Base",
    "Decision",
    "Dimension",
    "DimensionValue",
    "Force",
    "ForceAlias",
    "ForceReturn",
    "ImportBatch",
    "ImportProfile",
    "Meeting",
    "MeetingSeries",
    "Membership",
    "Metric",
    "MetricDimension",
    "MinuteErratum",
    "Observation",
    "Organisation",
    "Period",
    "Person",
    "Population",
    "Practice",
    "PracticeAction",
    "PracticeDocument",
    "PracticeForce",
    "PracticeMeeting",
    "ReturnText",
    "SearchDocument",
    "SourceFile",
]
