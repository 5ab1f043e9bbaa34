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
import yaml

from analytic_reader.authoring.build import BUILD_FLAGS
from analytic_reader.authoring.myst import solutions
from analytic_reader.data.claims import claim_columns, locate_quote
from analytic_reader.data.ledger import is_coded
from analytic_reader.data.manifest import DATA_INPUTS, NOT_INPUTS
from analytic_reader.data.sentences import split_sentences
from analytic_reader.data.sources import SOURCE_COLUMNS

REPO_ROOT = Path(__file__).resolve().parents[1]

TINY_SEED = (
    "Moscow and Tehran trade drones for air defense.\n"
    "Critics say the “partnership” is thin:\n  Russia gave little   beyond words.\n"
)

TINY_SOURCE = {
    "source_id": "tiny",
    "seed_file": "seeds/tiny.txt",
    "bibkey": "tiny_2024",
    "title": "A tiny source",
    "outlet": "",
    "authors": "",
    "published": "2024-05",
    "date_precision": "month",
    "genre": "explainer",
    "url": "",
    "lean": "fraying",
    "dating_note": "Invented for tests.",
    "original_title": "",
    "copy": "not established",
    "seed_says": "Three lines, no byline.",
    "provenance": "Not searched: a test fixture.",
}

TINY_CLAIMS = [
    {
        "claim_id": "tiny-01",
        "source_id": "tiny",
        "quote": "Moscow and Tehran trade drones for air defense.",
        "paraphrase": "The two states swap unmanned aircraft against protection of the sky.",
        "kind": "factual report",
        "speaker": "author",
        "attribution": "author",
        "documentation": "none",
        "theater": "both",
        "topic": "drones and missiles",
    },
    {
        "claim_id": "tiny-02",
        "source_id": "tiny",
        "quote": "Russia gave little beyond words.",
        "paraphrase": "Moscow offered mostly rhetoric.",
        "kind": "assessment",
        "speaker": "critics",
        "attribution": "unnamed analysts",
        "documentation": "none",
        "theater": "middle-east",
        "topic": "diplomacy",
    },
]

#: The tiny claims' ratings: tiny-01 favors the first reading, tiny-02 the second; any other claim a
#: test writes is rated neutral against every reading unless the test passes its own ratings.
TINY_RATINGS = {
    ("tiny-01", "linked"): "consistent",
    ("tiny-01", "fraying"): "inconsistent",
    ("tiny-02", "linked"): "inconsistent",
    ("tiny-02", "fraying"): "consistent",
}

TINY_BIB = "@misc{tiny_2024,\n  title = {A tiny source},\n  year = {2024}\n}\n"

TINY_READINGS = """readings:
  - reading_id: linked
    label: Linked theaters
    thesis: One front.
    concedes:
      - There is no formal alliance.
    distinguishing_questions:
      - versus: fraying
        question: Does help flow both ways?
    refuted_by:
      - No help under fire.
  - reading_id: fraying
    label: Fraying partnership
    thesis: Transactional and limited.
    concedes:
      - Iran sold Russia drones.
    distinguishing_questions:
      - versus: linked
        question: Does help arrive under fire?
    refuted_by:
      - Help arrives under fire.
"""

#: The real codebook, with the minimum number of claims lowered so that two claims make a source.
TINY_CODEBOOK = (
    (REPO_ROOT / "data" / "codebook.md")
    .read_text(encoding="utf-8")
    .replace("<!-- minimum claims per source: 8 -->", "<!-- minimum claims per source: 1 -->")
)


