"""Sphinx extension: the kernels that execute the chapters for the book give static outputs only.

A page of the published book has no kernel, so an ipywidgets toggle there would need its widget state
saved into the page and a widget manager to draw it. Instead every kernel the build starts inherits
``STATIC_OUTPUTS`` from the build's environment, and the toggles (``html.toggles``) then give their
static HTML (radio inputs and CSS). A reader who reruns a notebook in JupyterLab, where the variable
is not set, gets the ipywidgets toggle.
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx

from analytic_reader import STATIC_OUTPUTS


def setup(app: Sphinx) -> dict[str, Any]:
    # Set when the extension loads, before any kernel starts: every kernel of the build inherits it.
    os.environ[STATIC_OUTPUTS] = "1"
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
