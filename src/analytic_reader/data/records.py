"""Reading CSV files into records, and checking them against a column schema.

This is the one place where CSV text becomes Python data. It never raises on bad input: an
undecodable byte, a ragged row or a missing column becomes a ``Problem`` and reading goes on, so
that ``make check`` can report everything at once.
"""

from __future__ import annotations

import calendar
import csv
import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analytic_reader.data.problems import Problem

#: A claim id: its source's id, a hyphen and a number of two or more digits (``growing-ties-03``).
#: The one definition, used by the claims schema, the chapter check and the claim-link extension.
CLAIM_ID = re.compile(r"(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<number>\d{2,})")


#: What a data field may not hold: markup of HTML, markdown or MyST. Data is text: it is shown as
#: typed, and a field that looks like markup is more likely an injection or a paste from a web page
#: than something a coder meant. Each with what it is, for the check's message.
MARKUP = (
    (re.compile(r"<[A-Za-z!/?]"), "an HTML tag"),
    (re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);"), "an HTML entity"),
    (re.compile(r"`"), "a backtick (MyST code, role or directive)"),
    (re.compile(r"\{\{|\}\}"), "a MyST substitution"),
    (re.compile(r"\]\(|\]\[|!\["), "a markdown link or image"),
    (re.compile(r"(?i)\b(javascript|vbscript):|\bdata:\w+/"), "a script address"),
    (re.compile(r"\*\*|__|(?<!\w)\*\S|\S\*(?!\w)"), "markdown emphasis"),
    (re.compile(r"\\"), "a backslash (a markdown escape)"),
    (
        re.compile(r"(?m)^\s*(#{1,6}\s|>|\(\S+\)=|:::|[-+*]\s|\d+[.)]\s|\||-{3,}|={3,})"),
        "a markdown block marker at the start of a line",
    ),
)


def markup_in(value: str) -> str | None:
    """What markup ``value`` holds (``None`` if it is plain text), with the text where it starts."""
    for pattern, what in MARKUP:
        found = pattern.search(value)
        if found:
            return f"{what} ({value[found.start() : found.start() + 20]!r})"
    return None


def calendar_date_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a date of the form YYYY, YYYY-MM or YYYY-MM-DD (``None`` if it is
    a real calendar date at that precision)."""
    found = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not found:
        return f"{value!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(part) if part else None for part in found.groups())
    if month is not None and not 1 <= month <= 12:
        return f"{value!r} has no month {month:02d}; months run from 01 to 12"
    if day is not None:
        try:
            datetime.date(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            days = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
            return f"{value!r} is not a day of the calendar ({calendar.month_name[month]} {year} has {days} days)"
    return None


@dataclass(frozen=True)
class Column:
    """One column of a CSV table: whether it may be empty, and what values it admits."""

    name: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    pattern: str | None = None
    pattern_help: str = ""
    #: Copied verbatim from a seed (a quote, a sentence's start): it may hold any character the
    #: source has, so it is not checked for markup; it is always shown escaped.
    verbatim: bool = False
    #: A date at its stated precision (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) that must exist in the
    #: calendar: a pattern alone would let ``2014-13`` or ``2026-04-31`` through.
    date: bool = False


@dataclass(frozen=True)
class Record:
    """One CSV row as a mapping of column name to text, with the line where it starts."""

    line: int
    values: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.values.get(name, "")


@dataclass
class Table:
    """The records of one CSV file and the problems met while reading them."""

    file: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    #: The file could not be read as the schema expects (missing, unreadable, not CSV, a column
    #: missing). Its problems are the root cause: checks of other files against it are skipped, so one
    #: missing column is one line, not a false problem in every record that refers to it.
    broken: bool = False


def decode_text(raw: bytes, file: str) -> tuple[str, list[Problem]]:
    """Decode UTF-8 (a byte-order mark is tolerated); report the first bad byte by line."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        problem = Problem(
            file,
            line,
            "",
            f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at column {column}); save the file as UTF-8",
        )
        return raw.decode("utf-8-sig", errors="replace"), [problem]


