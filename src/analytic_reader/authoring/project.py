"""The whole project's check, as ``make check`` prints it: the data layer's problems, then the
chapters' (table of contents, front matter, and what the prose may say).

It lives above ``data/`` because the chapters are authoring, not data: the data layer never imports
from here, so the chapters can be checked against the data without a cycle. The data is read once,
by the data layer (``check_data``); the chapters are checked against what it read
(``prose_references``), not against a second reading of the same files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analytic_reader.authoring.chapters import toc_chapters
from analytic_reader.authoring.prose import prose_problems
from analytic_reader.data.corpus import DataCheck, check_data
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import read_text


@dataclass(frozen=True)
class ProseReferences:
    """What a chapter's prose may refer to: claim ids (of the sources it names), cite keys, and the
    seeds' text (lower-cased, single spaces) in which a figure quoted from a source may be found."""

    claim_ids: set[str]
    source_ids: set[str]
    bibkeys: set[str]
    seed_text: str
    readings: dict[str, tuple[str, str]] | None = None  # each reading's label and short label; None: not checked


def prose_references(data: DataCheck) -> ProseReferences:
    """The references of ``data`` the prose is checked against. With claims.csv or sources.csv
    unreadable (reported as the root cause), no source is known, so no claim id is checked."""
    claims, sources = data.claims, data.sources
    return ProseReferences(
        claim_ids={r["claim_id"].strip() for r in claims.records},
        source_ids=set() if claims.broken or sources.broken else {r["source_id"].strip() for r in sources.records},
        bibkeys=set(data.bibliography.entries),
        seed_text=" ".join(re.sub(r"\s+", " ", data.seeds[key]).lower() for key in sorted(data.seeds)),
        # With readings.yml broken (reported as the root cause), no reading role or name is checked.
        readings={str(r["reading_id"]): (str(r["label"]), str(r["short_label"])) for r in data.readings} or None,
    )


@dataclass(frozen=True)
class Chapter:
    """A chapter the table of contents lists, as read: its file, its text (``None`` when it is missing
    or could not be read) and the problems of reading it."""

    file: str
    text: str | None
    problems: list[Problem]


def read_chapters(paths: ProjectPaths) -> tuple[list[Chapter], list[Problem]]:
    """Every chapter ``_toc.yml`` lists (in its order, a missing file with its problem), and the
    problem of a table of contents that cannot be read."""
    if not (paths.root / "_toc.yml").exists():
        return [], []
    try:
        names = toc_chapters(paths)
    except Exception as err:  # a broken _toc.yml: one line, never a traceback
        message = " ".join(str(err).replace(str(paths.root) + "/", "").split())
        return [], [Problem("_toc.yml", None, "", f"cannot be read ({message})")]
    chapters: list[Chapter] = []
    for name in names:
        path, file = paths.root / "chapters" / f"{name}.md", f"chapters/{name}.md"
        if path.exists():
            chapters.append(Chapter(file, *read_text(path, file)))
        else:
            missing = Problem("_toc.yml", None, "file", f"chapters/{name} is listed but {file} does not exist")
            chapters.append(Chapter(file, None, [missing]))
    return chapters, []


def chapter_problems(chapters: list[Chapter], references: ProseReferences) -> list[Problem]:
    """Each chapter's problems: reading it, and what its text says that the strict build would refuse."""
    problems: list[Problem] = []
    for chapter in chapters:
        problems += chapter.problems
        if chapter.text is not None:
            problems += prose_problems(
                chapter.file,
                chapter.text,
                references.claim_ids,
                references.source_ids,
                references.bibkeys,
                references.seed_text,
                references.readings,
            )
    return problems


def validate_project(root: Path | str | None = None) -> list[Problem]:
    """Every problem in the project's seeds, data, bibliography and chapters (empty when all is well)."""
    try:
        paths = ProjectPaths.find(root)
    except FileNotFoundError as err:
        return [Problem(str(root or "."), None, "", str(err))]
    data = check_data(paths)
    chapters, toc_problems = read_chapters(paths)
    return data.problems + toc_problems + chapter_problems(chapters, prose_references(data))
