"""What committing a plan would change, figure by figure, against the figures held now.

The preview before an import shows this diff; `commit_plan` uses the same lookups and the same
"is it unchanged?" rule (`Held.same_as`), so the preview and the commit cannot disagree.
A current figure the new file leaves out is listed as "not in the new file": it stays current,
because a file that omits a figure is not saying the figure is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from commissioner_desk.db.database import Database
from commissioner_desk.db.figure_value import stored_value
from commissioner_desk.db.models import (
    Force,
    ImportBatch,
    Metric,
    Observation,
    ReturnText,
    SourceFile,
)
from commissioner_desk.db.models import Period as PeriodRow
from commissioner_desk.domain.catalogue import parse_breakdown
from commissioner_desk.domain.enums import ObservationStatus

from ..model import PlannedFigure, PlannedText
from ..plan import JSON_STATUS, ImportPlan

FigureKey = tuple[int, int, int, str]  # force_id, period_id, metric_id, breakdown
TextKey = tuple[int, int, str]  # force_id, period_id, question
Kind = Literal["new", "changed", "unchanged"]
NOT_IN_FILE = "not_in_file"
NOT_IN_FILE_NOTE = (
    "These figures are held now but the new file does not contain them. Importing keeps them "
    "as they are: they stay current and are not deleted."
)


@dataclass(frozen=True)
class Held:
    """A current figure as stored, with where it came from."""

    id: int
    force_id: int
    period_id: int
    metric_id: int
    breakdown: str
    status: ObservationStatus
    value: int | float | None  # float: a decimal metric's or a percentage's figure
    is_demo: bool
    batch_id: int
    file_name: str | None
    sheet: str | None
    cell: str | None

    def same_as(self, f: PlannedFigure) -> bool:
        # Demo figures are always replaced, even by an equal value: real data must own it.
        # The new value is compared as it would be stored (to four places).
        return not self.is_demo and (self.status, self.value) == (f.status, stored_value(f.value))


@dataclass(frozen=True)
class HeldText:
    """The latest stored answer to one question for a force and period."""

    id: int
    text: str
    batch_id: int
    is_demo: bool
    sheet: str | None
    cell: str | None

    def same_as(self, t: PlannedText) -> bool:
        return not self.is_demo and self.text == t.text


@dataclass(frozen=True)
class Ids:
    """Database ids of what a plan names; a name the database does not hold is absent."""

    forces: dict[str, int]
    metrics: dict[str, int]
    periods: dict[str, int]  # only periods the database already holds

    def figure_key(self, f: PlannedFigure) -> FigureKey | None:
        parts = (
            self.forces.get(f.force_code),
            self.periods.get(f.period_key),
            self.metrics.get(f.metric_key),
        )
        if None in parts:
            return None  # nothing can be held under a name the database has never seen
        return (*parts, f.breakdown)  # type: ignore[return-value]

    def text_key(self, t: PlannedText) -> TextKey | None:
        force, period = self.forces.get(t.force_code), self.periods.get(t.period_key)
        return None if force is None or period is None else (force, period, t.question)


def lookup_ids(s: Session, plan: ImportPlan) -> Ids:
    codes = {f.force_code for f in plan.figures} | {t.force_code for t in plan.texts}
    keys = {f.period_key for f in plan.figures} | {t.period_key for t in plan.texts}
    forces = dict(s.execute(select(Force.code, Force.id).where(Force.code.in_(codes))).all())
    metrics = dict(s.execute(select(Metric.key, Metric.id)).all())
    periods = dict(
        s.execute(select(PeriodRow.key, PeriodRow.id).where(PeriodRow.key.in_(keys))).all()
    )
    return Ids(forces, metrics, periods)


def held_figures(s: Session, ids: Ids, metric_ids: set[int] | None = None) -> dict[FigureKey, Held]:
    """Current figures for the plan's forces and periods (optionally only some metrics)."""
    if not ids.forces or not ids.periods:
        return {}
    query = (
        select(
            Observation.id,
            Observation.force_id,
            Observation.period_id,
            Observation.metric_id,
            Observation.breakdown,
            Observation.status,
            Observation.value,
            ImportBatch.is_demo,
            Observation.batch_id,
            SourceFile.file_name,
            Observation.sheet,
            Observation.cell,
        )
        .join(ImportBatch, ImportBatch.id == Observation.batch_id)
        .outerjoin(SourceFile, SourceFile.id == Observation.source_file_id)
        .where(
            Observation.is_current,
            Observation.force_id.in_(list(ids.forces.values())),
            Observation.period_id.in_(list(ids.periods.values())),
        )
    )
    if metric_ids is not None:
        query = query.where(Observation.metric_id.in_(list(metric_ids)))
    held = (Held(*row) for row in s.execute(query))
    return {(h.force_id, h.period_id, h.metric_id, h.breakdown): h for h in held}


def held_texts(s: Session, ids: Ids) -> dict[TextKey, HeldText]:
    """The latest answer to each question for the plan's forces and periods.

    Answers are never updated in place: a later batch adds a row, and undo removes its batch's
    rows, so the answer in force is simply the one from the newest batch still holding one.
    """
    if not ids.forces or not ids.periods:
        return {}
    query = (
        select(
            ReturnText.force_id,
            ReturnText.period_id,
            ReturnText.question,
            ReturnText.id,
            ReturnText.text,
            ReturnText.batch_id,
            ImportBatch.is_demo,
            ReturnText.sheet,
            ReturnText.cell,
        )
        .join(ImportBatch, ImportBatch.id == ReturnText.batch_id)
        .where(
            ReturnText.force_id.in_(list(ids.forces.values())),
            ReturnText.period_id.in_(list(ids.periods.values())),
        )
        .order_by(ReturnText.batch_id, ReturnText.id)  # later rows win below
    )
    return {(f, p, q): HeldText(*rest) for f, p, q, *rest in s.execute(query)}


