"""The Trends page: the chart of a metric over time (page), its choices (controls) and the
forces picker (forces). The chart itself is drawn by ui/charts/."""

from .page import TrendsPage

__all__ = ["TrendsPage"]
