"""What the chapters call: a few functions that turn the corpus into displayable pieces.

Chapters stay thin (a line or two per cell); the logic lives in the modules this one uses.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape
from pathlib import Path

import pandas as pd
from IPython.display import HTML as _HTML
from IPython.display import SVG

from analytic_reader.analysis.frames import (
    claim_matrix_frame,
    contested_topics,
    favors_label,
    marks_legend,
    oldest_first,
    rating_table,
    reading_balance,
    reading_counts,
    reading_label,
    source_claims,
)
from analytic_reader.analysis.weighing import balance_view, evidence_weight, proposition_weights, ranking
from analytic_reader.authoring.chapters import chapter_info, instructor_frame
from analytic_reader.authoring.myst import markdown_literal
from analytic_reader.data.bibliography import format_reference
from analytic_reader.data.coding import (
    adjudication_frame,
    agreement_frame,
    field_agreement,
    rationale_overlap,
    read_coding,
    read_field_coding,
)
from analytic_reader.data.corpus import Corpus, load_corpus
from analytic_reader.data.ratings import cohen_kappa, counting_against, favoring, fitting, read_ratings
from analytic_reader.data.readings import with_reading_names
from analytic_reader.data.sources import published_label
from analytic_reader.html import tables
from analytic_reader.html import toggles as _toggles
from analytic_reader.html.blocks import spaced_blocks
from analytic_reader.html.explorer import explorer_frame, explorer_html
from analytic_reader.html.fulltext import highlighted_text_html
from analytic_reader.html.practice import practice_html
from analytic_reader.html.selfcheck import self_check_html

__all__ = [
    "load",
    "learning_box",
    "source_card",
    "claims_table",
    "reading_toggle",
    "claim_matrix",
    "frame",
    "balance_chart",
    "balance_table",
    "instructor_table",
    "coverage_table",
    "agreement_table",
    "adjudication_log",
    "rating_matrix",
    "figures",
    "glue_figures",
    "balance_toggle",
    "forecast_audit",
    "heuer_ranking",
    "rationale_overlap_table",
    "claim_explorer",
    "practice",
    "self_check",
    "explorer_frame",
    "field_agreement_table",
    "timeline_markdown",
    "glossary_markdown",
    "full_texts_markdown",
    # DataFrames and helpers for the exercises, re-exported so chapters import only this module:
    "source_claims",
    "claim_matrix_frame",
    "contested_topics",
    "rating_table",
    "reading_balance",
    "reading_counts",
    "reading_label",
    "favors_label",
    "marks_legend",
    "cohen_kappa",
]


class HTML(_HTML):
    """IPython's HTML output, its blocks' words kept apart for the search index (``html.blocks``)."""

    def __init__(self, data: str | None = None, **kwargs) -> None:
        super().__init__(spaced_blocks(data) if isinstance(data, str) else data, **kwargs)


def load(root: Path | str | None = None) -> Corpus:
    """The validated corpus, found from the project wherever the chapter runs."""
    return load_corpus(root)


def learning_box(corpus: Corpus, chapter: str) -> HTML:
    """The chapter's opening box, generated from its front matter."""
    info = chapter_info(corpus.paths, chapter)
    objectives = "".join(f"<li>{escape(with_reading_names(o, corpus.readings))}</li>" for o in info.objectives)
    prerequisites = "; ".join(_link_markdown(p) for p in info.prerequisites) or "none"
    return HTML(
        '<aside class="ar-learning" aria-label="About this chapter">'
        f"<p><strong>In this chapter you will</strong></p><ul>{objectives}</ul>"
        f"<p><strong>Time:</strong> about {info.minutes} minutes. "
        f"<strong>Prerequisites:</strong> {prerequisites}.</p></aside>"
    )


def _link_markdown(text: str) -> str:
    """Escape ``text`` but keep ``[label](chapter.md)`` links, pointing at the built page."""
    parts = re.split(r"\[([^\]]+)\]\(([\w./-]+)\)", text)
    html = [escape(parts[0])]
    for label, target, rest in zip(parts[1::3], parts[2::3], parts[3::3]):
        html.append(f'<a href="{escape(re.sub(r"[.]md$", ".html", target))}">{escape(label)}</a>{escape(rest)}')
    return "".join(html)


