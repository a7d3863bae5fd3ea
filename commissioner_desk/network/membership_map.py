"""The national map coloured by membership: one colour per standing, "n of N signed up".

Colours are from the Okabe–Ito set, told apart with the common kinds of colour blindness; the
areas nobody has recorded are grey and those not taking part paler still, so neither can be
read as a standing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..formatting import uk_date
from ..maps.categories import Category, CategoryMap
from .membership_types import (
    OPTIONAL_NOTE,
    STANDING_LABELS,
    AreaMembership,
    Standing,
    summarise,
)

COLOURS = {
    Standing.SIGNED_UP: "#0072b2",  # blue
    Standing.NOT_SIGNED: "#e69f00",  # orange
    Standing.WITHDRAWN: "#cc79a7",  # reddish purple
    Standing.NO_RECORD: "#bdbdbd",  # grey: nothing recorded yet
    Standing.NOT_TAKING_PART: "#f0f0f0",  # paler: not part of the count
}
OUTLINES = {Standing.NOT_TAKING_PART: "#9a9a9a"}


def membership_map(areas: Sequence[AreaMembership], today: date) -> CategoryMap:
    summary = summarise(areas)
    categories = tuple(
        Category(
            key=s.value,
            label=STANDING_LABELS[s],
            colour=COLOURS[s],
            count=summary.by_standing.get(s, 0),
            outline=OUTLINES.get(s, "#ffffff"),
        )
        for s in Standing
    )
    details = {}
    for a in areas:
        r = a.record
        lines = [a.standing_label + (f" since {uk_date(a.since)}" if a.since else "")]
        if r is not None and r.commissioner:
            lines.append(f"Commissioner: {r.commissioner}")
        if r is not None and r.lead_officer:
            lines.append(f"Lead officer: {r.lead_officer}")
        if a.on_chase_list:
            lines.append("On the chase list")
        details[a.code] = "\n".join(lines)
    return CategoryMap(
        title="Network membership",
        subtitle=f"{summary.text} · as at {uk_date(today)}",
        categories=categories,
        of={a.code: a.standing.value for a in areas},
        names={a.code: a.name for a in areas},
        legend_title="Membership",
        notes=(summary.text, OPTIONAL_NOTE),
        details=details,
    )
