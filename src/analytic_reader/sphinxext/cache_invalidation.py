"""Sphinx extension: drop the execution cache when what the chapters read changes, not only their code.

The cache (``execute_notebooks: cache``) keys on a chapter's code only. Our chapters' outputs also
depend on the data, the seeds, the bibliography, this package and the other chapters' teaching
metadata, so when any of those changes the cache is dropped and every chapter re-executes: a stale
table must never reach the book. A digest of those inputs is kept beside the output folder
(``STAMP_NAME``) and compared at the start of each build.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from analytic_reader.authoring.myst import exercises, front_matter
from analytic_reader.data.manifest import DATA_INPUTS
from analytic_reader.sphinxext.execution_cache import execution_cache_path

LOGGER = logging.getLogger(__name__)

STAMP_NAME = ".analytic-reader-inputs"


def teaching_metadata(text: str) -> str:
    """What other chapters' outputs read from a chapter: its front matter and how many exercises it has
    (the learning boxes and the instructor guide are generated from them). Prose edits are left out, so
    they do not re-execute every chapter."""
    return repr(front_matter(text)) + f"\nexercises: {len(exercises(text))}"


def inputs_digest(book_root: Path) -> str:
    """SHA-256 over what chapter outputs depend on besides their code: data (with the codings), seeds,
    bib, the package, and the chapters' front matter and exercise counts."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    files = [(path.relative_to(package.parent), path) for path in sorted(package.rglob("*.py"))]
    for name in DATA_INPUTS:
        found = [book_root / name] if (book_root / name).is_file() else sorted((book_root / name).rglob("*"))
        files += [(path.relative_to(book_root), path) for path in found if path.is_file()]
    for name, path in files:
        digest.update(name.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for chapter in sorted(book_root.glob("chapters/*.md")):
        digest.update(chapter.name.encode() + b"\0" + teaching_metadata(chapter.read_text(encoding="utf-8")).encode())
    return digest.hexdigest()


def stamp_path(app: Sphinx) -> Path:
    """Where the digest of the last successful build's inputs is kept (beside the output folder)."""
    return Path(app.outdir).parent / STAMP_NAME


def drop_stale_cache(app: Sphinx, config: Any) -> None:
    """Before anything executes: if the inputs changed since the last build, drop the cache."""
    stamp = stamp_path(app)
    current = inputs_digest(Path(app.srcdir))
    app.env_inputs_changed = not stamp.exists() or stamp.read_text(encoding="utf-8").strip() != current
    cache = execution_cache_path(app)
    if app.env_inputs_changed and cache.exists():
        LOGGER.info("analytic_reader: data, seeds or package changed; re-executing every chapter")
        shutil.rmtree(cache)


def outdated_chapters(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """The chapters Sphinx must re-read although their files did not change: every notebook chapter
    when the inputs changed (their outputs depend on them), none otherwise."""
    if not getattr(app, "env_inputs_changed", False):
        return []
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".md") and doc.startswith("chapters/")]


def record_inputs(app: Sphinx, exception: Exception | None) -> None:
    """After a successful build: remember the digest of the inputs it was built from."""
    if exception is None:
        stamp_path(app).write_text(inputs_digest(Path(app.srcdir)) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", drop_stale_cache)
    app.connect("env-get-outdated", outdated_chapters)
    app.connect("build-finished", record_inputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
