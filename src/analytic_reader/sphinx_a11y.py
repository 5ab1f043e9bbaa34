"""Sphinx extension: small accessibility repairs to HTML that Sphinx and its extensions emit.

Sphinx 7.4 writes a bibliography as ``<div role="list">`` whose entries carry the deprecated
``doc-biblioentry`` role, so assistive technology (and axe-core) sees a list without list items.
The entries are list items; say so.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def repair_roles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", repair_roles)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
