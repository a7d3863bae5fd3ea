"""The Figures page: the stored figures of a force, metric and quarter; hidden counts
are shown only on request."""

from .page import FiguresPage

__all__ = ["FiguresPage"]
