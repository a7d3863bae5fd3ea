"""The Force profile page: one force on a page (page), its cards, strip and tables
(sections) and the words beside them (text). Its figures come through
commissioner_desk.published."""

from .page import ProfilePage

__all__ = ["ProfilePage"]
