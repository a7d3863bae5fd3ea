"""What a record page says when someone else changed the record after it was shown."""

from __future__ import annotations


def conflict_words(exc) -> str:
    """ "it was changed by bob on 28/11/2026 14:03, after you opened it. …" from an
    EditConflict (commissioner_desk.network.editing)."""
    from commissioner_desk.formatting import uk_datetime

    when = f" on {uk_datetime(exc.change.at)}" if exc.change.at else ""
    done = "deleted" if exc.change.deleted else "changed"
    return (
        f"it was {done} by {exc.change.who}{when}, after you opened it. It is shown as it is now."
    )
