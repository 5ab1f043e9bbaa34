"""The glossary: actors, weapons, institutions and acronyms, with neutral definitions.

``data/glossary.csv`` is the one list; the glossary page is generated from it, and the Sphinx
extension ``sphinxext.glossary`` links the first use of each term (or one of its aliases) in every
chapter to its entry.
"""

from __future__ import annotations

import re

import pandas as pd

from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import Column, Table, check_unique, read_table

CATEGORIES = ("actor", "weapon", "institution", "think tank", "agreement", "acronym", "place", "event")
GLOSSARY_COLUMNS = (
    Column("term"),
    Column("aliases", required=False),
    Column("category", allowed=CATEGORIES),
    Column("definition"),
    Column("orientation", required=False),
)


def read_glossary(paths: ProjectPaths) -> Table:
    path = paths.data_dir / "glossary.csv"
    table = read_table(path, paths.relative(path), GLOSSARY_COLUMNS)
    check_unique(table, "term")
    seen: dict[str, int] = {}
    for record in table.records:
        if record["category"].strip() == "think tank" and not record["orientation"].strip():
            table.problems.append(
                Problem(table.file, record.line, "orientation", "a think tank needs a neutral line on its orientation")
            )
        for form in forms(record):
            key = form.lower()
            if key in seen and seen[key] != record.line:
                table.problems.append(
                    Problem(table.file, record.line, "aliases", f"{form!r} also names the entry on line {seen[key]}")
                )
            seen.setdefault(key, record.line)
    return table


def forms(record) -> list[str]:
    """The term and its aliases: every form that links to the entry."""
    return [record["term"].strip(), *[a.strip() for a in record["aliases"].split(";") if a.strip()]]


def anchor(term: str) -> str:
    """The entry's id on the glossary page."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def glossary_frame(glossary: Table) -> pd.DataFrame:
    rows = [
        {
            "term": r["term"].strip(),
            "aliases": [a.strip() for a in r["aliases"].split(";") if a.strip()],
            "category": r["category"].strip(),
            "definition": r["definition"].strip(),
            "orientation": r["orientation"].strip(),
        }
        for r in glossary.records
    ]
    frame = pd.DataFrame(rows, columns=["term", "aliases", "category", "definition", "orientation"])
    return frame.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)
