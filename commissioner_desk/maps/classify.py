"""Class breaks for the national map: quantiles, equal interval, natural breaks (Jenks), custom,
and symmetric classes for change around zero.

Classes are closed above: class i holds the values v with breaks[i-1] < v <= breaks[i], and the
first class also holds `lower`. So a value exactly on a break belongs to the class that the
break ends: 12 is in "0 to 12", not in "13 to 40".

Values are first rounded to `decimals` places, the precision the map shows them at, and every
break is a number at that precision. So each label states exactly the displayed values its class
holds and no two labels overlap: "0 to 12", "13 to 40" for counts; "0.0 to 3.4", "3.5 to 7.9"
for rates (a rate of 3.44 shows as 3.4 and is in the first class).

Quantile and natural-break classes are never empty: with fewer distinct values than classes
asked for, there are fewer classes. Equal-interval classes may be empty where the data has a
gap (that is what equal interval means), and so may custom and diverging classes, which keep
the breaks they were given so that maps stay comparable.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Method = Literal["quantile", "equal", "jenks", "custom"]
METHOD_LABELS = {
    "quantile": "Quantiles",
    "equal": "Equal intervals",
    "jenks": "Natural breaks (Jenks)",
    "custom": "Custom breaks",
    "diverging": "Equal intervals either side of zero",
}


class ClassifyError(ValueError):
    """Classes that cannot be made as asked; the message says why in plain words."""


@dataclass(frozen=True)
class Classes:
    method: str  # a Method, or "diverging"
    breaks: tuple[float, ...]  # upper bound of each class; the last is the largest value
    lower: float  # the smallest value: the lower bound of the first class
    counts: tuple[int, ...]  # how many values fall in each class
    decimals: int = 0  # precision of values and breaks, as the map shows them

    @property
    def empty(self) -> bool:
        """True when there was no value to classify: no classes, no legend entries."""
        return not self.breaks

    def __len__(self) -> int:
        return len(self.breaks)

    def class_of(self, value: float) -> int:
        """Index of the class holding `value` (rounded to `decimals` first). A value on a break
        is in the class that break ends; values outside the range go to the first or last."""
        if self.empty:
            raise ClassifyError("There are no classes: no force has a value to classify.")
        i = bisect_left(self.breaks, round(value, self.decimals))
        return min(i, len(self.breaks) - 1)

    def bounds(self) -> tuple[tuple[float, float], ...]:
        """(lowest, highest) displayable value of each class: the numbers the labels show.
        Each class starts one step (1, or 0.1 with one decimal) above the previous break."""
        step = 10.0**-self.decimals
        return tuple(
            (self.lower if i == 0 else round(self.breaks[i - 1] + step, self.decimals), hi)
            for i, hi in enumerate(self.breaks)
        )

    def labels(self, format: str | None = None) -> tuple[str, ...]:
        """One label per class with its exact range, e.g. "0 to 12", "13 to 40".

        `format` is a format spec for each bound (default: thousands separators and
        `decimals` places, ",.0f" or ",.1f"). A class holding a single displayable number is
        labelled with that number alone."""
        spec = format or f",.{self.decimals}f"

        def fmt(x: float) -> str:
            return f"{x + 0.0:{spec}}"  # + 0.0 turns -0.0 into 0.0

        out = []
        for lo, hi in self.bounds():
            if lo > hi:  # only a first custom class below every value
                out.append(f"up to {fmt(hi)}")
            elif lo == hi:
                out.append(fmt(hi))
            else:
                out.append(f"{fmt(lo)} to {fmt(hi)}")
        return tuple(out)

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)


def classify(
    values: Sequence[float],
    method: Method,
    classes: int = 5,
    custom_breaks: Sequence[float] | None = None,
    *,
    decimals: int = 0,
) -> Classes:
    """Classes for the values by `method`. `custom_breaks` (method "custom") are the upper
    bounds of every class but the last, in rising order; a last class up to the largest value
    is added when values lie above them. `classes` is ignored for custom breaks."""
    if method not in ("quantile", "equal", "jenks", "custom"):
        raise ClassifyError(f'"{method}" is not a way to make classes.')
    if method == "custom":
        given = _custom(custom_breaks, decimals)
    elif classes < 1:
        raise ClassifyError(f"The map needs at least one class, not {classes}.")
    xs = _prepare(values, decimals)
    if not xs:
        return Classes(method, (), 0.0, (), decimals)
    k = min(classes, len(set(xs)))
    if method == "quantile":
        breaks = _quantile(xs, k)
    elif method == "equal":
        breaks = _equal(xs, k, decimals)
    elif method == "jenks":
        breaks = _jenks(xs, k)
    else:
        breaks = given if xs[-1] <= given[-1] else [*given, xs[-1]]
    return _finish(method, breaks, xs[0], xs, decimals)


def diverging_breaks(values: Sequence[float], classes: int = 5, *, decimals: int = 1) -> Classes:
    """Equal classes symmetric around zero, for change on last year: the outer bounds are
    ± the largest change (rounded up), so the middle colour of a diverging palette sits at
    zero. With an odd number of classes the middle class holds zero; with an even number zero
    is a break, and (classes being closed above) falls in the class below it."""
    if classes < 2:
        raise ClassifyError(f"A diverging map needs at least two classes, not {classes}.")
    xs = _prepare(values, decimals)
    if not xs:
        return Classes("diverging", (), 0.0, (), decimals)
    scale = 10**decimals
    m = math.ceil(max(abs(xs[0]), abs(xs[-1])) * scale - 1e-9) / scale
    # At least two shown steps per class, so snapping never merges two edges (and all-zero
    # data still gets a range around zero).
    m = round(max(m, classes / scale), decimals)
    width = 2 * m / classes
    # Snap the positive edges down to the shown precision and mirror them, so the classes are
    # exactly symmetric.
    positive = {
        i: _floor_to(-m + width * i, decimals) for i in range(1, classes) if 2 * i > classes
    }
    edges = []
    for i in range(1, classes):
        if 2 * i == classes:
            edges.append(0.0)
        else:
            edges.append(positive[i] if i in positive else -positive[classes - i])
    return _finish("diverging", [*edges, m], -m, xs, decimals)


# --- helpers -------------------------------------------------------------------------------


def _prepare(values: Sequence[float], decimals: int) -> list[float]:
    xs = []
    for v in values:
        if v is None or not math.isfinite(v):
            raise ClassifyError(f"{v!r} is not a number, so it cannot be put in a class.")
        xs.append(round(float(v), decimals))
    return sorted(xs)


def _floor_to(x: float, decimals: int) -> float:
    scale = 10**decimals
    # The small nudge keeps 0.3 * 10 = 2.9999999999999996 from flooring to 2.
    return round(math.floor(x * scale + 1e-9) / scale, decimals)


def _custom(breaks: Sequence[float] | None, decimals: int) -> list[float]:
    if not breaks:
        raise ClassifyError("Custom classes need at least one break.")
    out: list[float] = []
    for b in breaks:
        if b is None or not math.isfinite(b):
            raise ClassifyError(f"The break {b!r} is not a number.")
        snapped = _floor_to(float(b), decimals)
        if out and snapped <= out[-1]:
            shown = f"{out[-1]:,.{decimals}f}"
            raise ClassifyError(
                f"Custom breaks must rise from first to last: {b:g} does not come after "
                f"{shown} at the precision the map shows ({decimals} decimal places)."
            )
        out.append(snapped)
    return out


def _quantile(xs: list[float], k: int) -> list[float]:
    """Each break is a data value, so tied values always share a class and no class is
    empty; ties can leave fewer classes than asked for."""
    n = len(xs)
    return sorted({xs[-(-i * n // k) - 1] for i in range(1, k + 1)})


def _equal(xs: list[float], k: int, decimals: int) -> list[float]:
    lo, hi = xs[0], xs[-1]
    width = (hi - lo) / k
    inner = {_floor_to(lo + width * i, decimals) for i in range(1, k)}
    return [*sorted(inner - {hi}), hi]


def _jenks(xs: list[float], k: int) -> list[float]:
    """Fisher's exact optimal classes (Jenks natural breaks): least total squared deviation
    within classes. Works on distinct values weighted by how often they occur, so tied values
    never straddle a break; O(k·m²) for m distinct values, about 10,000 steps for 46 forces."""
    vals: list[float] = []
    weights: list[int] = []
    for x in xs:
        if vals and vals[-1] == x:
            weights[-1] += 1
        else:
            vals.append(x)
            weights.append(1)
    m = len(vals)
    mean = sum(xs) / len(xs)  # centring keeps the sums of squares accurate
    cw, cs, cq = [0.0], [0.0], [0.0]
    for v, w in zip(vals, weights, strict=True):
        d = v - mean
        cw.append(cw[-1] + w)
        cs.append(cs[-1] + w * d)
        cq.append(cq[-1] + w * d * d)
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(k + 1)]
    cut = [[0] * (m + 1) for _ in range(k + 1)]
    cost[0][0] = 0.0
    for c in range(1, k + 1):
        prev, row, cuts = cost[c - 1], cost[c], cut[c]
        for j in range(c, m + 1):
            best, arg = inf, c - 1
            wj, sj, qj = cw[j], cs[j], cq[j]
            for i in range(c - 1, j):
                s = sj - cs[i]
                total = prev[i] + (qj - cq[i]) - s * s / (wj - cw[i])
                if total < best:
                    best, arg = total, i
            row[j], cuts[j] = best, arg
    breaks, j = [], m
    for c in range(k, 0, -1):
        breaks.append(vals[j - 1])
        j = cut[c][j]
    return breaks[::-1]


def _finish(
    method: str, breaks: list[float], lower: float, xs: list[float], decimals: int
) -> Classes:
    counts = [0] * len(breaks)
    for x in xs:
        counts[min(bisect_left(breaks, x), len(breaks) - 1)] += 1
    return Classes(method, tuple(breaks), lower, tuple(counts), decimals)
