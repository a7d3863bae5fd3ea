"""The Forces page: each force's return texts and contacts, and practice entries
drafted from them."""

from .page import ForcesPage

__all__ = ["ForcesPage"]
