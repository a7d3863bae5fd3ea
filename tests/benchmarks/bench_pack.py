"""Briefing pack speed (run on demand): .venv/bin/python tests/benchmarks/bench_pack.py

On a fresh 10-year demo database: a full national pack (every section, about a dozen pages
with maps, charts and long tables) and a pack of one page per force for all 46 forces, each
from the database to a finished PDF file: building the content, drawing the charts, laying the
pages out and writing the PDF; and both in one pack. Targets (issue 7): national under 3 s,
per force under 20 s. Median of three runs each.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 3


def main() -> None:
    from commissioner_desk.db import migrate
    from commissioner_desk.db.database import Database
    from commissioner_desk.db.reference import sync_reference_data
    from commissioner_desk.demo import load_demo
    from commissioner_desk.paths import default_geo_dir
    from commissioner_desk.reports import PackOptions, build_pack
    from commissioner_desk.reports.options import SECTIONS
    from ui.app import create_application
    from ui.pack.drawings import chart_svgs
    from ui.pack.render import write_pack_pdf

    create_application()
    geo = default_geo_dir()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = Database(f"sqlite:///{folder.as_posix()}/bench.sqlite3")
        migrate.upgrade(db, None)
        sync_reference_data(db, geo)
        summary = load_demo(db)
        period = summary.last_period
        every = tuple(s.key for s in SECTIONS)
        cases = {
            "national_all_sections": PackOptions(period, sections=every),
            "one_page_per_force": PackOptions(period, sections=("cover",), per_force=True),
            "everything": PackOptions(period, sections=every, per_force=True),
        }
        result: dict[str, object] = {"period": period}
        for name, options in cases.items():
            runs = []
            for n in range(RUNS):
                start = time.perf_counter()
                pack = build_pack(db, options, geo_dir=geo, data_dir=folder)
                built = time.perf_counter()
                svgs = chart_svgs(pack)
                drawn = time.perf_counter()
                pages = write_pack_pdf(pack, folder / f"{name}-{n}.pdf", svgs)
                end = time.perf_counter()
                runs.append((end - start, built - start, drawn - built, end - drawn, pages))
            result[name] = {
                "pages": runs[0][4],
                "total_s_median": round(statistics.median(r[0] for r in runs), 3),
                "first_run_s": round(runs[0][0], 3),  # charts and fonts not yet warm
                "build_content_s": round(statistics.median(r[1] for r in runs), 3),
                "draw_charts_s": round(statistics.median(r[2] for r in runs), 3),
                "lay_out_and_write_pdf_s": round(statistics.median(r[3] for r in runs), 3),
                "pdf_bytes": (folder / f"{name}-0.pdf").stat().st_size,
            }
        db.dispose()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
