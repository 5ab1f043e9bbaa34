"""Weighing the evidence: from counting claims to weighing diagnostic ones.

Three views of the same ratings, as the synthesis chapter shows them side by side:

* **all claims**: how many claims each reading is *consistent* with (what a tag count shows: most
  evidence fits every reading, so the counts say little);
* **diagnostic claims only**: how many claims favor each reading over the others;
* **weighted**: the same claims, each counted by its evidence weight (codebook, section 5).
"""

from __future__ import annotations

import pandas as pd

from analytic_reader.analysis.frames import oldest_first
from analytic_reader.data.corpus import Corpus
from analytic_reader.data.ratings import favoring

VIEWS = {
    "all": "All claims",
    "diagnostic": "Diagnostic claims only",
    "weighted": "Weighted by evidence quality",
}


def evidence_weight(corpus: Corpus) -> pd.Series:
    """Each claim's weight, 0 to 4: attribution points plus documentation points (codebook, section 5).

    A claim in the author's own voice counts 2 when the source is signed, 1 when it is not."""
    claims = corpus.claims
    signed = corpus.sources["authors"].fillna("").astype(str).str.strip() != ""
    attribution = [
        2 if (str(a) == "author" and bool(signed.get(s, False))) else corpus.codebook.attribution_weight(str(a))
        for a, s in zip(claims["attribution"], claims["source_id"])
    ]
    documentation = [0 if str(d) == "none" else min(2, len(str(d).split("; "))) for d in claims["documentation"]]
    return pd.Series([a + d for a, d in zip(attribution, documentation)], index=claims.index, name="weight")


def balance_view(corpus: Corpus, view: str) -> pd.DataFrame:
    """Sources (oldest first, then a total) × readings, under one of the three ``VIEWS``."""
    claims = corpus.claims
    weights = evidence_weight(corpus)
    table = pd.DataFrame(index=list(corpus.sources.index))
    for reading_id in corpus.reading_ids:
        label = str(corpus.readings.loc[reading_id, "label"])
        if view == "all":
            consistent = corpus.ratings[
                (corpus.ratings["reading_id"] == reading_id) & (corpus.ratings["rating"] == "consistent")
            ]["claim_id"]
            values = claims[claims["claim_id"].isin(set(consistent))].groupby("source_id").size()
        elif view == "diagnostic":
            values = claims[favoring(claims, reading_id)].groupby("source_id").size()
        elif view == "weighted":
            values = weights[favoring(claims, reading_id)].groupby(claims["source_id"]).sum()
        else:
            raise KeyError(f"unknown view {view!r}; views: {', '.join(VIEWS)}")
        table[label] = values.reindex(table.index, fill_value=0).astype(int)
    table["claims"] = claims.groupby("source_id").size().reindex(table.index, fill_value=0)
    table.loc["all sources"] = table.sum()
    table.index.name = "source"
    return table


def weighted_claims(corpus: Corpus) -> pd.DataFrame:
    """The diagnostic claims with their weight and its parts, heaviest first: what the verdict rests on."""
    weights = evidence_weight(corpus)
    claims = corpus.claims[corpus.claims["diagnostic"]].copy()
    claims["weight"] = weights[claims.index]
    return oldest_first(corpus, claims).sort_values("weight", ascending=False, kind="stable")
