"""Weighing the evidence by Heuer's test: what counts against each reading.

Analysis of Competing Hypotheses ranks hypotheses by the evidence *inconsistent* with them (Heuer,
*Psychology of Intelligence Analysis*, ch. 8): evidence that fits a reading proves little, because it
usually fits the others too. Three views of the same ratings, as the synthesis shows them:

* **weighted** (the headline): for each reading, the weight of the diagnostic propositions rated
  inconsistent with it; the reading with the least survives best;
* **against**: the same propositions counted, not weighed;
* **fit** (a second, labelled view, never the headline): claims with no inconsistency whose ratings
  still differ (consistent against neutral), counted for the readings they fit best.

One proposition counts once per source (codebook, section 5): claims grouped under one
``proposition`` count as one, with the greatest weight among them.
"""

from __future__ import annotations

import pandas as pd

from analytic_reader.data.corpus import Corpus
from analytic_reader.data.ratings import counting_against, fitting

VIEWS = {
    "weighted": "Weighted evidence against each reading",
    "against": "Propositions against each reading",
    "fit": "Differences of fit (not evidence)",
}


def evidence_weight(corpus: Corpus) -> pd.Series:
    """Each claim's weight, 0 to 4: attribution points plus documentation points (codebook, section 5).

    The author's own voice counts 1 in a signed and an unsigned text alike: a signature makes someone
    accountable but documents nothing."""
    claims = corpus.claims
    attribution = [corpus.codebook.attribution_weight(str(a)) for a in claims["attribution"]]
    documentation = [0 if str(d) == "none" else min(2, len(str(d).split("; "))) for d in claims["documentation"]]
    return pd.Series([a + d for a, d in zip(attribution, documentation)], index=claims.index, name="weight")


def proposition_weights(corpus: Corpus, chosen: pd.Series) -> pd.DataFrame:
    """The propositions among the ``chosen`` claims: one row per (source, proposition), with the number
    of claims it groups and the greatest weight among them. The unit every tally counts."""
    claims = corpus.claims[chosen]
    weights = evidence_weight(corpus)[claims.index]
    frame = pd.DataFrame({"source_id": claims["source_id"], "proposition": claims["proposition"], "weight": weights})
    grouped = frame.groupby(["source_id", "proposition"], observed=True)
    return grouped.agg(claims=("weight", "size"), weight=("weight", "max")).reset_index()


def balance_view(corpus: Corpus, view: str) -> pd.DataFrame:
    """Sources (oldest first, then a total) × readings, under one of the three ``VIEWS``."""
    claims = corpus.claims
    table = pd.DataFrame(index=list(corpus.sources.index))
    for reading_id in corpus.reading_ids:
        label = str(corpus.readings.loc[reading_id, "label"])
        if view in ("weighted", "against"):
            propositions = proposition_weights(corpus, counting_against(claims, reading_id))
            by_source = propositions.groupby("source_id")
            values = by_source["weight"].sum() if view == "weighted" else by_source.size()
        elif view == "fit":
            values = claims[fitting(claims, reading_id)].groupby("source_id").size()
        else:
            raise KeyError(f"unknown view {view!r}; views: {', '.join(VIEWS)}")
        table[label] = values.reindex(table.index, fill_value=0).astype(int)
    table["claims"] = claims.groupby("source_id").size().reindex(table.index, fill_value=0)
    table.loc["all sources"] = table.sum()
    table.index.name = "source"
    return table


def ranking(corpus: Corpus) -> pd.DataFrame:
    """The readings ranked by the weighted evidence against them, least first (Heuer's headline), with
    the count of propositions against each and the count of claims each merely fits better."""
    weighted = balance_view(corpus, "weighted").loc["all sources"]
    against = balance_view(corpus, "against").loc["all sources"]
    fit = balance_view(corpus, "fit").loc["all sources"]
    rows = [
        {
            "reading_id": reading_id,
            "reading": str(corpus.readings.loc[reading_id, "label"]),
            "weight against": int(weighted[str(corpus.readings.loc[reading_id, "label"])]),
            "propositions against": int(against[str(corpus.readings.loc[reading_id, "label"])]),
            "claims it fits better": int(fit[str(corpus.readings.loc[reading_id, "label"])]),
        }
        for reading_id in corpus.reading_ids
    ]
    frame = pd.DataFrame(rows).sort_values(["weight against", "propositions against"], kind="stable")
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame.set_index("reading_id")
