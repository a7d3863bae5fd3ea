"""A briefing pack that maps and ranks one of the office's own metrics: an FTE decimal shown to
two places and never hidden, a percentage ranked as it is with no all-forces figure; the key
figures keep to the built-in counts."""

from __future__ import annotations

from datetime import date

import pytest

from commissioner_desk.importing import commit_plan
from commissioner_desk.reports import PackOptions, build_pack
from commissioner_desk.reports.blocks import Table

from ..figure_plans import FTE, SHARE, add_context_metrics, plan_of
from .pack_data import ESSEX, KENT, PERIOD, SURREY, add_returns
from .test_build import _table_after, _texts

TODAY = date(2024, 6, 3)


@pytest.fixture
def held(db, tmp_path):
    add_returns(db)
    add_context_metrics(db)
    rows = [(KENT, PERIOD, FTE, 3456.78), (ESSEX, PERIOD, FTE, 2.5), (SURREY, PERIOD, FTE, 1999)]
    rows += [(KENT, PERIOD, SHARE, 12.5), (ESSEX, PERIOD, SHARE, 40), (SURREY, PERIOD, SHARE, 7.25)]
    commit_plan(db, plan_of(tmp_path / "context.xlsx", rows))
    return db


def _rows(pack) -> dict[str, tuple[str, ...]]:
    table = _table_after(pack.section("forces"), "Rank")
    return {row.cells[1]: row.cells for row in table.rows}


def test_a_decimal_metric_is_mapped_and_ranked_without_disclosure_control(held):
    pack = build_pack(held, PackOptions(PERIOD, metric_key=FTE, today=TODAY))
    rows = _rows(pack)
    assert rows["Kent Police"][2] == "3,456.78"
    assert rows["Essex Police"][2] == "2.5"  # small, yet shown: it identifies no one
    assert rows["All forces"][2] == "5,458.28"
    table = _table_after(pack.section("forces"), "Rank")
    assert [c.label for c in table.columns][2] == "Figure"
    assert table.note.startswith("Nothing is hidden: these figures are not counts of people.")
    figure = pack.section("map").blocks[0]
    assert figure.values.unit == "decimal" and figure.values.force(ESSEX).count == 2.5
    # The key figures keep to the office's own return: the built-in counts.
    key = next(b for b in pack.section("key_figures").blocks if isinstance(b, Table))
    assert "Police officers (FTE)" not in [r.cells[0] for r in key.rows]


def test_a_percentage_is_ranked_as_it_is_with_no_all_forces_figure(held):
    pack = build_pack(held, PackOptions(PERIOD, metric_key=SHARE, today=TODAY))
    rows = _rows(pack)
    assert "All forces" not in rows
    assert rows["Essex Police"][:3] == ("1", "Essex Police", "40%")
    assert rows["Kent Police"][:3] == ("2", "Kent Police", "12.5%")
    table = _table_after(pack.section("forces"), "Rank")
    assert [c.label for c in table.columns] == ["Rank", "Force", "Per cent", "Return", "Flag"]
    printed = " ".join(_texts(pack))
    assert "A percentage is not added up across forces, so there is no all-forces figure" in (
        printed
    )
    caption = pack.section("map").blocks[0].caption
    assert "it has no rate and is not added up across forces" in caption
    assert pack.section("annex") is not None  # the annex finds its population year elsewhere
