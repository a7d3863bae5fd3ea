"""The Practice library page: good practice from the network (list, filters, detail), its
dialog, its links and documents, the digest export and drafting a practice from a return."""

from .page import PracticesPage

__all__ = ["PracticesPage"]
