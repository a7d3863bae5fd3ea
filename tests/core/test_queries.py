"""What the pages read: summary, registry rows and figures with their provenance."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from commissioner_desk.db.models import Force, ForceReturn, Observation, Period
from commissioner_desk.demo import load_demo
from commissioner_desk.domain.enums import RETURNED_STATES
from commissioner_desk.queries.figures import figure_choices, forces_without_figures, list_figures
from commissioner_desk.queries.forces import list_forces
from commissioner_desk.queries.summary import database_summary

TODAY = date(2016, 6, 1)  # demo data 2014-Q1 to 2016-Q1: quick to load


def test_empty_database_summary_is_empty(db):
    summary = database_summary(db)
    assert summary.is_empty
    assert summary.observations == 0 and summary.first_period is None
    assert summary.forces >= 58  # the registry is there even with no figures
    assert summary.returns_expected == 43  # the territorial forces of England and Wales


def test_summary_counts_territorial_returns_only(db):
    load_demo(db, today=TODAY)
    summary = database_summary(db, today=TODAY)
    assert not summary.is_empty and summary.demo_loaded
    assert (summary.first_period, summary.last_period) == ("2014-Q1", "2016-Q1")
    assert summary.last_period_label == "January to March 2016"
    with db.session() as s:
        states = s.execute(
            select(Force.kind, Force.nation, ForceReturn.state)
            .join(Force, Force.id == ForceReturn.force_id)
            .join(Period, Period.id == ForceReturn.period_id)
            .where(Period.key == "2016-Q1")
        ).all()
    returned = [(kind, nation) for kind, nation, state in states if state in RETURNED_STATES]
    # BTP and Police Scotland returned, but they are not among the 43 expected every quarter.
    assert ("non_territorial", "United Kingdom") in returned
    assert ("territorial", "Scotland") in returned
    expected = [r for r in returned if r[0] == "territorial" and r[1] in ("England", "Wales")]
    assert summary.returns_received == len(expected)
    assert summary.returns_received < summary.returns_expected


def test_forces_rows_carry_population_and_aliases(db, geo_dir):
    rows = {r.code: r for r in list_forces(db)}
    met = rows["E23000001"]
    assert met.display_name == "Metropolitan Police Service"
    assert "MPS" in met.aliases
    assert rows["BTP"].population is None  # no population: no rate, never zero
    if geo_dir is not None:
        assert met.population and met.population_year == 2024


def test_figures_give_rates_provenance_and_name_forces_without_figures(db, geo_dir):
    load_demo(db, today=TODAY)
    choices = figure_choices(db, "nrm_referrals")
    assert choices.periods[0] == "2016-Q1"
    assert "" in choices.breakdowns and "age=child" in choices.breakdowns
    rows = list_figures(db, "nrm_referrals", "2016-Q1")
    assert rows and all(r.breakdown == "" for r in rows)
    assert all(r.is_demo and r.batch_id for r in rows)
    btp = next(r for r in rows if r.force_code == "BTP")
    assert btp.rate_per_100k is None
    if geo_dir is not None:
        kent = next(r for r in rows if r.force_code == "E23000032")
        assert kent.rate_per_100k is not None
        assert abs(kent.rate_per_100k - kent.value * 100_000 / 1_931_700) < 1e-9
    every = list_figures(db, "nrm_referrals", "2016-Q1", None)
    assert len(every) > len(rows)

    # Take Kent's figures out of the current set: Kent is then named as having none.
    with db.session() as s:
        kent_id = s.scalar(select(Force.id).where(Force.code == "E23000032"))
        s.execute(
            update(Observation).where(Observation.force_id == kent_id).values(is_current=False)
        )
    assert "Kent Police" in forces_without_figures(db, "nrm_referrals", "2016-Q1")
    assert all(r.force_code != "E23000032" for r in list_figures(db, "nrm_referrals", "2016-Q1"))


def test_force_texts_newest_first_one_per_quarter_and_question(db):
    from commissioner_desk.queries.forces import force_texts

    load_demo(db)  # the demo's last two quarters carry free-text context for some forces
    with db.session() as s:
        from commissioner_desk.db.models import ReturnText

        code = s.scalar(
            select(Force.code).join(ReturnText, ReturnText.force_id == Force.id).limit(1)
        )
    texts = force_texts(db, code)
    assert texts and all(t.is_demo and t.text for t in texts)
    keys = [(t.period, t.question) for t in texts]
    assert len(keys) == len(set(keys))
    assert [t.period for t in texts] == sorted((t.period for t in texts), reverse=True)
    assert force_texts(db, "E23000001" if code != "E23000001" else "BTP", limit=0) == []
