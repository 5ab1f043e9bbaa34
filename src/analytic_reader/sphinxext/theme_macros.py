"""Sphinx extension: the themes' Jinja macro files are removed from the built site.

The themes ship Jinja macro files in their ``static/`` folders (pydata-sphinx-theme's
``webpack-macros.html``, sphinx-book-theme's ``sbt-webpack-macros.html``; pydata-sphinx-theme issue
1122), which Sphinx copies, unrendered, into ``_static``: template source, not pages, yet published
with the site as ``.html`` files. They are used only while the pages are rendered, and removed from
the output once the build has finished.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

THEME_MACRO_FILES = ("webpack-macros.html", "sbt-webpack-macros.html")


def remove_theme_macro_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        for name in THEME_MACRO_FILES:
            (Path(app.outdir) / "_static" / name).unlink(missing_ok=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", remove_theme_macro_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