@dataclass(frozen=True)
class FigureDiff:
    kind: Kind | Literal["not_in_file"]
    force_code: str
    force_name: str
    period_key: str
    metric_key: str
    breakdown: str
    new: PlannedFigure | None  # None for a figure not in the new file
    old_status: ObservationStatus | None = None  # None for a new figure
    old_value: int | float | None = None
    old_file: str | None = None  # the file the current figure came from
    old_sheet: str | None = None
    old_cell: str | None = None
    old_batch_id: int | None = None
    old_is_demo: bool = False

    def to_json(self) -> dict:
        new = self.new
        old = None
        if self.old_status is not None:
            old = {
                "status": JSON_STATUS[self.old_status],
                "value": self.old_value,
                "file": self.old_file,
                "source": f"{self.old_sheet}!{self.old_cell}" if self.old_sheet else None,
                "batch_id": self.old_batch_id,
                "demo": self.old_is_demo,
            }
        return {
            "kind": self.kind,
            "force_code": self.force_code,
            "force_name": self.force_name,
            "period": self.period_key,
            "metric": self.metric_key,
            "breakdown": parse_breakdown(self.breakdown),
            "new": None
            if new is None
            else {"status": JSON_STATUS[new.status], "value": new.value, "source": new.location},
            "old": old,
        }


@dataclass(frozen=True)
class TextDiff:
    kind: Kind
    new: PlannedText
    old_text: str | None = None
    old_batch_id: int | None = None

    def to_json(self) -> dict:
        t = self.new
        return {
            "kind": self.kind,
            "force_code": t.force_code,
            "period": t.period_key,
            "question": t.question,
            "text": t.text,
            "source": f"{t.sheet}!{t.cell}",
            "old_text": self.old_text,
            "old_batch_id": self.old_batch_id,
        }


@dataclass(frozen=True)
class PlanDiff:
    path: Path
    figures: tuple[FigureDiff, ...]  # one per figure in the plan, in the plan's order
    not_in_file: tuple[FigureDiff, ...]  # held figures the new file leaves out (kept)
    texts: tuple[TextDiff, ...] = ()

    def count(self, kind: str) -> int:
        if kind == NOT_IN_FILE:
            return len(self.not_in_file)
        return sum(1 for d in self.figures if d.kind == kind)

    @property
    def writes_nothing(self) -> bool:
        """True when committing would store nothing: the file is already imported."""
        return all(d.kind == "unchanged" for d in (*self.figures, *self.texts))

    def to_json(self) -> dict:
        return {
            "path": str(self.path),
            "summary": {
                **{k: self.count(k) for k in ("new", "changed", "unchanged", NOT_IN_FILE)},
                "texts": {
                    k: sum(1 for t in self.texts if t.kind == k)
                    for k in ("new", "changed", "unchanged")
                },
            },
            "figures": [d.to_json() for d in self.figures],
            "not_in_file": [d.to_json() for d in self.not_in_file],
            "not_in_file_note": NOT_IN_FILE_NOTE,
            "texts": [t.to_json() for t in self.texts],
        }


def diff_plan(db: Database, plan: ImportPlan) -> PlanDiff:
    """Compare the plan with the current figures and answers (reads only; writes nothing)."""
    with db.session() as s:
        ids = lookup_ids(s, plan)
        wanted = {ids.metrics[f.metric_key] for f in plan.figures if f.metric_key in ids.metrics}
        held = held_figures(s, ids, wanted)
        texts = held_texts(s, ids)
        figures = tuple(_figure_diff(f, held.get(ids.figure_key(f))) for f in plan.figures)
        in_file = {k for f in plan.figures if (k := ids.figure_key(f)) is not None}
        triples = {k[:3] for k in in_file}
        left_out = [h for k, h in held.items() if k[:3] in triples and k not in in_file]
        not_in_file = _not_in_file(s, ids, left_out)
        text_diffs = tuple(_text_diff(t, texts.get(ids.text_key(t))) for t in plan.texts)
    return PlanDiff(plan.path, figures, not_in_file, text_diffs)


def _figure_diff(f: PlannedFigure, old: Held | None) -> FigureDiff:
    base = (f.force_code, f.force_name, f.period_key, f.metric_key, f.breakdown, f)
    if old is None:
        return FigureDiff("new", *base)
    kind: Kind = "unchanged" if old.same_as(f) else "changed"
    return FigureDiff(kind, *base, *_old(old))


def _old(h: Held) -> tuple:
    return (h.status, h.value, h.file_name, h.sheet, h.cell, h.batch_id, h.is_demo)


def _not_in_file(s: Session, ids: Ids, left_out: list[Held]) -> tuple[FigureDiff, ...]:
    if not left_out:
        return ()
    codes = {v: k for k, v in ids.forces.items()}
    metrics = {v: k for k, v in ids.metrics.items()}
    periods = {v: k for k, v in ids.periods.items()}
    names = dict(s.execute(select(Force.id, Force.display_name).where(Force.id.in_(codes))).all())
    out = [
        FigureDiff(
            NOT_IN_FILE,
            codes[h.force_id],
            names[h.force_id],
            periods[h.period_id],
            metrics[h.metric_id],
            h.breakdown,
            None,
            *_old(h),
        )
        for h in left_out
    ]
    out.sort(key=lambda d: (d.force_code, d.period_key, d.metric_key, d.breakdown))
    return tuple(out)


def _text_diff(t: PlannedText, old: HeldText | None) -> TextDiff:
    if old is None:
        return TextDiff("new", t)
    return TextDiff("unchanged" if old.same_as(t) else "changed", t, old.text, old.batch_id)
