"""Data is text: every data field reaches the page as typed, never parsed as markup.

Two layers, each tested on its own: the check refuses markup in every free-text field of every data
file (``records.markup_in``), and the generators of MyST from data (timeline, glossary, the full
texts' headings) escape every field (``myst.markdown_literal``), so that data the check never saw is
still shown as text. End to end, a copy of the book given a hostile source, event and glossary entry
builds, and in Chromium shows them as typed on every page they reach, with no data run as script.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import re

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from analytic_reader import book, validate_project
from analytic_reader.authoring.chapters import scaffold_source_chapter
from analytic_reader.authoring.myst import markdown_literal
from analytic_reader.data.claims import claim_columns
from analytic_reader.data.codebook import read_codebook
from analytic_reader.data.coding import adjudication_columns
from analytic_reader.data.events import EVENT_COLUMNS
from analytic_reader.data.forecasts import forecast_columns
from analytic_reader.data.glossary import GLOSSARY_COLUMNS
from analytic_reader.data.ledger import ledger_columns
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.ratings import rating_columns
from analytic_reader.data.sources import SOURCE_COLUMNS
from browser import serve
from building import build_book, build_warnings
from repository import REPO_ROOT, copy_repository
from tinyproject import add_source, append_csv_rows, filler, messages

XSS = "<img src=x onerror=alert(1)>"

#: Every CSV data file and its columns.
DATA_FILES = {
    "data/sources.csv": lambda codebook: SOURCE_COLUMNS,
    "data/claims.csv": claim_columns,
    "data/ratings.csv": rating_columns,
    "data/coding/first.csv": rating_columns,
    "data/coding/second.csv": rating_columns,
    "data/coding/adjudication.csv": adjudication_columns,
    "data/ledger.csv": ledger_columns,
    "data/forecasts.csv": forecast_columns,
    "data/events.csv": lambda codebook: EVENT_COLUMNS,
    "data/glossary.csv": lambda codebook: GLOSSARY_COLUMNS,
}


@pytest.mark.parametrize("file", sorted(DATA_FILES))
def test_markup_is_refused_in_every_free_text_field_of_every_data_file(file, real_project_copy):
    """Each free-text field of the file gets the payload in its first record; the check names every
    one with ``file:line: field:``. Fields copied from a seed (verbatim) and fields with a fixed
    vocabulary are the only ones left out; a vocabulary refuses the payload anyway."""
    codebook, _ = read_codebook(ProjectPaths(REPO_ROOT))
    columns = DATA_FILES[file](codebook)
    path = real_project_copy / file
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    free = [c.name for c in columns if not c.verbatim and not c.allowed]
    for name in free:
        rows[0][name] = f"{rows[0][name]} {XSS}".strip()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    found = messages(validate_project(real_project_copy))
    expected = [f"{file}:2: {name}: holds an HTML tag" for name in free]
    assert [e for e in expected if not any(m.startswith(e) for m in found)] == []
    assert free, "the file has free-text fields"


def test_markup_in_a_reading_is_refused_naming_the_reading_and_field(real_project_copy):
    path = real_project_copy / "data" / "readings.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["readings"][0]["thesis"] = "[click](javascript:x)"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    found = messages(validate_project(real_project_copy))
    assert any(m.startswith("data/readings.yml: readings[1].thesis: holds a markdown link") for m in found), found


def _rendered_text(markdown: str) -> str:
    """What a CommonMark renderer (raw HTML allowed, as MyST allows it) shows of ``markdown``."""
    return MarkdownIt("commonmark", {"html": True}).render(markdown)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF, blacklist_categories=("Cs",))))
def test_any_text_through_markdown_literal_renders_as_one_paragraph_of_itself(text):
    shown = " ".join(text.split())
    rendered = _rendered_text(markdown_literal(shown))
    if not shown:
        assert rendered == "", rendered  # nothing to show: nothing rendered
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), rendered
    body = rendered[3:-5]
    assert "<" not in body, rendered  # no element of any kind: the text is one text node
    assert html.unescape(body) == shown


def _hostile_corpus():
    corpus = book.load(REPO_ROOT)
    events = pd.DataFrame(
        [
            {
                "date": "2026-01",
                "event": XSS,
                "citation": ["not a key`</p><script>x()</script>"],
                "note": "{raw:html}`x`",
            },
            {"date": "2026-02", "event": "[link](javascript:alert(1))", "citation": [], "note": ""},
        ]
    )
    glossary = pd.DataFrame(
        [
            {
                "term": "<b>Term</b>",
                "aliases": ["`alias`"],
                "category": "actor",
                "definition": "```{eval-rst}\n.. raw:: html\n\n   <script>x()</script>\n```",
                "orientation": "**bold** <i>",
            }
        ]
    )
    return dataclasses.replace(corpus, events=events, glossary=glossary)


def test_the_timeline_shows_hostile_event_fields_as_text():
    markdown = book.timeline_markdown(_hostile_corpus())
    assert markdown.startswith("```{container} ar-timeline\n") and markdown.endswith("\n```\n")
    table = markdown.split("\n", 1)[1].rsplit("```", 1)[0]  # the container's content, parsed as MyST
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(table)
    for tag in ("<img", "<script", "<a ", "<code"):
        assert tag not in rendered, rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    assert "{cite:t}" not in markdown  # an unknown key is not turned into a role


def test_the_glossary_shows_hostile_entry_fields_as_text():
    markdown = book.glossary_markdown(_hostile_corpus())
    nav, rest = markdown.split("</nav>\n", 1)
    assert re.fullmatch(
        r'<nav class="ar-az" aria-label="[^"<>]+">\n<ul>\n(<li><a href="#[\w-]+">[^<>]+</a></li> ?)+\n</ul>\n', nav
    )
    bodies = re.findall(r"```\{glossary\}\n(.*?)```", rest, re.S)  # each directive's content, parsed as MyST
    assert bodies and len(bodies) == rest.count("```{glossary}")
    rendered = "".join(_rendered_text(body) for body in bodies)
    for tag in ("<b>", "<i>", "<script", "<code", "<pre", "<strong"):
        assert tag not in rendered, rendered
    assert "```{eval-rst} .. raw:: html" in html.unescape(rendered)  # shown, as typed


# --- In the built book: hostile data shown as text everywhere, never run -------------------------

HOSTILE_SEED = (
    "An ordinary opening sentence about Moscow and Tehran.\n"
    'Officials wrote <script>window.__pwned = "quote"</script> in a cable.\n'
    "A caption read <img src=x onerror=\"window.__pwned = 'img'\"> beside the photo.\n"
)


HOSTILE_EVENT = "Talks end: 1 < 2 & 3 > 2 | a pipe, [brackets] (x)= {braces} * a star #hash $5 ~tilde~ 1. one"
HOSTILE_DEFINITION = "An entry: a < b & c | d, [e] (f)= {g} * h #i $j ~k~ and a tilde."


@pytest.mark.browser
@pytest.mark.book
def test_hostile_data_is_escaped_in_the_built_book_and_no_data_script_runs(chromium, tmp_path):
    copy = copy_repository(tmp_path / "book")
    padding, claims = filler("hostile", 6, first=3)
    hostile_claims = [
        {
            "claim_id": f"hostile-0{number}",
            "source_id": "hostile",
            "quote": quote,
            "paraphrase": "A cable shows 1 < 2 & x > y | a pipe, [brackets], {braces}, (x)= and a * star.",
            "kind": "factual report",
            "speaker": "author",
            "attribution": "author",
            "documentation": "none",
            "theater": "global",
            "topic": "diplomacy",
        }
        for number, quote in enumerate(
            ['<script>window.__pwned = "quote"</script>', "<img src=x onerror=\"window.__pwned = 'img'\">"], start=1
        )
    ]
    hostile_claims[0]["speaker"] = "Officials < script > & co"
    hostile_claims[0]["attribution"] = "unnamed officials"
    add_source(
        copy,
        {
            "source_id": "hostile",
            "bibkey": "hostile_2026",
            "title": 'Title "quoted" & <3 | #1 [sic] {x}',
            "outlet": "Outlet & Co < 3",
            "published": "2026-07",
            "date_precision": "month",
            "genre": "opinion",
            "lean": "fraying",
            "dating_note": "A note with a < sign, a * star and a {glossary} name.",
            "provenance": "Seen at a < b | c; 5 * 3 = 15.",
        },
        HOSTILE_SEED + padding,
        hostile_claims + claims,
        seed_name="005_hostile.txt",
        ratings={("hostile-01", "linked"): "consistent", ("hostile-02", "fraying"): "consistent"},
    )
    with (copy / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(
            '\n@misc{hostile_2026,\n  title = {Bib <script>window.__pwned = "bib"</script> title},\n'
            '  note = {<img src=z onerror="window.__pwned=1">},\n  year = {2026}\n}\n'
        )
    # Events and glossary entries: what the check lets through (punctuation that markup would parse)
    # must be shown as typed on the timeline and glossary pages.
    append_csv_rows(
        copy / "data" / "events.csv",
        [{"date": "2026-12", "event": HOSTILE_EVENT, "citation": "hostile-01", "note": "A note | with a pipe."}],
    )
    append_csv_rows(
        copy / "data" / "glossary.csv",
        [
            {
                "term": "Zeta & Co",
                "aliases": "",
                "category": "actor",
                "definition": HOSTILE_DEFINITION,
                "orientation": "",
            }
        ],
    )
    scaffold_source_chapter(ProjectPaths(copy), "hostile")

    result, html = build_book(copy)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert build_warnings(result) == []

    page = (html / "chapters" / "hostile.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page and "<img src=x onerror" not in page
    assert "&lt;script&gt;window.__pwned" in page  # the source card, table and bibliography show it as text

    with serve(html) as base:
        for path in (
            "chapters/hostile.html",
            "chapters/appendix-texts.html",
            "chapters/weighing-the-readings.html",
            "chapters/bibliography.html",
            "chapters/timeline.html",
            "chapters/glossary.html",
        ):
            page = chromium.new_page()
            dialogs = []
            page.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(f"{base}/{path}", wait_until="load")
            page.wait_for_timeout(800)
            if path != "chapters/bibliography.html":
                if page.locator(".ar-toggle").count():
                    page.locator(".ar-toggle label.ar-toggle-label").nth(1).click()
            assert page.evaluate("typeof window.__pwned") == "undefined", f"data ran as script on {path}"
            assert dialogs == []
            text = page.inner_text("body")
            if path == "chapters/hostile.html":
                assert '<script>window.__pwned = "quote"</script>' in text  # shown, literally
                assert "Officials < script > & co" in text
                assert 'Title "quoted" & <3 | #1 [sic] {x}' in text
            if path == "chapters/timeline.html":
                assert HOSTILE_EVENT in text
            if path == "chapters/glossary.html":
                assert HOSTILE_DEFINITION in text
            page.close()
