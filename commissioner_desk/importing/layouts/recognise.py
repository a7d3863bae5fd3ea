"""The layout readers, tried in order: the first that recognises the workbook reads it.

Each reader is `read(workbook, ctx) -> LayoutResult | None`; None means "not my layout", so
another reader is tried. Put stricter layouts first: a template return identifies itself by
its hidden version id, and a long table by its column names, before looser detectors guess.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import LayoutResult, ReadContext
from ..readers.workbook import Workbook

Reader = Callable[[Workbook, ReadContext], LayoutResult | None]


def readers() -> tuple[Reader, ...]:
    # Imported here: layout modules import the model, which this module must not import first.
    from .. import template
    from . import long_layout, wide_layout

    # Wide tables last: they are recognised by force names alone, the loosest test.
    return (template.read_template, long_layout.read_layout, wide_layout.read_layout)


def read_any_layout(workbook: Workbook, ctx: ReadContext) -> LayoutResult | None:
    for read in readers():
        result = read(workbook, ctx)
        if result is not None:
            return result
    return None
