"""What is wrong with a file, located to the sheet and cell, and the refusal to import it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .plan import ImportPlan

Severity = Literal["error", "warning"]
SHOWN_IN_MESSAGE = 5  # problems quoted in ImportRefused's message; the plan holds them all


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. Errors stop the import; warnings are shown and allowed."""

    severity: Severity
    sheet: str | None
    cell: str | None  # A1 reference, e.g. "D14"
    message: str

    @property
    def location(self) -> str:
        """ "Returns!D14", "Returns", "D14" or "" — as much as is known."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell or ""

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


def error(sheet: str | None, cell: str | None, message: str) -> Problem:
    return Problem("error", sheet, cell, message)


def warning(sheet: str | None, cell: str | None, message: str) -> Problem:
    return Problem("warning", sheet, cell, message)


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
