"""The force registry as the Forces page shows it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..db.database import Database
from ..db.enums import RETURNED_STATES
from ..db.models import Force, ForceAlias, ForceReturn, Population


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
