"""Each Sphinx extension of the book, built on a tiny test book of its own with ``sphinx.testing``
(as sphinx-exercise tests its directives): fast, and a failure names the extension, not the book.

The test books are in ``tests/sphinxext/roots/test-<name>/``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


@pytest.mark.sphinx("html", testroot="claims")
def test_claim_ids_are_read_once_per_build_not_once_per_page(app, monkeypatch):
    from analytic_reader.sphinxext import claims

    calls = []
    real = claims._read_ids
    monkeypatch.setattr(claims, "_read_ids", lambda root: calls.append(root) or real(root))
    claims.remember_ids(app)
    app.build()
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


@pytest.mark.sphinx("html", testroot="a11y")
def test_repairs_number_duplicate_exercise_ids_and_escape_the_title(app):
    app.build()
    html = page(app, "index")
    assert 'id="exercise-content"' not in html and 'id="solution-content"' not in html
    assert 'id="exercise-content-1"' in html and 'id="exercise-content-2"' in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.sphinx("html", testroot="notebooks")
def test_chapters_are_offered_executed_and_a_data_change_reexecutes_every_chapter(app, make_app, status):
    app.build()
    notebook = json.loads((Path(app.outdir) / "_sources" / "chapters" / "one.ipynb").read_text(encoding="utf-8"))
    assert notebook["metadata"]["analytic_reader"]["executed"] is True
    assert "1,2" in json.dumps(notebook["cells"])
    assert 'href="../_sources/chapters/one.ipynb"' in page(app, "chapters/one")
    assert "executing 2 chapters" in status.getvalue()  # side by side, through this extension

    (Path(app.srcdir) / "data" / "numbers.csv").write_text("a,b\n3,4\n", encoding="utf-8")
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert "re-executing every chapter" in again._status.getvalue()
    assert "3,4" in page(again, "chapters/two") and "1,2" not in page(again, "chapters/two")


@pytest.mark.sphinx("html", testroot="notebooks")
def test_a_downloaded_notebook_run_outside_the_project_stops_with_one_line(app, monkeypatch, tmp_path):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

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


@pytest.mark.sphinx("html", testroot="notebooks")
def test_a_downloaded_notebook_run_against_other_data_stops_with_one_line(app, monkeypatch, tmp_path):
    import shutil

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from analytic_reader.data.fingerprint import data_fingerprint

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


@pytest.mark.sphinx("html", testroot="icons")
def test_the_theme_icons_are_drawn_by_a_small_stylesheet_instead_of_the_icon_script(app):
    import re

    from analytic_reader.sphinxext.icons import ICONS, PSEUDO_ICONS

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
