"""Readers for the reader process (reader_process.READER) that fail the way calamine can, chosen
by the file's name, so a batch can hold good files and bad ones side by side:

  crash     the process aborts, as calamine does when an allocation fails
  hang      never returns, as a reader stuck in a loop
  allocate  takes memory without end (and touches it), until the memory cap stops it
  calamine  calamine alone, without the checks made before it: a real file that crashes it
  explode   an exception the app was not made for
  slow      a report after 0.3 seconds, then the real reader
  pid       a one-cell workbook holding the reader process's id

Any other file is read by the real reader. These run in the reader process, found there by name.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

from commissioner_desk.importing.readers.workbook import Sheet, Workbook, parse_workbook


def faulty(path: Path, data: bytes, progress) -> Workbook:
    name = path.stem
    if "crash" in name:
        os.abort()
    if "hang" in name:
        progress.report(0, 1, f"Reading {path.name}…")
        (path.parent / f"{name}.pid").write_text(str(os.getpid()))
        time.sleep(3600)
    if "allocate" in name:
        held = []
        while True:
            held.append(bytearray(64 << 20))  # zero-filled: every page touched
    if "calamine" in name:
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for sheet in book.sheet_names:
            book.get_sheet_by_name(sheet)
    if "explode" in name:
        raise KeyError("boom")
    if "slow" in name:
        time.sleep(0.3)  # past the first moments, in which nothing is reported
        progress.report(1, 2, f"Halfway through {path.name}")
    if "pid" in name:
        return Workbook(path, (Sheet("pid", ((os.getpid(),),), hidden=False),))
    return parse_workbook(path, data, progress)
