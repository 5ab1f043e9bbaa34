"""Sphinx extension: the site's ``index.html`` is a complete page that redirects to the root document.

The book's root document is ``chapters/intro``, and sphinx-external-toc writes the site's
``index.html`` as one ``<meta http-equiv="Refresh">`` line: no doctype, no ``<title>``, no language,
so the site's front door is not valid HTML. It is written here first as a complete page that
redirects the same way and offers the link to follow; sphinx-external-toc's own handler then finds
the file present and leaves it alone.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

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


def redirect_page(app: Sphinx) -> str:
    """The HTML of a page that sends the reader to the root document, titled with the book's title."""
    url = escape(app.builder.get_target_uri(app.config.root_doc))
    title = escape(str(app.config.html_title or app.config.project))
    return REDIRECT_PAGE.format(lang=escape(app.config.language or "en"), title=title, url=url)


def write_index_redirect(app: Sphinx, exception: Exception | None) -> None:
    """Write ``index.html`` as the redirect page (when the root document is not ``index``)."""
    if exception is not None or app.builder.name not in ("html", "dirhtml") or app.config.root_doc == "index":
        return
    page = redirect_page(app)
    index = Path(app.outdir) / "index.html"
    if not index.is_file() or index.read_text(encoding="utf-8") != page:
        index.write_text(page, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", write_index_redirect, priority=400)  # before sphinx-external-toc's (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
