"""Shared fixtures: the tiny project in a temporary folder, a copy of this repository's data, both
editions of the book (built once per session) and Chromium.

The helpers they use, and that tests import, are in modules named after what they hold:
``tinyproject`` (the tiny project and ways to grow a project), ``repository`` (where this repository
is, a copy of it), ``building`` (running and building), ``solutions``, ``browser`` and ``minibook``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from analytic_reader.authoring.editions import make_student_source
from analytic_reader.data.manifest import DATA_INPUTS
from building import build_book
from repository import REPO_ROOT
from tinyproject import write_project


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "tiny")


@pytest.fixture
def real_project_copy(tmp_path: Path) -> Path:
    """A copy of this repository's seeds, data and bibliography, safe to corrupt."""
    target = tmp_path / "copy"
    target.mkdir()
    for name in (*DATA_INPUTS, "_config.yml"):
        copy = shutil.copytree if (REPO_ROOT / name).is_dir() else shutil.copy2
        copy(REPO_ROOT / name, target / name)
    return target


@pytest.fixture(scope="session")
def instructor_build() -> tuple[subprocess.CompletedProcess, Path]:
    """The instructor edition, built from this repository into ``_build/html``."""
    return build_book(REPO_ROOT)


@pytest.fixture(scope="session")
def student_build() -> tuple[subprocess.CompletedProcess, Path]:
    """The student edition, built like ``make book-student`` does."""
    source = make_student_source(REPO_ROOT, REPO_ROOT / "_build" / "student-src")
    return build_book(source, REPO_ROOT / "_build" / "student")


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright (skips locally without it, fails under CI: ``browser``)."""
    # Here, not at the top: the unit tests never import Playwright, and a run of files that need no
    # browser does not load the corpus for browser.py's list of pages.
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
