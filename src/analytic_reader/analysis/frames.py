"""The claims as DataFrames: the teaching objects students filter, count and compare.

Everything here takes the validated corpus and returns plain data (DataFrames, strings); nothing
here escapes or renders HTML, which is ``analytic_reader.html``'s job.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analytic_reader.data.corpus import Corpus
from analytic_reader.data.ratings import NOT_DIAGNOSTIC, favoring

NOT_DIAGNOSTIC_MARK = "="

SOURCE_TABLE_COLUMNS = {
    "claim_id": "Claim",
    "quote": "Quote (verbatim)",
    "paraphrase": "In our words",
    "kind": "Kind",
    "speaker": "Speaker",
    "attribution": "Attribution",
    "documentation": "Documentation",
    "theater": "Theater",
    "topic": "Topic",
    "favors": "Favors",
}


def reading_label(corpus: Corpus, reading_id: str) -> str:
    return str(corpus.readings.loc[reading_id, "label"])


def favors_label(corpus: Corpus, favors: str) -> str:
    """``favors`` as a reader says it: reading labels instead of ids."""
    if favors == NOT_DIAGNOSTIC:
        return favors
    return " and ".join(reading_label(corpus, r) for r in favors.split(", "))


def favors_mark(corpus: Corpus, favors: str) -> str:
    """The letter(s) of the favored reading(s), ``=`` for a claim that is not diagnostic."""
    if favors == NOT_DIAGNOSTIC:
        return NOT_DIAGNOSTIC_MARK
    return "+".join(str(corpus.readings.loc[r, "mark"]) for r in favors.split(", "))


def marks_legend(corpus: Corpus) -> str:
    marks = ", ".join(f"{row['mark']} {row['label']}" for _, row in corpus.readings.iterrows())
    return f"{marks}, {NOT_DIAGNOSTIC_MARK} not diagnostic"


def oldest_first(corpus: Corpus, claims: pd.DataFrame) -> pd.DataFrame:
    """``claims`` in the order the book lists them: oldest source first, each source in the order of its
    text. The one definition of that order, used by every table, toggle and ranking."""
    position = {source: n for n, source in enumerate(corpus.sources.index)}
    return (
        claims.assign(_order=claims["source_id"].map(position))
        .sort_values(["_order", "quote_start"], kind="stable")
        .drop(columns="_order")
    )


def source_claims(corpus: Corpus, source_id: str) -> pd.DataFrame:
    """One source's claims, in the order they appear in its text, with readable column names and one
    column per reading holding the claim's rating against it."""
    if source_id not in corpus.sources.index:
        raise KeyError(f"unknown source_id {source_id!r}; known: {', '.join(corpus.sources.index)}")
    claims = corpus.claims[corpus.claims["source_id"] == source_id].sort_values("quote_start")
    frame = claims[list(SOURCE_TABLE_COLUMNS)].copy()
    frame["favors"] = [favors_label(corpus, f) for f in frame["favors"]]
    ratings = rating_table(corpus, claims.index)
    for reading_id in corpus.reading_ids:
        frame[f"rating: {reading_label(corpus, reading_id)}"] = ratings[reading_id].astype("string")
    return frame.rename(columns=SOURCE_TABLE_COLUMNS).reset_index(drop=True)


def rating_table(corpus: Corpus, claim_ids: Sequence[str] | None = None, column: str = "rating") -> pd.DataFrame:
    """Claims × readings: each claim's rating (or ``column="rationale"``) against each reading."""
    wide = corpus.ratings.pivot_table(
        index="claim_id", columns="reading_id", values=column, aggfunc="first", observed=False
    )
    wide = wide.reindex(columns=list(corpus.reading_ids))
    wide.index = wide.index.astype(str)
    return wide.reindex(index=list(claim_ids) if claim_ids is not None else corpus.claims.index)


def reading_counts(corpus: Corpus) -> pd.DataFrame:
    """Per source, in publication order: its claims, how many are diagnostic, and how many favor each
    reading (a claim that ties between readings counts for each)."""
    claims = corpus.claims
    counts = pd.DataFrame(index=corpus.sources.index)
    counts.insert(0, "published", corpus.sources["published"])
    counts.insert(1, "lean", corpus.sources["lean"])
    grouped = claims.groupby("source_id")
    counts["claims"] = grouped.size().reindex(counts.index, fill_value=0)
    counts["diagnostic"] = grouped["diagnostic"].sum().reindex(counts.index, fill_value=0).astype(int)
    for reading_id in corpus.reading_ids:
        favors = favoring(claims, reading_id)
        counts[f"favor {reading_id}"] = favors.groupby(claims["source_id"]).sum().reindex(counts.index, fill_value=0)
    counts["not diagnostic"] = counts["claims"] - counts["diagnostic"]
    counts.index.name = "source_id"
    return counts


def reading_balance(corpus: Corpus) -> pd.DataFrame:
    """For each source, in date order: the share of its claims that favor each reading.

    Claims consistent with every reading are in the denominator but favor none: a source full of
    evidence that all readings accept does not lean anywhere. This is the series the synthesis
    chapter plots to show how the balance moves over time.
    """
    counts = reading_counts(corpus)
    total = counts["claims"].where(counts["claims"] > 0)
    balance = pd.DataFrame(index=counts.index)
    balance["published_start"] = corpus.sources["published_start"]
    for reading_id in corpus.reading_ids:
        balance[f"favors {reading_label(corpus, reading_id)}"] = counts[f"favor {reading_id}"] / total
    return balance


def claim_matrix_frame(corpus: Corpus) -> pd.DataFrame:
    """Topics × sources: the claims each source makes on each topic, with what each favors.

    A cell lists claims as ``claim_id (L)`` with the favored reading's letter, or ``=`` when the claim
    is not diagnostic, so the matrix reads without colour. Empty where a source says nothing on a topic.
    """
    claims = corpus.claims.sort_values("quote_start")
    matrix = pd.DataFrame(
        "",
        index=[t for t in claims["topic"].cat.categories if (claims["topic"] == t).any()],
        columns=list(corpus.sources.index),
    )
    for (topic, source_id), group in claims.groupby(["topic", "source_id"], observed=True):
        matrix.loc[topic, source_id] = "; ".join(
            f"{claim_id} ({favors_mark(corpus, str(f))})" for claim_id, f in zip(group["claim_id"], group["favors"])
        )
    matrix.index.name = "topic"
    return matrix


def contested_topics(corpus: Corpus) -> pd.DataFrame:
    """Per topic: which sources' claims favor each reading, and whether the topic is contested.

    A topic is contested when claims on it favor at least two different readings.
    """
    rows = []
    for topic, group in corpus.claims.groupby("topic", observed=True):
        row: dict[str, object] = {"topic": topic, "claims": len(group), "diagnostic": int(group["diagnostic"].sum())}
        favored = 0
        for reading_id in corpus.reading_ids:
            chosen = group[favoring(group, reading_id)]
            sources = [s for s in corpus.sources.index if s in set(chosen["source_id"])]
            row[f"sources favoring {reading_label(corpus, reading_id)}"] = ", ".join(sources)
            favored += bool(sources)
        row["contested"] = "yes" if favored >= 2 else "no"
        rows.append(row)
    return pd.DataFrame(rows).sort_values(["contested", "diagnostic", "claims"], ascending=False).reset_index(drop=True)
