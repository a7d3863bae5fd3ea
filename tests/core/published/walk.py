"""Demo data with one planted hidden count, and a walk over everything a view hands out.

On top of the demo (2014 to 2016-Q1), 2016-Q2 holds NRM referrals for three forces only:
Kent's 3 is small; Essex's 4,321 must be hidden too (else the national total less the others
gives Kent's back), so 4321, and Essex's rate, may appear nowhere people can see. Surrey's
98,760 is shown. A number that distinctive can be searched for in any text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date

import numpy as np

from commissioner_desk.demo import load_demo

from ..test_series import ESSEX, KENT, SURREY, put

PLANTED = "2016-Q2"
HIDDEN = 4321  # Essex, hidden as the complement of Kent's 3
DEMO_TODAY = date(2016, 6, 1)


def plant(db) -> None:
    load_demo(db, today=DEMO_TODAY)
    put(db, [(KENT, PLANTED, 3, ""), (ESSEX, PLANTED, HIDDEN, ""), (SURREY, PLANTED, 98_760, "")])


def leaves(obj: object) -> Iterator[object]:
    """Every number and string inside `obj`: dataclasses, mappings, sequences, arrays."""
    if isinstance(obj, bool) or obj is None:
        return
    if isinstance(obj, (str, int, float)):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from leaves(getattr(obj, f.name))
    elif isinstance(obj, Mapping):
        for k, v in obj.items():
            yield from leaves(k)
            yield from leaves(v)
    elif isinstance(obj, np.ndarray):
        yield from leaves(obj.ravel().tolist())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            yield from leaves(item)


class Sentinel:
    """The hidden count and its rate, as numbers and as any view would write them."""

    def __init__(self, rate: float | None) -> None:
        self.numbers = [float(HIDDEN)] + ([rate] if rate is not None else [])
        self.texts = [str(HIDDEN), f"{HIDDEN:,}"]
        if rate is not None:
            self.texts += [f"{rate:,.1f}", f"{rate:,.2f}"]

    def found_in(self, found: object) -> list[object]:
        """The leaves of `found` that give the hidden count (or its rate) away."""
        out = []
        for leaf in leaves(found):
            if isinstance(leaf, str):
                if any(t in leaf for t in self.texts):
                    out.append(leaf)
            elif any(abs(leaf - n) < 1e-9 for n in self.numbers):
                out.append(leaf)
        return out