def csv_text(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def reading_ids_of(readings: str) -> list[str]:
    try:
        document = yaml.safe_load(readings)
        return [
            str(item["reading_id"]) for item in document["readings"] if isinstance(item, dict) and "reading_id" in item
        ]
    except Exception:  # a test writing broken YAML on purpose: rate against nothing
        return []


def default_ratings(claims: list[dict], readings: str) -> list[dict]:
    return [
        {
            "claim_id": claim.get("claim_id", ""),
            "reading_id": reading_id,
            "rating": TINY_RATINGS.get((claim.get("claim_id", ""), reading_id), "neutral"),
            "rationale": "A test fixture's rating.",
        }
        for claim in claims
        for reading_id in reading_ids_of(readings)
    ]


def default_ledger(seed: str, claims: list[dict], source_id: str = "tiny") -> list[dict]:
    """Every sentence no claim covers, listed as a heading (asserts nothing), so the fixture's coverage
    is complete whatever claims a test writes."""
    spans = []
    for claim in claims:
        span = locate_quote(seed, str(claim.get("quote", "")))
        if span:
            spans.append((span.start, span.end))
    return [
        {
            "source_id": source_id,
            "sentence": str(s.number),
            "starts": s.text[:40],
            "reason": "title or heading",
            "see": "",
            "note": "",
        }
        for s in split_sentences(seed)
        if not is_coded(s, spans)
    ]


def write_project(
    root: Path,
    *,
    seed: str = TINY_SEED,
    sources: list[dict] | None = None,
    claims: list[dict] | None = None,
    bib: str = TINY_BIB,
    readings: str = TINY_READINGS,
    ratings: list[dict] | None = None,
    ledger: list[dict] | None = None,
    codebook: str = TINY_CODEBOOK,
) -> Path:
    """Write a complete small project under ``root`` and return ``root``."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    (root / "_config.yml").write_text("title: tiny\n", encoding="utf-8")
    (root / "seeds" / "tiny.txt").write_text(seed, encoding="utf-8")
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    (root / "seeds" / "MANIFEST.sha256").write_text(f"{digest}  tiny.txt\n", encoding="utf-8")
    claims = TINY_CLAIMS if claims is None else claims
    source_columns = [c.name for c in SOURCE_COLUMNS]
    claim_names = [c.name for c in claim_columns()]
    (root / "data" / "sources.csv").write_text(csv_text(sources or [TINY_SOURCE], source_columns), encoding="utf-8")
    (root / "data" / "claims.csv").write_text(csv_text(claims, claim_names), encoding="utf-8")
    (root / "data" / "readings.yml").write_text(readings, encoding="utf-8")
    (root / "data" / "codebook.md").write_text(codebook, encoding="utf-8")
    (root / "data" / "ratings.csv").write_text(
        csv_text(
            default_ratings(claims, readings) if ratings is None else ratings,
            ["claim_id", "reading_id", "rating", "rationale"],
        ),
        encoding="utf-8",
    )
    (root / "data" / "forecasts.csv").write_text("claim_id,later_evidence,verdict,why\n", encoding="utf-8")
    (root / "data" / "events.csv").write_text(
        "date,event,citation,note\n2024-05,A tiny event.,tiny_2024,\n", encoding="utf-8"
    )
    (root / "data" / "glossary.csv").write_text(
        "term,aliases,category,definition,orientation\nTehran,,place,The capital of Iran.,\n", encoding="utf-8"
    )
    (root / "data" / "ledger.csv").write_text(
        csv_text(
            default_ledger(seed, claims) if ledger is None else ledger,
            ["source_id", "sentence", "starts", "reason", "see", "note"],
        ),
        encoding="utf-8",
    )
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
    for name in (*DATA_INPUTS, "_config.yml"):
        copy = shutil.copytree if (REPO_ROOT / name).is_dir() else shutil.copy2
        copy(REPO_ROOT / name, target / name)
    return target


def copy_repository(target: Path) -> Path:
    """A working copy of this repository (sources, data, chapters, vendored script), safe to change."""
    shutil.copytree(REPO_ROOT, target, ignore=shutil.ignore_patterns(*NOT_INPUTS))
    return target


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# --- Building the book (slow; shared by the book and browser tests) -------------------------

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def build_book(source: Path, output: Path | None = None) -> tuple[subprocess.CompletedProcess, Path]:
    """Build the book at ``source`` strictly; return the process and the HTML folder."""
    command = [str(BIN / "jupyter-book"), "build", str(source), *BUILD_FLAGS]
    if output is not None:
        command += ["--path-output", str(output)]
    result = run(command, cwd=source)
    html = (output or source) / "_build" / "html"
    if result.returncode == 0:
        from analytic_reader.authoring.build import refresh_static

        refresh_static(source, html)  # as `make book` does: no stale stylesheet from an earlier build
    return result, html


@pytest.fixture(scope="session")
def instructor_build() -> tuple[subprocess.CompletedProcess, Path]:
    """The instructor edition, built from this repository into ``_build/html``."""
    return build_book(REPO_ROOT)


@pytest.fixture(scope="session")
def student_build() -> tuple[subprocess.CompletedProcess, Path]:
    """The student edition, built like ``make book-student`` does."""
    from analytic_reader.authoring.editions import make_student_source

    source = make_student_source(REPO_ROOT, REPO_ROOT / "_build" / "student-src")
    return build_book(source, REPO_ROOT / "_build" / "student")


#: Log lines from the kernels' own libraries, not from Sphinx: the kernel's notice that it talks over TCP
#: on localhost, and tornado's report of a message arriving on a kernel's socket while it shuts down after
#: its notebook has finished (seen under load; a failed execution is reported by myst-nb as a WARNING).
KERNEL_NOISE = ("IPKernelApp", "ERROR:tornado.general:Uncaught exception in ZMQStream callback")


def build_warnings(result: subprocess.CompletedProcess) -> list[str]:
    """Sphinx warnings and errors in a build log (the kernels' own log lines are not)."""
    lines = (result.stdout + result.stderr).splitlines()
    return [
        line
        for line in lines
        if ("WARNING" in line or "ERROR" in line) and not any(noise in line for noise in KERNEL_NOISE)
    ]


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


# --- Adding a source to a copy of the repository, with everything the check requires ----------


def append_csv_rows(path: Path, rows: list[dict]) -> None:
    """Append rows to a CSV file, in the column order of its header (missing fields left empty)."""
    with path.open(encoding="utf-8", newline="") as handle:
        columns = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", restval="").writerows(rows)


def filler(source_id: str, count: int, first: int = 1) -> tuple[str, list[dict]]:
    """``count`` plain seed sentences and one claim quoting each, numbered from ``first``: enough to give
    a test source the minimum number of claims without saying anything a test cares about."""
    lines = [f"Filler sentence number {first + n} says Moscow and Tehran met again." for n in range(count)]
    claims = [
        {
            "claim_id": f"{source_id}-{first + n:02d}",
            "source_id": source_id,
            "quote": line,
            "paraphrase": f"A meeting of the two governments, item {first + n}.",
            "kind": "factual report",
            "speaker": "author",
            "attribution": "author",
            "documentation": "none",
            "theater": "global",
            "topic": "diplomacy",
        }
        for n, line in enumerate(lines)
    ]
    return "".join(line + "\n" for line in lines), claims


def add_source(
    root: Path,
    source: dict,
    seed: str,
    claims: list[dict],
    ratings: dict[tuple[str, str], str] | None = None,
    seed_name: str | None = None,
) -> None:
    """Add a source to the project at ``root`` as a maintainer would: seed and checksum, a sources row,
    its claims, a rating of every claim against every reading (``ratings`` or neutral), the same
    ratings in both codings (no disagreement to adjudicate), and a ledger row for every sentence no
    claim covers."""
    seed_name = seed_name or f"{source['source_id']}.txt"
    (root / "seeds" / seed_name).write_text(seed, encoding="utf-8")
    with (root / "seeds" / "MANIFEST.sha256").open("a", encoding="utf-8") as manifest:
        manifest.write(f"{hashlib.sha256(seed.encode('utf-8')).hexdigest()}  {seed_name}\n")
    row = {
        "outlet": "",
        "authors": "",
        "url": "",
        "original_title": "",
        "copy": "not established",
        "seed_says": "A test fixture.",
        "provenance": "Not searched: a test fixture.",
        "seed_file": f"seeds/{seed_name}",
        **source,
    }
    append_csv_rows(root / "data" / "sources.csv", [row])
    append_csv_rows(root / "data" / "claims.csv", claims)
    readings = reading_ids_of((root / "data" / "readings.yml").read_text(encoding="utf-8"))
    rated = [
        {
            "claim_id": c["claim_id"],
            "reading_id": r,
            "rating": (ratings or {}).get((c["claim_id"], r), "neutral"),
            "rationale": "A test fixture's rating.",
        }
        for c in claims
        for r in readings
    ]
    append_csv_rows(root / "data" / "ratings.csv", rated)
    for coding in ("first.csv", "second.csv"):
        if (root / "data" / "coding" / coding).exists():
            append_csv_rows(root / "data" / "coding" / coding, rated)
    append_csv_rows(root / "data" / "ledger.csv", default_ledger(seed, claims, source["source_id"]))


def fill_placeholders(chapter: Path) -> None:
    """Replace every ``TO WRITE`` line of a scaffolded chapter with a sentence, as its author would."""
    lines = chapter.read_text(encoding="utf-8").splitlines()
    written = [
        ("- The source states its case." if line.lstrip().startswith("- TO WRITE") else "The source states its case.")
        if "TO WRITE" in line
        else line
        for line in lines
    ]
    chapter.write_text("\n".join(written) + "\n", encoding="utf-8")


def solution_texts(text: str) -> list[str]:
    """The text of every solution, without directive lines and options: what must not reach students."""
    return [solution.body for solution in solutions(text)]


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright (skips locally without it, fails under CI: ``browser``)."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
