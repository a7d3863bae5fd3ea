"""`commissioner-desk self-test`."""

from __future__ import annotations

from .lazy import runs


def register(sub) -> None:
    st = sub.add_parser(
        "self-test", help="start the app offscreen, open every page, print timings as JSON"
    )
    st.set_defaults(run=runs("ui.selftest", "run"))
