"""Where the project's files are.

Chapters run from the book build, from JupyterLab (working directory ``chapters/``) and from the
repository root. Paths therefore resolve from the project itself, never from the current
directory alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT_ENV_VAR = "ANALYTIC_READER_ROOT"

# The project's inputs, defined once: what a book is built from (the student edition copies exactly
# these), which of them chapter outputs depend on besides their own code (a change re-executes every
# chapter), and what is never an input (build outputs and tool caches, left out of every copy).
BOOK_FILES = ("_config.yml", "_toc.yml", "references.bib")
BOOK_DIRS = ("chapters", "data", "seeds", "assets")
DATA_INPUTS = ("data", "seeds", "references.bib")
NOT_INPUTS = (
    ".venv",
    "_build",
    ".git",
    "node_modules",
    ".pytest_cache",
    ".hypothesis",
    "__pycache__",
    ".ipynb_checkpoints",
    ".jupyter_cache",
)
_MARKERS = ("_config.yml", "data/sources.csv")


def _is_project_root(path: Path) -> bool:
    return all((path / marker).exists() for marker in _MARKERS)


def find_project_root(start: Path | str | None = None) -> Path:
    """Return the project root.

    Order: an explicit ``start`` (or one of its parents), the ``ANALYTIC_READER_ROOT`` environment
    variable, the current directory and its parents (a chapter runs in ``chapters/``, so a copy of
    the project finds its own data), then the checkout this package was installed from. Raises
    ``FileNotFoundError`` naming what was looked for.
    """
    candidates: list[Path] = []
    if start is not None:
        candidates.append(Path(start).resolve())
    elif os.environ.get(ROOT_ENV_VAR):
        candidates.append(Path(os.environ[ROOT_ENV_VAR]).resolve())
    else:
        candidates.append(Path.cwd().resolve())
        candidates.append(Path(__file__).resolve().parent)
    for candidate in candidates:
        for path in (candidate, *candidate.parents):
            if _is_project_root(path):
                return path
    raise FileNotFoundError(
        f"no analytic-reader project found from {candidates[0]} (looked for {', '.join(_MARKERS)}); "
        f"pass the project root or set {ROOT_ENV_VAR}"
    )


@dataclass(frozen=True)
class ProjectPaths:
    """The files that make up a project, relative to its root."""

    root: Path

    @classmethod
    def find(cls, start: Path | str | None = None) -> ProjectPaths:
        return cls(find_project_root(start))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_csv(self) -> Path:
        return self.data_dir / "sources.csv"

    @property
    def claims_csv(self) -> Path:
        return self.data_dir / "claims.csv"

    @property
    def readings_yml(self) -> Path:
        return self.data_dir / "readings.yml"

    @property
    def ratings_csv(self) -> Path:
        return self.data_dir / "ratings.csv"

    @property
    def ledger_csv(self) -> Path:
        return self.data_dir / "ledger.csv"

    @property
    def codebook(self) -> Path:
        return self.data_dir / "codebook.md"

    @property
    def coding_dir(self) -> Path:
        """The two independent codings and the adjudication log, kept for the agreement figures."""
        return self.data_dir / "coding"

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def seed_manifest(self) -> Path:
        return self.seeds_dir / "MANIFEST.sha256"

    @property
    def bibliography(self) -> Path:
        return self.root / "references.bib"

    def relative(self, path: Path) -> str:
        """Path as shown in messages: relative to the root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)
