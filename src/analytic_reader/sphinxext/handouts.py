"""Sphinx extension: each chapter's download menu offers its printed handout.

``make pdf`` prints every chapter of the built book to a PDF handout (``tools/pdf.py``, the same
Chromium the tests use) and then rebuilds the book with ``analytic_reader_handouts`` set to the
folder of those PDFs (from the ``ANALYTIC_READER_HANDOUTS`` environment variable). For every page
whose handout is there, the PDF is copied into the site (``handouts/<page>.pdf``) and the theme's
download menu gets a link to it next to ".ipynb", ".md" and the browser's own print. A book built
without handouts (plain ``make book``) offers none, so the menu never links to a missing file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

ENV_VAR = "ANALYTIC_READER_HANDOUTS"
FOLDER = "handouts"


def handout_source(app: Sphinx, pagename: str) -> Path | None:
    """The page's printed handout, if ``make pdf`` made one (``chapters/x`` → ``<folder>/x.pdf``)."""
    folder = app.config.analytic_reader_handouts
    if not folder:
        return None
    path = Path(folder) / f"{Path(pagename).name}.pdf"
    return path if path.is_file() else None


def read_environment(app: Sphinx, config: Config) -> None:
    if os.environ.get(ENV_VAR):
        config.analytic_reader_handouts = str(Path(os.environ[ENV_VAR]).resolve())


def offer_handout(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Copy the handout into the site and add it to the download menu (after the theme builds it)."""
    source = handout_source(app, pagename)
    if source is None:
        return
    target = Path(app.outdir) / FOLDER / f"{Path(pagename).name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].append(
                {
                    "type": "link",
                    "url": context["pathto"](f"{FOLDER}/{target.name}", 1),
                    "text": "handout",
                    "tooltip": "Download this chapter's printed handout (PDF)",
                    "icon": "fas fa-file-pdf",
                    "label": "download-handout-button",
                }
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("analytic_reader_handouts", "", "html", types=[str])
    app.connect("config-inited", read_environment)
    app.connect("html-page-context", offer_handout, priority=600)  # after sphinx-book-theme's buttons (501)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
