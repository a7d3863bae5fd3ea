"""The briefing pack's content, from the database: key figures equal to what it holds, hidden
counts never in any block, provenance of every figure, sections offered only when their
capability is there, the threshold and the last pack kept for everyone."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import AppMeta, AuditEntry, Force, Metric, Observation, Period
from commissioner_desk.demo import load_demo
from commissioner_desk.published.disclosure import SuppressionRule
from commissioner_desk.published.suppression_store import (
    SUPPRESSION_KEY,
    load_suppression,
    save_suppression,
)
from commissioner_desk.reports import PackOptions, build_pack, last_pack, record_pack
from commissioner_desk.reports import options as pack_options
from commissioner_desk.reports.blocks import Bullets, Facts, Paragraph, Table

from .pack_data import BEFORE, CRIMES, HIDDEN, KENT, NRM, PERIOD, SURREY, add_returns

TODAY = date(2024, 6, 3)


def _texts(pack) -> list[str]:
    """Every string the pack prints."""
    out = []
    for section in pack.sections:
        out.append(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, Bullets):
                out.extend(block.items)
            elif isinstance(block, Facts):
                out.extend(v for pair in block.pairs for v in pair)
            elif isinstance(block, Table):
                out.extend(c.label for c in block.columns)
                out.extend(cell for row in block.rows for cell in row.cells)
                out.append(block.note)
    return out


def _table_after(section, words: str) -> Table:
    return next(b for b in section.blocks if isinstance(b, Table) and words in b.columns[0].label)


def _db_total(db: Database, metric: str, period: str) -> int:
    with db.session() as s:
        return s.scalar(
            select(func.sum(Observation.value))
            .join(Force, Force.id == Observation.force_id)
            .join(Metric, Metric.id == Observation.metric_id)
            .join(Period, Period.id == Observation.period_id)
            .where(
                Metric.key == metric,
                Period.key == period,
                Observation.breakdown == "",
                Observation.is_current.is_(True),
                (Force.kind == "territorial") | (Force.code == "BTP"),
            )
        )


@pytest.fixture
def pack(db):
    add_returns(db)
    return build_pack(db, PackOptions(PERIOD, per_force=True, today=TODAY))


def test_key_figures_equal_what_the_database_holds(db, pack):
    table = _table_after(pack.section("key_figures"), "Figure")
    rows = {row.cells[0]: row.cells for row in table.rows}
    nrm, crimes = rows["NRM referrals"], rows["Modern slavery crimes recorded"]
    assert nrm[1] == f"{_db_total(db, 'nrm_referrals', PERIOD):,}" == "759"
    assert crimes[1] == f"{_db_total(db, 'ms_crimes_recorded', PERIOD):,}" == "304"
    assert crimes[2] == f"{sum(CRIMES[BEFORE].values()):,}" and crimes[4] == "4"
    assert nrm[3] == f"+{(759 - 737) * 100 / 737:.1f}%"
    assert rows["Modern slavery convictions"][1:4] == ("–", "–", "–")  # none held: not 0
    assert "5 of the 43" not in " ".join(_texts(pack))
    assert "Returns received for January to March 2024: 4 of the 43" in " ".join(_texts(pack))


def test_hidden_counts_their_rates_and_changes_never_appear(pack, geo_dir):
    if geo_dir is None:
        pytest.skip("ranks by rate need the population file in ../shared/geo")
    forces = _table_after(pack.section("forces"), "Rank")
    rows = {row.cells[1]: row.cells for row in forces.rows}
    assert rows["Kent Police"][2:5] == ("[c]", "[c]", "[c]")
    assert rows["Essex Police"][2:5] == ("[c]", "[c]", "[c]")
    assert rows["Kent Police"][0] == rows["Essex Police"][0] == "–"  # not ranked
    assert rows["Surrey Police"][2] == "268" and rows["All forces"][2] == "759"
    ranked = [r.cells[1] for r in forces.rows if r.cells[0] not in ("–", "")]
    assert set(ranked) == {"Surrey Police", "Sussex Police"}
    printed = " ".join(_texts(pack))
    assert "137" not in printed  # the complementary suppression
    essex_change = (137 - 120) * 100 / 120
    kent_change = (3 - 40) * 100 / 40
    assert f"{essex_change:.1f}%" not in printed and f"{abs(kent_change):.1f}%" not in printed
    for code in HIDDEN:
        page = pack.section(f"force:{code}")
        figures = next(b for b in page.blocks if isinstance(b, Table))
        nrm = next(r for r in figures.rows if r.cells[0] == "NRM referrals")
        assert nrm.cells[1] == nrm.cells[3] == nrm.cells[4] == "[c]" and nrm.cells[5] == "–"
    pages = [b for b in pack.section(f"force:{KENT}").blocks if type(b).__name__ == "Trends"]
    last = pages[0].trends[0].points[-1]
    assert (last.value, last.text) == (None, "[c]")


def test_the_map_shows_hidden_forces_as_suppressed(pack):
    figure = pack.section("map").blocks[0]
    for code in HIDDEN:
        f = figure.values.force(code)
        assert (f.status, f.count, f.rate, f.value, f.rank) == (
            "suppressed",
            None,
            None,
            None,
            None,
        )
    assert figure.values.force(SURREY).count == NRM[PERIOD][SURREY]


def test_provenance_names_every_file_batch_and_date(pack):
    lines = {line.file_name: line for line in pack.provenance}
    assert set(lines) == {
        f"{name} return {p}.xlsx"
        for name in ("Kent", "Essex", "Surrey", "Sussex")
        for p in (PERIOD, BEFORE)
    }
    kent = lines[f"Kent return {PERIOD}.xlsx"]
    assert kent.figures == 2 and kent.forces == ("Kent Police",) and kent.periods == (PERIOD,)
    assert kent.metrics == ("NRM referrals", "Modern slavery crimes recorded")
    assert kent.cells == "sheet Figures, 2 cells C5 to C9"
    assert "imported by ann.clerk on 2 May 2024 10:30" in kent.imported  # BST
    annex = " ".join(_texts(pack))
    assert all(name in annex for name in lines) and f"batch {kent.batch_id}," in annex
    assert "Counts from 1 to 4 are shown as [c]" in annex
    assert "mid-2024" in annex or "the latest ONS" in annex


def test_a_quarter_without_figures_is_refused_in_plain_words(db):
    add_returns(db)
    with pytest.raises(ValueError, match="No figures are held for April to June 2024"):
        build_pack(db, PackOptions("2024-Q2", today=TODAY))
    pack = build_pack(db, PackOptions("2024-Q2", sections=("cover", "actions"), today=TODAY))
    assert [s.key for s in pack.sections] == ["cover", "actions"]


def test_sections_whose_capability_has_not_landed_are_not_offered(monkeypatch):
    assert "actions" in {s.key for s in pack_options.offered_sections()}
    landed = pack_options._landed
    monkeypatch.setattr(
        pack_options,
        "_landed",
        lambda module: module != "commissioner_desk.network.actions" and landed(module),
    )
    assert "actions" not in {s.key for s in pack_options.offered_sections()}
    with pytest.raises(ValueError, match="cannot make the actions section"):
        PackOptions(PERIOD, sections=("cover", "actions")).checked()


def test_options_are_checked_and_cleaned():
    options = PackOptions("2024-Q1", marking="  official-sensitive  personal ").checked()
    assert options.marking == "OFFICIAL-SENSITIVE PERSONAL"
    with pytest.raises(ValueError, match="covers one quarter"):
        PackOptions("2023/24").checked()
    with pytest.raises(ValueError, match="Choose the protective marking"):
        PackOptions("2024-Q1", marking="  ").checked()


def test_the_threshold_is_kept_for_everyone_and_audited(db):
    assert load_suppression(db) == SuppressionRule(4)
    save_suppression(db, SuppressionRule(9))
    other = Database(db.url, user="colleague")
    try:
        assert load_suppression(other) == SuppressionRule(9)
    finally:
        other.dispose()
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "app_meta")).one()
        assert entry.who == "tester"
        assert json.loads(entry.details) == {
            "key": SUPPRESSION_KEY,
            "value": [None, '{"threshold": 9}'],
        }
    with pytest.raises(ValueError, match="from 1 to 20"):
        save_suppression(db, SuppressionRule(0))
    with db.session() as s:
        s.merge(AppMeta(key=SUPPRESSION_KEY, value="not json"))
    assert load_suppression(db) == SuppressionRule(4)  # unreadable: the default, not a crash


def test_a_higher_threshold_hides_more(db):
    add_returns(db)
    pack = build_pack(db, PackOptions(PERIOD, suppression=SuppressionRule(100), today=TODAY))
    rows = {r.cells[1]: r.cells for r in _table_after(pack.section("forces"), "Rank").rows}
    assert rows["Essex Police"][2] == "[c]" and rows["Kent Police"][2] == "[c]"
    assert "Counts from 1 to 100" in " ".join(_texts(pack))


def test_decisions_since_the_last_pack(db):
    load_demo(db, today=date(2016, 6, 1))
    assert last_pack(db) is None
    first = build_pack(db, PackOptions("2016-Q1", sections=("actions",), today=date(2016, 6, 1)))
    assert "No pack has been produced before" in " ".join(_texts(first))
    record_pack(db, date(2016, 6, 1), "2016-Q1", "1.0")
    assert last_pack(db).produced_on == date(2016, 6, 1) and last_pack(db).by == "tester"
    later = build_pack(db, PackOptions("2016-Q1", sections=("actions",), today=date(2016, 6, 20)))
    assert "since the last pack, produced on 1 Jun 2016 (2016-Q1, version 1.0)" in " ".join(
        _texts(later)
    )


def test_the_demo_pack_says_it_is_demo(db):
    load_demo(db, today=date(2016, 6, 1))
    pack = build_pack(db, PackOptions("2016-Q1", today=date(2016, 6, 1)))
    assert pack.demo
    assert "DEMO DATA" in pack.section("cover").blocks[0].demo_note
    assert [line.file_name for line in pack.provenance] == ["demo (synthetic)"]
    assert pack.provenance[0].supplied.startswith(
        f"{pack.provenance[0].figures:,} figures for 46 forces"
    )
