"""Plan one file and print, as JSON, what happened and how much memory it took, here and in the
reader process: `python -m tests.core.reliability.measure FILE [PERIOD]`, run by
test_bad_files_memory.py.

The address space is limited first, so a regression that makes this process ask for gigabytes
ends it (and fails the test) rather than exhausting the machine the tests run on; the reader
process caps its own at 1 GB.
"""

from __future__ import annotations

import json
import resource
import sys
from datetime import date
from pathlib import Path

ADDRESS_SPACE = 3 << 30  # bytes: the app's own needs are a few hundred megabytes


def main(argv: list[str]) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    from commissioner_desk.domain.forces import ForceResolver, load_registry
    from commissioner_desk.importing import ImportOptions, ImportRefused, plan_file
    from commissioner_desk.importing.readers import reader_process

    resolver = ForceResolver(load_registry())
    options = ImportOptions(period=argv[1]) if len(argv) > 1 else None
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    plan = plan_file(Path(argv[0]), resolver, today=date(2025, 1, 15), options=options)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "ok": plan.ok,
                "figures": len(plan.figures),
                "problems": len(plan.problems),
                "refusal": str(ImportRefused(plan)) if not plan.ok else "",
                "messages": [p.message for p in plan.problems],
                "growth_mb": (after - before) / 1024,
                # The reader process's own peak (0 when it died: it was capped at 1 GB).
                "reader_mb": reader_process.last_peak / (1 << 20),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
