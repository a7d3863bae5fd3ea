"""The force registry as the Forces page shows it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..db.database import Database
from ..db.models import Force, ForceAlias, ForceReturn, Population
from ..domain.enums import RETURNED_STATES


@dataclass(frozen=True)
class ForceRow:
    id: int
    code: str
    display_name: str
    ons_name: str
    kind: str
    nation: str
    region: str
    population: int | None
    population_year: int | None
    aliases: tuple[str, ...]
    returns_received: int


def list_forces(db: Database) -> list[ForceRow]:
    with db.session() as s:
        latest_year = (
            select(Population.force_id, func.max(Population.year).label("year"))
            .group_by(Population.force_id)
            .subquery()
        )
        pops = {
            fid: (pop, year)
            for fid, pop, year in s.execute(
                select(Population.force_id, Population.population, Population.year).join(
                    latest_year,
                    (latest_year.c.force_id == Population.force_id)
                    & (latest_year.c.year == Population.year),
                )
            )
        }
        aliases: dict[int, list[str]] = {}
        for fid, alias in s.execute(
            select(ForceAlias.force_id, ForceAlias.alias).order_by(ForceAlias.alias)
        ):
            aliases.setdefault(fid, []).append(alias)
        received = dict(
            s.execute(
                select(ForceReturn.force_id, func.count())
                .where(ForceReturn.state.in_(RETURNED_STATES))
                .group_by(ForceReturn.force_id)
            ).all()
        )
        rows = []
        for f in s.scalars(select(Force).order_by(Force.display_name)):
            pop, year = pops.get(f.id, (None, None))
            shown = {f.display_name, f.code}
            rows.append(
                ForceRow(
                    id=f.id,
                    code=f.code,
                    display_name=f.display_name,
                    ons_name=f.ons_name,
                    kind=f.kind,
                    nation=f.nation,
                    region=f.region,
                    population=pop,
                    population_year=year,
                    aliases=tuple(a for a in aliases.get(f.id, []) if a not in shown),
                    returns_received=received.get(f.id, 0),
                )
            )
        return rows


@dataclass(frozen=True)
class ForceText:
    period: str
    question: str  # stable key, e.g. "context"
    text: str
    is_demo: bool
    id: int = 0  # the answer's row (return_texts.id), e.g. to draft a practice entry from it


def force_texts(db: Database, code: str, limit: int = 6) -> list[ForceText]:
    """What a force said with its returns ("what explains these figures"), newest first.
    Only answers from batches still in use; a later answer to the same question replaces an
    earlier one for that quarter."""
    from ..db.models import ImportBatch, Period, ReturnText
    from ..domain.enums import BatchStatus

    with db.session() as s:
        rows = s.execute(
            select(
                Period.key, ReturnText.question, ReturnText.text, ImportBatch.is_demo, ReturnText.id
            )
            .join(Force, Force.id == ReturnText.force_id)
            .join(Period, Period.id == ReturnText.period_id)
            .join(ImportBatch, ImportBatch.id == ReturnText.batch_id)
            .where(Force.code == code, ImportBatch.status == BatchStatus.COMMITTED)
            .order_by(Period.start_date.desc(), ReturnText.batch_id.desc())
        ).all()
    seen, out = set(), []
    for period, question, text, is_demo, text_id in rows:
        if (period, question) not in seen:
            seen.add((period, question))
            out.append(ForceText(period, question, text, is_demo, text_id))
    return out[:limit]
