"""Sphinx extension: the prose names a reading through a role, so its name comes from the data.

``{reading}`fraying``` writes the reading's ``short_label`` (the word of "the fraying reading") and
``{reading-label}`fraying``` its label ("Fraying partnership"), both read from ``data/readings.yml``.
A label edited there changes on every page, and a renamed id cannot leave stale text behind: a role
naming an id that is not in the file is a warning, which the strict build turns into an error, and
``make check`` reports it first (``authoring.prose``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx
from sphinx.util import logging

from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.readings import read_readings

logger = logging.getLogger(__name__)


def remember_readings(app: Sphinx) -> None:
    """Read the readings once per build and keep each id's label and short label on ``env``, where the
    roles find them, also in parallel read processes. (A broken file is ``make check``'s to report: the
    roles then warn for every id.)"""
    readings, _ = read_readings(ProjectPaths(Path(app.srcdir)))
    app.env.analytic_reader_readings = {
        str(r["reading_id"]): {"reading": str(r["short_label"]), "reading-label": str(r["label"])} for r in readings
    }


def reading_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """The reading's name as plain text in a span (``ar-reading``), or a warning for an unknown id."""
    env = inliner.document.settings.env
    readings: dict[str, dict[str, str]] = getattr(env, "analytic_reader_readings", {})
    env.note_dependency(str(Path(env.srcdir) / "data" / "readings.yml"))
    reading_id = text.strip()
    if reading_id not in readings:
        known = ", ".join(sorted(readings)) or "none"
        logger.warning(
            f"reading id {reading_id!r} is not in data/readings.yml (known: {known})",
            location=(env.docname, lineno),
        )
        return [nodes.Text(reading_id)], []
    words = readings[reading_id][name]
    return [nodes.inline(rawtext, words, classes=["ar-reading"])], []


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", remember_readings)
    app.add_role("reading", reading_role)
    app.add_role("reading-label", reading_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
