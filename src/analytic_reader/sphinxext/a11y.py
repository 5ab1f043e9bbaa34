"""Sphinx extension: small repairs to the HTML that Sphinx and the theme emit.

Safety: sphinx-book-theme puts the page title's plain text into ``pagetitle`` and ``root_title``
and its templates print them unescaped, so a title containing ``<script>`` (a source title from
the data, say) would run in the reader's browser. They are escaped here, after the theme sets them.

Accessibility:
Sphinx 7.4 writes a bibliography as ``<div role="list">`` whose entries carry the deprecated
``doc-biblioentry`` role, so assistive technology (and axe-core) sees a list without list items.
The entries are list items; say so.

Valid HTML:
sphinx-exercise gives every exercise's and solution's body the same ``id`` (``exercise-content``,
``solution-content``), so a page with three exercises has duplicate ids, which HTML forbids and
assistive technology may trip on. Nothing links to them; they are numbered per page.
sphinx-external-toc writes the site's ``index.html`` (the root document is ``chapters/intro``) as one
``<meta http-equiv="Refresh">`` line: no doctype, no ``<title>``, no language. It is written here
first as a complete page that redirects the same way and offers the link to follow; the
extension's own handler then finds the file present and leaves it alone.
The themes ship Jinja macro files in their ``static/`` folders (pydata-sphinx-theme's
``webpack-macros.html``, sphinx-book-theme's ``sbt-webpack-macros.html``; pydata-sphinx-theme
issue 1122), which Sphinx copies, unrendered, into ``_static``: template source, not pages. They
are used only while the pages are rendered, and removed from the output afterwards.
"""

from __future__ import annotations

import itertools
import re
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


def repair_roles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def escape_theme_titles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    for key in ("pagetitle", "root_title"):
        if isinstance(context.get(key), str):
            context[key] = escape(context[key], quote=False)


DUPLICATED_IDS = ("exercise-content", "solution-content")


def number_duplicate_ids(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if not isinstance(body, str):
        return
    for name in DUPLICATED_IDS:
        numbers = itertools.count(1)
        body = re.sub(rf'id="{name}"', lambda _, name=name, numbers=numbers: f'id="{name}-{next(numbers)}"', body)
    context["body"] = body


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


def write_index_redirect(app: Sphinx, exception: Exception | None) -> None:
    """A valid ``index.html`` that sends the reader to the root document (when that is not ``index``)."""
    if exception is not None or app.builder.name not in ("html", "dirhtml") or app.config.root_doc == "index":
        return
    url = escape(app.builder.get_target_uri(app.config.root_doc))
    title = escape(str(app.config.html_title or app.config.project))
    page = REDIRECT_PAGE.format(lang=escape(app.config.language or "en"), title=title, url=url)
    index = Path(app.outdir) / "index.html"
    if not index.is_file() or index.read_text(encoding="utf-8") != page:
        index.write_text(page, encoding="utf-8")


THEME_MACRO_FILES = ("webpack-macros.html", "sbt-webpack-macros.html")


def remove_theme_macro_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        for name in THEME_MACRO_FILES:
            (Path(app.outdir) / "_static" / name).unlink(missing_ok=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", repair_roles)
    app.connect("html-page-context", number_duplicate_ids)
    app.connect("html-page-context", escape_theme_titles, priority=900)  # after the theme's (500)
    app.connect("build-finished", write_index_redirect, priority=400)  # before sphinx-external-toc's (500)
    app.connect("build-finished", remove_theme_macro_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
