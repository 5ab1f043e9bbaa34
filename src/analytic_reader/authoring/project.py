"""The whole project's check, as ``make check`` prints it: the data layer's problems, then the
chapters' (table of contents, front matter, and what the prose may say).

It lives above ``data/`` because the chapters are authoring, not data: the data layer never imports
from here, so the chapters can be checked against the data without a cycle.
"""

from __future__ import annotations

import re
from pathlib import Path

from analytic_reader.authoring.chapters import toc_chapters
from analytic_reader.authoring.prose import prose_problems
from analytic_reader.data.bibliography import read_bibliography
from analytic_reader.data.claims import read_claims
from analytic_reader.data.codebook import read_codebook
from analytic_reader.data.corpus import data_problems
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.readings import read_readings
from analytic_reader.data.records import read_text
from analytic_reader.data.sources import read_sources


def check_chapters(paths: ProjectPaths) -> list[Problem]:
    """Every chapter the table of contents lists exists, and its text is what the strict build accepts."""
    if not (paths.root / "_toc.yml").exists():
        return []
    try:
        names = toc_chapters(paths)
    except Exception as err:  # a broken _toc.yml: one line, never a traceback
        message = " ".join(str(err).replace(str(paths.root) + "/", "").split())
        return [Problem("_toc.yml", None, "", f"cannot be read ({message})")]
    codebook, _ = read_codebook(paths)
    claims, sources = read_claims(paths, codebook), read_sources(paths)
    claim_ids = {r["claim_id"].strip() for r in claims.records}
    # With claims.csv or sources.csv unreadable (reported as the root cause), no claim id is checked.
    source_ids = set() if claims.broken or sources.broken else {r["source_id"].strip() for r in sources.records}
    bibkeys = set(read_bibliography(paths).entries)
    items, readings_problems = read_readings(paths)
    # With readings.yml broken (reported as the root cause), no reading role or name is checked.
    readings = (
        None if readings_problems else {str(r["reading_id"]): (str(r["label"]), str(r["short_label"])) for r in items}
    )
    seed_text = " ".join(
        re.sub(r"\s+", " ", read_text(p, paths.relative(p))[0] or "").lower()
        for p in sorted((paths.root / "seeds").glob("*.txt"))
    )
    problems: list[Problem] = []
    for name in names:
        path = paths.root / "chapters" / f"{name}.md"
        file = f"chapters/{name}.md"
        if not path.exists():
            problems.append(Problem("_toc.yml", None, "file", f"chapters/{name} is listed but {file} does not exist"))
            continue
        text, read_problems = read_text(path, file)
        problems += read_problems
        problems += prose_problems(file, text or "", claim_ids, source_ids, bibkeys, seed_text, readings)
    return problems


def validate_project(root: Path | str | None = None) -> list[Problem]:
    """Every problem in the project's seeds, data, bibliography and chapters (empty when all is well)."""
    try:
        paths = ProjectPaths.find(root)
    except FileNotFoundError as err:
        return [Problem(str(root or "."), None, "", str(err))]
    return data_problems(paths) + check_chapters(paths)
