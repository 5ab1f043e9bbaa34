#!/usr/bin/env python3
"""Build-performance figures for the book (``make bench``).

Works on a temporary copy of the project, so nothing in the checkout changes. Prints:
clean build, no-op rebuild, rebuild after a prose edit and after a code edit (wall time and
notebooks executed), the floor of a clean build (kernel start-up and imports per chapter divided
among the cores, plus Sphinx's own time with execution off) and the ratio to it, each page's
weight (HTML bytes, embedded widget-state bytes), the site's size, and how the engine scales on a
generated corpus.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analytic_reader.authoring.build import BUILD_FLAGS
from analytic_reader.data.paths import NOT_INPUTS

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
IGNORE = shutil.ignore_patterns(*NOT_INPUTS)
PROSE_CHAPTER = "chapters/growing-ties.md"
CODE_CHAPTER = "chapters/fraying-axis.md"


def copy_project(destination: Path) -> Path:
    shutil.copytree(ROOT, destination, ignore=IGNORE)
    return destination


def build(book: Path) -> tuple[float, int, str]:
    """Build strictly; return wall seconds, notebooks executed, and the log."""
    start = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(book), *BUILD_FLAGS], capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    log = result.stdout + result.stderr
    if result.returncode != 0:
        sys.exit(f"bench: the build failed in {book}:\n{log[-3000:]}")
    parallel = sum(int(n) for n in re.findall(r"analytic_reader: executing (\d+) chapters", log))
    serial = log.count("Executing notebook using")
    return seconds, parallel + serial, log


def kernel_startup_seconds(repeats: int = 3) -> float:
    """Median time to start a kernel the way the build does (nbclient, via jupyter-cache) and run
    the import every chapter starts with, one kernel at a time."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell("from analytic_reader import book")]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = single_nb_execution(
            notebook, cwd=str(ROOT / "chapters"), allow_errors=False, timeout=120, meta_override=True
        )
        assert result.err is None, result.exc_string
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_weights(html: Path) -> list[tuple[str, int, int]]:
    rows = []
    for page in sorted((html / "chapters").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        state = re.findall(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', text, re.S)
        rows.append((page.name, len(text.encode()), sum(len(s.encode()) for s in state)))
    return rows


def site_bytes(html: Path) -> int:
    return sum(p.stat().st_size for p in html.rglob("*") if p.is_file())


def generated_corpus(root: Path, sources: int, claims_per_source: int) -> Path:
    """A synthetic project: ``sources`` seeds of random prose and claims quoting them."""
    import csv
    import hashlib

    rng = random.Random(sources)
    vocabulary = (
        "moscow tehran drones missiles sanctions oil air defense front ukraine israel strike "
        "partnership alliance limited transactional intelligence proxies syria nuclear"
    ).split()
    (root / "seeds").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy2(ROOT / "_config.yml", root / "_config.yml")
    shutil.copy2(ROOT / "data" / "readings.yml", root / "data" / "readings.yml")
    shutil.copy2(ROOT / "data" / "codebook.md", root / "data" / "codebook.md")
    manifest, bib, source_rows, claim_rows, rating_rows, ledger_rows = [], [], [], [], [], []
    topics = ["drones and missiles", "air defense", "diplomacy", "Syria", "strategic alignment"]
    ratings = ("consistent", "neutral", "inconsistent")
    for number in range(sources):
        sentences = [
            " ".join(rng.choice(vocabulary) for _ in range(12)).capitalize() + f" {number}-{k}."
            for k in range(claims_per_source + 10)
        ]
        text = "\n".join(sentences) + "\n"
        name = f"{number:04d}.txt"
        (root / "seeds" / name).write_text(text, encoding="utf-8")
        manifest.append(f"{hashlib.sha256(text.encode()).hexdigest()}  {name}")
        source_id = f"source-{number:04d}"
        bib.append(f"@misc{{key{number},\n  title = {{Source {number}}},\n  year = {{2024}}\n}}\n")
        source_rows.append(
            {
                "source_id": source_id,
                "seed_file": f"seeds/{name}",
                "bibkey": f"key{number}",
                "title": f"Source {number}",
                "outlet": "",
                "authors": "",
                "published": f"{2020 + number % 6}-0{1 + number % 9}",
                "date_precision": "month",
                "genre": "opinion",
                "url": "",
                "lean": "linked",
                "dating_note": "generated",
                "original_title": "",
                "copy": "not established",
                "seed_says": "generated",
                "provenance": "generated",
            }
        )
        for k in range(claims_per_source):
            claim_id = f"{source_id}-{k + 1:02d}"
            claim_rows.append(
                {
                    "claim_id": claim_id,
                    "source_id": source_id,
                    "quote": sentences[k],
                    "paraphrase": f"Generated claim {k}.",
                    "kind": "assessment",
                    "speaker": "author",
                    "attribution": "author",
                    "documentation": "none",
                    "theater": "both",
                    "topic": topics[k % len(topics)],
                }
            )
            for offset, reading_id in enumerate(("linked", "fraying")):
                rating_rows.append(
                    {
                        "claim_id": claim_id,
                        "reading_id": reading_id,
                        "rating": ratings[(k + offset) % 3],
                        "rationale": "generated",
                    }
                )
        ledger_rows += [
            {
                "source_id": source_id,
                "sentence": str(k + 1),
                "starts": " ".join(sentences[k].split()[:3]),
                "reason": "title or heading",
                "see": "",
                "note": "",
            }
            for k in range(claims_per_source, claims_per_source + 10)
        ]
    (root / "seeds" / "MANIFEST.sha256").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    (root / "references.bib").write_text("\n".join(bib), encoding="utf-8")
    (root / "data" / "forecasts.csv").write_text("claim_id,later_evidence,verdict,why\n", encoding="utf-8")
    (root / "data" / "events.csv").write_text("date,event,citation,note\n2024,Generated.,key0,\n", encoding="utf-8")
    (root / "data" / "glossary.csv").write_text("term,aliases,category,definition,orientation\n", encoding="utf-8")
    for name, rows in (
        ("sources.csv", source_rows),
        ("claims.csv", claim_rows),
        ("ratings.csv", rating_rows),
        ("ledger.csv", ledger_rows),
    ):
        with (root / "data" / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return root


def engine_seconds(root: Path) -> tuple[float, float, float]:
    """Seconds for validation, loading, and the cross-source tables on a project."""
    from analytic_reader import load_corpus, validate_project
    from analytic_reader.analysis.frames import claim_matrix_frame, contested_topics, reading_balance, reading_counts

    start = time.perf_counter()
    problems = validate_project(root)
    validate = time.perf_counter() - start
    assert problems == [], problems[:3]
    start = time.perf_counter()
    corpus = load_corpus(root)
    load = time.perf_counter() - start
    start = time.perf_counter()
    claim_matrix_frame(corpus), reading_counts(corpus), reading_balance(corpus), contested_topics(corpus)
    tables = time.perf_counter() - start
    return validate, load, tables


def main() -> int:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        scratch_path = Path(scratch)
        book = copy_project(scratch_path / "book")
        chapters = sum("kernelspec:" in p.read_text(encoding="utf-8") for p in (book / "chapters").glob("*.md"))

        print("measuring: clean build …", flush=True)
        clean, clean_n, _ = build(book)
        print("measuring: no-op rebuild …", flush=True)
        noop, noop_n, _ = build(book)
        print("measuring: prose edit …", flush=True)
        prose = book / PROSE_CHAPTER
        prose.write_text(prose.read_text(encoding="utf-8") + "\nA sentence added by the benchmark.\n", encoding="utf-8")
        prose_t, prose_n, _ = build(book)
        print("measuring: code edit …", flush=True)
        code = book / CODE_CHAPTER
        text = code.read_text(encoding="utf-8")
        code.write_text(
            text.replace("corpus = book.load()", "corpus = book.load()  # edited by the benchmark", 1), encoding="utf-8"
        )
        code_t, code_n, _ = build(book)
        weights = page_weights(book / "_build" / "html")
        site = site_bytes(book / "_build" / "html")

        print("measuring: floor (kernel start-up, Sphinx without execution) …", flush=True)
        kernel = kernel_startup_seconds()
        no_exec = copy_project(scratch_path / "no-exec")
        config = no_exec / "_config.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("execute_notebooks: cache", "execute_notebooks: 'off'"),
            encoding="utf-8",
        )
        sphinx_only, _, _ = build(no_exec)
        floor = kernel * chapters / cores + sphinx_only

        print("measuring: engine on generated corpora …", flush=True)
        small = engine_seconds(generated_corpus(scratch_path / "gen-100", 100, 40))
        large = engine_seconds(generated_corpus(scratch_path / "gen-200", 200, 40))

    def verdict(ok: bool) -> str:
        return "meets target" if ok else "MISSES target"

    print()
    print(f"Build performance ({cores} cores, {chapters} executable chapters)")
    print(f"{'build':<28}{'wall (s)':>10}{'notebooks executed':>20}  target")
    print(
        f"{'clean build':<28}{clean:>10.1f}{clean_n:>20}  ≤ 1.3 × floor: {clean / floor:.2f} × "
        f"({verdict(clean <= 1.3 * floor)})"
    )
    print(
        f"{'no-op rebuild':<28}{noop:>10.1f}{noop_n:>20}  0 notebooks, ≤ clean/5 = {clean / 5:.1f} s "
        f"({verdict(noop_n == 0 and noop <= clean / 5)})"
    )
    print(f"{'prose edit (1 chapter)':<28}{prose_t:>10.1f}{prose_n:>20}  0 notebooks ({verdict(prose_n == 0)})")
    print(f"{'code edit (1 chapter)':<28}{code_t:>10.1f}{code_n:>20}  1 notebook ({verdict(code_n == 1)})")
    print()
    print(
        f"Floor: kernel start-up + imports {kernel:.2f} s × {chapters} chapters / {cores} cores "
        f"+ Sphinx without execution {sphinx_only:.1f} s = {floor:.1f} s; clean / floor = {clean / floor:.2f}"
    )
    print()
    print(f"{'page':<34}{'HTML bytes':>12}{'widget-state bytes':>20}")
    for name, size, state in weights:
        print(f"{name:<34}{size:>12,}{state:>20,}")
    heaviest = max(size for _, size, _ in weights)
    print(f"{'whole site':<34}{site:>12,}   heaviest page {heaviest:,} B ({verdict(heaviest <= 400_000)}: ≤ 400 KB)")
    print()
    print(f"{'generated corpus':<28}{'validate (s)':>13}{'load (s)':>10}{'tables (s)':>12}")
    for label, (validate, load, tables) in (("100 sources, 4,000 claims", small), ("200 sources, 8,000 claims", large)):
        print(f"{label:<28}{validate:>13.2f}{load:>10.2f}{tables:>12.2f}")
    growth = sum(large) / sum(small)
    print(f"doubling the corpus multiplies the time by {growth:.2f} (linear ≈ 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
