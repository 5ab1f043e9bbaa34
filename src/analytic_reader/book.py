"""What the chapters call: a few functions that turn the corpus into displayable pieces.

Chapters stay thin (a line or two per cell); the logic lives in the modules this one uses.
"""

from __future__ import annotations

import io
import re
from html import escape
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Image

from . import tables
from .chapters import chapter_info
from .citations import format_reference
from .corpus import published_label
from .highlights import highlighted_text_html
from .validate import Corpus, load_corpus
from .widgets import reading_toggle

__all__ = ["load", "learning_box", "source_card", "claims_table", "reading_toggle", "full_text",
           "claim_matrix", "frame", "balance_chart", "balance_table", "instructor_table"]


def load(root: Path | str | None = None) -> Corpus:
    """The validated corpus, found from the project wherever the chapter runs."""
    return load_corpus(root)


def learning_box(corpus: Corpus, chapter: str) -> HTML:
    """The chapter's opening box, generated from its front matter."""
    info = chapter_info(corpus.paths, chapter)
    objectives = "".join(f"<li>{escape(o)}</li>" for o in info.objectives)
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

    url = str(source["url"]) if pd.notna(source["url"]) and source["url"] else ""
    link = f'<a href="{escape(url)}">{escape(url)}</a>' if url else "not known (the seed does not give it)"
    rows = [
        row("Title", escape(str(source["title"]))),
        row("Outlet", escape(str(source["outlet"])) if source["outlet"] else "not named in the text"),
        row("Authors", escape(str(source["authors"])) if source["authors"] else "no byline in the text"),
        row("Published", f"{escape(published_label(str(source['published']), str(source['date_precision'])))} "
                         f"(precision: {escape(str(source['date_precision']))})"),
        row("How dated", escape(str(source["dating_note"]))),
        row("Genre", escape(str(source["genre"]))),
        row("Leans to", tables.reading_badge(str(source["lean"]))),
        row("Link", link),
        row("Seed file", f"<code>{escape(str(source['seed_file']))}</code>"),
        row("Citation", f"{escape(format_reference(entry))} <code>{escape(str(source['bibkey']))}</code>"),
    ]
    return HTML(f'<table class="ar-card"><caption>Source card: {escape(source_id)}</caption>'
                f'<tbody>{"".join(rows)}</tbody></table>')


def claims_table(corpus: Corpus, source_id: str) -> HTML:
    """The source's claims table (rows link to the highlighted passages)."""
    return HTML(tables.source_claims_html(corpus, source_id))


def full_text(corpus: Corpus, source_id: str) -> HTML:
    """The source's full text with its claims highlighted and anchored."""
    return HTML(highlighted_text_html(corpus, source_id))


def claim_matrix(corpus: Corpus) -> HTML:
    return HTML(tables.claim_matrix_html(corpus))


def frame(data: pd.DataFrame, caption: str, index_header: str | None = None) -> HTML:
    """Any DataFrame as a captioned, escaped table without index noise."""
    return HTML(tables.frame_html(data, caption, index_header=index_header))


def balance_chart(corpus: Corpus) -> Image:
    """The reading-balance chart as a PNG image; pair it with ``balance_table`` (its text equivalent).

    A rendered image displays the same in the book build, JupyterLab and a plain kernel, whatever
    matplotlib backend is active.
    """
    from .charts import balance_chart as make_chart

    buffer = io.BytesIO()
    make_chart(corpus).savefig(buffer, format="png", dpi=110)
    return Image(data=buffer.getvalue(), format="png")


def balance_table(corpus: Corpus) -> HTML:
    """The chart's numbers as a table: its text equivalent."""
    balance = tables.reading_balance(corpus).drop(columns="published_start")
    balance.insert(0, "published", corpus.sources["published"])
    return frame(balance, "Share of each source's claims supporting each reading (the chart's data)",
                 index_header="source")


def instructor_table(corpus: Corpus) -> HTML:
    """The instructor guide's table of chapters, generated from their front matter."""
    from .chapters import instructor_table as make_table

    table = make_table(corpus.paths)

    def cell(column: str, value: object, row: pd.Series) -> str | None:
        if column == "page":
            return f'<a href="{escape(str(value))}">{escape(str(value))}</a>'
        return None

    return HTML(tables.html_table(table, caption="Chapters, objectives, time and exercises", cell=cell,
                                  css_class="ar-table ar-guide"))
