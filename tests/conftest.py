"""Shared fixtures: a tiny, valid project written inline into a temporary folder.

Each test breaks one thing in it and checks the message, so the fixtures stay small and readable.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest

from analytic_reader.claims import claim_columns
from analytic_reader.corpus import SOURCE_COLUMNS

REPO_ROOT = Path(__file__).resolve().parents[1]

TINY_SEED = (
    "Moscow and Tehran trade drones for air defense.\n"
    "Critics say the “partnership” is thin:\n  Russia gave little   beyond words.\n"
)

TINY_SOURCE = {
    "source_id": "tiny", "seed_file": "seeds/tiny.txt", "bibkey": "tiny_2024", "title": "A tiny source",
    "outlet": "", "authors": "", "published": "2024-05", "date_precision": "month", "genre": "explainer",
    "url": "", "lean": "fraying", "dating_note": "Invented for tests.",
}

TINY_CLAIMS = [
    {"claim_id": "tiny-01", "source_id": "tiny", "quote": "Moscow and Tehran trade drones for air defense.",
     "paraphrase": "The two states swap unmanned aircraft against protection of the sky.", "kind": "factual report",
     "speaker": "author", "theater": "both", "topic": "drones and missiles", "reading": "linked",
     "rationale": "A two-way flow ties the fronts."},
    {"claim_id": "tiny-02", "source_id": "tiny", "quote": "Russia gave little beyond words.",
     "paraphrase": "Moscow offered mostly rhetoric.", "kind": "attributed statement", "speaker": "critics",
     "theater": "middle-east", "topic": "diplomacy", "reading": "fraying", "rationale": "Help stayed verbal."},
]

TINY_BIB = "@misc{tiny_2024,\n  title = {A tiny source},\n  year = {2024}\n}\n"

TINY_READINGS = """readings:
  - reading_id: linked
    label: Linked theaters
    thesis: One front.
    distinguishing_questions:
      - Does help flow both ways?
  - reading_id: fraying
    label: Fraying partnership
    thesis: Transactional and limited.
    distinguishing_questions:
      - Does help arrive under fire?
"""


def csv_text(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_project(root: Path, *, seed: str = TINY_SEED, sources: list[dict] | None = None,
                  claims: list[dict] | None = None, bib: str = TINY_BIB, readings: str = TINY_READINGS) -> Path:
    """Write a complete small project under ``root`` and return ``root``."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    (root / "_config.yml").write_text("title: tiny\n", encoding="utf-8")
    (root / "seeds" / "tiny.txt").write_text(seed, encoding="utf-8")
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    (root / "seeds" / "MANIFEST.sha256").write_text(f"{digest}  tiny.txt\n", encoding="utf-8")
    source_columns = [c.name for c in SOURCE_COLUMNS]
    claim_names = [c.name for c in claim_columns()]
    (root / "data" / "sources.csv").write_text(csv_text(sources or [TINY_SOURCE], source_columns), encoding="utf-8")
    (root / "data" / "claims.csv").write_text(csv_text(TINY_CLAIMS if claims is None else claims, claim_names),
                                              encoding="utf-8")
    (root / "data" / "readings.yml").write_text(readings, encoding="utf-8")
    (root / "references.bib").write_text(bib, encoding="utf-8")
    return root


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "tiny")


@pytest.fixture
def real_project_copy(tmp_path: Path) -> Path:
    """A copy of this repository's seeds, data and bibliography, safe to corrupt."""
    target = tmp_path / "copy"
    target.mkdir()
    for name in ("seeds", "data"):
        shutil.copytree(REPO_ROOT / name, target / name)
    for name in ("references.bib", "_config.yml"):
        shutil.copy2(REPO_ROOT / name, target / name)
    return target


def copy_repository(target: Path) -> Path:
    """A working copy of this repository (sources, data, chapters, vendored script), safe to change."""
    shutil.copytree(REPO_ROOT, target, ignore=shutil.ignore_patterns(
        ".venv", "_build", "node_modules", ".git", ".pytest_cache", ".hypothesis", "__pycache__"))
    return target


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# --- Building the book (slow; shared by the book and browser tests) -------------------------

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

BIN = Path(sys.executable).parent
BUILD_FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]


def run(command: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def build_book(source: Path, output: Path | None = None) -> tuple[subprocess.CompletedProcess, Path]:
    """Build the book at ``source`` strictly; return the process and the HTML folder."""
    vendor = run([sys.executable, str(REPO_ROOT / "tools" / "vendor_widgets.py"), str(source / "_vendored" / "widgets")],
                 cwd=REPO_ROOT)
    assert vendor.returncode == 0, vendor.stdout + vendor.stderr
    command = [str(BIN / "jupyter-book"), "build", str(source), *BUILD_FLAGS]
    if output is not None:
        command += ["--path-output", str(output)]
    result = run(command, cwd=source)
    html = (output or source) / "_build" / "html"
    return result, html


@pytest.fixture(scope="session")
def instructor_build() -> tuple[subprocess.CompletedProcess, Path]:
    """The instructor edition, built from this repository into ``_build/html``."""
    return build_book(REPO_ROOT)


@pytest.fixture(scope="session")
def student_build() -> tuple[subprocess.CompletedProcess, Path]:
    """The student edition, built like ``make book-student`` does."""
    from analytic_reader.editions import make_student_source

    source = make_student_source(REPO_ROOT, REPO_ROOT / "_build" / "student-src")
    return build_book(source, REPO_ROOT / "_build" / "student")


def build_warnings(result: subprocess.CompletedProcess) -> list[str]:
    """Sphinx warnings and errors in a build log (the kernel's own TCP notice is not one)."""
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines if ("WARNING" in line or "ERROR" in line) and "IPKernelApp" not in line]


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
