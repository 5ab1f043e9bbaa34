"""Each Sphinx extension of the book, built on a tiny test book of its own with ``sphinx.testing``
(as sphinx-exercise tests its directives): fast, and a failure names the extension, not the book.

The test books are in ``tests/sphinxext/roots/test-<name>/``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from docutils import nodes
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from analytic_reader.data.fingerprint import data_fingerprint
from analytic_reader.sphinxext import claims
from analytic_reader.sphinxext.icons import ICONS, PSEUDO_ICONS

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "sphinxext" / "roots"


def page(app, name: str) -> str:
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="claims")
def test_claim_ids_in_prose_link_to_their_rows_and_an_unknown_id_of_a_known_source_warns(app, warning):
    app.build()
    index = page(app, "index")
    assert 'href="chapters/tiny.html#row-tiny-01"' in index
    assert 'href="#row-tiny-02"' in page(app, "chapters/tiny")  # on its own page: the anchor alone
    assert "row-tiny-99" not in index and "row-other-01" not in index  # unknown id; id of another corpus
    warnings = warning.getvalue()
    assert "claim id 'tiny-99' is not in data/claims.csv" in warnings
    assert "other-01" not in warnings and "'tiny'" not in warnings


@pytest.mark.sphinx("html", testroot="claims", freshenv=True)
def test_claim_ids_are_read_once_per_build_not_once_per_page(app_params, make_app, monkeypatch):
    calls = []
    real = claims._read_ids
    monkeypatch.setattr(claims, "_read_ids", lambda root: calls.append(root) or real(root))
    app = make_app(*app_params.args, **app_params.kwargs)  # made after the patch: its own hooks do the reading
    app.build(force_all=True)
    assert 'href="chapters/tiny.html#row-tiny-01"' in page(app, "index")  # both pages were written, linked
    assert 'href="#row-tiny-02"' in page(app, "chapters/tiny")
    assert len(calls) == 1


@pytest.mark.sphinx("html", testroot="glossary")
def test_the_first_use_of_a_term_or_alias_links_to_its_entry_and_later_uses_stay_plain(app, warning):
    app.build()
    html = page(app, "chapters/page")
    assert html.count('class="ar-glossary-term"') == 2  # Geran-2 (alias of Shahed) and ISW, once each
    assert 'href="glossary.html#term-Shahed"' in html and 'href="glossary.html#term-ISW"' in html
    assert "Shahed again" in html  # the alias was the first use; the term itself stays plain later
    assert "<code" in html and 'ar-glossary-term">Shahed' not in html  # never inside code
    assert "ar-glossary-term" not in page(app, "chapters/glossary")
    assert warning.getvalue().strip() == ""


# --- Repairs of what other extensions emit: each alone on the repairs book (tests/sphinxext/roots/test-repairs)

#: What the repairs book loads besides the one repair under test (it has exercises and a bibliography).
REPAIRS_BOOK = ["sphinx_exercise", "sphinxcontrib.bibtex"]


def repairs(srcdir: str, *extensions: str) -> pytest.MarkDecorator:
    """The repairs book in a folder of its own, with ``extensions`` loaded besides the book's."""
    names = [f"analytic_reader.sphinxext.{name}" for name in extensions]
    return pytest.mark.sphinx(
        "html", testroot="repairs", srcdir=f"repairs-{srcdir}", confoverrides={"extensions": REPAIRS_BOOK + names}
    )


@repairs("none")
def test_without_the_repairs_the_repairs_book_has_every_defect_they_repair(app):
    app.build()
    html = page(app, "start")
    assert "<script>alert(1)</script>" in html  # the theme prints the title unescaped
    assert 'role="doc-biblioentry"' in html
    assert html.count('id="exercise-content"') == 2
    assert not (Path(app.outdir) / "index.html").exists()  # the root document is "start"
    assert (Path(app.outdir) / "_static" / "webpack-macros.html").exists()


@repairs("safe-titles", "safe_titles")
def test_the_themes_page_titles_are_escaped(app):
    app.build()
    html = page(app, "start")
    assert "<script>alert(1)</script>" not in html
    assert "A &lt;script&gt;alert(1)&lt;/script&gt; title" in html


@repairs("bibliography-roles", "bibliography_roles")
def test_bibliography_entries_are_list_items(app):
    app.build()
    html = page(app, "start")
    assert 'role="doc-biblioentry"' not in html and 'role="listitem"' in html and 'role="list"' in html


