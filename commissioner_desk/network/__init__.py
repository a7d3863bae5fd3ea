"""The network's business: organisations and people, meetings and minutes, decisions, actions.

Every edit goes through `editing.save`, which refuses a save made on top of someone else's
(optimistic locking on the row's version) and says who changed it and when.

Importing the package registers its searchable kinds with the database's search index
(search_sources.py): whatever writes or searches the network's business has imported it.
"""

from . import search_sources  # noqa: F401  (registers the searchable kinds)