def read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    """A project file's text (``None`` when it is missing), decoded as every file is (``decode_text``)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None, [Problem(file, None, "", "file is missing")]
    return decode_text(raw, file)


def read_table(path: Path, file: str, schema: Sequence[Column]) -> Table:
    """Read ``path`` and check its shape and every value against ``schema``."""
    table = Table(file)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        table.problems.append(Problem(file, None, "", "file is missing"))
        table.broken = True
        return table
    except OSError as err:
        table.problems.append(Problem(file, None, "", f"cannot be read ({err.strerror})"))
        table.broken = True
        return table
    text, problems = decode_text(raw, file)
    table.problems.extend(problems)
    if "\x00" in text:
        table.problems.append(Problem(file, None, "", "contains NUL bytes; is it really a CSV file?"))
        text = text.replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start_line = 1
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((start_line, row))
            start_line = reader.line_num + 1
    except csv.Error as err:
        table.problems.append(
            Problem(file, start_line, "", f"is not valid CSV ({err}); check the quotes of the record on this line")
        )
        table.broken = True
    if not rows:
        table.problems.append(Problem(file, None, "", "is empty; expected a header row and records"))
        table.broken = True
        return table
    _check_header(table, rows[0][1], schema)
    names = table.columns
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue  # blank lines are harmless
        if len(row) != len(names):
            table.problems.append(
                Problem(
                    file,
                    line,
                    "",
                    f"has {len(row)} fields but the header has {len(names)}; "
                    "check for a missing or extra comma or an unclosed quote",
                )
            )
            continue
        record = Record(line, dict(zip(names, row)))
        table.records.append(record)
        _check_values(table, record, schema)
    return table


def _check_header(table: Table, header: list[str], schema: Sequence[Column]) -> None:
    expected = [column.name for column in schema]
    table.columns = [name.strip() for name in header]
    seen: set[str] = set()
    for name in table.columns:
        if name in seen:
            table.problems.append(Problem(table.file, 1, name, "column appears twice in the header"))
        seen.add(name)
        if name not in expected:
            table.problems.append(
                Problem(table.file, 1, name or "(empty)", f"unexpected column; allowed columns: {', '.join(expected)}")
            )
    required = {column.name for column in schema if column.required}
    for name in expected:
        if name not in seen:
            table.problems.append(
                Problem(table.file, 1, name, f"missing column; expected columns: {', '.join(expected)}")
            )
            table.broken = table.broken or name in required


def _check_values(table: Table, record: Record, schema: Sequence[Column]) -> None:
    for column in schema:
        if column.name not in record.values:
            continue  # already reported as a missing column
        value = record[column.name]
        if value != value.strip():
            table.problems.append(
                Problem(table.file, record.line, column.name, "has leading or trailing spaces; remove them")
            )
            value = value.strip()
        if not value:
            if column.required:
                table.problems.append(Problem(table.file, record.line, column.name, "is empty; a value is required"))
            continue
        markup = None if column.verbatim or column.allowed else markup_in(value)
        if markup:
            table.problems.append(
                Problem(
                    table.file,
                    record.line,
                    column.name,
                    f"holds {markup}; data is shown as plain text, so write it without markup",
                )
            )
        if column.allowed and value not in column.allowed:
            allowed = ", ".join(repr(v) for v in column.allowed)
            table.problems.append(
                Problem(
                    table.file, record.line, column.name, f"{value!r} is not an allowed value; use one of {allowed}"
                )
            )
        if column.date and (problem := calendar_date_problem(value)):
            table.problems.append(Problem(table.file, record.line, column.name, problem))
        elif column.pattern and not re.fullmatch(column.pattern, value):
            table.problems.append(
                Problem(table.file, record.line, column.name, f"{value!r} is not valid; expected {column.pattern_help}")
            )


def check_unique(table: Table, column: str) -> None:
    """Report every record whose ``column`` repeats an earlier record's value."""
    first_seen: dict[str, int] = {}
    for record in table.records:
        value = record[column].strip()
        if not value:
            continue
        if value in first_seen:
            table.problems.append(
                Problem(
                    table.file,
                    record.line,
                    column,
                    f"{value!r} is a duplicate (first used on line {first_seen[value]})",
                )
            )
        else:
            first_seen[value] = record.line