@repairs("exercise-ids", "exercise_ids")
def test_the_ids_sphinx_exercise_repeats_are_numbered(app):
    app.build()
    html = page(app, "start")
    assert 'id="exercise-content"' not in html and 'id="solution-content"' not in html
    assert 'id="exercise-content-1"' in html and 'id="exercise-content-2"' in html
    assert 'id="solution-content-1"' in html


@repairs("index-redirect", "index_redirect")
def test_index_html_is_a_complete_page_that_redirects_to_the_root_document(app):
    app.build()
    index = page(app, "index")
    assert index.startswith("<!DOCTYPE html>\n") and '<html lang="en">' in index
    assert "<title>Tiny repairs</title>" in index
    assert '<meta http-equiv="refresh" content="0; url=start.html">' in index
    assert '<a href="start.html">Tiny repairs</a>' in index


@repairs("theme-macros", "theme_macros")
def test_the_themes_macro_files_are_not_published(app):
    app.build()
    static = Path(app.outdir) / "_static"
    assert not (static / "webpack-macros.html").exists() and not (static / "sbt-webpack-macros.html").exists()
    assert (static / "styles").is_dir()  # the theme's own static files are still there


# --- Executing the chapters: each extension alone on the notebooks book (roots/test-notebooks) ---------


def notebooks(srcdir: str, *extensions: str, **config: object) -> pytest.MarkDecorator:
    """The notebooks book in a folder of its own (its own execution cache), with myst-nb and ``extensions``."""
    names = ["myst_nb", *(f"analytic_reader.sphinxext.{name}" for name in extensions)]
    return pytest.mark.sphinx(
        "html", testroot="notebooks", srcdir=f"notebooks-{srcdir}", confoverrides={"extensions": names, **config}
    )


@notebooks("downloads", "notebook_downloads")
def test_chapters_are_offered_as_executed_notebooks(app):
    app.build()
    notebook = json.loads((Path(app.outdir) / "_sources" / "chapters" / "one.ipynb").read_text(encoding="utf-8"))
    assert notebook["metadata"]["analytic_reader"]["executed"] is True
    assert "1,2" in json.dumps(notebook["cells"])
    assert 'href="../_sources/chapters/one.ipynb"' in page(app, "chapters/one")


@notebooks("parallel", "parallel_execution")
def test_the_chapters_the_cache_lacks_execute_side_by_side_before_sphinx_reads_them(app, status):
    app.build()
    assert "executing 2 chapters side by side (jupyter-cache local-parallel)" in status.getvalue()
    assert "executed 2 of 2 chapters" in status.getvalue()
    assert "Executing notebook" not in status.getvalue()  # myst-nb found both in the cache
    assert "1,2" in page(app, "chapters/one") and "1,2" in page(app, "chapters/two")


@notebooks("invalidation", "cache_invalidation")
def test_a_data_change_reexecutes_every_chapter(app, make_app):
    app.build()
    assert "1,2" in page(app, "chapters/two")
    (Path(app.srcdir) / "data" / "numbers.csv").write_text("a,b\n3,4\n", encoding="utf-8")
    again = make_app("html", srcdir=app.srcdir, confoverrides={"extensions": app.config.extensions})
    again.build()
    assert "re-executing every chapter" in again.status.getvalue()
    assert "3,4" in page(again, "chapters/two") and "1,2" not in page(again, "chapters/two")


@notebooks("outside", "notebook_downloads")
def test_a_downloaded_notebook_run_outside_the_project_stops_with_one_line(app, monkeypatch, tmp_path):
    app.build()
    notebook = nbformat.read(Path(app.outdir) / "_sources" / "chapters" / "one.ipynb", as_version=4)
    assert notebook.cells[0].metadata["tags"] == ["reader-check"]
    first = nbformat.v4.new_notebook(cells=[notebook.cells[0]], metadata=notebook.metadata)
    monkeypatch.setenv("ANALYTIC_READER_ROOT", str(tmp_path / "not-a-project"))
    with pytest.raises(CellExecutionError):
        NotebookClient(first, timeout=60, resources={"metadata": {"path": str(tmp_path)}}).execute()
    error = first.cells[0].outputs[-1]
    assert error.output_type == "error"
    assert error.traceback == [
        "ProjectNeeded: this notebook needs the project: get it, "
        "run `make lab` in its folder (README, “Rerun a chapter”), "
        "and open this notebook from its chapters/ folder (or set ANALYTIC_READER_ROOT to the project's folder)"
    ]


