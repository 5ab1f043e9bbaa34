"""Sphinx extension: the saved widget state and the toggles' print copies leave the page, so the page
paints first.

myst-nb puts the saved state of a page's widgets (the reading toggles: every view of every toggle,
up to 300 KB of JSON) into the page's ``<head>``. A reader on a slow link downloads all of it before
the text, though nothing can use it until the widget manager (``widgets/embed.js``, loaded after the
page by ``assets/scripts/widgets-loader.js``) arrives. Here the state is written next to the page, as
a small script in ``_static/widget-state/`` that the loader fetches together with the manager, and
the page keeps only a pointer to it. The print copy of each toggle (all its views one after another,
shown only on paper; up to 260 KB) travels the same way and is put back before the widgets render.
The search index is built from the chapters, not the pages, so the toggles' text stays findable.
A script rather than JSON read with ``fetch``, so that it also loads from a book opened from disk.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FOLDER = "widget-state"
GLOBAL = "arWidgetState"
COPIES = "arPrintCopies"
PRINT_COPY = re.compile(r"<!--ar-print-copy-->(.*?)<!--/ar-print-copy-->", re.DOTALL)


def state_file(pagename: str) -> str:
    """Where a page's state goes, relative to ``_static``: one file per page."""
    return f"{FOLDER}/{pagename.replace('/', '--')}.js"


def move_widget_state_out_of_the_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    scripts = context.get("script_files")
    body = context.get("body")
    if not isinstance(scripts, list) or not isinstance(body, str):
        return
    states = [s for s in scripts if getattr(s, "attributes", {}).get("type") == WIDGET_STATE]
    copies = PRINT_COPY.findall(body)
    if not states and not copies:
        return
    for state in states:
        scripts.remove(state)
    bodies = [json.loads(state.attributes.get("body") or "{}") for state in states]
    numbers = itertools.count()
    body = PRINT_COPY.sub(lambda _: f'<span hidden data-ar-print-copy="{next(numbers)}"></span>', body)
    target = Path(app.outdir) / "_static" / state_file(pagename)
    target.parent.mkdir(parents=True, exist_ok=True)
    # json.dumps escapes nothing HTML-special, but this is a .js file, never parsed as HTML.
    target.write_text(
        f"window.{GLOBAL} = {json.dumps(bodies, ensure_ascii=False)};\n"
        f"window.{COPIES} = {json.dumps(copies, ensure_ascii=False)};\n",
        encoding="utf-8",
    )
    url = context["pathto"](f"_static/{state_file(pagename)}", 1)
    context["body"] = body + f'<div hidden data-ar-widget-state="{url}"></div>'


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", move_widget_state_out_of_the_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
