"""The words of the force profile page, as plain functions of the profile (easy to test)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from commissioner_desk.formatting import count, uk_date
from commissioner_desk.queries.forces import ForceText
from commissioner_desk.queries.profile import ForceProfile, OpenAction

from ...register_model import STATE_LOOK

KIND_WORDS = {
    "territorial": "Territorial police force",
    "national": "National police body",
    "non_territorial": "Non-territorial police force",
    "rocu": "Regional organised crime unit",
}
QUESTIONS = {"context": "What explains these figures?"}
GREY = "<span style='color:#4a4a4a'>{}</span>"


def facts_text(p: ForceProfile) -> str:
    population = (
        f"{count(p.population)} people ({p.population_year} estimate)"
        if p.population
        else "no population estimate, so no rates"
    )
    expected = (
        "return expected every quarter"
        if p.expected
        else "not among the 43 forces whose return is expected"
    )
    kind = KIND_WORDS.get(p.kind, p.kind)
    return f"{kind}, {p.nation} · {population} · {expected} · code {p.code}"


def flag_html(p: ForceProfile) -> str:
    if p.flag is None:
        return ""
    return (
        f"<b>Flagged: reports far less than its peers.</b> {escape(p.flag.reason)}<br>"
        + GREY.format(f"Rule: {escape(p.rule)}.")
    )


def no_return_html(p: ForceProfile) -> str:
    """Said when the force sent nothing for the latest quarter, with the register's word."""
    if not p.metrics or any(m.status != "missing" for m in p.metrics):
        return ""
    entry = next((r for r in p.returns if r.period == p.period), None)
    register = ""
    if entry is not None:
        state = STATE_LOOK.get(entry.cell.state, (entry.cell.state, ""))[0]
        n = entry.cell.chase_count
        chased = f"chased {n} time{'s' if n > 1 else ''}" if n else "not chased yet"
        register = f" Returns register: {state}, {chased}."
    return (
        f"<b>No figures from this force for {escape(p.period or '')}.</b> They are missing, "
        f"not zero.{escape(register)}"
    )


def texts_html(texts: Sequence[ForceText]) -> str:
    if not texts:
        return GREY.format("No free-text answers came with this force's recent returns.")
    parts = []
    for t in texts:
        question = QUESTIONS.get(t.question, t.question)
        parts.append(
            f"<p><b>{escape(t.period)}</b> — <i>{escape(question)}</i><br>{escape(t.text)}</p>"
        )
    return "".join(parts)


def actions_html(actions: Sequence[OpenAction]) -> str:
    """Open actions as wrapped text: titles and owners are long, and a table would cut them."""
    rows = []
    for a in actions:
        if a.due_date is None:
            due = "no due date"
        elif a.overdue:  # said in words and colour, never colour alone
            due = f"<span style='color:#b2182b'><b>overdue</b>, due {uk_date(a.due_date)}</span>"
        else:
            due = f"due {uk_date(a.due_date)}"
        rows.append(
            f"<p><b>{escape(a.reference)}</b> {escape(a.title)}<br>"
            f"<span style='color:#4a4a4a'>{escape(a.owner or 'no owner')} · {due} · "
            f"{escape(a.status_label)}</span></p>"
        )
    return "".join(rows)


def actions_or_none(actions: Sequence[OpenAction]) -> str:
    return actions_html(actions) or GREY.format("No open actions name this force.")
