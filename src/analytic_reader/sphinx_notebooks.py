"""Sphinx extension: offer each chapter as an executed notebook (``.ipynb``) for download.

On a cache hit, myst-nb writes ``_build/jupyter_execute/<page>.ipynb`` without outputs, so that
file cannot be offered as is. This extension merges the cached outputs (and widget state) back
into it, writes the result to ``_sources/<page>.ipynb`` and lets the theme's download menu offer
it. If a chapter has no cached execution (execution turned off), the notebook is offered
unexecuted, on purpose, and says so in its metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)


def executed_notebook(app: Sphinx, pagename: str) -> nbformat.NotebookNode | None:
    """The page's notebook with the outputs of its cached execution merged in."""
    source = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not source.exists():
        return None
    notebook = nbformat.read(source, as_version=4)
    cache_path = getattr(app.env, "mystnb_config", None)
    cache_path = getattr(cache_path, "execution_cache_path", "") or Path(app.outdir).parent / ".jupyter_cache"
    try:
        from jupyter_cache import get_cache

        _, notebook = get_cache(str(cache_path)).merge_match_into_notebook(notebook)
        notebook.metadata["analytic_reader"] = {"executed": True}
    except Exception:  # no cache, or no match: offer the notebook unexecuted, and say so
        notebook.metadata["analytic_reader"] = {
            "executed": False,
            "note": "Offered unexecuted: run it in JupyterLab (make lab) to see the outputs.",
        }
    return notebook


def add_notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                          doctree: Any) -> None:
    if doctree is None or not str(context.get("sourcename", "")).endswith((".md", ".md.txt")):
        return
    notebook = executed_notebook(app, pagename)
    if notebook is None:
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> dict[str, Any]:
    # Runs before the theme builds its header buttons (priority 500), so the menu offers the notebook.
    app.connect("html-page-context", add_notebook_download, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
