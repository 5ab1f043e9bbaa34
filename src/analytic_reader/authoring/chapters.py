"""Chapter metadata: each chapter's front matter says what it teaches, how long it takes and what
it needs. This is the one place that information lives; the chapter's opening box and the
instructor guide are both generated from it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from analytic_reader.authoring.myst import exercises, front_matter, markdown_literal, title
from analytic_reader.data.corpus import load_corpus
from analytic_reader.data.paths import ProjectPaths


@dataclass(frozen=True)
class ChapterInfo:
    """What the opening box and the instructor guide say about a chapter."""

    name: str
    title: str
    objectives: list[str]
    minutes: int
    prerequisites: list[str]
    exercises: int


def chapter_path(paths: ProjectPaths, name: str) -> Path:
    return paths.root / "chapters" / f"{name}.md"


def learning_problems(learning: object) -> list[str]:
    """What is wrong with a ``learning:`` block: each field must have its type. A colon followed by a
    space inside an unquoted objective makes YAML read a mapping instead of a sentence, which would
    reach readers as ``{'…': '…'}``; say so instead."""
    if not isinstance(learning, dict):
        return ["learning: must be a mapping with objectives, minutes and prerequisites"]
    problems = []
    for key in ("objectives", "prerequisites"):
        items = learning.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            problems.append(f"learning.{key}: every item must be text (quote an item that contains ': ')")
    if not isinstance(learning.get("minutes", 0), int) or isinstance(learning.get("minutes"), bool):
        problems.append("learning.minutes: must be a whole number of minutes")
    return problems


def chapter_info(paths: ProjectPaths, name: str) -> ChapterInfo:
    """Read a chapter's learning metadata (``learning:`` in its front matter) and count its exercises."""
    text = chapter_path(paths, name).read_text(encoding="utf-8")
    learning = front_matter(text).get("learning", {}) or {}
    problems = learning_problems(learning)
    if problems:
        raise ValueError(f"chapters/{name}.md: front matter: {'; '.join(problems)}")
    return ChapterInfo(
        name=name,
        title=title(text) or name,
        objectives=[str(o) for o in learning.get("objectives", [])],
        minutes=int(learning.get("minutes", 0)),
        prerequisites=[str(p) for p in learning.get("prerequisites", [])],
        exercises=len(exercises(text)),
    )


def toc_chapters(paths: ProjectPaths) -> list[str]:
    """Chapter names in the order of ``_toc.yml`` (files under ``chapters/``, without suffix).

    Read with sphinx-external-toc, the parser the build itself uses, so that ``make check`` refuses
    exactly the tables of contents the build would refuse (it raises on a malformed one)."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    site_map = parse_toc_yaml(str(paths.root / "_toc.yml"))

    def walk(docname: str) -> list[str]:
        names = [docname]
        for subtree in site_map[docname].subtrees:
            for item in subtree.items:
                if isinstance(item, str):  # a document; globs and URLs are not chapters
                    names += walk(item)
        return names

    return [Path(docname).name for docname in walk(site_map.root.docname)]


def instructor_frame(paths: ProjectPaths, exclude: tuple[str, ...] = ("instructor-guide", "bibliography")):
    """One row per chapter in book order: title, objectives, minutes, exercises and its page.

    Generated from the chapters' front matter, so the guide cannot drift from the chapters.
    """
    import pandas as pd

    rows = []
    for name in toc_chapters(paths):
        if name in exclude:
            continue
        info = chapter_info(paths, name)
        rows.append(
            {
                "chapter": info.title,
                "objectives": "; ".join(info.objectives),
                "minutes": info.minutes,
                "prerequisites": "; ".join(info.prerequisites),
                "exercises": info.exercises,
                "page": f"{name}.html",
            }
        )
    return pd.DataFrame(rows)


SOURCES_PART = "The sources, oldest first"


def insert_in_toc(text: str, source_id: str, order: list[str]) -> str:
    """``_toc.yml`` with ``chapters/<source_id>`` added to the sources part in publication order.

    The file is edited as text, one line inserted, so that its comments, indentation and every other
    line stay exactly as the maintainer wrote them.
    """
    lines = text.splitlines(keepends=True)
    try:
        start = next(
            n for n, line in enumerate(lines) if re.search(rf"caption:\s*[\"']?{re.escape(SOURCES_PART)}", line)
        )
    except StopIteration:
        raise KeyError(f"_toc.yml has no part captioned {SOURCES_PART!r}") from None
    entry = re.compile(r"^(\s*)- file:\s*chapters/([\w-]+)\s*$")
    entries = []
    for n in range(start + 1, len(lines)):
        if re.match(r"^\s*- caption:", lines[n]):
            break
        match = entry.match(lines[n])
        if match:
            entries.append((n, match.group(1), match.group(2)))
    if not entries:
        raise KeyError(f"the part {SOURCES_PART!r} of _toc.yml lists no chapter to place the new one among")
    rank = {sid: position for position, sid in enumerate(order)}
    later = [n for n, _, sid in entries if rank.get(sid, len(order)) > rank.get(source_id, len(order))]
    at = later[0] if later else entries[-1][0] + 1
    lines.insert(at, f"{entries[0][1]}- file: chapters/{source_id}\n")
    return "".join(lines)


def scaffold_source_chapter(paths: ProjectPaths, source_id: str) -> Path:
    """Create ``chapters/<source_id>.md`` from the template and list it in ``_toc.yml`` by date.

    Adding a source is then: its seed (and manifest line), its rows in the data, its bib entry,
    this command, and the chapter's prose. Refuses to overwrite an existing chapter.
    """
    corpus = load_corpus(paths.root)
    if source_id not in corpus.sources.index:
        raise KeyError(f"{source_id!r} is not in data/sources.csv; add its row first")
    target = chapter_path(paths, source_id)
    if target.exists():
        raise FileExistsError(f"{paths.relative(target)} already exists; edit it instead")
    source = corpus.sources.loc[source_id]
    template = (paths.root / "templates" / "source-chapter.md").read_text(encoding="utf-8")
    title = str(source["title"])
    objective = f"Summarize the argument of “{title}” in your own words"
    filled = (
        template.replace("{{SOURCE_ID}}", source_id)
        .replace("{{BIBKEY}}", str(source["bibkey"]))
        .replace("{{OBJECTIVE_SUMMARY}}", json.dumps(objective, ensure_ascii=False))  # valid YAML
        .replace("{{SHORT_TITLE}}", markdown_literal(title))
    )
    target.write_text(filled, encoding="utf-8")

    toc_path = paths.root / "_toc.yml"
    toc_path.write_text(
        insert_in_toc(toc_path.read_text(encoding="utf-8"), source_id, list(corpus.sources.index)), encoding="utf-8"
    )
    return target
