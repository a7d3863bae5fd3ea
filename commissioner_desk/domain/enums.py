"""Stored vocabularies. Values are what the database holds: never change one, add anew."""

from enum import StrEnum


class ObservationStatus(StrEnum):
    VALUE = "value"  # a figure was given
    NIL = "nil"  # the force said "nil": nothing to report for this figure
    SUPPRESSED = "suppressed"  # withheld by the source (small number, disclosure control)
    NOT_APPLICABLE = "not_applicable"  # the figure does not apply to this force


class BatchKind(StrEnum):
    IMPORT = "import"
    TEMPLATE = "template"
    DEMO = "demo"


class BatchStatus(StrEnum):
    COMMITTED = "committed"
    UNDONE = "undone"


class ReturnState(StrEnum):
    """The returns register. A force and period with no row at all is missing, never zero."""

    MISSING = "missing"  # expected, not received (a row exists once the force is chased)
    RECEIVED = "received"  # imported, not yet checked by staff
    INVALID = "invalid"  # a file came in but had errors; nothing from it was stored
    ACCEPTED = "accepted"  # checked and accepted by staff
    SUPERSEDED = "superseded"  # replaced by a corrected return (kept for the history)
    NIL_RETURN = "nil_return"  # the force confirmed it has nothing to report
    RETURNED_FOR_CORRECTION = "returned_for_correction"


class OrganisationKind(StrEnum):
    FORCE = "force"
    PCC_OFFICE = "pcc_office"
    NATIONAL_AGENCY = "national_agency"
    NGO = "ngo"
    COMMISSIONER_OFFICE = "commissioner_office"
    GOVERNMENT = "government"
    OTHER = "other"


class AgendaItemKind(StrEnum):
    DECISION = "decision"
    DISCUSSION = "discussion"
    INFORMATION = "information"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    DEPUTY = "deputy"
    ABSENT = "absent"


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    CIRCULATED = "circulated"
    APPROVED = "approved"
    LOCKED = "locked"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CLOSED = "closed"
    ON_HOLD = "on_hold"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class AuditAction(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    BULK = "bulk"  # many rows written in one step (an import, demo data); details say how many


# Register states that count as "returned" in "n of N forces have returned".
RETURNED_STATES = (ReturnState.RECEIVED, ReturnState.ACCEPTED, ReturnState.NIL_RETURN)


class MembershipStatus(StrEnum):
    """Where an area stands with the network during one membership record."""

    SIGNED_UP = "signed_up"
    NOT_SIGNED = "not_signed"  # asked, not (yet) signed: on the chase list
    WITHDRAWN = "withdrawn"  # signed once, since withdrawn: on the chase list too


class PracticeTheme(StrEnum):
    TRAINING = "training"
    VICTIM_SUPPORT = "victim_support"
    INVESTIGATION = "investigation"
    PARTNERSHIP = "partnership"
    PREVENTION = "prevention"
    DATA_INTELLIGENCE = "data_intelligence"
    SUPPLY_CHAINS = "supply_chains"


class PracticeStatus(StrEnum):
    DRAFT = "draft"  # e.g. made in one step from a return's free text, not yet checked
    PUBLISHED = "published"
