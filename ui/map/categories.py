"""A MapSpec for a map coloured by category (commissioner_desk/maps/categories.py), and the
canvas that shows it with each area's category on hover."""

from __future__ import annotations

from commissioner_desk.maps.categories import CategoryMap
from commissioner_desk.maps.classify import Classes
from commissioner_desk.maps.palettes import DEFAULT_SEQUENTIAL
from commissioner_desk.maps.values import ForceValue, MapValues

from .canvas import MapCanvas
from .renderer import MapSpec, Style


def category_spec(
    cmap: CategoryMap,
    style: Style = "geo",
    attribution: tuple[str, ...] = (),
    demo: bool = False,
) -> MapSpec:
    """The renderer reads names from `values`; there are no figures and no classes."""
    forces = tuple(
        ForceValue(code, name, "missing", None, None, None, None, None, None, False)
        for code, name in cmap.names.items()
    )
    values = MapValues("", cmap.title, "", "", "", "", "", "count", forces, 0, 0, None)
    return MapSpec(
        style=style,
        values=values,
        classes=Classes(method="category", breaks=(), lower=0.0, counts=()),
        palette=DEFAULT_SEQUENTIAL,
        title=cmap.title,
        subtitle=cmap.subtitle,
        attribution=attribution,
        demo=demo,
        categories=cmap,
    )


class CategoryCanvas(MapCanvas):
    """The map canvas; hovering over an area names it and says its category."""

    def tooltip_for(self, code: str) -> str:
        cmap = self.spec.categories if self.spec else None
        if cmap is None:
            return super().tooltip_for(code)
        name = cmap.names.get(code, code)
        detail = cmap.details.get(code)
        if detail:
            return f"{name}\n{detail}"
        found = cmap.category_of(code)
        return f"{name}\n{found.label}" if found else name
