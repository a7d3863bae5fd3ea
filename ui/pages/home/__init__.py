"""The Home page: key figures, movers, flags and what is due, with the returns still awaited."""

from .page import HomePage

__all__ = ["HomePage"]
