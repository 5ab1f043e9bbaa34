"""Where each of the project's files is, relative to its root.

Every reader and every message names the same file the same way: the layout is written here once,
and a file's name in a problem report is its path relative to the root (``relative``). Finding the
root itself is ``data.project_root``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analytic_reader.data.project_root import find_project_root


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