def source_card(corpus: Corpus, source_id: str) -> HTML:
    """Title, outlet, authors, date with its precision, genre, link and citation key of a source."""
    source = corpus.sources.loc[source_id]
    entry = corpus.bibliography.get(str(source["bibkey"]), {})

    def row(label: str, value: str) -> str:
        return f'<tr><th scope="row">{escape(label)}</th><td>{value}</td></tr>'

    def text(name: str, missing: str) -> str:
        value = source[name]
        return escape(str(value)) if pd.notna(value) and str(value) else missing

    url = str(source["url"]) if pd.notna(source["url"]) and source["url"] else ""
    link = f'<a href="{escape(url)}">{escape(url)}</a>' if url else "not established"
    lean = str(source["lean"])
    lean_text = escape(reading_label(corpus, lean)) if lean in corpus.reading_ids else "neither reading in particular"
    rows = [
        '<tr><th scope="rowgroup" colspan="2">What the text itself says</th></tr>',
        row("Title in the text", escape(str(source["title"]))),
        row("The text gives", text("seed_says", "")),
        row("How dated", escape(str(source["dating_note"]))),
        '<tr><th scope="rowgroup" colspan="2">Established outside the text</th></tr>',
        row("Original title", text("original_title", "not established")),
        row("Outlet", text("outlet", "not established")),
        row("Authors", text("authors", "not established")),
        row(
            "Published",
            f"{escape(published_label(str(source['published']), str(source['date_precision'])))} "
            f"(precision: {escape(str(source['date_precision']))})",
        ),
        row("Original address", link),
        row("This copy", escape(str(source["copy"]))),
        row("How established", text("provenance", "")),
        '<tr><th scope="rowgroup" colspan="2">Our description</th></tr>',
        row("Genre", escape(str(source["genre"]))),
        row("Argues for", lean_text),
        row("Citation", escape(format_reference(entry))),
    ]
    return HTML(
        f'<table class="ar-card"><caption>Source card: {escape(str(source["title"]))}</caption>'
        '<colgroup><col class="ar-card-field"><col></colgroup>'  # widths for the fixed layout (reader.css)
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def claims_table(corpus: Corpus, source_id: str) -> HTML:
    """The source's claims table (rows link to the highlighted passages)."""
    return HTML(tables.source_claims_html(corpus, source_id))


def claim_explorer(corpus: Corpus) -> HTML:
    """Every claim of every source on one page, filtered in the browser, the filters in the address."""
    return HTML(explorer_html(corpus))


def self_check(corpus: Corpus, source_id: str) -> HTML:
    """A few questions on the source's claims with immediate feedback (radio inputs and CSS, no script)."""
    return HTML(self_check_html(corpus, source_id))


def practice(corpus: Corpus) -> HTML:
    """The code-it-yourself exercise: rate claims, then compare with the book (all in the browser)."""
    return HTML(practice_html(corpus))


def claim_matrix(corpus: Corpus) -> HTML:
    return HTML(tables.claim_matrix_html(corpus))


def frame(data: pd.DataFrame, caption: str, index_header: str | None = None) -> HTML:
    """Any DataFrame as a captioned, escaped table without index noise."""
    return HTML(tables.frame_html(data, caption, index_header=index_header))


def balance_chart(corpus: Corpus) -> SVG:
    """The reading-balance chart as an SVG image (``html.charts.balance_svg``); pair it with
    ``balance_table`` (its text equivalent).

    A rendered image displays the same in the book build (where it becomes an image file with the
    cell's alt text and caption), JupyterLab and a plain kernel, whatever matplotlib backend is active.
    """
    from analytic_reader.html.charts import balance_svg  # matplotlib loads only where a chart is drawn

    return SVG(data=balance_svg(corpus))


def balance_table(corpus: Corpus) -> HTML:
    """The chart's numbers as a table: its text equivalent."""
    return frame(
        balance_view(corpus, "weighted"),
        "Weighted evidence against each reading, source by source (the chart's data; least is best)",
        index_header="source",
    )


def heuer_ranking(corpus: Corpus) -> HTML:
    """The headline: the readings ranked by the weighted evidence against them, least first (Heuer's
    test), with the count of propositions against each and, apart, the claims each merely fits better."""
    return frame(
        ranking(corpus).reset_index(drop=True),
        "The readings ranked by the evidence against them (least first); the last column is not evidence",
    )


def instructor_table(corpus: Corpus) -> HTML:
    """The instructor guide's table of chapters, generated from their front matter: each chapter by its
    title, linking to it, with its objectives, time, prerequisites (links kept) and exercises."""
    table = instructor_frame(corpus.paths)
    table["objectives"] = table["objectives"].map(lambda text: with_reading_names(text, corpus.readings))
    pages = dict(zip(table["chapter"], table["page"]))

    def cell(column: str, value: object, row: pd.Series) -> str | None:
        if column == "chapter":
            return f'<a href="{escape(pages[str(value)])}">{escape(str(value))}</a>'
        if column == "prerequisites":
            return "; ".join(_link_markdown(p) for p in str(value).split("; ") if p) or "none"
        return None

    return HTML(
        tables.html_table(
            table.drop(columns="page"),
            caption="Chapters, objectives, time and exercises",
            cell=cell,
            css_class="ar-table ar-guide",
        )
    )


def coverage_table(corpus: Corpus) -> HTML:
    """How completely each source is coded: sentences, those that assert nothing, the assertive ones
    coded, counted as duplicates of a claim, or left out as background, and the coverage."""
    table = corpus.coverage.copy()
    table.insert(0, "published", corpus.sources["published"])
    table = table.reindex(corpus.sources.index)
    return frame(
        table,
        "Coverage of the coding, source by source, oldest first "
        "(coverage = coded and duplicate sentences / assertive sentences)",
        index_header="source",
    )


def _coding(corpus: Corpus):
    coding = read_coding(corpus.paths, corpus.codebook)
    if coding is None:
        raise FileNotFoundError(f"{corpus.paths.relative(corpus.paths.coding_dir)} holds no second coding")
    return coding


def agreement_table(corpus: Corpus) -> HTML:
    """Agreement of the two independent coders per reading (Cohen's kappa), before and after adjudication."""
    first, second, _ = _coding(corpus)
    decided = read_ratings(corpus.paths.ratings_csv, "data/ratings.csv", corpus.codebook)
    table = agreement_frame(first, second, decided, corpus.reading_ids)
    table.index = [reading_label(corpus, r) for r in table.index]
    shown = table.copy()
    for column in ("kappa before adjudication", "kappa first vs decided", "kappa second vs decided"):
        shown[column] = [f"{value:.2f}" for value in table[column]]
    return frame(shown, "Agreement between the two coders, per reading", index_header="reading")


def rationale_overlap_table(corpus: Corpus) -> HTML:
    """How often the two codings' rationales for one claim and reading share a distinctive five-word run,
    against unrelated pairs: a test that the second coding did not see the first."""
    first, second, _ = _coding(corpus)
    common = [
        corpus.paths.codebook.read_text(encoding="utf-8"),
        corpus.paths.readings_yml.read_text(encoding="utf-8"),
        *map(str, corpus.claims["quote"]),
        *map(str, corpus.claims["paraphrase"]),
    ]
    table = rationale_overlap(first, second, common)
    table["share"] = [f"{value:.1%}" for value in table["share"]]
    return frame(
        table,
        "Rationale pairs sharing a five-word run found in no codebook, reading, quote or paraphrase",
        index_header="pairs compared",
    )


def field_agreement_table(corpus: Corpus) -> HTML:
    """Agreement of a blind second coding of sampled passages with the book's claims: where claims begin
    and end, speaker, attribution, documentation and kind."""
    second = read_field_coding(corpus.paths, corpus.codebook)
    if second is None:
        raise FileNotFoundError("data/coding/fields-second.csv holds no second field coding")
    return frame(
        field_agreement(corpus.claims, corpus.seeds, second),
        "A blind second coding of sampled passages against the book's claims there",
        index_header="field",
    )


def adjudication_log(corpus: Corpus) -> HTML:
    """Every disagreement between the coders, with the decision and its reason."""
    log = adjudication_frame(_coding(corpus)[2])
    log["reading_id"] = [reading_label(corpus, r) for r in log["reading_id"]]
    log = log.rename(
        columns={"claim_id": "claim", "reading_id": "reading", "first": "first coder", "second": "second coder"}
    )
    return frame(log, f"Adjudication log: the {len(log)} ratings on which the coders disagreed")


def rating_matrix(corpus: Corpus, source_id: str | None = None) -> HTML:
    """The ACH matrix: claims × readings, each cell the rating, diagnostic claims marked, oldest source first."""
    claims = corpus.claims
    if source_id is not None:
        claims = claims[claims["source_id"] == source_id]
    claims = oldest_first(corpus, claims)
    matrix = rating_table(corpus, claims.index)
    matrix.columns = [reading_label(corpus, r) for r in matrix.columns]
    matrix.insert(0, "topic", claims["topic"].astype(str))
    matrix["diagnostic"] = ["yes" if d else "no" for d in claims["diagnostic"]]
    matrix["favors"] = [favors_label(corpus, f) for f in claims["favors"]]
    table = tables.frame_html(
        matrix,
        "Claims rated against every reading (diagnostic claims are those rated differently)",
        index_header="claim",
    )
    return HTML(
        f'<details class="ar-more"><summary>Show the ratings of all {len(matrix)} claims</summary>{table}</details>'
    )


def figures(corpus: Corpus, source_id: str | None = None) -> dict[str, str]:
    """The counts a chapter's prose may state, computed from the data (for one source or the corpus).

    Names: ``claims``, ``diagnostic``, ``not_diagnostic``, ``not_diagnostic_share`` (a percentage),
    per reading (hyphens as underscores): ``favor_<reading_id>`` (diagnostic claims it survives),
    ``against_<reading_id>`` (propositions against it), ``weight_against_<reading_id>`` (their weight)
    ``fit_<reading_id>`` (claims it merely fits better) and ``documented_against_<reading_id>``
    (propositions against it whose heaviest claim gives a checkable detail),
    ``forecasts``, ``audited`` and ``verdict_<verdict>`` (spaces as underscores), ``coverage`` (a
    percentage), ``sources``. Prose shows them
    with myst-nb's ``{glue:text}`` role (see ``glue_figures``), so no count is ever typed by hand.
    """
    claims = corpus.claims if source_id is None else corpus.claims[corpus.claims["source_id"] == source_id]
    values: dict[str, str] = {
        "claims": str(len(claims)),
        "diagnostic": str(int(claims["diagnostic"].sum())),
        "not_diagnostic": str(int((~claims["diagnostic"]).sum())),
        "forecasts": str(int((claims["kind"] == "forecast").sum())),
        "sources": str(claims["source_id"].nunique()),
    }
    chosen = corpus.claims.index.isin(claims.index)
    for reading_id in corpus.reading_ids:
        name = reading_id.replace("-", "_")
        against = proposition_weights(
            corpus, pd.Series(chosen, index=corpus.claims.index) & counting_against(corpus.claims, reading_id)
        )
        values[f"favor_{name}"] = str(int(favoring(claims, reading_id).sum()))
        values[f"against_{name}"] = str(len(against))
        values[f"weight_against_{name}"] = str(int(against["weight"].sum()))
        values[f"fit_{name}"] = str(int(fitting(claims, reading_id).sum()))
        documented = corpus.claims.loc[against_ids(corpus, chosen, reading_id), "documentation"] != "none"
        values[f"documented_against_{name}"] = str(int(documented.sum()))
    weights_against = {r: int(values[f"weight_against_{r.replace('-', '_')}"]) for r in corpus.reading_ids}
    least = min(weights_against.values())
    values["least_against"] = " and ".join(
        str(corpus.readings.loc[r, "label"]) for r, w in weights_against.items() if w == least
    )
    sources = corpus.sources if source_id is None else corpus.sources.loc[[source_id]]
    for lean in (*corpus.reading_ids, "mixed"):
        values[f"lean_{lean.replace('-', '_')}"] = str(int((sources["lean"] == lean).sum()))
    values["not_diagnostic_share"] = f"{(~claims['diagnostic']).mean():.0%}" if len(claims) else "0%"
    audit = corpus.forecasts if source_id is None else corpus.forecasts[corpus.forecasts["source_id"] == source_id]
    values["audited"] = str(len(audit))
    for verdict in corpus.codebook.values("verdict"):
        values[f"verdict_{verdict.replace(' ', '_')}"] = str(int((audit["verdict"] == verdict).sum()))
    coverage = corpus.coverage if source_id is None else corpus.coverage.loc[[source_id]]
    covered = (coverage["coded"] + coverage["duplicates"]).sum() / coverage["assertive"].sum()
    values["coverage"] = f"{int(covered * 100)}%"  # rounded down: 99.6 % is not "100 %"
    return values


def against_ids(corpus: Corpus, chosen, reading_id: str) -> list[str]:
    """The heads of the propositions among ``chosen`` claims that count against ``reading_id`` (one id
    per proposition: the claim with the greatest weight in its group)."""
    mask = pd.Series(chosen, index=corpus.claims.index) & counting_against(corpus.claims, reading_id)
    claims = corpus.claims[mask].assign(weight=evidence_weight(corpus)[mask])
    heaviest = claims.sort_values("weight", ascending=False, kind="stable").groupby(["source_id", "proposition"])
    return list(heaviest.head(1).index)


def glue_figures(corpus: Corpus, source_id: str | None = None, prefix: str = "") -> dict[str, str]:
    """Glue ``figures`` into the page (invisibly) so the prose can cite them as ``{glue:text}`name```."""
    from myst_nb import glue

    values = figures(corpus, source_id)
    for name, value in values.items():
        glue(prefix + name, value, display=False)
    return values


def forecast_audit(corpus: Corpus) -> HTML:
    """The forecast audit: each forecast, its source and date, the later evidence (linked), the verdict."""
    audit = corpus.forecasts

    def link(claim_id: str) -> str:
        source_id = str(corpus.claims.loc[claim_id, "source_id"])
        return f'<a href="{escape(source_id)}.html#{escape(tables.row_anchor(claim_id))}">{escape(claim_id)}</a>'

    def cell(column: str, value: object, row: pd.Series) -> str | None:
        if column == "forecast":
            return f"{link(str(row.name))}: {escape(str(value))}"
        if column == "later evidence":
            return ", ".join(link(c) for c in value) or "none in the corpus"
        return None

    shown = audit.assign(source=[f"{s} ({p})" for s, p in zip(audit["source_id"], audit["published"])])
    shown = shown.rename(columns={"later_evidence": "later evidence"})[
        ["forecast", "source", "later evidence", "verdict", "why"]
    ]
    shown.index = list(audit["claim_id"])
    return HTML(
        tables.html_table(shown, caption="Forecasts checked against what later sources report, oldest first", cell=cell)
    )


def _cite(corpus: Corpus, citation: str) -> str:
    """A citation as MyST: a claim id as inline code (the build links it), a bibkey as a citation, and
    anything else (which the check refuses) as inert text, so it cannot become markup either."""
    if citation in corpus.claims.index:
        return f"`{citation}`"
    if citation in corpus.bibliography and re.fullmatch(r"[\w:.+/-]+", citation):
        return f"{{cite:t}}`{citation}`"
    return markdown_literal(citation)


def timeline_markdown(corpus: Corpus) -> str:
    """The timeline as MyST markdown (a table), generated from ``data/events.csv``.

    Markdown rather than HTML, so that the build turns its citations into links and the search
    index finds its text. Every data field goes in through ``markdown_literal``: it is shown as
    typed and never parsed, so an event cannot carry a role, a link or HTML into the page. The only
    markup is ours: the emphasis of the note and the citations, whose ids the check has matched
    against the claims and the bibliography.
    """
    rows = ["| date | event | source |", "|---|---|---|"]
    for _, event in corpus.events.iterrows():
        sources = "; ".join(_cite(corpus, c) for c in event["citation"])
        note = f" *{markdown_literal(event['note'])}*" if event["note"] else ""
        rows.append(f"| {markdown_literal(event['date'])} | {markdown_literal(event['event'])}{note} | {sources} |")
    # In a container of its own, so the stylesheet can lay it out (one card per event on a phone).
    return "```{container} ar-timeline\n" + "\n".join(rows) + "\n```\n"


def glossary_letter(term: str) -> str:
    """The letter a glossary term is filed under: its first letter, capitalized, without accents
    ("#" for a term that does not begin with a letter)."""
    first = unicodedata.normalize("NFKD", term.strip()[:1])[:1].upper()
    return first if first.isalpha() else "#"


def glossary_markdown(corpus: Corpus) -> str:
    """The glossary as MyST, generated from ``data/glossary.csv``: an A–Z list of the letters that have
    terms, then one heading and one ``glossary`` directive per letter (the headings become sections,
    ``sphinxext.sections``, so the page's contents list them too).

    Every data field goes in through ``markdown_literal`` (shown as typed, never parsed), the letters
    through ``escape``; the entries come sorted from ``glossary_frame``, so the directives do not sort
    the escaped text.
    """
    letters: dict[str, list[str]] = {}
    for _, entry in corpus.glossary.iterrows():
        text = markdown_literal(entry["definition"])
        if entry["aliases"]:
            text += " Also written: " + ", ".join(markdown_literal(a) for a in entry["aliases"]) + "."
        if entry["orientation"]:
            text += f" *Orientation:* {markdown_literal(entry['orientation'])}"
        lines = letters.setdefault(glossary_letter(entry["term"]), [])
        lines += [markdown_literal(entry["term"]), f"  *{markdown_literal(entry['category'])}.* {text}", ""]
    anchors = {letter: "glossary-other" if letter == "#" else f"glossary-{letter.lower()}" for letter in letters}
    jump = " ".join(f'<li><a href="#{escape(anchors[letter])}">{escape(letter)}</a></li>' for letter in letters)
    parts = [f'<nav class="ar-az" aria-label="Glossary, A to Z">\n<ul>\n{jump}\n</ul>\n</nav>\n']
    for letter, lines in letters.items():
        heading = "Other" if letter == "#" else letter
        parts.append(f"({anchors[letter]})=\n## {heading}\n\n```{{glossary}}\n\n" + "\n".join(lines) + "```\n")
    return "\n".join(parts)


def full_texts_markdown(corpus: Corpus) -> str:
    """Every source's full text, oldest first, as MyST: a heading per source (so the page's contents list
    them) and the highlighted text as an HTML block. Generated from the data, so a new source appears
    here by itself."""
    parts = []
    for source_id, source in corpus.sources.iterrows():
        label = published_label(str(source["published"]), str(source["date_precision"]))
        html = highlighted_text_html(corpus, str(source_id)).replace("\n", " ")
        parts.append(
            f"(text-{source_id})=\n## {markdown_literal(str(source['title']))}\n\n"
            f"The {escape(str(source['genre']))} of {label}, discussed in {{ref}}`chapter-{source_id}`.\n\n"
            f"{html}\n"
        )
    return "\n".join(parts)


def reading_toggle(corpus: Corpus, source_id: str | None = None) -> _toggles.Toggle:
    """The reading toggle (one source, or the whole corpus): static HTML in the book, a widget in a kernel."""
    return _toggles.reading_toggle(corpus, source_id)


def balance_toggle(corpus: Corpus) -> _toggles.Toggle:
    """The synthesis's control: weighted evidence against each reading, propositions against each, fit."""
    return _toggles.balance_toggle(corpus)
