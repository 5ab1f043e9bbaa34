"""Authoring that cannot go wrong, proven on a tiny book (``minibook.py``) that builds in seconds:

* incremental equals clean: after any kind of edit, the pages an incremental build writes are the pages
  a clean build of the same tree writes;
* check equals build: whatever ``make check`` accepts (generated, valid-looking projects, some with
  the mistakes that once slipped through), the strict build builds.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analytic_reader import cli, validate_project
from analytic_reader.data.manifest import NOT_INPUTS
from analytic_reader.sphinxext.cache_invalidation import inputs_digest
from building import build_book
from minibook import write_minibook

#: Extensions' own stylesheets (myst-nb's, sphinx-exercise's, the icons) are written after the pages in
#: a clean build, so only an incremental build can give them a cache-busting ``?v=`` checksum. That is
#: the only difference allowed; the book's own files (``_static/css``, ``scripts``) keep their checksums
#: in the comparison, so a stale stylesheet link is caught. (The toggles are radio inputs named after
#: a digest of their views, the same in every build: no widget model ids to normalise.)
EXTENSION_CHECKSUM = re.compile(r'((?:href|src)="[^"?]*_static/(?!css/|scripts/)[^"?]+)\?v=[0-9a-f]+"')


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} lacks {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def normalise(name: str, text: str) -> str:
    return EXTENSION_CHECKSUM.sub(r'\1"', text)


def published(html: Path) -> dict[str, str]:
    """Every page and the book's own stylesheet, normalised."""
    files = [p for p in html.rglob("*.html") if "_static" not in p.parts] + [html / "_static" / "css" / "reader.css"]
    return {
        str(p.relative_to(html)): normalise(str(p.relative_to(html)), p.read_text(encoding="utf-8"))
        for p in sorted(files)
    }


def clean_build(book: Path, where: Path) -> list[tuple[str, str]]:
    shutil.rmtree(where, ignore_errors=True)
    shutil.copytree(book, where, ignore=shutil.ignore_patterns(*NOT_INPUTS))
    result, html = build_book(where)
    assert result.returncode == 0, result.stderr[-3000:]
    return published(html)


def edit_prose_stylesheet_and_template(book: Path) -> list[tuple[str, str]]:
    replace(book / "chapters" / "intro.md", "is the first of the corpus.", "is the first of the corpus, edited.")
    append(book / "assets" / "css" / "reader.css", "\n.ar-edited-rule { color: inherit; }\n")
    append(book / "assets" / "templates" / "search-button-field.html", "<!-- edited template -->\n")
    return [
        ("chapters/intro.html", "first of the corpus, edited"),
        ("_static/css/reader.css", "ar-edited-rule"),
        ("chapters/tiny.html", "<!-- edited template -->"),
    ]


def edit_front_matter_and_exercises(book: Path) -> list[tuple[str, str]]:
    replace(book / "chapters" / "tiny.md", "- Read the tiny source", "- Trace the edited objective")
    append(
        book / "chapters" / "tiny.md",
        "\n## Exercises\n\n```{exercise}\n:label: ex-tiny-new\n\nA newly added exercise.\n```\n\n"
        "```{solution} ex-tiny-new\n:label: sol-tiny-new\n:class: dropdown\n\nIts answer.\n```\n",
    )
    return [
        ("chapters/tiny.html", "Trace the edited objective"),
        ("chapters/instructor-guide.html", "Trace the edited"),
        ("chapters/tiny.html", "A newly added exercise"),
        ("chapters/instructor-guide.html", "<td>1</td>"),
    ]


def edit_data_ratings_readings_and_bibliography(book: Path) -> list[tuple[str, str]]:
    replace(book / "data" / "claims.csv", "Moscow offered mostly rhetoric.", "Moscow offered edited rhetoric.")
    replace(book / "data" / "ratings.csv", "A test fixture's rating.", "An edited rationale.")
    replace(book / "data" / "readings.yml", "label: Linked theaters", "label: Edited theaters")
    replace(book / "references.bib", "title = {A tiny source}", "title = {An edited tiny source}")
    return [
        ("chapters/tiny.html", "edited rhetoric"),
        ("chapters/tiny.html", "An edited rationale"),
        ("chapters/tiny.html", "Edited theaters"),
        ("chapters/tiny.html", "An edited tiny source"),
    ]


