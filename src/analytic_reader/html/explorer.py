"""The claim explorer: every claim of every source on one page, with filters whose state lives in the
page's address, so that an instructor can link "every claim of 2025 that counts against the fraying
reading".

Built from the data when the chapter executes: a form and one table row per claim, each row carrying
what the filters test as ``data-`` attributes. Without a script every row is shown (and printed); the
small script ``assets/scripts/explorer.js`` hides the rows a filter leaves out, announces how many
remain, sorts, and keeps the filters in the address (``?source=…&against=…``). A script of our own
rather than a table library: itables' offline bundle is about 1 MB a page, and the filters here are
a handful of equality tests. Everything shown comes from the data and is escaped as text.
"""

from __future__ import annotations

import json
from html import escape

import pandas as pd

from analytic_reader.analysis.frames import oldest_first, rating_table
from analytic_reader.analysis.weighing import evidence_weight
from analytic_reader.data.corpus import Corpus
from analytic_reader.data.ratings import NOT_DIAGNOSTIC
from analytic_reader.html.tables import row_anchor

OPENING_QUOTES = ("“", '"', "‘")


def _quoted(quote: str) -> str:
    """The quote between quotation marks, unless it opens with one of its own (no doubled marks)."""
    text = escape(quote, quote=False)
    marked = text if quote[:1] in OPENING_QUOTES else f"“{text}”"
    return f'<span class="ar-quote">{marked}</span>'


def _options(name: str, label: str, values: list[tuple[str, str]]) -> str:
    choices = "".join(f'<option value="{escape(v)}">{escape(text)}</option>' for v, text in values)
    return (
        f'<label class="ar-explorer-field">{escape(label)} '
        f'<select name="{escape(name)}"><option value="">any</option>{choices}</select></label>'
    )


