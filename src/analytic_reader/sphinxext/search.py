"""Sphinx extension: the search page cuts its result snippets from the chapters' text alone.

Sphinx's search page shows, under each result, a snippet of the page's text around the query. It
takes that text from the page's ``[role="main"]`` element, which in this theme also holds the page's
buttons and its contents list ("...Color mode A dangerous alliance (October 2022) Contents...",
"....ipynb"), and it runs together the words of neighbouring table cells and list items. The search
page alone gets ``scripts/search-snippets.js``, which replaces that one function of Sphinx's search
script: same snippets, from the article, with the blocks' words kept apart. Pages without the
script (or with scripts off) are unchanged; the search itself needs scripts anyway.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

SCRIPT = "scripts/search-snippets.js"


def add_snippet_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if pagename == "search":
        app.add_js_file(SCRIPT, defer="defer")  # called here, Sphinx adds it to this page only


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", add_snippet_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
