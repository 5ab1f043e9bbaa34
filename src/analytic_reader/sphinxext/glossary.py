"""Sphinx extension: the first use of each glossary term in a chapter links to its entry.

The glossary page defines its terms with Sphinx's ``glossary`` directive (generated from
``data/glossary.csv``). Here, when a chapter is read, the first occurrence in its prose of each entry's
term or alias becomes a ``term`` cross-reference, which Sphinx resolves to the entry like a ``:term:``
role would: a student meeting "ISW" or "Shahed" for the first time in a chapter can look it up in one
click, and later occurrences stay plain so the page does not turn blue.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from analytic_reader.data.records import read_text

SKIP = (
    nodes.reference,
    addnodes.pending_xref,
    nodes.literal,
    nodes.FixedTextElement,
    nodes.title,
    nodes.caption,
    nodes.raw,
    nodes.comment,
    nodes.target,
    nodes.term,
    nodes.rubric,
    nodes.subtitle,
)
GLOSSARY_DOCNAME = "chapters/glossary"


def read_forms(root: Path) -> dict[str, str]:
    """Every form (term or alias) mapped to its entry's term."""
    text, _ = read_text(root / "data" / "glossary.csv", "data/glossary.csv")  # problems: make check's to report
    rows = list(csv.DictReader(io.StringIO(text or "")))
    forms: dict[str, str] = {}
    for row in rows:
        term = (row.get("term") or "").strip()
        for form in [term, *[(a or "").strip() for a in (row.get("aliases") or "").split(";")]]:
            if form and term:
                forms.setdefault(form, term)
    return forms


def remember_forms(app: Sphinx) -> None:
    """Read the glossary once per build and keep its forms and their pattern on ``env``."""
    forms = read_forms(Path(app.srcdir))
    app.env.analytic_reader_glossary = (forms, _pattern(forms))


def _pattern(forms: dict[str, str]) -> re.Pattern[str] | None:
    if not forms:
        return None
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIP) or "glossary" in getattr(parent, "get", lambda *_: [])("classes", []):
            return True
        parent = parent.parent
    return False


def link_first_uses(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if docname == GLOSSARY_DOCNAME or GLOSSARY_DOCNAME not in app.env.found_docs:
        return
    # The links depend on the glossary's data: a changed entry re-reads every page that might use it.
    app.env.note_dependency(str(Path(app.srcdir) / "data" / "glossary.csv"))
    forms, pattern = app.env.analytic_reader_glossary
    if pattern is None:
        return
    linked: set[str] = set()
    for text in list(doctree.findall(nodes.Text)):
        if not isinstance(text.parent, (nodes.paragraph, nodes.emphasis, nodes.strong, nodes.inline)) or _skipped(text):
            continue
        value = str(text)
        pieces: list[nodes.Node] = []
        position = 0
        for match in pattern.finditer(value):
            term = forms[match.group(1)]
            if term in linked:
                continue
            linked.add(term)
            pieces.append(nodes.Text(value[position : match.start()]))
            xref = addnodes.pending_xref(
                "", refdomain="std", reftype="term", reftarget=term, refexplicit=True, refwarn=True, refdoc=docname
            )
            xref += nodes.inline(match.group(1), match.group(1), classes=["ar-glossary-term"])
            pieces.append(xref)
            position = match.end()
        if pieces:
            pieces.append(nodes.Text(value[position:]))
            text.parent.replace(text, pieces)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", remember_forms)
    app.connect("doctree-read", link_first_uses)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
