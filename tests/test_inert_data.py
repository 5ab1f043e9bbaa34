"""Data is text: every data field reaches the page as typed, never parsed as markup.

Two layers, each tested on its own: the check refuses markup in every free-text field of every data
file (``records.markup_in``), and the generators of MyST from data (timeline, glossary, the full
texts' headings) escape every field (``myst.markdown_literal``), so that data the check never saw is
still shown as text.
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
from conftest import REPO_ROOT, messages

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
