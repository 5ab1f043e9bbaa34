"""Problems found in the project's data, and the error that carries them.

Validation never stops at the first problem: every check appends to a list, so that a
person fixing the data sees everything that is wrong in one run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in the data.

    ``file`` is relative to the project root, ``line`` is the line number as an editor shows it
    (1 is the CSV header; ``None`` when the problem concerns the whole file) and ``field`` the
    column or key concerned (empty when none).
    """

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised by the loaders when the data cannot be trusted; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(
            f"the book's data has {len(self.problems)} problem(s); fix them and rerun "
            f"(`make check` lists them too):\n{lines}"
        )