EDITS: list[Callable[[Path], list[tuple[str, str]]]] = [
    edit_prose_stylesheet_and_template,
    edit_front_matter_and_exercises,
    edit_data_ratings_readings_and_bibliography,
]


@pytest.mark.book
def test_an_incremental_build_after_each_kind_of_edit_equals_a_clean_build(tmp_path):
    book = write_minibook(tmp_path / "book")
    result, html = build_book(book)
    assert result.returncode == 0, result.stderr[-3000:]
    for edit in EDITS:
        expected = edit(book)
        result, html = build_book(book)
        assert result.returncode == 0, f"{edit.__name__}: {result.stderr[-3000:]}"
        incremental = published(html)
        for page, text in expected:
            assert text in incremental[page], f"{edit.__name__}: {page} does not show {text!r}"
        clean = clean_build(book, tmp_path / "clean")
        stale = [page for page in clean if incremental.get(page) != clean[page]]
        assert sorted(incremental) == sorted(clean) and stale == [], f"{edit.__name__}: stale pages {stale}"


# Edits grouped in one build step above must each, on their own, make every chapter re-execute (their
# outputs read them: learning boxes, the instructor guide, claims tables); this checks each one alone.
SINGLE_EDITS = {
    "front matter": ("chapters/tiny.md", "- Read the tiny source", "- Another objective"),
    "exercise": ("chapters/tiny.md", "# The tiny source\n", "# The tiny source\n\n```{exercise}\nNew.\n```\n"),
    "claims": ("data/claims.csv", "Moscow offered mostly rhetoric.", "Moscow offered other rhetoric."),
    "ratings": ("data/ratings.csv", "A test fixture's rating.", "Another rationale."),
    "readings": ("data/readings.yml", "label: Linked theaters", "label: Other theaters"),
    "bibliography": ("references.bib", "title = {A tiny source}", "title = {Another title}"),
}


@pytest.mark.parametrize("kind", SINGLE_EDITS)
def test_each_input_edit_alone_changes_what_chapter_outputs_depend_on(kind, tmp_path):
    book = write_minibook(tmp_path / "book")
    before = inputs_digest(book)
    name, old, new = SINGLE_EDITS[kind]
    replace(book / name, old, new)
    assert inputs_digest(book) != before, kind


# --- Check equals build -------------------------------------------------------------------


def rename_reading(book: Path) -> None:
    """As a maintainer renames a reading: its id with the command, its label by hand."""
    assert cli.main(["rename-reading", "linked", "one-front", "--root", str(book)]) == 0
    replace(book / "data" / "readings.yml", "label: Linked theaters", "label: One front")


