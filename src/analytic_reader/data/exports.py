"""Students' codings, as the instructor collects them: one CSV per student (or several students in one),
one row per claim and reading, with the student's name or code.

Columns: ``student``, ``claim_id``, ``reading_id``, ``rating``. Each file is read as every project file
is (UTF-8, a byte-order mark tolerated; another encoding is one problem naming the file and line) and
checked against the corpus: unknown claim ids, readings or ratings, and a student's second rating of the
same claim and reading, are one line each; the valid rows of every file are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analytic_reader.data.corpus import Corpus
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import Column, read_table

EXPORT_COLUMNS = (Column("student"), Column("claim_id"), Column("reading_id"), Column("rating"))


@dataclass(frozen=True)
class Rating:
    student: str
    claim_id: str
    reading_id: str
    rating: str


def read_exports(paths: list[Path], corpus: Corpus) -> tuple[list[Rating], list[Problem]]:
    """Every valid rating of every file, and one problem per bad row or file (nothing else is dropped)."""
    ratings: list[Rating] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], str] = {}
    allowed = set(corpus.codebook.values("rating"))
    for path in paths:
        table = read_table(path, str(path), EXPORT_COLUMNS)
        problems += table.problems
        if table.broken:
            continue
        for record in table.records:
            student, claim_id = record["student"].strip(), record["claim_id"].strip()
            reading_id, rating = record["reading_id"].strip(), record["rating"].strip()
            if not (student and claim_id and reading_id and rating):
                continue  # already reported as an empty field
            wrong = None
            if claim_id not in corpus.claims.index:
                wrong = ("claim_id", f"{claim_id!r} is not a claim of this book")
            elif reading_id not in corpus.reading_ids:
                wrong = ("reading_id", f"{reading_id!r} is not a reading; use one of {', '.join(corpus.reading_ids)}")
            elif rating not in allowed:
                wrong = ("rating", f"{rating!r} is not a rating; use one of {', '.join(sorted(allowed))}")
            elif (student, claim_id, reading_id) in seen:
                first = seen[(student, claim_id, reading_id)]
                wrong = ("claim_id", f"{student} rated {claim_id} against {reading_id} twice (first at {first})")
            if wrong:
                problems.append(Problem(str(path), record.line, *wrong))
                continue
            seen[(student, claim_id, reading_id)] = f"{path}:{record.line}"
            ratings.append(Rating(student, claim_id, reading_id, rating))
    return ratings, problems
