"""What is wrong with a file, located to the sheet and cell, and the refusal to import it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..plan import ImportPlan

Severity = Literal["error", "warning"]
SHOWN_IN_MESSAGE = 5  # problems quoted in ImportRefused's message; the plan holds them all
# Problems a reader collects before it stops reading a table: enough to send a file back with
# every kind of mistake in it marked; a million-row table of errors would otherwise fill memory.
MAX_PROBLEMS = 1_000
QUOTED = 200  # characters of a cell's text a message quotes; the rest is elided
_LONG_QUOTE = re.compile(f'"([^"]{{{QUOTED + 1},}})"')


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. Errors stop the import; warnings are shown and allowed."""

    severity: Severity
    sheet: str | None
    cell: str | None  # A1 reference, e.g. "D14"
    message: str

    def __post_init__(self) -> None:
        # A cell may hold 32,767 characters; a message quoting all of them helps nobody.
        if len(self.message) > QUOTED:
            object.__setattr__(self, "message", _LONG_QUOTE.sub(_elide, self.message))

    @property
    def location(self) -> str:
        """ "Returns!D14", "Returns", "D14" or "" — as much as is known."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell or ""

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


def _elide(quoted: re.Match[str]) -> str:
    text = quoted.group(1)
    return f'"{text[: QUOTED - 20]}…{text[-10:]}" ({len(text):,} characters)'


def error(sheet: str | None, cell: str | None, message: str) -> Problem:
    return Problem("error", sheet, cell, message)


def warning(sheet: str | None, cell: str | None, message: str) -> Problem:
    return Problem("warning", sheet, cell, message)


def stopped_reading(sheet: str, row: int) -> Problem:
    """The error that ends a table's reading at `row` (0-based) after MAX_PROBLEMS problems."""
    return error(
        sheet,
        None,
        f"Reading stopped at row {row + 1:,}: the table above it already has more than "
        f"{MAX_PROBLEMS:,} problems. Correct those, then check the file again.",
    )


class ImportRefused(Exception):
    """The plan has errors, so nothing was written. `plan.errors` lists every one of them."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        errors = plan.errors
        count = f"{len(errors)} error" + ("" if len(errors) == 1 else "s")
        lines = [f"{plan.path.name} was not imported because it has {count}:"]
        lines += [f"  {p}" for p in errors[:SHOWN_IN_MESSAGE]]
        if len(errors) > SHOWN_IN_MESSAGE:
            lines.append(f"  … and {len(errors) - SHOWN_IN_MESSAGE} more.")
        super().__init__("\n".join(lines))
