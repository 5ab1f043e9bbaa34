"""Sphinx extension: the saved widget state leaves the page, so the page paints first.

myst-nb puts the saved state of a page's widgets (the reading toggles: every view of every toggle,
up to 300 KB of JSON) into the page's ``<head>``. A reader on a slow link downloads all of it before
the text, though nothing can use it until the widget manager (``widgets/embed.js``, loaded after the
page by ``assets/scripts/widgets-loader.js``) arrives. Here the state is written next to the page, as
a small script in ``_static/widget-state/`` that the loader fetches together with the manager, and
the page keeps only a pointer to it. A script (not JSON fetched by ``fetch``) so that it also loads
from a book opened straight from disk. Pages stay valid HTML, and work with no network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FOLDER = "widget-state"
GLOBAL = "arWidgetState"


def state_file(pagename: str) -> str:
    """Where a page's state goes, relative to ``_static``: one file per page."""
    return f"{FOLDER}/{pagename.replace('/', '--')}.js"


def move_widget_state_out_of_the_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    scripts = context.get("script_files")
    if not isinstance(scripts, list) or not isinstance(context.get("body"), str):
        return
    states = [s for s in scripts if getattr(s, "attributes", {}).get("type") == WIDGET_STATE]
    if not states:
        return
    for state in states:
        scripts.remove(state)
    bodies = [json.loads(state.attributes.get("body") or "{}") for state in states]
    target = Path(app.outdir) / "_static" / state_file(pagename)
    target.parent.mkdir(parents=True, exist_ok=True)
    # json.dumps escapes nothing HTML-special, but this is a .js file, never parsed as HTML.
    target.write_text(f"window.{GLOBAL} = {json.dumps(bodies, ensure_ascii=False)};\n", encoding="utf-8")
    url = context["pathto"](f"_static/{state_file(pagename)}", 1)
    context["body"] += f'<div hidden data-ar-widget-state="{url}"></div>'


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", move_widget_state_out_of_the_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
