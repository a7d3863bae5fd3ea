"""Free-text answers stored with a return: written as rows of the batch, counted when deciding
whether a file is unchanged, a changed answer alone is a new version."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from commissioner_desk.db.models import Force, ForceReturn, ImportBatch, Observation, ReturnText
from commissioner_desk.db.models import Period as PeriodRow
from commissioner_desk.demo import load_demo
from commissioner_desk.importing import PlannedText, commit_plan

from .conftest import KENT, MET
from .test_commit import counts, plan_rows

CONTEXT = "context"
PARTNERS = "partnership_work"


def with_texts(plan, *answers: tuple[str, str, str, str]):
    """The plan plus answers (force code, period, question, text) at Returns!H2, H3, …"""
    texts = tuple(
        PlannedText(code, period, question, text, "Returns", f"H{n}")
        for n, (code, period, question, text) in enumerate(answers, start=2)
    )
    return replace(plan, texts=texts)


def stored_texts(db) -> list[tuple]:
    """(force, period, question, text, sheet, cell, batch) in the order written."""
    with db.session() as s:
        query = (
            select(
                Force.code,
                PeriodRow.key,
                ReturnText.question,
                ReturnText.text,
                ReturnText.sheet,
                ReturnText.cell,
                ReturnText.batch_id,
            )
            .join(Force, Force.id == ReturnText.force_id)
            .join(PeriodRow, PeriodRow.id == ReturnText.period_id)
            .order_by(ReturnText.id)
        )
        return [tuple(r) for r in s.execute(query)]


def test_answers_are_stored_with_the_batch(db, tmp_path, resolver):
    plan = with_texts(
        plan_rows(tmp_path, resolver),
        (KENT, "2024-Q3", CONTEXT, "A large county lines operation was closed."),
        (MET, "2024-Q3", PARTNERS, "Joint visits with the GLAA."),
    )
    out = commit_plan(db, plan)
    assert (out.status, out.added, out.texts_added) == ("ok", 4, 2)
    assert stored_texts(db) == [
        (
            KENT,
            "2024-Q3",
            CONTEXT,
            "A large county lines operation was closed.",
            "Returns",
            "H2",
            out.batch_id,
        ),
        (MET, "2024-Q3", PARTNERS, "Joint visits with the GLAA.", "Returns", "H3", out.batch_id),
    ]


def test_identical_figures_and_answers_write_nothing(db, tmp_path, resolver):
    answer = (KENT, "2024-Q3", CONTEXT, "Seasonal rise.")
    commit_plan(db, with_texts(plan_rows(tmp_path, resolver), answer))
    before = counts(db)
    texts = stored_texts(db)
    again = commit_plan(db, with_texts(plan_rows(tmp_path, resolver), answer))
    assert (again.status, again.batch_id, again.texts_added, again.unchanged) == (
        "unchanged",
        None,
        0,
        4,
    )
    assert counts(db) == before
    assert stored_texts(db) == texts


def test_changed_answer_alone_is_a_new_version(db, tmp_path, resolver):
    first = commit_plan(
        db,
        with_texts(
            plan_rows(tmp_path, resolver),
            (KENT, "2024-Q3", CONTEXT, "Seasonal rise."),
            (KENT, "2024-Q3", PARTNERS, "Work with councils."),
        ),
    )
    second = commit_plan(
        db,
        with_texts(
            plan_rows(tmp_path, resolver, name="kent v2.xlsx"),
            (KENT, "2024-Q3", CONTEXT, "Seasonal rise, and one large operation."),
            (KENT, "2024-Q3", PARTNERS, "Work with councils."),  # unchanged: not written again
        ),
    )
    assert (second.status, second.added, second.superseded, second.texts_added) == ("ok", 0, 0, 1)
    assert second.batch_id != first.batch_id
    rows = stored_texts(db)
    assert [(r[2], r[3], r[6]) for r in rows] == [
        (CONTEXT, "Seasonal rise.", first.batch_id),  # the earlier answer is kept
        (PARTNERS, "Work with councils.", first.batch_id),
        (CONTEXT, "Seasonal rise, and one large operation.", second.batch_id),
    ]
    with db.session() as s:
        assert s.scalar(select(Observation.batch_id).distinct()) == first.batch_id
        owners = set(s.scalars(select(ForceReturn.batch_id)))
        assert owners == {second.batch_id}  # the register names the newest version
        assert s.get(ImportBatch, second.batch_id).files[0].file_name == "kent v2.xlsx"


def test_answers_only_plan_is_imported(db, tmp_path, resolver):
    plan = replace(plan_rows(tmp_path, resolver), figures=())
    out = commit_plan(db, with_texts(plan, (MET, "2024-Q1", CONTEXT, "Nothing unusual.")))
    assert (out.status, out.added, out.texts_added, out.periods) == ("ok", 0, 1, ("2024-Q1",))
    assert [r[:4] for r in stored_texts(db)] == [(MET, "2024-Q1", CONTEXT, "Nothing unusual.")]


def test_real_answer_replaces_demo_answer_even_when_equal(db, tmp_path, resolver):
    today = date(2016, 1, 15)  # the demo writes answers for 2015-Q3 and 2015-Q4
    load_demo(db, today=today)
    demo = stored_texts(db)
    assert demo, "the demo data should hold answers to test against"
    code, period, question, text, *_ = demo[-1]
    rows = [(code, period, "NRM referrals", None, 3)]
    plan = plan_rows(tmp_path, resolver, rows, today=today)
    out = commit_plan(db, with_texts(plan, (code, period, question, text)))
    assert out.texts_added == 1
    latest = [r for r in stored_texts(db) if r[:3] == (code, period, question)][-1]
    assert (latest[3], latest[6]) == (text, out.batch_id)
