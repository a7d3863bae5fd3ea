"""Refusals the network's rules make, worded for the person at the keyboard."""

from __future__ import annotations


class NetworkError(ValueError):
    """A change the rules refuse (locked minutes, a bad link, a name already used); nothing was
    saved. The message says why and what to do instead."""


class MinutesStateError(NetworkError):
    """A move of the minutes' status that is not allowed (e.g. approving draft minutes)."""
