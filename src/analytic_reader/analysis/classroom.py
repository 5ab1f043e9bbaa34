"""A class's codings against the book's and against each other, per reading: what the instructor's
``class-agreement`` report shows.

Kappa is the package's own (``data.ratings.cohen_kappa``), computed on the claims both codings rated, so a
student who rated a few claims is compared on those few (the ``claims`` column says how many).
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from analytic_reader.data.corpus import Corpus
from analytic_reader.data.exports import Rating
from analytic_reader.data.ratings import cohen_kappa


def _by_student(ratings: list[Rating]) -> dict[str, dict[tuple[str, str], str]]:
    coded: dict[str, dict[tuple[str, str], str]] = {}
    for r in ratings:
        coded.setdefault(r.student, {})[(r.claim_id, r.reading_id)] = r.rating
    return coded


def _book(corpus: Corpus) -> dict[tuple[str, str], str]:
    return {(str(r.claim_id), str(r.reading_id)): str(r.rating) for r in corpus.ratings.itertuples()}


def _compare(first: dict, second: dict, reading_id: str) -> tuple[int, float, float]:
    keys = sorted(k for k in first if k[1] == reading_id and k in second)
    if not keys:
        return 0, float("nan"), float("nan")
    a, b = [first[k] for k in keys], [second[k] for k in keys]
    return len(keys), sum(x == y for x, y in zip(a, b)) / len(keys), cohen_kappa(a, b)


def agreement_with_the_book(corpus: Corpus, ratings: list[Rating]) -> pd.DataFrame:
    """One row per student and reading: claims compared, agreement with the book, kappa."""
    book = _book(corpus)
    rows = [
        dict(zip(("student", "reading", "claims", "agreement", "kappa"), (s, r, *_compare(coded, book, r))))
        for s, coded in sorted(_by_student(ratings).items())
        for r in corpus.reading_ids
    ]
    return pd.DataFrame(rows, columns=["student", "reading", "claims", "agreement", "kappa"])


def agreement_between_students(corpus: Corpus, ratings: list[Rating]) -> pd.DataFrame:
    """One row per pair of students and reading: claims both rated, agreement, kappa."""
    coded = _by_student(ratings)
    rows = [
        {
            "students": f"{a} / {b}",
            "reading": r,
            **dict(zip(("claims", "agreement", "kappa"), _compare(coded[a], coded[b], r))),
        }
        for a, b in combinations(sorted(coded), 2)
        for r in corpus.reading_ids
    ]
    return pd.DataFrame(rows, columns=["students", "reading", "claims", "agreement", "kappa"])


def most_disputed(corpus: Corpus, ratings: list[Rating], top: int = 10) -> pd.DataFrame:
    """The claim and reading pairs on which most of the class differs from the book, with the book's
    rating and rationale: what to discuss in class."""
    book = _book(corpus)
    rationale = {(str(r.claim_id), str(r.reading_id)): str(r.rationale) for r in corpus.ratings.itertuples()}
    counts: dict[tuple[str, str], list[int]] = {}
    for r in ratings:
        tally = counts.setdefault((r.claim_id, r.reading_id), [0, 0])
        tally[0] += r.rating != book[(r.claim_id, r.reading_id)]
        tally[1] += 1
    rows = [
        {
            "claim": k[0],
            "reading": k[1],
            "students differing": f"{d} of {n}",
            "share": d / n,
            "book's rating": book[k],
            "book's reason": rationale[k],
        }
        for k, (d, n) in counts.items()
        if d
    ]
    frame = pd.DataFrame(
        rows, columns=["claim", "reading", "students differing", "share", "book's rating", "book's reason"]
    )
    return frame.sort_values(["share", "claim"], ascending=[False, True]).head(top).drop(columns="share")
