"""A chapter's structure, parsed as MyST parses it (markdown-it-py with front matter and colon fences):
its front matter, its title, and its directives (exercises and solutions, plain or gated).

Counting ``{exercise}`` in the text would also count an exercise quoted in a code block or in another
directive's body; a parser sees only the top-level directives a reader sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


@dataclass(frozen=True)
class Directive:
    """A top-level directive: its name (``exercise``), argument, options, body and lines ``[start, end)``."""

    name: str
    argument: str
    options: tuple[str, ...]
    body: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(front_matter_plugin).use(colon_fence_plugin)


@lru_cache(maxsize=128)
def _tokens(text: str) -> tuple:
    """The text's tokens, parsed once however many questions are asked of one chapter (its front
    matter, title, exercises and solutions). Callers only read them."""
    return tuple(_parser().parse(text))


def _split_options(content: str) -> tuple[tuple[str, ...], str]:
    lines = content.splitlines()
    options = []
    while lines and lines[0].startswith(":") and lines[0].count(":") >= 2 and not lines[0].startswith(":::"):
        options.append(lines.pop(0))
    return tuple(options), "\n".join(lines).strip()


def front_matter(text: str) -> dict:
    """The YAML front matter (an empty dict when there is none, or when it is not a mapping)."""
    for token in _tokens(text):
        if token.type == "front_matter":
            data = yaml.safe_load(token.content)
            return data if isinstance(data, dict) else {}
    return {}


def title(text: str) -> str | None:
    """The text of the first level-1 heading."""
    tokens = _tokens(text)
    for heading, inline in zip(tokens, tokens[1:]):
        if heading.type == "heading_open" and heading.tag == "h1":
            return inline.content.strip()
    return None


def directives(text: str) -> list[Directive]:
    """Every top-level directive fence (a nested fence is its parent's content, not a directive here)."""
    found = []
    for token in _tokens(text):
        info = token.info.strip()
        if token.type in ("fence", "colon_fence") and info.startswith("{") and "}" in info and token.map:
            name, _, argument = info[1:].partition("}")
            options, body = _split_options(token.content)
            found.append(Directive(name, argument.strip(), options, body, token.map[0], token.map[1]))
    return found


#: Directives whose body is code or data, not prose: nothing in them is a reference.
LITERAL_DIRECTIVES = ("code-cell", "code", "code-block", "raw", "literalinclude")


def inline_code(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Every inline code span of the prose, with its line number, including the prose inside directives
    (exercises, solutions, admonitions), where Sphinx also reads it."""
    found = []
    for token in _tokens(text):
        if token.map is None:
            continue
        if token.type == "inline":
            searched = 0
            for child in token.children or []:
                if child.type == "code_inline":
                    position = token.content.find(child.content, searched)
                    searched = max(position, searched)
                    found.append(
                        (first_line + token.map[0] + token.content.count("\n", 0, max(position, 0)), child.content)
                    )
        elif token.type in ("fence", "colon_fence") and token.info.strip().startswith("{"):
            name = token.info.strip()[1:].partition("}")[0]
            if name not in LITERAL_DIRECTIVES:
                found += inline_code(token.content, first_line + token.map[0] + 1)
    return found


def exercises(text: str) -> list[Directive]:
    return [d for d in directives(text) if d.name == "exercise"]


def solutions(text: str) -> list[Directive]:
    """Every solution: a ``{solution}`` directive, or a gated solution from ``{solution-start}`` to
    ``{solution-end}`` (whose body, between the two, may hold executed code cells), as one directive."""
    lines = text.splitlines()
    found, start = [], None
    for directive in directives(text):
        if directive.name == "solution":
            found.append(directive)
        elif directive.name == "solution-start":
            start = directive
        elif directive.name == "solution-end" and start is not None:
            body = "\n".join(lines[start.end : directive.start]).strip()
            found.append(Directive("solution", start.argument, start.options, body, start.start, directive.end))
            start = None
    return found


def markdown_literal(text: str) -> str:
    """``text`` as inert MyST: every ASCII punctuation mark backslash-escaped (CommonMark allows it
    for all of them) and line breaks made spaces, so data is shown as typed and never parsed (no
    emphasis, roles, directives, links, raw HTML or block markers)."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(text.splitlines()))
