"""Sphinx extension: the ids sphinx-exercise repeats are numbered, so that each id is unique.

sphinx-exercise gives every exercise's and solution's body the same ``id`` (``exercise-content``,
``solution-content``), so a page with three exercises has duplicate ids, which HTML forbids and
assistive technology may trip on. Nothing links to them; they are numbered per page
(``exercise-content-1``, ``-2``, …).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from sphinx.application import Sphinx

DUPLICATED_IDS = ("exercise-content", "solution-content")


def numbered_ids(body: str) -> str:
    """``body`` with each occurrence of a ``DUPLICATED_IDS`` id numbered in page order."""
    for name in DUPLICATED_IDS:
        numbers = itertools.count(1)
        body = re.sub(rf'id="{name}"', lambda _, name=name, numbers=numbers: f'id="{name}-{next(numbers)}"', body)
    return body


def number_duplicate_ids(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if isinstance(context.get("body"), str):
        context["body"] = numbered_ids(context["body"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", number_duplicate_ids)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
