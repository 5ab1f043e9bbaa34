"""Finding the project's root folder.

Chapters run from the book build, from JupyterLab (working directory ``chapters/``), from the
repository root, and as notebooks downloaded from the published book. The data must therefore be
found from the project itself, never from the current directory alone; and a notebook opened far
from any project must learn so in one line (``FileNotFoundError`` naming what was looked for).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV_VAR = "ANALYTIC_READER_ROOT"

#: What makes a folder a project root: files no other folder of the project has.
ROOT_MARKERS = ("_config.yml", "data/sources.csv")


def is_project_root(path: Path) -> bool:
    """Whether ``path`` holds every file of ``ROOT_MARKERS``."""
    return all((path / marker).exists() for marker in ROOT_MARKERS)


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
            if is_project_root(path):
                return path
    raise FileNotFoundError(
        f"no analytic-reader project found from {candidates[0]} (looked for {', '.join(ROOT_MARKERS)}); "
        f"pass the project root or set {ROOT_ENV_VAR}"
    )
