"""Sphinx extension: exercises are numbered within their chapter (1, 2, 3 in every chapter).

The book's table of contents is not numbered (its chapters have titles, not numbers), and Sphinx then
counts numbered things across the whole book: the first source chapter's exercises were Exercises 4
to 6, because the introduction has three, and the last appendix's were 40 to 42. A reader meets them
chapter by chapter and refers to them inside one ("the data exercise is Exercise 1"), so each
chapter's exercises are numbered from 1. Every place that shows the number (the exercise's title, its
solution's "Solution to Exercise N", a ``numref``) reads it from the same table, renumbered here.

Sphinx recomputes the book-wide numbers after each read and rewrites a page whose numbers differ
from the last build's; so that the renumbering does not make every page with an exercise look changed
on every build, the book-wide numbers of the last build are put back before Sphinx compares.
"""

from __future__ import annotations

import copy
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

FIGTYPE = "exercise"
BOOK_WIDE = "analytic_reader_book_wide_fignumbers"


def numbered_per_document(fignumbers: dict[str, dict[str, dict[str, tuple[int, ...]]]]) -> dict:
    """``fignumbers`` with each document's exercises numbered 1, 2, … in document order."""
    renumbered = copy.deepcopy(fignumbers)
    for numbers in renumbered.values():
        if FIGTYPE in numbers:
            numbers[FIGTYPE] = {node_id: (n,) for n, node_id in enumerate(numbers[FIGTYPE], start=1)}
    return renumbered


def restore_book_wide(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Before Sphinx numbers the book: the book-wide numbers it computed last time, to compare against."""
    if hasattr(env, BOOK_WIDE):
        env.toc_fignumbers = getattr(env, BOOK_WIDE)
    return []


def number_per_document(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After Sphinx numbers the book: keep its numbers for next time, and number each chapter's own."""
    setattr(env, BOOK_WIDE, copy.deepcopy(env.toc_fignumbers))
    env.toc_fignumbers = numbered_per_document(env.toc_fignumbers)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    # Sphinx's own numbering is connected to the same event at the default priority (500).
    app.connect("env-get-updated", restore_book_wide, priority=100)
    app.connect("env-get-updated", number_per_document, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
