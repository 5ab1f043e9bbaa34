"""Tables as accessible, escaped HTML: what the book shows of the DataFrames in ``analysis.frames``.

The DataFrames are the teaching objects (students filter and count them); the HTML is what the
book shows. Every cell is escaped, so a claim that contains ``<script>`` is shown as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import pandas as pd

from analytic_reader.analysis.frames import (
    NOT_DIAGNOSTIC_MARK,
    claim_matrix_frame,
    favors_label,
    favors_mark,
    marks_legend,
    rating_table,
    reading_label,
)
from analytic_reader.data.corpus import Corpus
from analytic_reader.data.ratings import NOT_DIAGNOSTIC

TEXTS_PAGE = "appendix-texts.html"


def html_table(
    frame: pd.DataFrame,
    *,
    caption: str,
    cell: Callable[[str, object, pd.Series], str] | None = None,
    row_id: Callable[[pd.Series], str] | None = None,
    index_header: str | None = None,
    css_class: str = "ar-table",
) -> str:
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
    return (
        f'<div class="ar-table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
        f'<table class="{css_class}"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


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
    """The source's claims table, designed for the reading width: four columns (the claim and what it
    favors; the quote and our paraphrase; who says it and how it is documented; the ratings, each
    with its rationale behind a disclosure). Each claim id links to its highlighted passage and back."""
    claims = corpus.claims[corpus.claims["source_id"] == source_id].sort_values("quote_start")
    ratings = rating_table(corpus, claims.index)
    rationales = rating_table(corpus, claims.index, column="rationale")
    rows = []
    for claim_id, claim in claims.iterrows():
        ident = (
            f'<a class="ar-claim-id" href="{TEXTS_PAGE}#{escape(claim_anchor(str(claim_id)))}" '
            f'title="Show this passage in the full text">{escape(str(claim_id))}</a>'
            f"<br>{reading_badge(corpus, str(claim['favors']))}"
        )
        text = (
            f"<q>{escape(str(claim['quote']))}</q>"
            f'<p class="ar-para"><span class="ar-label">In our words:</span> {escape(str(claim["paraphrase"]))}</p>'
        )
        speaker = "the author" if str(claim["speaker"]) == "author" else str(claim["speaker"])
        attribution = "" if str(claim["attribution"]) == "author" else f"{escape(str(claim['attribution']))}; "
        who = (
            f'{escape(speaker)}<br><span class="ar-meta">{attribution}'
            f"documented by: {escape(str(claim['documentation']))}<br>{escape(str(claim['kind']))} · "
            f"{escape(str(claim['topic']))} · {escape(str(claim['theater']))}</span>"
        )
        rated = "".join(
            f'<details class="ar-rating"><summary>{escape(reading_label(corpus, r))}: '
            f"<strong>{escape(str(ratings.loc[claim_id, r]))}</strong></summary>"
            f"<p>{escape(str(rationales.loc[claim_id, r]))}</p></details>"
            for r in corpus.reading_ids
        )
        rows.append(
            f'<tr id="{escape(row_anchor(str(claim_id)))}"><td>{ident}</td><td>{text}</td>'
            f"<td>{who}</td><td>{rated}</td></tr>"
        )
    title = corpus.sources.loc[source_id, "title"]
    caption = (
        f"Claims in “{title}” ({len(claims)}), in the order of the text "
        "(their numbers follow the order in which they were coded)"
    )
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in ("Claim and verdict", "Quote and paraphrase", "Who says it", "Rating against each reading")
    )
    return (
        f'<div class="ar-table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
        f'<table class="ar-table ar-claims-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def reading_badge(corpus: Corpus, favors: str) -> str:
    """What a claim favors, shown by words and letter, never by colour alone.

    The style class names the reading's position in ``readings.yml``, not its id, so that the
    stylesheet names no reading."""
    if favors == NOT_DIAGNOSTIC:
        css, text = "ar-pos-none", f"not diagnostic ({NOT_DIAGNOSTIC_MARK})"
    else:
        first = favors.split(", ")[0]
        css = f"ar-pos-{int(corpus.readings.loc[first, 'position'])}"
        text = f"favors {favors_label(corpus, favors)} ({favors_mark(corpus, favors)})"
    return f'<span class="ar-badge {css}">{escape(text)}</span>'


def claim_matrix_html(corpus: Corpus, chapter_of: Callable[[str], str] | None = None) -> str:
    """The topics × sources matrix with each claim linking to its row in its source chapter."""
    matrix = claim_matrix_frame(corpus)
    labels = {s: f"{s} ({corpus.sources.loc[s, 'published']})" for s in matrix.columns}
    shown = matrix.rename(columns=labels)
    by_label = {v: k for k, v in labels.items()}

    def cell(column: str, value: object, row: pd.Series) -> str:
        source_id = by_label[column]
        parts = []
        for item in filter(None, str(value).split("; ")):
            claim_id, mark = item.split(" ", 1)
            href = f"{chapter_of(source_id) if chapter_of else source_id + '.html'}#{row_anchor(claim_id)}"
            parts.append(f'<a href="{escape(href)}">{escape(claim_id)}</a>&nbsp;{escape(mark)}')
        return "<br>".join(parts)

    return html_table(
        shown,
        caption=f"Claims by topic and source ({marks_legend(corpus)})",
        cell=cell,
        index_header="Topic",
        css_class="ar-table ar-matrix",
    )


def frame_html(
    frame: pd.DataFrame, caption: str, index_header: str | None = None, columns: Sequence[str] | None = None
) -> str:
    """Any small DataFrame as an escaped, captioned table."""
    shown = frame[list(columns)] if columns else frame
    return html_table(shown, caption=caption, index_header=index_header)
