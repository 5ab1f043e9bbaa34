#!/usr/bin/env python3
"""Build-performance figures for the book (``make bench``).

Works on a temporary copy of the project, so nothing in the checkout changes. Prints:
clean build, no-op rebuild, rebuild after a prose edit and after a code edit (wall time and
notebooks executed), the floor of a clean build (kernel start-up and imports per chapter divided
among the cores, plus Sphinx's own time with execution off) and the ratio to it, each page's
weight (HTML bytes, and the bytes of its toggles, which are plain HTML in the page), the site's
size, and how the engine scales on a generated corpus.
"""

from __future__ import annotations

import csv
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
from analytic_reader.data.manifest import NOT_INPUTS

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
IGNORE = shutil.ignore_patterns(*NOT_INPUTS)
PROSE_CHAPTER = "chapters/growing-ties.md"
CODE_CHAPTER = "chapters/fraying-axis.md"


def copy_tree(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination, ignore=IGNORE)
    return destination


#: The floor build runs with execution off, so every glued figure and every first use of a glossary
#: term in a glued output is missing: its warnings are expected, and only its time is kept.
FLOOR_FLAGS = tuple(flag for flag in BUILD_FLAGS if flag != "--warningiserror")


def build(book: Path, flags: tuple[str, ...] = BUILD_FLAGS) -> tuple[float, int, str]:
    """Build (strictly, unless ``flags`` say otherwise); return wall seconds, notebooks executed, and the log."""
    start = time.perf_counter()
    result = subprocess.run([str(BIN / "jupyter-book"), "build", str(book), *flags], capture_output=True, text=True)
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
        toggles = re.findall(r'<fieldset class="ar-toggle .*?</fieldset>', text, re.S)
        rows.append((page.name, len(text.encode()), sum(len(t.encode()) for t in toggles)))
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


def measure_builds(
    source: Path, scratch: Path, prose_chapter: str, code_chapter: str, kernel_repeats: int = 3
) -> dict[str, float]:
    """Build a copy of ``source`` clean, again with nothing changed, after a prose edit to
    ``prose_chapter`` and after a code edit to ``code_chapter``; then the floor (kernel start-up per
    chapter over the cores, plus Sphinx with execution off). Wall seconds and notebooks executed.

    The core of ``make bench``, kept apart so that a test can run it on the tiny book."""
    cores = os.cpu_count() or 1
    book = copy_tree(source, scratch / "book")
    chapters = sum("kernelspec:" in p.read_text(encoding="utf-8") for p in (book / "chapters").glob("*.md"))
    print("measuring: clean build …", flush=True)
    clean, clean_n, _ = build(book)
    print("measuring: no-op rebuild …", flush=True)
    noop, noop_n, _ = build(book)
    print("measuring: prose edit …", flush=True)
    prose = book / prose_chapter
    prose.write_text(prose.read_text(encoding="utf-8") + "\nA sentence added by the benchmark.\n", encoding="utf-8")
    prose_t, prose_n, _ = build(book)
    print("measuring: code edit …", flush=True)
    code = book / code_chapter
    text = code.read_text(encoding="utf-8")
    code.write_text(
        text.replace("corpus = book.load()", "corpus = book.load()  # edited by the benchmark", 1), encoding="utf-8"
    )
    code_t, code_n, _ = build(book)
    print("measuring: floor (kernel start-up, Sphinx without execution) …", flush=True)
    kernel = kernel_startup_seconds(kernel_repeats)
    no_exec = copy_tree(source, scratch / "no-exec")
    config = no_exec / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("execute_notebooks: cache", "execute_notebooks: 'off'"),
        encoding="utf-8",
    )
    sphinx_only, _, _ = build(no_exec, FLOOR_FLAGS)
    return {
        "cores": cores,
        "chapters": chapters,
        "clean": clean,
        "clean_n": clean_n,
        "noop": noop,
        "noop_n": noop_n,
        "prose": prose_t,
        "prose_n": prose_n,
        "code": code_t,
        "code_n": code_n,
        "kernel": kernel,
        "sphinx_only": sphinx_only,
        "floor": kernel * chapters / cores + sphinx_only,
        "html": str(book / "_build" / "html"),
    }


def check_seconds_on_a_large_claims_file(scratch: Path, megabytes: int = 50) -> float:
    """Wall seconds of ``analytic_reader check`` on a copy whose claims file is grown to ``megabytes``."""
    copy = copy_tree(ROOT, scratch / "large-claims")
    path = copy / "data" / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        number = 0
        while handle.tell() < megabytes * 1_000_000:
            for row in rows:
                number += 1
                writer.writerow(dict(row, claim_id=f"{row['source_id']}-{1000 + number:05d}"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analytic_reader", "check", str(copy)], capture_output=True, text=True)
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        scratch_path = Path(scratch)
        figures = measure_builds(ROOT, scratch_path, PROSE_CHAPTER, CODE_CHAPTER)
        cores, chapters, floor = figures["cores"], figures["chapters"], figures["floor"]
        clean, clean_n, noop, noop_n = figures["clean"], figures["clean_n"], figures["noop"], figures["noop_n"]
        prose_t, prose_n, code_t, code_n = figures["prose"], figures["prose_n"], figures["code"], figures["code_n"]
        kernel, sphinx_only = figures["kernel"], figures["sphinx_only"]
        weights = page_weights(Path(figures["html"]))
        site = site_bytes(Path(figures["html"]))
        print("measuring: make check on a 50 MB claims file …", flush=True)
        large_check = check_seconds_on_a_large_claims_file(scratch_path)

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
    print(f"{'page':<34}{'HTML bytes':>12}{'toggle bytes':>20}")
    for name, size, state in weights:
        print(f"{name:<34}{size:>12,}{state:>20,}")
    heaviest = max(size for _, size, _ in weights)
    print(f"{'whole site':<34}{site:>12,}   heaviest page {heaviest:,} B ({verdict(heaviest <= 400_000)}: ≤ 400 KB)")
    print()
    print(f"{'generated corpus':<28}{'validate (s)':>13}{'load (s)':>10}{'tables (s)':>12}")
    for label, (validate, load, tables) in (("100 sources, 4,000 claims", small), ("200 sources, 8,000 claims", large)):
        print(f"{label:<28}{validate:>13.2f}{load:>10.2f}{tables:>12.2f}")
    print()
    print(f"make check on a 50 MB claims file: {large_check:.1f} s ({verdict(large_check <= 60)}: ≤ 60 s)")
    growth = sum(large) / sum(small)
    print(f"doubling the corpus multiplies the time by {growth:.2f} (linear ≈ 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
