"""Ratings: every claim rated against every reading, as in Analysis of Competing Hypotheses.

``data/ratings.csv`` is a long table (claim_id, reading_id, rating, rationale) so that it works for
any number of readings: adding a reading to ``data/readings.yml`` means adding one row per claim here,
and nothing in the package changes. A claim is *diagnostic* when its ratings differ between readings;
it then *favors* the readings with the highest score. Evidence every reading accepts is not
diagnostic and is never counted as support for one of them.
"""

from __future__ import annotations

import pandas as pd

from analytic_reader.data.codebook import Codebook, allowed_values
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import Column, Table, read_table

NOT_DIAGNOSTIC = "not diagnostic"


def rating_columns(codebook: Codebook | None = None) -> tuple[Column, ...]:
    return (
        Column("claim_id"),
        Column("reading_id"),
        Column("rating", allowed=allowed_values(codebook, "rating")),
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
    given = {(r["claim_id"].strip(), r["reading_id"].strip()): (r["rating"].strip(), r.line) for r in ratings.records}
    for record in claims.records:
        head = record["proposition"].strip()
        for reading_id in reading_ids if head else ():
            mine, theirs = given.get((record["claim_id"].strip(), reading_id)), given.get((head, reading_id))
            if mine and theirs and mine[0] != theirs[0]:
                problems.append(
                    Problem(
                        ratings.file,
                        mine[1],
                        "rating",
                        f"{mine[0]!r} against {reading_id!r}, but {head} (line {theirs[1]}), the proposition "
                        f"this claim restates, is {theirs[0]!r}; one proposition, one rating",
                    )
                )
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
    """Per claim: whether it is diagnostic by Heuer's test, which readings it counts against, which it
    favors, and which it merely fits better.

    Heuer's method works by inconsistency (codebook, section 4): a claim is **diagnostic** when it is
    rated inconsistent with at least one reading and not with all of them. ``against`` lists the
    readings it is inconsistent with; ``favors`` the others, which survive it (several joined by
    ``", "``). A claim that is not diagnostic favors nothing (``"not diagnostic"``). ``fits`` keeps the
    looser difference the synthesis shows as a second, labelled view: among claims with no
    inconsistency, the readings rated highest when the ratings differ (consistent against neutral).
    """
    scores = ratings.pivot_table(
        index="claim_id", columns="reading_id", values="score", observed=False, aggfunc="first"
    ).reindex(columns=list(reading_ids))
    inconsistent = scores < 0
    diagnostic = inconsistent.any(axis=1) & ~inconsistent.all(axis=1)
    best = scores.max(axis=1)
    differs = scores.nunique(axis=1) > 1

    def joined(ids: list[str]) -> str:
        return ", ".join(ids) if ids else NOT_DIAGNOSTIC

    against, favors, fits = [], [], []
    for (_, row), bad, diag, top, diff in zip(
        scores.iterrows(), inconsistent.itertuples(index=False), diagnostic, best, differs
    ):
        bad_ids = [r for r, is_bad in zip(reading_ids, bad) if is_bad]
        against.append(joined(bad_ids) if diag else NOT_DIAGNOSTIC)
        favors.append(joined([r for r in reading_ids if r not in bad_ids]) if diag else NOT_DIAGNOSTIC)
        fits.append(joined([r for r in reading_ids if row[r] == top]) if diff and not bad_ids else NOT_DIAGNOSTIC)
    result = pd.DataFrame(
        {"diagnostic": diagnostic, "against": against, "favors": favors, "fits": fits}, index=scores.index
    )
    result.index = result.index.astype(str)
    return result


def counting_against(claims: pd.DataFrame, reading_id: str) -> pd.Series:
    """Which claims count against ``reading_id``: diagnostic claims rated inconsistent with it."""
    return claims["against"].str.split(", ").apply(lambda ids: reading_id in ids)


def fitting(claims: pd.DataFrame, reading_id: str) -> pd.Series:
    """Which claims fit ``reading_id`` better than another reading without contradicting any (the
    second, labelled view: differences of fit are not evidence by Heuer's test)."""
    return claims["fits"].str.split(", ").apply(lambda ids: reading_id in ids)


def favoring(claims: pd.DataFrame, reading_id: str) -> pd.Series:
    """Which claims favor ``reading_id``: diagnostic claims it survives (not rated inconsistent with it,
    while another reading is), alone or with another reading (``favors`` column)."""
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
