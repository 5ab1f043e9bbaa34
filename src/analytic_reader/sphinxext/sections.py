"""Sphinx extension: a heading in Markdown generated from the data is a real section.

Some pages are built from Markdown that a chapter's code generates (``glue:md``: Appendix A's full
texts, the glossary's letters). MyST parses that Markdown inside a directive, where it may not open
sections, so each ``##`` heading becomes a *rubric*: it looks like a heading but is not one, so the
page's contents list leaves it out, it gets no link to itself, and the text under it belongs to the
section before. Here every such rubric that stands directly in a section (MyST marks the ones it made
from headings with their ``level``) becomes a section of its own, holding what follows it up to the
next heading of the same or a higher level. Its ids (its label and its heading's slug) move with it,
so links to it keep working.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


def _is_demoted_heading(node: nodes.Node) -> bool:
    return isinstance(node, nodes.rubric) and isinstance(node.get("level"), int)


class DemotedHeadingsToSections(SphinxTransform):
    """Turn the rubrics MyST made of headings back into sections (before the contents list is read)."""

    default_priority = 280  # after docutils moves a label onto the heading that follows it (260)

    def apply(self, **kwargs: Any) -> None:
        for section in list(self.document.findall(nodes.section)):
            self._rebuild(section)

    def _rebuild(self, parent: nodes.Element) -> None:
        children = list(parent.children)
        if not any(_is_demoted_heading(child) for child in children):
            return
        kept: list[nodes.Node] = []
        open_sections: list[tuple[int, nodes.section]] = []  # (level, section), innermost last
        for child in children:
            if _is_demoted_heading(child):
                level = child["level"]
                while open_sections and open_sections[-1][0] >= level:
                    open_sections.pop()
                section = self._section_of(child)
                (open_sections[-1][1] if open_sections else kept).append(section)
                open_sections.append((level, section))
            elif open_sections and not isinstance(child, nodes.section):
                open_sections[-1][1].append(child)
            else:
                open_sections.clear()  # a real section ends the generated ones
                kept.append(child)
        parent.children = []
        parent.extend(kept)

    def _section_of(self, rubric: nodes.rubric) -> nodes.section:
        section = nodes.section("", ids=list(rubric["ids"]), names=list(rubric["names"]))
        section.source, section.line = rubric.source, rubric.line
        title = nodes.title("", "", *rubric.children)
        title.source, title.line = rubric.source, rubric.line
        section += title
        for node_id in section["ids"]:
            self.document.ids[node_id] = section
        return section


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(DemotedHeadingsToSections)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
