"""Claim tables as DataFrames, and their rendering as accessible, escaped HTML.

The DataFrames are the teaching objects (students filter and count them); the HTML is what the
book shows. Every cell is escaped, so a claim that contains ``<script>`` is shown as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import pandas as pd

from .ratings import NOT_DIAGNOSTIC, favoring
from .validate import Corpus

TEXTS_PAGE = "appendix-texts.html"
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
    wide = corpus.ratings.pivot_table(index="claim_id", columns="reading_id", values=column, aggfunc="first",
                                      observed=False)
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


def claim_matrix(corpus: Corpus) -> pd.DataFrame:
    """Topics × sources: the claims each source makes on each topic, with what each favors.

    A cell lists claims as ``claim_id (L)`` with the favored reading's letter, or ``=`` when the claim
    is not diagnostic, so the matrix reads without colour. Empty where a source says nothing on a topic.
    """
    claims = corpus.claims.sort_values("quote_start")
    matrix = pd.DataFrame("", index=[t for t in claims["topic"].cat.categories if (claims["topic"] == t).any()],
                          columns=list(corpus.sources.index))
    for (topic, source_id), group in claims.groupby(["topic", "source_id"], observed=True):
        matrix.loc[topic, source_id] = "; ".join(
            f"{claim_id} ({favors_mark(corpus, str(f))})" for claim_id, f in zip(group["claim_id"], group["favors"]))
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
    """The source's claims table, designed for the reading width: four columns (the claim and what it
    favors; the quote and our paraphrase; who says it and how it is documented; the ratings, each
    with its rationale behind a disclosure). Each claim id links to its highlighted passage and back."""
    claims = corpus.claims[corpus.claims["source_id"] == source_id].sort_values("quote_start")
    ratings = rating_table(corpus, claims.index)
    rationales = rating_table(corpus, claims.index, column="rationale")
    rows = []
    for claim_id, claim in claims.iterrows():
        ident = (f'<a href="{TEXTS_PAGE}#{escape(claim_anchor(str(claim_id)))}" '
                 f'title="Show this passage in the full text">{escape(str(claim_id))}</a>'
                 f'<br>{reading_badge(corpus, str(claim["favors"]))}')
        text = (f'<q>{escape(str(claim["quote"]))}</q>'
                f'<p class="ar-para"><span class="ar-label">In our words:</span> {escape(str(claim["paraphrase"]))}</p>')
        speaker = "the author" if str(claim["speaker"]) == "author" else str(claim["speaker"])
        attribution = "" if str(claim["attribution"]) == "author" else f'{escape(str(claim["attribution"]))}; '
        who = (f'{escape(speaker)}<br><span class="ar-meta">{attribution}'
               f'documented by: {escape(str(claim["documentation"]))}<br>{escape(str(claim["kind"]))} · '
               f'{escape(str(claim["topic"]))} · {escape(str(claim["theater"]))}</span>')
        rated = "".join(
            f'<details class="ar-rating"><summary>{escape(reading_label(corpus, r))}: '
            f'<strong>{escape(str(ratings.loc[claim_id, r]))}</strong></summary>'
            f'<p>{escape(str(rationales.loc[claim_id, r]))}</p></details>' for r in corpus.reading_ids)
        rows.append(f'<tr id="{escape(row_anchor(str(claim_id)))}"><td>{ident}</td><td>{text}</td>'
                    f"<td>{who}</td><td>{rated}</td></tr>")
    title = corpus.sources.loc[source_id, "title"]
    caption = f"Claims in “{title}” ({len(claims)}), in the order of the text"
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Claim and verdict", "Quote and paraphrase", "Who says it", "Rating against each reading"))
    return (f'<div class="ar-table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
            f'<table class="ar-table ar-claims-table"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


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
    matrix = claim_matrix(corpus)
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

    return html_table(shown, caption=f"Claims by topic and source ({marks_legend(corpus)})",
                      cell=cell, index_header="Topic", css_class="ar-table ar-matrix")


def frame_html(frame: pd.DataFrame, caption: str, index_header: str | None = None,
               columns: Sequence[str] | None = None) -> str:
    """Any small DataFrame as an escaped, captioned table."""
    shown = frame[list(columns)] if columns else frame
    return html_table(shown, caption=caption, index_header=index_header)
