"""Renaming a reading's id: every file that names it, rewritten in one step.

A reading's id is a key, like a claim id: the data files hold it (``readings.yml``; the ``reading_id``
column of the ratings, the codings and the adjudication log; the sources' ``lean``) and the chapters
name it in their reading roles (``{reading}`fraying```) and in the names of the figures they glue
(``against_fraying``, made by the package from the id). Nothing else may name a reading (``make
check`` refuses a reading named by hand in prose, front matter or code), so rewriting these places is
the whole rename; its label and short label are edited in ``readings.yml`` by hand, as text.

``renamed_files`` takes the project and returns the new text of each file that changes, so the rename
can be checked before anything is written; ``rename_reading`` writes them. The coders' rationales are
their own words, not names the book makes, and stay as written: ``rationales_using`` counts those that
use a word (the reading's short label), so that the maintainer can revise them by hand if they want to.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.readings import READING_ID, READING_ROLE, read_readings
from analytic_reader.data.records import read_text

#: The data columns that hold a reading id.
ID_COLUMNS = ("reading_id", "lean")

_GLUE = re.compile(r"(\{glue(?::[\w-]+)?\}`)([^`]*)(`)")


def _renamed_csv(text: str, old: str, new: str) -> str:
    """The CSV with every cell of an id column equal to ``old`` set to ``new`` (other cells, quoting and
    line ends as they were: the files are written in csv's default dialect with "\\n" line ends)."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return text
    columns = [n for n, name in enumerate(rows[0]) if name.strip() in ID_COLUMNS]
    for row in rows[1:]:
        for n in columns:
            if n < len(row) and row[n].strip() == old:
                row[n] = new
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _renamed_chapter(text: str, old: str, new: str) -> str:
    """The chapter with its reading roles and glued figure names naming ``new`` instead of ``old``."""
    text = READING_ROLE.sub(
        lambda m: m.group(0) if m.group(2).strip() != old else "{" + m.group(1) + "}`" + new + "`", text
    )

    def glue(match: re.Match[str]) -> str:
        parts = [new if part == old else part for part in match.group(2).split("_")]
        return match.group(1) + "_".join(parts) + match.group(3)

    return _GLUE.sub(glue, text)


def renamed_files(paths: ProjectPaths, old: str, new: str) -> dict[Path, str]:
    """The new text of every file of the project that names reading ``old``, with ``new`` in its place.

    Raises ``ValueError`` (one line) when ``old`` is not a reading, ``new`` is not a valid id or is taken.
    """
    readings, problems = read_readings(paths)
    if problems:
        raise ValueError(f"{paths.relative(paths.readings_yml)} has problems; run make check first")
    ids = [str(r["reading_id"]) for r in readings]
    if old not in ids:
        raise ValueError(f"{old!r} is not a reading; the readings are {', '.join(ids)}")
    if not re.fullmatch(READING_ID, new) or new in ids:
        raise ValueError(
            f"{new!r} is {'taken' if new in ids else 'not a valid id (lower-case letters, digits, hyphens)'}"
        )
    changed: dict[Path, str] = {}

    def consider(path: Path, rewrite) -> None:
        text, _ = read_text(path, paths.relative(path))
        if text is not None and (result := rewrite(text, old, new)) != text:
            changed[path] = result

    consider(
        paths.readings_yml,
        lambda text, old, new: re.sub(
            rf"^(\s*(?:-\s*)?(?:reading_id|versus):\s*){re.escape(old)}(\s*(?:#.*)?)$",
            lambda m: m.group(1) + new + m.group(2),
            text,
            flags=re.MULTILINE,
        ),
    )
    for path in sorted((paths.root / "data").rglob("*.csv")):
        consider(path, _renamed_csv)
    for folder in ("chapters", "templates"):
        for path in sorted((paths.root / folder).glob("*.md")):
            consider(path, _renamed_chapter)
    return changed


def rename_reading(paths: ProjectPaths, old: str, new: str) -> list[Path]:
    """Rename reading ``old`` to ``new`` in every file that names it; return the files written."""
    changed = renamed_files(paths, old, new)
    for path, text in changed.items():
        path.write_text(text, encoding="utf-8")
    return sorted(changed)


#: The data columns that hold a coder's own words about a rating.
RATIONALE_COLUMNS = ("rationale", "reason")


def rationales_using(paths: ProjectPaths, word: str) -> dict[str, int]:
    """How many rationales in each data file use ``word`` as a word (any case), by file."""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    counts: dict[str, int] = {}
    for path in sorted((paths.root / "data").rglob("*.csv")):
        text, _ = read_text(path, paths.relative(path))
        rows = list(csv.DictReader(io.StringIO(text or "")))
        found = sum(1 for row in rows for column in RATIONALE_COLUMNS if pattern.search(row.get(column) or ""))
        if found:
            counts[paths.relative(path)] = found
    return counts
