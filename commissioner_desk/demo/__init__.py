"""Demo data: synthetic force figures (2014 to the latest complete quarter) and a demo network.

Every row it writes is flagged as demo, so `remove_demo` takes it all out again without
touching real data.
"""

from .. import network  # noqa: F401  (its searchable kinds: the demo's network is indexed)
from .figures import LOW_REPORTERS
from .load import DemoError, DemoSummary, has_demo, load_demo
from .remove import remove_demo

__all__ = ["LOW_REPORTERS", "DemoError", "DemoSummary", "has_demo", "load_demo", "remove_demo"]
