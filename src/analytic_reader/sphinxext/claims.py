"""Sphinx extension: claim ids in the prose become checked links to their rows.

Chapters name claims as inline code (```growing-ties-03```). After the doctree is resolved, every
inline literal that looks like a claim id of a known source is replaced by a link to the claim's row
in its source chapter's table; an id that looks like one but is not in ``data/claims.csv`` is a
warning, and the strict build (warnings are errors) fails on it, so the prose can never point at a
claim that does not exist.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from analytic_reader.data.records import CLAIM_ID, read_text

logger = logging.getLogger(__name__)


def _read_ids(root: Path) -> tuple[set[str], set[str]]:
    """The claim ids and source ids of the project (empty when the files are missing)."""

    def column(path: Path, name: str) -> set[str]:
        text, _ = read_text(path, path.name)  # its problems are make check's to report
        return {(row.get(name) or "").strip() for row in csv.DictReader(io.StringIO(text or ""))}

    return column(root / "data" / "claims.csv", "claim_id"), column(root / "data" / "sources.csv", "source_id")


def remember_ids(app: Sphinx) -> None:
    """Read the claim and source ids once per build (not once per page) and keep them on ``env``,
    where the page writers, also in parallel write processes, find them."""
    app.env.analytic_reader_claim_ids = _read_ids(Path(app.srcdir))


def note_claims_dependency(app: Sphinx, doctree: nodes.document) -> None:
    """A page whose prose names claims is re-read when the claims change (its links may have broken)."""
    if any(CLAIM_ID.fullmatch(literal.astext()) for literal in doctree.findall(nodes.literal)):
        app.env.note_dependency(str(Path(app.srcdir) / "data" / "claims.csv"))


def link_claim_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    claims, sources = app.env.analytic_reader_claim_ids
    for literal in list(doctree.findall(nodes.literal)):
        if isinstance(literal.parent, (nodes.reference, nodes.literal_block)) or literal.get("classes"):
            continue
        text = literal.astext()
        match = CLAIM_ID.fullmatch(text)
        if not match or match.group(1) not in sources:
            continue
        if text not in claims:
            logger.warning(f"claim id {text!r} is not in data/claims.csv", location=literal)
            continue
        target = app.builder.get_relative_uri(docname, f"chapters/{match.group(1)}") + f"#row-{text}"
        reference = nodes.reference("", "", internal=True, refuri=target, classes=["ar-claim-link"])
        reference += nodes.literal(text, text)
        literal.replace_self(reference)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", remember_ids)
    app.connect("doctree-read", note_claims_dependency)
    app.connect("doctree-resolved", link_claim_ids)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
