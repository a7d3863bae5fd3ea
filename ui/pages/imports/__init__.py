"""The Imports page: the import batches, each with its figures and Undo."""

from .page import ImportsPage

__all__ = ["ImportsPage"]
