"""Sphinx extension: the theme's page titles, escaped.

sphinx-book-theme puts the page title's plain text into ``pagetitle`` and ``root_title``, and its
templates print them unescaped, so a title containing ``<script>`` (a source title from the data, say)
would run in the reader's browser. They are escaped here, after the theme sets them.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx

#: The template variables the theme prints without escaping.
UNESCAPED_TITLES = ("pagetitle", "root_title")


def escape_theme_titles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    for key in UNESCAPED_TITLES:
        if isinstance(context.get(key), str):
            context[key] = escape(context[key], quote=False)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", escape_theme_titles, priority=900)  # after the theme's (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
