"""This repository: where it is, and a working copy of it that a test may change."""

from __future__ import annotations

import shutil
from pathlib import Path

from analytic_reader.data.manifest import NOT_INPUTS

REPO_ROOT = Path(__file__).resolve().parents[1]


def copy_repository(target: Path) -> Path:
    """A working copy of this repository (sources, data, chapters, vendored script), safe to change."""
    shutil.copytree(REPO_ROOT, target, ignore=shutil.ignore_patterns(*NOT_INPUTS))
    return target