#: Changes a maintainer makes, some harmless and some the mistakes that once passed the check and broke
#: the build (a bibliography entry missing a comma, a header-only claims table, a source below the
#: minimum of claims, a reading renamed consistently, an unknown claim id in the prose, a colon in an
#: objective, a chapter listed but missing).
MUTATIONS: dict[str, Callable[[Path], None]] = {
    "bib entry missing a comma": lambda b: replace(b / "references.bib", "{A tiny source},", "{A tiny source}"),
    "header-only claims table": lambda b: (b / "data" / "claims.csv").write_text(
        (b / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    ),
    "minimum of claims raised above the source's": lambda b: replace(
        b / "data" / "codebook.md", "<!-- minimum claims per source: 1 -->", "<!-- minimum claims per source: 3 -->"
    ),
    "reading renamed consistently": rename_reading,
    "unknown claim id in the prose": lambda b: append(b / "chapters" / "intro.md", "\nSee also `tiny-77`.\n"),
    "colon in an unquoted objective": lambda b: replace(
        b / "chapters" / "tiny.md", "- Read the tiny source", "- Read the source: all of it"
    ),
    "quoted objective with a colon": lambda b: replace(
        b / "chapters" / "tiny.md", "- Read the tiny source", "- 'Read the source: all of it'"
    ),
    "chapter listed but missing": lambda b: append(b / "_toc.yml", "  - file: chapters/missing\n"),
    "markup in a paraphrase": lambda b: replace(
        b / "data" / "claims.csv", "Moscow offered mostly rhetoric.", "Moscow offered <script>x</script> & *words*."
    ),
    "title with a colon and quotes": lambda b: replace(
        b / "data" / "sources.csv", "A tiny source", '"A tiny source: ""quoted"", and more"'
    ),
    "unknown cite key in a chapter": lambda b: append(
        b / "chapters" / "intro.md", "\nAs argued {cite:p}`nobody_2030`.\n"
    ),
    "front matter not closed": lambda b: replace(
        b / "chapters" / "tiny.md", "prerequisites: []\n---\n", "prerequisites: []\n"
    ),
    "impossible event date": lambda b: replace(b / "data" / "events.csv", "2024-05,", "2024-13,"),
    "placeholder left in a chapter": lambda b: append(b / "chapters" / "tiny.md", "\nTO WRITE: the summary.\n"),
    "typed count in a chapter": lambda b: append(b / "chapters" / "tiny.md", "\nThe source makes 12 claims.\n"),
    "unknown reading in a role": lambda b: append(b / "chapters" / "intro.md", "\nThe {reading}`nothing` reading.\n"),
    "reading named by hand": lambda b: append(b / "chapters" / "tiny.md", "\nAs Fraying partnership holds.\n"),
    "role in a glossary definition": lambda b: replace(
        b / "data" / "glossary.csv", "The capital of Iran.", "The capital of {raw:html}`<b>Iran</b>`."
    ),
}


#: Mutations that edit the same text cannot be combined.
CONFLICTS = {"colon in an unquoted objective": "objective", "quoted objective with a colon": "objective"}


@pytest.mark.book
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=2, unique_by=lambda m: CONFLICTS.get(m, m)))
@example(["reading renamed consistently", "title with a colon and quotes"])  # the KeyError once seen
@example(["markup in a paraphrase", "quoted objective with a colon"])
@example(["front matter not closed", "unknown cite key in a chapter"])
def test_what_the_check_accepts_the_strict_build_builds(tmp_path_factory, mutations):
    book = write_minibook(tmp_path_factory.mktemp("book"))
    for name in mutations:
        MUTATIONS[name](book)
    problems = validate_project(book)
    if problems:
        return  # refused with a reason: nothing to build
    result, _ = build_book(book)
    assert result.returncode == 0, f"check passed {mutations} but the build failed:\n{result.stderr[-3000:]}"


REFUSED = {
    "bib entry missing a comma": "references.bib",
    "header-only claims table": "data/sources.csv",
    "minimum of claims raised above the source's": "data/sources.csv",
    "unknown claim id in the prose": "chapters/intro.md",
    "colon in an unquoted objective": "chapters/tiny.md",
    "chapter listed but missing": "_toc.yml",
    "unknown cite key in a chapter": "chapters/intro.md",
    "front matter not closed": "chapters/tiny.md",
    "impossible event date": "data/events.csv",
    "placeholder left in a chapter": "chapters/tiny.md",
    "typed count in a chapter": "chapters/tiny.md",
    "unknown reading in a role": "chapters/intro.md",
    "reading named by hand": "chapters/tiny.md",
    "role in a glossary definition": "data/glossary.csv",
}


@pytest.mark.parametrize("mutation", REFUSED)
def test_the_check_refuses_each_mistake_the_build_would_fail_on_naming_the_file(mutation, tmp_path):
    book = write_minibook(tmp_path / "book")
    MUTATIONS[mutation](book)
    files = {problem.file for problem in validate_project(book)}
    assert REFUSED[mutation] in files, f"{mutation}: problems only in {files}"


def test_a_second_build_switches_the_link_instead_of_publishing_into_the_site_it_points_to(tmp_path, monkeypatch):
    from analytic_reader.authoring import build as building

    (tmp_path / "_build" / "html.sites" / "1").mkdir(parents=True)
    (tmp_path / "_build" / "html").symlink_to(Path("html.sites") / "1")  # what the first build left
    targets = []
    monkeypatch.setattr(building, "build", lambda source, target, work, jupyter_book: targets.append(target) or 0)
    building.main([str(tmp_path), str(tmp_path / "_build" / "html"), "--work", str(tmp_path / "_build" / "work")])
    assert targets == [Path(os.path.abspath(tmp_path / "_build" / "html"))]
