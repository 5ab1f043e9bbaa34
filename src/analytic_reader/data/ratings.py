"""Ratings: every claim rated against every reading, as in Analysis of Competing Hypotheses.

``data/ratings.csv`` is a long table (claim_id, reading_id, rating, rationale) so that it works for
any number of readings: adding a reading to ``data/readings.yml`` means adding one row per claim here,
and nothing in the package changes. A claim is *diagnostic* when its ratings differ between readings;
it then *favors* the readings with the highest score. Evidence every reading accepts is not
diagnostic and is never counted as support for one of them.
"""

from __future__ import annotations

import pandas as pd

from analytic_reader.data.codebook import Codebook
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import Column, Table, read_table

NOT_DIAGNOSTIC = "not diagnostic"


def rating_columns(codebook: Codebook | None = None) -> tuple[Column, ...]:
    return (
        Column("claim_id"),
        Column("reading_id"),
        Column("rating", allowed=codebook.values("rating") if codebook else ()),
        Column("rationale"),
    )


def read_ratings(path, file: str, codebook: Codebook) -> Table:
    """Read a ratings table (the decided ratings, or one coder's) and check its values."""
    table = read_table(path, file, rating_columns(codebook))
    first_seen: dict[tuple[str, str], int] = {}
    for record in table.records:
        key = (record["claim_id"].strip(), record["reading_id"].strip())
        if all(key) and key in first_seen:
            table.problems.append(
                Problem(
                    table.file,
                    record.line,
                    "reading_id",
                    f"{key[0]} is rated against {key[1]!r} twice (first on line {first_seen[key]})",
                )
            )
        first_seen.setdefault(key, record.line)
        if "\n" in record["rationale"] or "\r" in record["rationale"]:
            table.problems.append(
                Problem(table.file, record.line, "rationale", "contains a line break; keep it to one line")
            )
    return table


def check_ratings(ratings: Table, claims: Table, reading_ids: tuple[str, ...]) -> list[Problem]:
    """Every claim has exactly one rating against every reading, and every rating names a known claim
    and reading."""
    problems: list[Problem] = []
    claim_ids = {record["claim_id"].strip() for record in claims.records}
    rated: set[tuple[str, str]] = set()
    for record in ratings.records:
        claim_id, reading_id = record["claim_id"].strip(), record["reading_id"].strip()
        if claim_id and claim_id not in claim_ids:
            problems.append(
                Problem(ratings.file, record.line, "claim_id", f"{claim_id!r} is not a claim in {claims.file}")
            )
        if reading_id and reading_id not in reading_ids:
            problems.append(
                Problem(
                    ratings.file,
                    record.line,
                    "reading_id",
                    f"{reading_id!r} is not a reading; readings in data/readings.yml: {', '.join(reading_ids)}",
                )
            )
        rated.add((claim_id, reading_id))
    for record in claims.records:
        claim_id = record["claim_id"].strip()
        missing = [r for r in reading_ids if claim_id and (claim_id, r) not in rated]
        if missing:
            problems.append(
                Problem(
                    claims.file,
                    record.line,
                    "claim_id",
                    f"{claim_id} has no rating against {', '.join(repr(r) for r in missing)} "
                    f"in {ratings.file}; rate every claim against every reading",
                )
            )
    return problems


def ratings_frame(table: Table, codebook: Codebook, reading_ids: tuple[str, ...]) -> pd.DataFrame:
    """The ratings as a long DataFrame with each rating's score (consistent 1, neutral 0, inconsistent -1)."""
    frame = pd.DataFrame(
        [
            {name: record[name].strip() for name in ("claim_id", "reading_id", "rating", "rationale")}
            for record in table.records
        ],
        columns=["claim_id", "reading_id", "rating", "rationale"],
    )
    frame["score"] = [codebook.rating_score(r) for r in frame["rating"]]
    frame["reading_id"] = pd.Categorical(frame["reading_id"], categories=reading_ids)
    frame["rating"] = pd.Categorical(frame["rating"], categories=codebook.values("rating"))
    for name in ("claim_id", "rationale"):
        frame[name] = frame[name].astype("string")
    return frame


def verdicts(ratings: pd.DataFrame, reading_ids: tuple[str, ...]) -> pd.DataFrame:
    """Per claim: its score against each reading, whether it is diagnostic, and what it favors.

    ``favors`` is the id of the reading with the highest score (several joined by ``", "`` when they
    tie above another), or ``"not diagnostic"`` when every reading gets the same rating.
    """
    scores = ratings.pivot_table(
        index="claim_id", columns="reading_id", values="score", observed=False, aggfunc="first"
    ).reindex(columns=list(reading_ids))
    diagnostic = scores.nunique(axis=1) > 1
    best = scores.max(axis=1)
    favors = [
        ", ".join(r for r in reading_ids if row[r] == top) if diag else NOT_DIAGNOSTIC
        for (_, row), top, diag in zip(scores.iterrows(), best, diagnostic)
    ]
    result = pd.DataFrame({"diagnostic": diagnostic, "favors": favors}, index=scores.index)
    result.index = result.index.astype(str)
    return result


def favoring(claims: pd.DataFrame, reading_id: str) -> pd.Series:
    """Which claims favor ``reading_id``, alone or tied with another reading (``favors`` column)."""
    return claims["favors"].str.split(", ").apply(lambda ids: reading_id in ids)


def cohen_kappa(first: list[str], second: list[str]) -> float:
    """Cohen's kappa: agreement between two coders beyond what their rating frequencies give by chance.

    1 is perfect agreement, 0 is chance. When both coders use one and the same category throughout,
    chance agreement is 1 and kappa is undefined; it is returned as 1.0 if they agree, NaN otherwise.
    """
    if len(first) != len(second) or not first:
        raise ValueError("kappa needs two equally long, non-empty lists of ratings")
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second)) / n
    categories = set(first) | set(second)
    expected = sum((first.count(c) / n) * (second.count(c) / n) for c in categories)
    if expected == 1:
        return 1.0 if observed == 1 else float("nan")
    return (observed - expected) / (1 - expected)
