"""The Map page: the national map of a metric, its choices, flags and exports (the
drawing itself is in ui/map/)."""

from .page import MapPage

__all__ = ["MapPage"]