@notebooks("other-data", "notebook_downloads")
def test_a_downloaded_notebook_run_against_other_data_stops_with_one_line(app, monkeypatch, tmp_path):
    (Path(app.srcdir) / "_config.yml").write_text("title: t\n", encoding="utf-8")  # what marks a project
    (Path(app.srcdir) / "data" / "sources.csv").write_text("source_id\n", encoding="utf-8")
    app.build()
    notebook = nbformat.read(Path(app.outdir) / "_sources" / "chapters" / "one.ipynb", as_version=4)
    built_from = notebook.metadata["analytic_reader"]["data_fingerprint"]
    assert built_from == data_fingerprint(Path(app.srcdir))
    first = nbformat.v4.new_notebook(cells=[notebook.cells[0]], metadata=notebook.metadata)

    same = tmp_path / "same"
    shutil.copytree(app.srcdir, same, ignore=shutil.ignore_patterns("_build"))
    monkeypatch.setenv("ANALYTIC_READER_ROOT", str(same))
    NotebookClient(first, timeout=60, resources={"metadata": {"path": str(tmp_path)}}).execute()  # the same data: runs

    other = tmp_path / "other"
    shutil.copytree(same, other)
    (other / "data" / "numbers.csv").write_text("a,b\n9,9\n", encoding="utf-8")
    monkeypatch.setenv("ANALYTIC_READER_ROOT", str(other))
    first = nbformat.v4.new_notebook(cells=[notebook.cells[0]], metadata=notebook.metadata)
    with pytest.raises(CellExecutionError):
        NotebookClient(first, timeout=60, resources={"metadata": {"path": str(tmp_path)}}).execute()
    (line,) = first.cells[0].outputs[-1].traceback
    assert line.startswith(f"ProjectNeeded: this notebook was built from other data (fingerprint {built_from})")
    assert str(other) in line and data_fingerprint(other) in line


def test_the_kernels_of_the_build_give_static_outputs_and_others_do_not(make_app, sphinx_test_tempdir, rootdir):
    import os
    import shutil

    from analytic_reader import STATIC_OUTPUTS

    outputs = {}
    previous = os.environ.pop(STATIC_OUTPUTS, None)
    try:
        for extensions in ([], ["analytic_reader.sphinxext.static_outputs"]):
            srcdir = sphinx_test_tempdir / f"notebooks-static-{len(extensions)}"
            shutil.copytree(rootdir / "test-notebooks", srcdir, dirs_exist_ok=True)
            app = make_app("html", srcdir=srcdir, confoverrides={"extensions": ["myst_nb", *extensions]})
            app.build()
            outputs[bool(extensions)] = page(app, "chapters/one")
    finally:
        os.environ.pop(STATIC_OUTPUTS, None)
        if previous is not None:
            os.environ[STATIC_OUTPUTS] = previous
    assert "static outputs: None" in outputs[False]
    assert "static outputs: 1" in outputs[True]


@pytest.mark.sphinx("html", testroot="icons")
def test_the_theme_icons_are_drawn_by_a_small_stylesheet_instead_of_the_icon_script(app):
    app.build()
    static = Path(app.outdir) / "_static"
    css = (static / "icons.css").read_text(encoding="utf-8")
    assert all(f".fa-{name} {{" in css for name in ICONS)
    # Small beside the 1.5 MB script and the 156 KB font it replaces (the pseudo-element icons included).
    assert len(css) < 30_000 and (static / "scripts" / "fontawesome.js").stat().st_size < 200
    assert ".fa-solid::before, .fas::before { content: none; }" in css
    assert all(f"--ar-icon-{name}:" in css for _, name in PSEUDO_ICONS)
    pages = "".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob("*.html"))
    assert 'href="_static/icons.css' in pages
    used = set(re.findall(r"\bfa-([a-z-]+)", pages)) - {"solid", "lg", "fw", "brands", "regular"}
    assert used and used <= set(ICONS), f"icons without a rule: {used - set(ICONS)}"


@pytest.mark.sphinx("html", testroot="handouts")
def test_a_page_with_a_printed_handout_offers_it_in_the_download_menu(app):
    app.build()
    index = page(app, "index")
    assert 'href="handouts/index.pdf"' in index and "download-handout-button" in index
    assert (Path(app.outdir) / "handouts" / "index.pdf").read_bytes().startswith(b"%PDF")
    assert "download-handout-button" not in page(app, "other")  # no handout printed: no link


def test_every_extension_of_the_package_is_in_the_book_and_has_a_tiny_book():
    import yaml

    from repository import REPO_ROOT

    package = REPO_ROOT / "src" / "analytic_reader" / "sphinxext"
    extensions = {
        f"analytic_reader.sphinxext.{path.stem}"
        for path in package.glob("*.py")
        if "\ndef setup(" in path.read_text(encoding="utf-8")
    }
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    listed = set(config["sphinx"]["config"]["extensions"])
    tiny_books = " ".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent / "sphinxext").rglob("conf.py"))
    assert sorted(extensions - listed) == [], "extensions the book does not load"
    assert sorted(e for e in extensions if f'"{e}"' not in tiny_books) == [], "extensions without a tiny book"
    assert "analytic_reader.sphinxext.execution_cache" not in extensions  # a helper, not an extension


