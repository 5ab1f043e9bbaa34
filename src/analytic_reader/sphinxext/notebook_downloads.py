"""Sphinx extension: offer each chapter as an executed notebook (``.ipynb``) in the download menu.

On a cache hit, myst-nb writes ``_build/jupyter_execute/<page>.ipynb`` without outputs, so that file
cannot be offered as is. This extension merges the cached outputs back into it, writes the result to
``_sources/<page>.ipynb`` and lets the theme's download menu offer it. If a chapter has no cached
execution (execution turned off), the notebook is offered unexecuted, on purpose, and says so in its
metadata. Its first cell checks that it runs inside the project it was built from, and otherwise
stops with one line saying what to do (``READER_CHECK_CELL``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx

from analytic_reader.data.fingerprint import data_fingerprint
from analytic_reader.sphinxext.execution_cache import open_execution_cache

#: The first cell of every downloadable notebook. A notebook downloaded from the published book is
#: opened far from the project; its chapter's first real cell would fail with a long ImportError or
#: FileNotFoundError traceback. This cell stops first, with one line that says what to do.
#: ``_render_traceback_`` is how IPython lets an exception print itself: one line, no traceback. It
#: also compares the fingerprint of the data it finds with that of the data it was built from
#: (``data.fingerprint``), so that it never reruns silently against another copy of the project.
READER_CHECK_CELL = """\
# This chapter reruns inside the project it comes from (its package, data/, seeds/ and chapters/),
# with the data it was built from (their fingerprint is below).
BUILT_FROM = "{fingerprint}"


class ProjectNeeded(Exception):
    def _render_traceback_(self):
        return [f"ProjectNeeded: {{self}}"]


try:
    from analytic_reader.data.fingerprint import data_fingerprint
    from analytic_reader.data.project_root import find_project_root

    found = find_project_root()
except (ImportError, FileNotFoundError):
    raise ProjectNeeded(
        "this notebook needs the project: get it, run `make lab` in its folder (README, “Rerun a chapter”), "
        "and open this notebook from its chapters/ folder (or set ANALYTIC_READER_ROOT to the project's folder)"
    ) from None
if data_fingerprint(found) != BUILT_FROM:
    raise ProjectNeeded(
        f"this notebook was built from other data (fingerprint {{BUILT_FROM}}) than the project it found at "
        f"{{found}} ({{data_fingerprint(found)}}): open it from the chapters/ folder of the copy it came from, "
        "or download it again from a book built from this copy"
    )
"""


def notebook_with_cached_outputs(app: Sphinx, pagename: str) -> nbformat.NotebookNode | None:
    """The page's notebook with the outputs of its cached execution merged in (unexecuted, and marked
    so, when the cache has none); ``None`` when the page is not a notebook."""
    source = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not source.exists():
        return None
    notebook = nbformat.read(source, as_version=4)
    try:
        _, notebook = open_execution_cache(app).merge_match_into_notebook(notebook)
        notebook.metadata["analytic_reader"] = {"executed": True}
    except Exception:  # no cache, or no match: offer the notebook unexecuted, and say so
        notebook.metadata["analytic_reader"] = {
            "executed": False,
            "note": "Offered unexecuted: run it in JupyterLab (make lab) to see the outputs.",
        }
    return notebook


def add_notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Write the page's notebook, reader check first, to ``_sources/`` and point the menu's ``.ipynb`` at it."""
    if doctree is None or not str(context.get("sourcename", "")).endswith((".md", ".md.txt")):
        return
    notebook = notebook_with_cached_outputs(app, pagename)
    if notebook is None:
        return
    fingerprint = data_fingerprint(Path(app.srcdir))
    check = nbformat.v4.new_code_cell(
        READER_CHECK_CELL.format(fingerprint=fingerprint), metadata={"tags": ["reader-check"]}
    )
    notebook.metadata.setdefault("analytic_reader", {})["data_fingerprint"] = fingerprint
    notebook.cells.insert(0, check)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> dict[str, Any]:
    # Runs before the theme builds its header buttons (priority 500), so the menu offers the notebook.
    app.connect("html-page-context", add_notebook_download, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
