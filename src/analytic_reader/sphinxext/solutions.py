"""Sphinx extension: each collapsed solution is a native disclosure, named after its exercise.

sphinx-exercise writes a ``:class: dropdown`` solution as a ``<div class="admonition dropdown">``,
and sphinx-togglebutton's script later adds a button to it whose name is always "Toggle hidden
content" (fixed in its script, not configurable), so a screen reader hears the same words for every
solution of a page and cannot tell which exercise each belongs to. Here such a solution is written as
``<details>`` instead: its ``<summary>`` shows "Solution to Exercise N" and is named "Show the
solution to Exercise N", with ``aria-controls`` pointing at the solution's content. The browser
keeps its expanded state (announced as collapsed or expanded) and opens it by mouse, touch or
keyboard with or without scripts; the print script and the handouts open every ``<details>``.
Without the ``dropdown`` class, sphinx-togglebutton leaves the solution alone. Solutions that are
not collapsed keep sphinx-exercise's own markup.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_exercise.nodes import depart_solution_node, solution_node, visit_solution_node

DISCLOSURE = "ar_disclosure"


def solution_name(node: solution_node) -> str:
    """The exercise's name as the solution's title gives it ("Exercise 7"), or "" if it has none."""
    title = str(node.get("title") or (node.children[0].astext() if node.children else ""))
    prefix = "Solution to"
    return " ".join(title[len(prefix) :].split()) if title.startswith(prefix) else " ".join(title.split())


class CollapsedSolutions(SphinxPostTransform):
    """Mark every collapsed solution for the disclosure markup (after sphinx-exercise titles it, 21)."""

    default_priority = 30
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(solution_node):
            if "dropdown" in node.get("classes", []) and node.get("ids"):
                node["classes"] = [c for c in node["classes"] if c != "dropdown"]
                node[DISCLOSURE] = solution_name(node)


def visit_solution(self: Any, node: solution_node) -> None:
    if DISCLOSURE not in node.attributes:
        visit_solution_node(self, node)
        return
    exercise = node[DISCLOSURE]
    content_id = f"{node['ids'][0]}-content"
    visible = f"Solution to {exercise}" if exercise else "Solution"
    name = f"Show the solution to {exercise}" if exercise else "Show the solution"
    self.body.append(self.starttag(node, "details", CLASS="admonition ar-solution"))
    self.body.append(
        f'<summary class="admonition-title ar-solution-summary" aria-label="{escape(name)}" '
        f'aria-controls="{escape(content_id)}">{escape(visible)}</summary>\n'
    )
    self.body.append(f'<div class="ar-solution-content" id="{escape(content_id)}">\n')
    for child in node.children[1:]:  # the first child is the title, shown by the summary
        child.walkabout(self)
    self.body.append("</div>\n</details>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_exercise")
    app.add_post_transform(CollapsedSolutions)
    app.add_node(
        solution_node,
        override=True,
        html=(visit_solution, depart_solution_node),
        singlehtml=(visit_solution, depart_solution_node),
    )
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
