"""The solutions of a chapter's text, as the student edition must not show them."""

from __future__ import annotations

from analytic_reader.authoring.myst import solutions


def solution_texts(text: str) -> list[str]:
    """The text of every solution, without directive lines and options: what must not reach students."""
    return [solution.body for solution in solutions(text)]
