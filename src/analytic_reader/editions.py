"""Two editions from one source: the instructor edition (solutions collapsed) and the student
edition, which must carry no solution text at all, in its pages, search index or downloadable
sources.

Hiding is not removing: a hidden solution still sits in ``_sources/`` and ``searchindex.js``.
So the student edition is built from a copy of the book whose chapters have every
``{solution}`` block cut out, and whose table of contents leaves out the instructor guide.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

BOOK_FILES = ("_config.yml", "_toc.yml", "references.bib")
BOOK_DIRS = ("chapters", "data", "seeds", "_vendored")
INSTRUCTOR_ONLY = ("chapters/instructor-guide",)

_SOLUTION_BLOCK = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{solution\}[^\n]*\n.*?^(?P=fence)[ \t]*$\n?", re.MULTILINE | re.DOTALL
)


def strip_solutions(text: str) -> str:
    """The MyST text without its ``{solution}`` blocks (backtick or colon fences)."""
    return _SOLUTION_BLOCK.sub("", text)


def solution_texts(text: str) -> list[str]:
    """The body of every ``{solution}`` block, options removed: what must not reach students."""
    bodies = []
    for match in _SOLUTION_BLOCK.finditer(text):
        lines = match.group(0).splitlines()[1:-1]
        bodies.append("\n".join(line for line in lines if not line.startswith(":")).strip())
    return bodies


def _drop_from_toc(node: object, drop: tuple[str, ...]) -> object:
    if isinstance(node, dict):
        return {k: _drop_from_toc(v, drop) for k, v in node.items()}
    if isinstance(node, list):
        return [_drop_from_toc(item, drop) for item in node
                if not (isinstance(item, dict) and item.get("file") in drop)]
    return node


def make_student_source(root: Path, destination: Path) -> Path:
    """Write the student edition's source tree to ``destination`` (replaced if present)."""
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    for name in BOOK_FILES:
        shutil.copy2(root / name, destination / name)
    for name in BOOK_DIRS:
        if (root / name).exists():
            shutil.copytree(root / name, destination / name)
    for chapter in (destination / "chapters").glob("*.md"):
        chapter.write_text(strip_solutions(chapter.read_text(encoding="utf-8")), encoding="utf-8")
    for name in INSTRUCTOR_ONLY:
        (destination / f"{name}.md").unlink(missing_ok=True)
    toc_path = destination / "_toc.yml"
    toc = _drop_from_toc(yaml.safe_load(toc_path.read_text(encoding="utf-8")), INSTRUCTOR_ONLY)
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    config_path = destination / "_config.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["title"] = f"{config.get('title', 'Book')} (student edition)"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return destination


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the student edition's source tree.")
    parser.add_argument("root", type=Path)
    parser.add_argument("destination", type=Path)
    args = parser.parse_args(argv)
    make_student_source(args.root.resolve(), args.destination.resolve())
    print(f"student edition source written to {args.destination}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
