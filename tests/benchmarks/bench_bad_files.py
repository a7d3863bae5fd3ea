"""Hostile and unlucky inputs, as a user meets them (run on demand, not by pytest):

    .venv/bin/python tests/benchmarks/bench_bad_files.py [--only WORDS] [--markdown]

Issue 16 asks for a table: case, what happens now, exit code, peak memory, time. Each case is
one fresh `commissioner-desk` process, as staff run it: `import FILE --dry-run` for a file to
read, the command that writes for a destination that cannot take the file, and a write into a
damaged database. Peak memory is the largest resident size of the command and the reader
process it starts (`wait4` reports the larger of a process and the children it waited for).

The files come from the reliability suite's corpus (tests/core/reliability): the figures here
are of the same files the tests check, made afresh in a temporary folder.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run from a plain checkout

from commissioner_desk.settings import DB_FILE_NAME  # noqa: E402
from tests.core.files.mounts import full_disk, read_only_disk  # noqa: E402
from tests.core.reliability import corpus as c  # noqa: E402
from tests.core.reliability.damaging import damage  # noqa: E402
from tests.core.reliability.test_bad_files_memory import CASES as MEMORY_CASES  # noqa: E402

TEXT = "Force,Period,Metric,Value\nKent,2024-Q1,NRM referrals,12\nEssex £,2024-Q1,NRM referrals,7\n"


@dataclass(frozen=True)
class Outcome:
    case: str
    exit_code: int
    seconds: float
    peak_mb: float
    said: str  # the first line the user reads


# The command runs under this small parent, which reports the peak of its children: a process
# made by fork keeps its parent's high-water mark through exec, so measuring from here would
# report this benchmark's own size (hundreds of megabytes) for every case.
_PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(f'\\nPEAK_KB {peak}\\n')\n"
    "sys.exit(code)\n"
)


def _run(case: str, args: list[str], data: Path) -> Outcome:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("COMMISSIONER_DESK_DATABASE_URL", None)
    command = [sys.executable, "-m", "ui", "--data-dir", str(data), *args]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *command], cwd=ROOT, env=env, capture_output=True
    )
    seconds = time.perf_counter() - start
    err, _, peak = done.stderr.decode("utf-8", "replace").rpartition("PEAK_KB ")
    text = err + done.stdout.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # The reason, where there is one, rather than "not imported, 1 error(s)" above it.
    said = next((line for line in lines if line.startswith("error:")), lines[0] if lines else "")
    return Outcome(case, done.returncode, seconds, int(peak) / 1024, said)


def _csv(name: str, data: bytes):
    def build(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return build


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "returns.xlsx")
    return folder / "returns.xlsx"


def _link_to_device(folder: Path) -> Path:
    (folder / "returns link.xlsx").symlink_to("/dev/zero")
    return folder / "returns link.xlsx"


READ_CASES = [
    *[(name, build) for name, build, _period, _words in MEMORY_CASES],
    ("random bytes named .xlsx", c.random_bytes(".xlsx", 1, b"PK\x03\x04")),
    ("an .xlsx cut off at half its length", c.truncated(0.5)),
    (".xls with a broken container", c.xls_broken_container),
    ("a password-protected .xlsx", c.encrypted(".xlsx")),
    ("every sheet hidden", c.every_sheet_hidden),
    ("a named pipe (FIFO) named .xlsx", _fifo),
    ("/dev/zero", lambda _folder: Path("/dev/zero")),
    ("a link to /dev/zero named .xlsx", _link_to_device),
    ("CSV in UTF-16 with its mark, tab-separated",
     _csv("utf16.csv", codecs.BOM_UTF16_LE + TEXT.replace(",", "\t").encode("utf-16-le"))),
    ("CSV in Windows-1252 (Excel's 'CSV')", _csv("cp1252.csv", TEXT.encode("cp1252"))),
    ("CSV in UTF-32", _csv("utf32.csv", TEXT.encode("utf-32"))),
    ("CSV in Shift-JIS", _csv("sjis.csv", "部隊,件数\nケント,12\n".encode("shift_jis"))),
]  # fmt: skip


def _reading(folder: Path, data: Path, only: str) -> list[Outcome]:
    found = []
    for name, build in READ_CASES:
        if only and only.lower() not in name.lower():
            continue
        case_folder = folder / f"case{len(found)}"
        case_folder.mkdir()
        path = build(case_folder)
        found.append(_run(name, ["import", str(path), "--dry-run"], data))
        shutil.rmtree(case_folder, ignore_errors=True)
        print(f"  {found[-1]}", file=sys.stderr)
    return found


def _writing(folder: Path, data: Path, only: str) -> list[Outcome]:
    pack = ["pack", "--period", "2025-Q4", "--sections", "cover,key_figures,map", "--out"]
    found = []
    (folder / "a folder.pdf").mkdir()
    plain = [
        ("pack --out /dev/full", [*pack, "/dev/full"]),
        ("pack --out an existing folder", [*pack, str(folder / "a folder.pdf")]),
        ("pack --out a missing folder", [*pack, str(folder / "missing" / "pack.pdf")]),
    ]
    for name, args in plain:
        if not only or only.lower() in name.lower():
            found.append(_run(name, args, data))
    disks = (("pack to a full disk", full_disk), ("pack to a read-only disk", read_only_disk))
    for name, disk in disks:
        if only and only.lower() not in name.lower():
            continue
        try:
            with disk(folder / name.replace(" ", "-")) as where:
                found.append(_run(name, [*pack, str(where / "pack.pdf")], data))
        except BaseException as exc:  # pytest's skip: nothing can be mounted here
            print(f"  {name}: skipped ({exc})", file=sys.stderr)
    return found


def _damaged(folder: Path, data: Path, only: str) -> list[Outcome]:
    found = []
    backup = folder / "backup.sqlite3"
    _run("backup", ["db", "backup", "--out", str(backup)], data)
    for kind in ("header", "first-page", "middle-page", "truncated", "text-file"):
        name = f"import into a database damaged ({kind})"
        if only and only.lower() not in name.lower():
            continue
        copy = folder / f"damaged-{kind}"
        shutil.copytree(data, copy)
        damage(copy / DB_FILE_NAME, kind, table="observations")
        good = c.good_xlsx(folder / f"good-{kind}.xlsx")
        found.append(_run(name, ["import", str(good), "--period", "2024-Q1"], copy))
        again = ["db", "restore", str(backup), "--yes"]
        found.append(_run(f"db restore over a database damaged ({kind})", again, copy))
    return found


def _demo_data(folder: Path) -> Path:
    """A data folder holding the demo, made by the command line as a user would; its
    database checkpointed, so a damaged copy is damaged whole (no -wal beside it)."""
    data = folder / "data"
    data.mkdir()
    done = _run("demo", ["demo"], data)
    if done.exit_code:
        raise SystemExit(f"loading the demo failed: {done.said}")
    with sqlite3.connect(data / DB_FILE_NAME) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return data


def _markdown(found: list[Outcome]) -> str:
    lines = ["| Case | What happens now | Exit | Peak memory | Time |", "|---|---|---|---|---|"]
    for o in found:
        said = o.said.replace("|", "\\|")[:160]
        figures = f"{o.exit_code} | {o.peak_mb:.0f} MB | {o.seconds:.2f} s"
        lines.append(f"| {o.case} | {said} | {figures} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run the cases whose name holds these words")
    parser.add_argument("--markdown", action="store_true", help="a table rather than JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = _demo_data(folder)
        found = [
            *_reading(folder, data, args.only),
            *_writing(folder, data, args.only),
            *_damaged(folder, data, args.only),
        ]
    print(_markdown(found) if args.markdown else json.dumps([o.__dict__ for o in found], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
