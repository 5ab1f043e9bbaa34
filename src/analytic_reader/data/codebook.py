"""The codebook's closed vocabularies, read from ``data/codebook.md`` itself.

The codebook is written for people, but its tables are also the schema: each table that follows a
``<!-- vocabulary: NAME -->`` marker lists the allowed values of one field (first column, in
backticks) and their properties (the other columns). Reading the vocabularies from the prose a coder
follows means the rulebook and the check can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import read_text

#: The vocabularies the data files use, and the codebook table each comes from.
REQUIRED_VOCABULARIES = (
    "kind",
    "theater",
    "topic",
    "attribution",
    "documentation",
    "rating",
    "ledger reason",
    "verdict",
)

_MARKER = re.compile(r"<!--\s*vocabulary:\s*(.+?)\s*-->")
_MINIMUM = re.compile(r"<!--\s*minimum claims per source:\s*(\d+)\s*-->")
DEFAULT_MINIMUM_CLAIMS = 8


@dataclass(frozen=True)
class Vocabulary:
    """The allowed values of one field, in the codebook's order, with each value's table row."""

    name: str
    values: tuple[str, ...]
    rows: dict[str, dict[str, str]] = field(default_factory=dict)

    def property(self, value: str, column: str) -> str:
        return self.rows.get(value, {}).get(column, "")


@dataclass(frozen=True)
class Codebook:
    """All vocabularies of the codebook, by name."""

    vocabularies: dict[str, Vocabulary]
    minimum_claims: int = DEFAULT_MINIMUM_CLAIMS

    def values(self, name: str) -> tuple[str, ...]:
        return self.vocabularies[name].values if name in self.vocabularies else ()

    def __getitem__(self, name: str) -> Vocabulary:
        return self.vocabularies[name]

    def rating_score(self, rating: str) -> int:
        """A rating's score (consistent 1, neutral 0, inconsistent -1), from the codebook's table."""
        return int(self["rating"].property(rating, "score") or 0)

    def attribution_weight(self, attribution: str) -> int:
        return int(self["attribution"].property(attribution, "weight") or 0)

    def asserts_something(self, reason: str) -> bool:
        return self["ledger reason"].property(reason, "asserts something?").strip().lower() == "yes"


def _table_after(lines: list[str], start: int) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the first markdown table at or after line ``start``."""
    index = start
    while index < len(lines) and not lines[index].lstrip().startswith("|"):
        if lines[index].strip():
            return [], []  # prose between the marker and a table: no table follows
        index += 1
    table: list[list[str]] = []
    while index < len(lines) and lines[index].lstrip().startswith("|"):
        cells = [cell.strip() for cell in lines[index].strip().strip("|").split("|")]
        table.append(cells)
        index += 1
    if len(table) < 2:
        return [], []
    return table[0], [row for row in table[2:]]


def parse_codebook(text: str, file: str = "data/codebook.md") -> tuple[Codebook, list[Problem]]:
    """Every vocabulary table of the codebook, and a problem for each malformed or missing one."""
    lines = text.splitlines()
    vocabularies: dict[str, Vocabulary] = {}
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        match = _MARKER.search(line)
        if not match:
            continue
        name = match.group(1)
        header, rows = _table_after(lines, number)
        if not header:
            problems.append(Problem(file, number, name, "vocabulary marker is not followed by a table"))
            continue
        values: list[str] = []
        properties: dict[str, dict[str, str]] = {}
        for offset, row in enumerate(rows):
            value = re.fullmatch(r"`([^`]+)`", row[0]) if row else None
            if not value:
                problems.append(
                    Problem(
                        file, number + 3 + offset, name, "first cell of a vocabulary row must be a value in backticks"
                    )
                )
                continue
            values.append(value.group(1))
            properties[value.group(1)] = dict(zip(header, row))
        if name in vocabularies:
            problems.append(Problem(file, number, name, "vocabulary is defined twice"))
        vocabularies[name] = Vocabulary(name, tuple(values), properties)
    for name in REQUIRED_VOCABULARIES:
        if name not in vocabularies:
            problems.append(
                Problem(file, None, name, f"missing vocabulary table; add '<!-- vocabulary: {name} -->' and a table")
            )
    minimum = _MINIMUM.search(text)
    return Codebook(vocabularies, int(minimum.group(1)) if minimum else DEFAULT_MINIMUM_CLAIMS), problems


def read_codebook(paths: ProjectPaths) -> tuple[Codebook, list[Problem]]:
    """The project's codebook; a missing or unreadable file is a problem, not an exception."""
    file = paths.relative(paths.codebook)
    text, problems = read_text(paths.codebook, file)
    if problems:
        return parse_codebook("", file)[0], problems
    return parse_codebook(text or "", file)


def allowed_values(codebook: Codebook | None, name: str) -> tuple[str, ...]:
    """A vocabulary's values for a column schema, or none (any value) when no codebook is given: the
    schemas are also built without one, to name their columns."""
    return codebook.values(name) if codebook else ()