@pytest.mark.sphinx("html", testroot="solutions")
def test_a_collapsed_solution_is_a_disclosure_named_after_its_exercise_numbered_in_its_chapter(app):
    import re

    app.build()
    one, two = page(app, "one"), page(app, "two")
    summaries = re.findall(
        r'<summary class="[^"]*" aria-label="([^"]+)" aria-controls="([^"]+)">([^<]+)</summary>', one
    )
    assert summaries == [("Show the solution to Exercise 1", "sol-one-a-content", "Solution to Exercise 1")]
    assert 'id="sol-one-a-content"' in one and "Like &lt;this&gt;." in one
    assert '<details class="solution admonition ar-solution" id="sol-one-a">' in one
    assert not re.search(r'class="[^"]*\bsolution\b[^"]*\bdropdown\b', one)  # so no toggle button
    assert 'class="solution admonition" id="sol-one-b"' in one  # a solution shown open keeps its markup
    # Numbered within the chapter: the second chapter's first exercise is Exercise 1 again, everywhere.
    assert "Show the solution to Exercise 1" in two and 'id="sol-two-a-content"' in two
    assert "Exercise 1" in re.sub(r"<[^>]+>", "", two.split("See ")[1])  # the numref
    assert "Exercise 2" in one and "Exercise 3" not in one + two


@pytest.mark.sphinx("html", testroot="solutions")
def test_numbering_exercises_per_chapter_marks_no_page_of_an_unchanged_book_for_rewriting(app):
    app.build()
    # Sphinx numbers the book again after every read, and rewrites each page whose numbers changed.
    assert [docs for docs in app.events.emit("env-get-updated", app.env) if docs] == []
    assert app.env.toc_fignumbers["two"]["exercise"] == {"ex-two-a": (1,)}


@pytest.mark.sphinx("html", testroot="sections")
def test_headings_in_generated_markdown_are_sections_in_the_contents_and_keep_their_labels(app, warning):
    app.build()
    html = page(app, "index")
    assert 'class="rubric"' not in html
    for heading in ("The first text", "A part of it", "The second text", "Summary"):
        assert f'{heading}<a class="headerlink"' in html
    toc = app.env.tocs["index"].astext()
    assert toc.split() == "Texts The first text A part of it The second text Summary".split()
    assert 'href="#text-second"' in html and 'id="text-second"' in html
    doctree = app.env.get_doctree("index")
    sections = {s[0].astext(): s for s in doctree.findall(nodes.section)}
    assert "Other words." in sections["The second text"].astext()
    assert "More words." not in sections["The second text"].astext()
    assert "More words." in sections["The first text"].astext()  # its subsection is inside it
    assert warning.getvalue().strip() == ""


@pytest.mark.sphinx("html", testroot="search")
def test_the_snippet_script_is_on_the_search_page_only(app):
    app.build()
    assert "scripts/search-snippets.js" in page(app, "search")
    assert "search-snippets.js" not in page(app, "index")


@pytest.mark.sphinx("html", testroot="readings")
def test_a_reading_role_writes_the_name_from_the_data_and_an_unknown_id_warns(app, warning):
    app.build()
    html = page(app, "index")
    assert '<span class="ar-reading">transactional</span> reading' in html  # its short label, not its id
    assert '<span class="ar-reading">Fraying partnership</span>' in html
    assert "reading id 'nothing' is not in data/readings.yml (known: fraying, linked)" in warning.getvalue()


@pytest.mark.sphinx("html", testroot="loading")
def test_a_page_links_the_stylesheet_subset_first_and_defers_its_scripts(app):
    app.build()
    html = page(app, "index")
    links = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', html)
    assert links[0].startswith("_static/css/theme-subset.css")
    assert not any(link.startswith(("_static/basic.css", "_static/pygments.css")) for link in links)  # folded in
    scripts = re.findall(r"<script ([^>]*)></script>", html)
    files = [s for s in scripts if "src=" in s]
    assert files and all("defer" in s for s in files if "documentation_options" not in s)
    assert not any("defer" in s for s in files if "documentation_options" in s)  # inline scripts use it at once
    search = page(app, "search")
    assert any("searchtools" in s and "defer" not in s for s in re.findall(r"<script ([^>]*)></script>", search))
