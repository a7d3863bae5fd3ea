"""The network's business: organisations and people, meetings and minutes, decisions, actions.

Every edit goes through `editing.save`, which refuses a save made on top of someone else's
(optimistic locking on the row's version) and says who changed it and when.
"""
