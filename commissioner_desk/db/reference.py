"""Keep the database's reference data (forces, catalogue, populations) in step with the files.

Runs at start-up after migrations. A fingerprint of the source files is stored in app_meta, so
the usual start-up does one small query and nothing else.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .. import paths
from ..domain import catalogue
from ..domain.forces import ForceRecord, load_registry, normalise_force_name
from ..domain.periods import Period as DomainPeriod
from ..domain.population import PopulationFileError, load_population_csv
from .audit import record_bulk
from .database import Database
from .models import (
    AppMeta,
    Dimension,
    DimensionValue,
    Force,
    ForceAlias,
    Metric,
    MetricDimension,
    Period,
    Population,
)

FINGERPRINT_KEY = "reference_fingerprint"
REFERENCE_VERSION = "2"  # bump when the sync logic itself changes


def registry_path() -> Path:
    return paths.resources_dir() / "forces.toml"


def population_path(geo_dir: Path | None) -> Path | None:
    if geo_dir is None:
        return None
    path = geo_dir / "pfa_population.csv"
    return path if path.is_file() else None


def fingerprint(geo_dir: Path | None) -> str:
    h = hashlib.sha256(REFERENCE_VERSION.encode())
    h.update(registry_path().read_bytes())
    h.update(repr((catalogue.METRICS, catalogue.DIMENSIONS)).encode())
    if (pop := population_path(geo_dir)) is not None:
        h.update(pop.read_bytes())
    return h.hexdigest()


def sync_reference_data(db: Database, geo_dir: Path | None) -> bool:
    """Bring reference tables up to date; returns True when anything had to be written."""
    wanted = fingerprint(geo_dir)
    with db.session() as s:
        meta = s.get(AppMeta, FINGERPRINT_KEY)
        if meta is not None and meta.value == wanted:
            return False
        _sync_forces(s, load_registry(registry_path()))
        _sync_catalogue(s)
        if (pop := population_path(geo_dir)) is not None:
            _sync_population(s, pop)
        if meta is None:
            s.add(AppMeta(key=FINGERPRINT_KEY, value=wanted))
        else:
            meta.value = wanted
    return True


def _sync_forces(s: Session, records: tuple[ForceRecord, ...]) -> None:
    existing = {f.code: f for f in s.scalars(select(Force))}
    for rec in records:
        force = existing.get(rec.code) or Force(code=rec.code)
        force.ons_name = rec.ons_name
        force.display_name = rec.display_name
        force.kind = str(rec.kind)
        force.nation = rec.nation
        force.region = rec.region
        force.active = True
        if force.id is None:
            s.add(force)
    s.flush()
    # Aliases are derived data: rebuild them wholesale so a renamed alias never lingers.
    s.execute(delete(ForceAlias))
    ids = {f.code: f.id for f in s.scalars(select(Force))}
    seen: set[str] = set()
    for rec in records:
        for name in (rec.code, rec.ons_name, rec.display_name, *rec.aliases):
            key = normalise_force_name(name)
            if key and key not in seen:
                seen.add(key)
                s.add(ForceAlias(force_id=ids[rec.code], alias=name, normalised=key))


def _sync_catalogue(s: Session) -> None:
    dims = {d.key: d for d in s.scalars(select(Dimension))}
    for dim in catalogue.DIMENSIONS.values():
        row = dims.get(dim.key) or Dimension(key=dim.key)
        row.label = dim.label
        have = {v.key: v for v in row.values}
        for pos, (key, label) in enumerate(dim.values):
            value = have.get(key) or DimensionValue(key=key)
            value.label, value.position = label, pos
            if key not in have:
                row.values.append(value)
        if dim.key not in dims:
            s.add(row)
            dims[dim.key] = row
    s.flush()
    metrics = {m.key: m for m in s.scalars(select(Metric))}
    # Built-ins only: the office's own metrics (builtin false) are never touched here. A user
    # metric whose key a later version makes built in becomes that built-in, figures and all.
    for m in catalogue.METRICS:
        row = metrics.get(m.key) or Metric(key=m.key)
        row.label, row.description, row.position = m.label, m.description, m.position
        row.unit, row.builtin = m.unit, True
        have = {md.dimension_id for md in row.dimensions}
        for dim_key in m.dimensions:
            if dims[dim_key].id not in have:
                row.dimensions.append(MetricDimension(dimension_id=dims[dim_key].id))
        if m.key not in metrics:
            s.add(row)


@dataclass(frozen=True)
class PopulationLoad:
    file_name: str
    rows: int  # estimates stored (new or updated)
    years: tuple[int, ...]
    unknown_codes: tuple[str, ...]  # areas the registry does not hold: listed, not stored


def _sync_population(s: Session, path: Path) -> PopulationLoad:
    ids = {f.code: f.id for f in s.scalars(select(Force))}
    existing = {(p.force_id, p.year): p for p in s.scalars(select(Population))}
    stored, years, unknown = 0, set(), []
    for row in load_population_csv(path):
        force_id = ids.get(row.code)
        if force_id is None:
            unknown.append(row.code)
            continue
        pop = existing.get((force_id, row.year)) or Population(force_id=force_id, year=row.year)
        pop.population = row.population
        pop.source = f"ONS mid-{row.year} population estimate ({path.name})"
        if (force_id, row.year) not in existing:
            s.add(pop)
        stored += 1
        years.add(row.year)
    return PopulationLoad(path.name, stored, tuple(sorted(years)), tuple(unknown))


def load_population_file(db: Database, path: Path) -> PopulationLoad:
    """Add or update population estimates from a newer ONS file (code, name, population, year).

    Estimates are kept per year, so rates for earlier periods keep the denominators they had.
    Raises PopulationFileError (naming the file and row) for an unusable file; stores nothing.
    """
    with db.session() as s:
        result = _sync_population(s, Path(path))
        if not result.rows:
            raise PopulationFileError(
                f"{Path(path).name} holds no population for any police force area the app knows."
            )
        record_bulk(s, "populations", {"file": result.file_name, "rows": result.rows})
        return result


def ensure_periods(s: Session, periods: list[DomainPeriod]) -> dict[str, int]:
    """Ids of the given periods, inserting those the database does not hold yet."""
    keys = [p.key for p in periods]
    have = dict(s.execute(select(Period.key, Period.id).where(Period.key.in_(keys))).all())
    for p in periods:
        if p.key not in have:
            row = Period(key=p.key, kind=str(p.kind), start_date=p.start, end_date=p.end)
            s.add(row)
            s.flush()
            have[p.key] = row.id
    return have
