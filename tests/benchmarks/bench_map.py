"""Map speed (run on demand): .venv/bin/python tests/benchmarks/bench_map.py

On a fresh 10-year demo database, for each style: the first draw (boundaries loaded, nothing
else cached) and a recolour (another period or measure: new values, classes and a full
repaint of a 1200x800 view). Targets (issue 4): first geographic draw under 200 ms, recolour
under 16 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from commissioner_desk.db import migrate
    from commissioner_desk.db.database import Database
    from commissioner_desk.db.reference import sync_reference_data
    from commissioner_desk.demo import load_demo
    from commissioner_desk.maps import boundaries as boundaries_module
    from commissioner_desk.maps.hexes import load_hex_layout
    from commissioner_desk.paths import default_geo_dir
    from commissioner_desk.queries.map_cube import load_map_cube
    from ui.app import create_application
    from ui.map.renderer import make_spec, paint_map

    create_application()
    geo = default_geo_dir()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp).as_posix()}/bench.sqlite3")
        migrate.upgrade(db, None)
        sync_reference_data(db, geo)
        load_demo(db)
        t = time.perf_counter()
        cube = load_map_cube(db, "nrm_referrals")
        cube_s = time.perf_counter() - t
        periods = cube.periods[:12]
        image = QImage(1200, 800, QImage.Format.Format_ARGB32_Premultiplied)

        def draw(spec, bounds, hexes) -> float:
            start = time.perf_counter()
            painter = QPainter(image)
            paint_map(painter, QRectF(0, 0, 1200, 800), spec, bounds, hexes)
            painter.end()
            return time.perf_counter() - start

        result: dict[str, object] = {"cube_load_s": round(cube_s, 4)}
        for style in ("geo", "hex"):
            boundaries_module._load_cached.cache_clear()  # a cold load, as at first use
            t = time.perf_counter()
            bounds = boundaries_module.load_boundaries(geo / "police_force_areas.geojson")
            hexes = load_hex_layout()
            load_s = time.perf_counter() - t
            first = draw(make_spec(cube.values(periods[0]), style=style), bounds, hexes)
            recolours = []
            for n, period in enumerate(periods * 2):
                measure = ("count", "rate", "change")[n % 3]
                t = time.perf_counter()
                spec = make_spec(cube.values(period, measure), style=style)
                paint_map_s = draw(spec, bounds, hexes)
                recolours.append((time.perf_counter() - t, paint_map_s))
            result[style] = {
                "boundaries_load_s": round(load_s, 4),
                "first_draw_s": round(first, 4),
                "recolour_median_s": round(statistics.median(r[0] for r in recolours), 4),
                "of_which_paint_s": round(statistics.median(r[1] for r in recolours), 4),
            }
        db.dispose()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
