"""Sphinx extension: a bibliography's entries are list items, for assistive technology too.

Sphinx 7.4 writes a bibliography as ``<div role="list">`` whose entries carry the deprecated
``doc-biblioentry`` role, so assistive technology (and axe-core) sees a list without list items.
The entries are list items; say so.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

DEPRECATED_ROLE = 'role="doc-biblioentry"'
LIST_ITEM_ROLE = 'role="listitem"'


def give_entries_the_list_item_role(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if isinstance(body, str) and DEPRECATED_ROLE in body:
        context["body"] = body.replace(DEPRECATED_ROLE, LIST_ITEM_ROLE)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", give_entries_the_list_item_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
