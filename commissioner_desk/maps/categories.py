"""A map coloured by category instead of by value: each area has one category (signed up, not
signed, …), each category one colour, and the legend counts the areas in each.

Qt-free, so the colours and counts can be tested without drawing; ui/map/renderer.py paints it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    colour: str  # fill, "#rrggbb"
    count: int = 0  # areas on the map in this category
    outline: str = "#ffffff"  # a pale fill needs a darker edge to show against the paper

    @property
    def legend_label(self) -> str:
        return f"{self.label} ({self.count})"


@dataclass(frozen=True)
class CategoryMap:
    title: str
    subtitle: str
    categories: tuple[Category, ...]  # legend order
    of: Mapping[str, str]  # force code → category key
    names: Mapping[str, str]  # force code → name, for hover text and hex labels
    legend_title: str = ""
    notes: tuple[str, ...] = ()  # under the legend
    details: Mapping[str, str] = field(default_factory=dict)  # code → more hover text

    def category_of(self, code: str) -> Category | None:
        key = self.of.get(code)
        return next((c for c in self.categories if c.key == key), None)

    def colour_of(self, code: str) -> str | None:
        found = self.category_of(code)
        return found.colour if found else None
