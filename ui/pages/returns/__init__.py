"""The Returns page: the register of which forces have returned for each quarter."""

from .page import ReturnsPage

__all__ = ["ReturnsPage"]
