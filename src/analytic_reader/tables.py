"""Claim tables as DataFrames, and their rendering as accessible, escaped HTML.

The DataFrames are the teaching objects (students filter and count them); the HTML is what the
book shows. Every cell is escaped, so a claim that contains ``<script>`` is shown as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import pandas as pd

from .validate import Corpus

READING_MARK = {"linked": "L", "fraying": "F", "both": "B", "neither": "N"}
TEXTS_PAGE = "appendix-texts.html"

SOURCE_TABLE_COLUMNS = {
    "claim_id": "Claim",
    "quote": "Quote (verbatim)",
    "paraphrase": "In our words",
    "kind": "Kind",
    "speaker": "Speaker",
    "theater": "Theater",
    "topic": "Topic",
    "reading": "Reading",
}


def source_claims(corpus: Corpus, source_id: str) -> pd.DataFrame:
    """One source's claims, in the order they appear in its text, with readable column names."""
    if source_id not in corpus.sources.index:
        raise KeyError(f"unknown source_id {source_id!r}; known: {', '.join(corpus.sources.index)}")
    claims = corpus.claims[corpus.claims["source_id"] == source_id].sort_values("quote_start")
    return claims[list(SOURCE_TABLE_COLUMNS)].rename(columns=SOURCE_TABLE_COLUMNS).reset_index(drop=True)


def reading_counts(corpus: Corpus) -> pd.DataFrame:
    """Claims per source and reading, sources in publication order, with the date and lean."""
    counts = pd.crosstab(corpus.claims["source_id"], corpus.claims["reading"], dropna=False)
    counts = counts.reindex(index=corpus.sources.index, fill_value=0)
    counts.columns = [str(c) for c in counts.columns]
    counts.insert(0, "published", corpus.sources["published"])
    counts.insert(1, "lean", corpus.sources["lean"].astype("string"))
    counts["total"] = counts[[c for c in READING_MARK if c in counts.columns]].sum(axis=1)
    counts.index.name = "source_id"
    return counts


def reading_balance(corpus: Corpus) -> pd.DataFrame:
    """For each source, in date order: the share of its claims that support each reading.

    ``both`` counts toward each reading; ``neither`` toward none. This is the series the synthesis
    chapter plots to show how the balance moves over time.
    """
    counts = reading_counts(corpus)
    total = counts["total"].where(counts["total"] > 0)
    balance = pd.DataFrame(index=counts.index)
    balance["published_start"] = corpus.sources["published_start"]
    balance["supports linked"] = (counts.get("linked", 0) + counts.get("both", 0)) / total
    balance["supports fraying"] = (counts.get("fraying", 0) + counts.get("both", 0)) / total
    return balance


def claim_matrix(corpus: Corpus) -> pd.DataFrame:
    """Topics × sources: the claims each source makes on each topic, with their reading.

    A cell lists claims as ``claim_id (L)`` with L/F/B/N for linked, fraying, both, neither, so the
    matrix reads without colour. Empty string where a source says nothing on a topic.
    """
    claims = corpus.claims.sort_values("quote_start")
    matrix = pd.DataFrame("", index=[t for t in claims["topic"].cat.categories if (claims["topic"] == t).any()],
                          columns=list(corpus.sources.index))
    for (topic, source_id), group in claims.groupby(["topic", "source_id"], observed=True):
        matrix.loc[topic, source_id] = "; ".join(
            f"{claim_id} ({READING_MARK[str(reading)]})" for claim_id, reading in zip(group["claim_id"], group["reading"]))
    matrix.index.name = "topic"
    return matrix


def contested_topics(corpus: Corpus) -> pd.DataFrame:
    """Per topic: which sources' claims support each reading, and whether the topic is contested.

    A topic is contested when at least one claim supports ``linked`` and another ``fraying``.
    """
    rows = []
    claims = corpus.claims
    for topic, group in claims.groupby("topic", observed=True):
        def sources_for(*readings: str) -> str:
            chosen = group[group["reading"].isin(readings)]
            return ", ".join(sorted(chosen["source_id"].unique()))

        supports_linked, supports_fraying = sources_for("linked", "both"), sources_for("fraying", "both")
        rows.append({"topic": topic, "claims": len(group), "sources supporting linked": supports_linked,
                     "sources supporting fraying": supports_fraying,
                     "contested": bool(supports_linked and supports_fraying)})
    return pd.DataFrame(rows).sort_values(["contested", "claims"], ascending=False).reset_index(drop=True)