def explorer_html(corpus: Corpus) -> str:
    """The explorer's form and table (see the module's docstring)."""
    claims = oldest_first(corpus, corpus.claims)
    ratings = rating_table(corpus, claims.index)
    rationales = rating_table(corpus, claims.index, column="rationale")
    weights = evidence_weight(corpus)
    labels = {r: str(corpus.readings.loc[r, "label"]) for r in corpus.reading_ids}
    sources = [(s, f"{s} ({corpus.sources.loc[s, 'published']})") for s in corpus.sources.index]
    vocab = {name: [(v, v) for v in corpus.codebook.values(name)] for name in ("topic", "kind", "attribution")}
    documentation = [(v, v) for v in corpus.codebook.values("documentation")]
    reading_choices = [(r, labels[r]) for r in corpus.reading_ids]
    form = (
        '<form class="ar-explorer-form" role="search" aria-label="Filter the claims">'
        + _options("source", "Source", sources)
        + _options("against", "Counts against", reading_choices)
        + _options("favors", "Leaves standing", reading_choices)
        + _options("diagnostic", "Diagnostic", [("yes", "yes"), ("no", "no")])
        + "".join(
            _options(f"rating-{r}", f"Rated against {labels[r]}", [(v, v) for v in corpus.codebook.values("rating")])
            for r in corpus.reading_ids
        )
        + _options("topic", "Topic", vocab["topic"])
        + _options("kind", "Kind", vocab["kind"])
        + _options("attribution", "Attribution", vocab["attribution"])
        + _options("documentation", "Documents", documentation)
        + '<label class="ar-explorer-field">Year <input name="year" inputmode="numeric" size="5"></label>'
        + '<label class="ar-explorer-field ar-explorer-text">Words in the quote, paraphrase or rationales '
        '<input name="words" type="search"></label>'
        + _options(
            "sort",
            "Sort by",
            [("source", "source, oldest first"), ("date", "date, newest first"), ("weight", "weight, heaviest first")],
        )
        + '<button type="reset">Clear the filters</button></form>'
        f'<p class="ar-explorer-count" role="status" aria-live="polite">All {len(claims)} claims are shown.</p>'
    )
    marks = {r: str(corpus.readings.loc[r, "mark"]) for r in corpus.reading_ids}
    rows: list[str] = []
    # What the filters test, once per claim, as indexes into each field's values: a tenth of the
    # bytes the same data would take as attributes on every row.
    vocabulary: dict[str, dict[str, int]] = {}
    data_rows: list[list[int]] = []
    for order, (claim_id, claim) in enumerate(claims.iterrows()):
        source_id = str(claim["source_id"])
        published = str(corpus.sources.loc[source_id, "published"])
        against = [] if claim["against"] == NOT_DIAGNOSTIC else str(claim["against"]).split(", ")
        favors = [] if claim["favors"] == NOT_DIAGNOSTIC else str(claim["favors"]).split(", ")
        # Text nodes escape only what HTML needs there (&, <, >): quotes stay as typed, and the page lighter.
        reasons = " ".join(
            f"<b>{escape(marks[r])}</b> {escape(str(ratings.loc[claim_id, r]))}: "
            f"{escape(str(rationales.loc[claim_id, r]), quote=False)}"
            for r in corpus.reading_ids
        )
        record = {
            "source": source_id,
            "date": published,
            "against": " ".join(against),
            "favors": " ".join(favors),
            "diagnostic": "yes" if claim["diagnostic"] else "no",
            "topic": str(claim["topic"]),
            "kind": str(claim["kind"]),
            "attribution": str(claim["attribution"]),
            "documentation": str(claim["documentation"]),
            **{f"rating-{r}": str(ratings.loc[claim_id, r]) for r in corpus.reading_ids},
        }
        for name, value in record.items():
            vocabulary.setdefault(name, {}).setdefault(value, len(vocabulary[name]))
        data_rows.append([int(weights[claim_id]), *(vocabulary[n][v] for n, v in record.items())])
        rows.append(
            f'<tr data-order="{order}">'
            f'<th scope="row"><a href="{escape(source_id)}.html#{escape(row_anchor(str(claim_id)))}">'
            f"{escape(str(claim_id))}</a></th>"
            f"<td>{escape(published)}</td>"
            f"<td>{_quoted(str(claim['quote']))} "
            f"{escape(str(claim['paraphrase']), quote=False)}</td>"
            f"<td>{escape(str(claim['speaker']), quote=False)} ({escape(str(claim['attribution']))}); "
            f"{escape(str(claim['documentation']))}; {int(weights[claim_id])}</td>"
            f"<td>{reasons}</td></tr>"
        )
    legend = ", ".join(f"{marks[r]} {labels[r]}" for r in corpus.reading_ids)
    data = {
        "fields": ["weight", *vocabulary],
        "values": {name: list(values) for name, values in vocabulary.items()},
        "rows": data_rows,
    }
    # JSON in a script element: "<" escaped, so no data can close the element.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    table = (
        '<div class="ar-table-wrap" tabindex="0" role="region" aria-label="Every claim of the corpus">'
        '<table class="ar-table ar-explorer-table"><caption>Every claim of the corpus, oldest source first'
        '</caption><thead><tr><th scope="col">claim</th><th scope="col">published</th>'
        '<th scope="col">quote and paraphrase</th><th scope="col">who, documented by, weight</th>'
        f'<th scope="col">rated against each reading ({escape(legend)})</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></div>"
    )
    # The script is the page's own (it filters; without it every row shows), from the book's _static.
    script = '<script src="../_static/scripts/explorer.js" defer></script>'
    return (
        f'<div class="ar-explorer">{form}{table}'
        f'<script type="application/json" class="ar-explorer-data">{payload}</script></div>{script}'
    )


def explorer_frame(corpus: Corpus) -> pd.DataFrame:
    """The explorer's rows as a DataFrame (what a reader can filter with pandas in a notebook)."""
    claims = oldest_first(corpus, corpus.claims)
    shown = claims[["source_id", "topic", "kind", "attribution", "documentation", "diagnostic", "against", "favors"]]
    return shown.assign(weight=evidence_weight(corpus)[claims.index])
