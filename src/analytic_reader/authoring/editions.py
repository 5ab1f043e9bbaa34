"""Two editions from one source: the instructor edition (solutions collapsed) and the student
edition, which must carry no solution text at all, in its pages, search index or downloadable
sources.

Hiding is not removing: a hidden solution still sits in ``_sources/`` and ``searchindex.js``.
So the student edition is built from a copy of the book whose chapters have every
solution (plain or gated, with its code cells) cut out, and whose table of contents leaves out the
instructor-only pages. Which pages those are, and the edition's title, are settings of the book:
``student_edition`` in ``_config.yml`` (``leave_out``, ``title_suffix``), which Jupyter Book ignores
and the student copy's ``_config.yml`` no longer carries.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from analytic_reader.authoring.myst import solutions
from analytic_reader.data.manifest import BOOK_DIRS, BOOK_FILES

#: The key of ``_config.yml`` that holds the student edition's settings.
EDITION_KEY = "student_edition"


def strip_solutions(text: str) -> str:
    """The MyST text without its solutions (plain or gated, backtick or colon fences)."""
    lines = text.splitlines(keepends=True)
    for solution in reversed(solutions(text)):
        del lines[solution.start : solution.end]
    return "".join(lines)


def _drop_from_toc(node: object, drop: tuple[str, ...]) -> object:
    if isinstance(node, dict):
        return {k: _drop_from_toc(v, drop) for k, v in node.items()}
    if isinstance(node, list):
        kept = [
            _drop_from_toc(item, drop) for item in node if not (isinstance(item, dict) and item.get("file") in drop)
        ]
        return [item for item in kept if not (isinstance(item, dict) and item.get("chapters") == [])]
    return node


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write only when the content differs, so that Sphinx's incremental build sees no change."""
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def student_files(root: Path) -> dict[str, bytes]:
    """Every file of the student edition's source, by relative path, solutions already removed."""
    files: dict[str, bytes] = {}
    for name in BOOK_FILES:
        files[name] = (root / name).read_bytes()
    for directory in BOOK_DIRS:
        for path in sorted((root / directory).rglob("*")) if (root / directory).exists() else []:
            if path.is_file() and ".ipynb_checkpoints" not in path.parts:
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    for name in list(files):
        if name.startswith("chapters/") and name.endswith(".md"):
            files[name] = strip_solutions(files[name].decode("utf-8")).encode("utf-8")
    config = yaml.safe_load(files["_config.yml"]) or {}
    edition = config.pop(EDITION_KEY, None) or {}
    instructor_only = tuple(edition.get("leave_out") or ())
    for name in instructor_only:
        files.pop(f"{name}.md", None)
    toc = _drop_from_toc(yaml.safe_load(files["_toc.yml"]), instructor_only)
    files["_toc.yml"] = yaml.safe_dump(toc, sort_keys=False, allow_unicode=True).encode("utf-8")
    config["title"] = f"{config.get('title', 'Book')}{edition.get('title_suffix', '')}"
    files["_config.yml"] = yaml.safe_dump(config, sort_keys=False, allow_unicode=True).encode("utf-8")
    return files


def make_student_source(root: Path, destination: Path) -> Path:
    """Bring ``destination`` in line with the student edition's source, touching only what changed."""
    files = student_files(root)
    for name, data in files.items():
        _write_if_changed(destination / name, data)
    for directory in BOOK_DIRS:
        for path in (destination / directory).rglob("*") if (destination / directory).exists() else []:
            if path.is_file() and path.relative_to(destination).as_posix() not in files:
                path.unlink()
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