def html_table(frame: pd.DataFrame, *, caption: str, cell: Callable[[str, object, pd.Series], str] | None = None,
               row_id: Callable[[pd.Series], str] | None = None, index_header: str | None = None,
               css_class: str = "ar-table") -> str:
    """Render ``frame`` as an HTML table: caption, column headers with scope, every value escaped.

    ``cell(column, value, row)`` may return trusted HTML for a cell (it must escape data itself);
    ``row_id(row)`` gives each row an ``id`` to link to. The index is shown only if
    ``index_header`` is given.
    """
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    if index_header is not None:
        head = f'<th scope="col">{escape(index_header)}</th>' + head
    body = []
    for index, row in frame.iterrows():
        cells = []
        if index_header is not None:
            cells.append(f'<th scope="row">{escape(str(index))}</th>')
        for column in frame.columns:
            value = row[column]
            text = cell(column, value, row) if cell else None
            cells.append(f"<td>{text if text is not None else escape(_plain(value))}</td>")
        attr = f' id="{escape(row_id(row))}"' if row_id else ""
        body.append(f"<tr{attr}>{''.join(cells)}</tr>")
    return (f'<div class="ar-table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
            f'<table class="{css_class}"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _plain(value: object) -> str:
    if value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.0%}" if 0 <= value <= 1 else f"{value:g}"
    return str(value)


def claim_anchor(claim_id: str) -> str:
    """Id of a claim's highlighted passage in the source-texts appendix."""
    return f"claim-{claim_id}"


def row_anchor(claim_id: str) -> str:
    """Id of a claim's row in its source chapter's claims table."""
    return f"row-{claim_id}"


def source_claims_html(corpus: Corpus, source_id: str) -> str:
    """The source's claims table; each claim id links to its highlighted passage and back."""
    frame = source_claims(corpus, source_id)

    def cell(column: str, value: object, row: pd.Series) -> str | None:
        if column == "Claim":
            return (f'<a href="{TEXTS_PAGE}#{escape(claim_anchor(str(value)))}" '
                    f'title="Show this passage in the full text">{escape(str(value))}</a>')
        if column == "Quote (verbatim)":
            return f"<q>{escape(str(value))}</q>"
        if column == "Reading":
            return reading_badge(str(value))
        return None

    title = corpus.sources.loc[source_id, "title"]
    return html_table(frame, caption=f"Claims in “{title}” ({len(frame)}), in the order of the text",
                      cell=cell, row_id=lambda row: row_anchor(str(row["Claim"])))


def reading_badge(reading: str) -> str:
    """A reading shown by word and letter, never by colour alone."""
    return (f'<span class="ar-badge ar-{escape(reading)}">'
            f'{escape(reading)} ({escape(READING_MARK.get(reading, "?"))})</span>')


def claim_matrix_html(corpus: Corpus, chapter_of: Callable[[str], str] | None = None) -> str:
    """The topics × sources matrix with each claim linking to its row in its source chapter."""
    matrix = claim_matrix(corpus)
    labels = {s: f"{s} ({corpus.sources.loc[s, 'published']})" for s in matrix.columns}
    shown = matrix.rename(columns=labels)
    by_label = {v: k for k, v in labels.items()}

    def cell(column: str, value: object, row: pd.Series) -> str:
        source_id = by_label[column]
        parts = []
        for item in filter(None, str(value).split("; ")):
            claim_id, mark = item.rsplit(" ", 1)
            href = f"{chapter_of(source_id) if chapter_of else source_id + '.html'}#{row_anchor(claim_id)}"
            parts.append(f'<a href="{escape(href)}">{escape(claim_id)}</a>&nbsp;{escape(mark)}')
        return "<br>".join(parts)

    return html_table(shown, caption="Claims by topic and source (L linked, F fraying, B both, N neither)",
                      cell=cell, index_header="Topic", css_class="ar-table ar-matrix")


def frame_html(frame: pd.DataFrame, caption: str, index_header: str | None = None,
               columns: Sequence[str] | None = None) -> str:
    """Any small DataFrame as an escaped, captioned table."""
    shown = frame[list(columns)] if columns else frame
    return html_table(shown, caption=caption, index_header=index_header)
