"""Build a briefing pack's content from the database: `build_pack(db, options, progress)`.

Pure Python and one short read per kind of data; the result is a frozen `Pack` that the UI
lays out on pages (ui/pack/) and the tests read directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..attribution import attribution_lines
from ..db.database import Database
from ..domain.catalogue import METRICS
from ..domain.periods import Period
from ..formatting import uk_date
from ..maps.boundaries import SHARED_VINTAGE, Boundaries, BoundaryError, load_boundaries
from ..maps.boundary_files import FILE_NAME, boundaries_for, user_boundaries
from ..maps.hexes import load_hex_layout
from ..network.actions import ActionFilter, list_actions
from ..progress import NO_PROGRESS, Progress, check
from ..queries.forces import force_texts
from .annex import annex_blocks, provenance
from .blocks import Pack, PackSection, Paragraph
from .charts import trend_charts
from .cover import contents_section, cover_section, pack_title
from .data import PackData, load_pack_data
from .force_pages import force_sections
from .history import last_pack
from .national import forces_table, key_figures, national_map
from .network import actions_section, returns_section
from .options import SECTIONS_BY_KEY, PackOptions
from .practices import practices_section

FIGURE_SECTIONS = frozenset({"key_figures", "map", "charts", "forces"})


def _check_figures_held(data: PackData) -> None:
    """A pack of figures for a quarter with none would be a pack of "missing": say so."""
    held = {p for cube in data.cubes.values() for p in cube.periods if "-Q" in p}
    if data.period.key in held:
        return
    if not held:
        raise ValueError(
            "The database holds no figures yet: import returns (or load the demo data) "
            "first, or choose only the action log and cover sections."
        )
    latest = max(held, key=lambda k: Period.from_key(k).start)
    raise ValueError(
        f"No figures are held for {data.period.label}: import the returns for it, or choose "
        f"another quarter (the latest with figures is {Period.from_key(latest).label})."
    )


class _Stage:
    """A step's own progress (done of total) mapped into its share of the whole bar."""

    def __init__(self, progress: Progress, start: int, end: int) -> None:
        self.progress, self.start, self.end = progress, start, end

    def report(self, done: int, total: int, message: str = "") -> None:
        share = (self.end - self.start) * done // max(total, 1)
        self.progress.report(self.start + share, 100, message)

    def cancelled(self) -> bool:
        return self.progress.cancelled()


@dataclass(frozen=True)
class _Geo:
    boundaries: Boundaries | None
    vintage: str
    attribution: tuple[str, ...]


def _geo(geo_dir: Path | None, data_dir: Path | None, want_map: bool) -> _Geo:
    """The boundaries the map page would use (the user's loaded file, else the shipped one),
    their vintage for the annex, and the attribution the licence asks for."""
    attribution = attribution_lines(geo_dir)
    loaded = user_boundaries(data_dir) if data_dir else None
    shipped = geo_dir is not None and (geo_dir / FILE_NAME).is_file()
    if loaded:
        vintage = loaded[1] or "vintage not recorded"
    elif shipped:
        vintage = SHARED_VINTAGE
    else:
        vintage = "no boundary file was found, so the map is the hex map"
    boundaries = None
    if want_map and (loaded or shipped):
        try:
            if data_dir is not None:
                boundaries = boundaries_for(data_dir, geo_dir)
            else:
                boundaries = load_boundaries(geo_dir / FILE_NAME, vintage=SHARED_VINTAGE)
        except BoundaryError:
            boundaries = None  # the hex map, which says why in its caption
    return _Geo(boundaries, vintage, attribution)


def build_pack(
    db: Database,
    options: PackOptions,
    progress: Progress = NO_PROGRESS,
    *,
    geo_dir: Path | None = None,
    data_dir: Path | None = None,
) -> Pack:
    """The pack's content. ValueError (in plain words) for options that cannot make a pack;
    progress.Cancelled when the user stops it."""
    options = options.checked()
    today = options.today or date.today()
    rule = options.suppression
    data = load_pack_data(db, options.period, rule, _Stage(progress, 0, 15), options.metric_key)
    if FIGURE_SECTIONS & set(options.sections) or options.per_force:
        _check_figures_held(data)
    geo = _geo(geo_dir, data_dir, options.has("map"))
    period_label = data.period.label
    body: list[PackSection] = []

    def add(key: str, blocks: tuple) -> None:
        body.append(PackSection(key, SECTIONS_BY_KEY[key].label, blocks))

    progress.report(15, 100, "Key figures…")
    if options.has("key_figures"):
        add("key_figures", key_figures(data))
    if options.has("map"):
        add(
            "map",
            national_map(
                data,
                options.metric_key,
                options.map_style,
                geo.boundaries,
                load_hex_layout(),
                geo.attribution,
            ),
        )
    if options.has("charts"):
        charts, left_out = trend_charts(
            db, data.period, data.first_quarter(), rule, _Stage(progress, 18, 25)
        )
        blocks: tuple = charts
        if left_out:
            blocks += (
                Paragraph(
                    "Not drawn, as fewer than two quarters hold figures for them: "
                    + "; ".join(left_out)
                    + ".",
                    "muted",
                ),
            )
        add("charts", blocks)
    if options.has("forces"):
        add("forces", forces_table(data, options.metric_key))
    check(progress)
    if options.has("returns"):
        add("returns", returns_section(data))
    actions = None
    if options.has("actions") or options.per_force:
        progress.report(28, 100, "The action log…")
        actions = list_actions(db, ActionFilter(), today=today)
    if options.has("actions"):
        add("actions", actions_section(db, today, last_pack(db)))
    if options.has("practices"):
        add("practices", practices_section(db, data.period, today))
    check(progress)
    if options.per_force:
        body.extend(
            force_sections(
                data, actions or (), lambda c: force_texts(db, c), _Stage(progress, 30, 90)
            )
        )
    codes = [f.code for f in next(iter(data.cubes.values())).forces]
    lines = provenance(db, (data.period.key, data.before.key), codes)
    if options.has("annex"):
        progress.report(92, 100, "Where each figure came from…")
        rated = options.metric_key if data.cells[options.metric_key].adds_up else METRICS[0].key
        year = data.cubes[rated].values(data.period.key, "rate").population_year
        add(
            "annex",
            annex_blocks(
                data,
                lines,
                rule,
                population_year=year,
                vintage=geo.vintage,
                attribution=geo.attribution,
                produced=uk_date(today),
            ),
        )
    sections: list[PackSection] = []
    if options.has("cover"):
        sections.append(cover_section(options, period_label, today, db.user, data.demo))
    if options.has("contents"):
        sections.append(contents_section(body))
    sections.extend(body)
    progress.report(100, 100, "Pack ready")
    return Pack(
        options=options,
        title=pack_title(period_label),
        period_label=period_label,
        produced_on=today,
        produced_by=db.user,
        demo=data.demo,
        sections=tuple(sections),
        suppression=rule,
        provenance=lines,
    )
