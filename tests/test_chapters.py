"""Chapters: their metadata (front matter), and that each runs the same from any working directory."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from analytic_reader import STATIC_OUTPUTS, load_corpus
from analytic_reader.analysis.frames import claim_matrix_frame, reading_counts
from analytic_reader.authoring import myst, prose
from analytic_reader.authoring.chapters import (
    chapter_info,
    instructor_frame,
    learning_problems,
    scaffold_source_chapter,
    toc_chapters,
)
from analytic_reader.authoring.myst import front_matter
from analytic_reader.data.claims import COPIED_WORDS_LIMIT, copied_run
from analytic_reader.data.paths import ProjectPaths
from repository import REPO_ROOT, copy_repository
from solutions import solution_texts
from tinyproject import add_sixth_source, fill_placeholders

PATHS = ProjectPaths(REPO_ROOT)
CHAPTERS = toc_chapters(PATHS)
TEACHING_CHAPTERS = [
    name for name in CHAPTERS if name not in ("bibliography", "instructor-guide", "timeline", "glossary")
]


def test_front_matter_is_read_from_the_yaml_block():
    assert front_matter("---\nlearning:\n  minutes: 5\n---\n# T\n") == {"learning": {"minutes": 5}}
    assert front_matter("# No front matter\n") == {}


def test_toc_lists_every_chapter_file_in_order():
    assert CHAPTERS[0] == "intro"
    assert sorted(CHAPTERS) == sorted(p.stem for p in (REPO_ROOT / "chapters").glob("*.md"))


@pytest.mark.parametrize("name", TEACHING_CHAPTERS)
def test_every_chapter_states_objectives_time_prerequisites_and_has_three_exercises(name):
    info = chapter_info(PATHS, name)
    assert 2 <= len(info.objectives) <= 4, info.objectives
    assert info.minutes > 0
    assert info.prerequisites, "say 'none' explicitly when there is none"
    assert info.exercises >= 3


def exercise_label(exercise: myst.Directive) -> str | None:
    """The ``:label:`` option of an exercise (``None`` when it has none: no solution can point at it)."""
    for option in exercise.options:
        key, _, value = option[1:].partition(":")
        if key.strip() == "label":
            return value.strip()
    return None


def test_every_exercise_has_a_written_solution():
    """Each exercise has a label, and a solution (``{solution} label`` or a gated ``{solution-start}
    label``) points at that label; no solution points at an exercise that is not there."""
    problems = []
    for name in CHAPTERS:
        text = (REPO_ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8")
        labels = [exercise_label(exercise) for exercise in myst.exercises(text)]
        answered = [solution.argument for solution in myst.solutions(text)]
        for exercise, label in zip(myst.exercises(text), labels):
            if label is None:
                problems.append(f"chapters/{name}.md:{exercise.start + 1}: an exercise without a :label:")
            elif label not in answered:
                problems.append(f"chapters/{name}.md:{exercise.start + 1}: exercise {label} has no solution")
        problems += [
            f"chapters/{name}.md: a solution points at {label!r}, which is no exercise of the chapter"
            for label in answered
            if label not in labels
        ]
    assert problems == [], "\n".join(problems)


def test_instructor_table_has_one_row_per_chapter_from_front_matter():
    table = instructor_frame(PATHS)
    assert list(table["page"]) == [
        f"{name}.html" for name in CHAPTERS if name not in ("instructor-guide", "bibliography")
    ]
    teaching = table["page"].isin([f"{name}.html" for name in TEACHING_CHAPTERS])
    assert (table.loc[teaching, "exercises"] >= 3).all()


@contextlib.contextmanager
def _static_outputs():
    """The kernels inherit the environment: ask for the static outputs the book build asks for."""
    previous = os.environ.get(STATIC_OUTPUTS)
    os.environ[STATIC_OUTPUTS] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(STATIC_OUTPUTS)
        else:
            os.environ[STATIC_OUTPUTS] = previous


def outputs_of(cells) -> list[str]:
    """The HTML and text outputs of a notebook's cells (widgets only counted: their ids differ by run)."""
    outputs = []
    for cell in cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                outputs.append("widget")
            else:
                outputs.append(data.get("text/html") or data.get("text/plain") or output.get("text", ""))
    return outputs


def execute(name: str, cwd) -> list[str]:
    """Run a chapter top to bottom in a fresh kernel; return its HTML and text outputs."""
    notebook = jupytext.read(REPO_ROOT / "chapters" / f"{name}.md")
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return outputs_of(notebook.cells)


def _names_a_path(name: str) -> bool:
    return bool(
        re.search(r"open\(|Path\(|read_csv|\.\./", (REPO_ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8"))
    )


#: The chapters run from the repository root: every chapter whose code names a file or folder, and
#: one of each other kind (the introduction, the first source chapter, the synthesis). The others call
#: only the package, which finds the project the same way for all of them.
FROM_ROOT = sorted(
    {name for name in CHAPTERS if _names_a_path(name)} | {CHAPTERS[0], TEACHING_CHAPTERS[1], "weighing-the-readings"}
)


@pytest.mark.book
def test_each_kind_of_chapter_runs_the_same_from_the_repository_root_as_in_the_book(instructor_build):
    """The book executes each chapter in ``chapters/``; run from the repository root (as a reader with
    the project open in JupyterLab might), it must give the same outputs."""
    html = instructor_build[1]
    with _static_outputs(), ThreadPoolExecutor(max_workers=2) as pool:
        from_root = dict(zip(FROM_ROOT, pool.map(lambda name: execute(name, REPO_ROOT), FROM_ROOT)))
    assert sum(map(len, from_root.values())) > 30  # the chapters really produce outputs
    for name in FROM_ROOT:
        path = html / "_sources" / "chapters" / f"{name}.ipynb"
        if not path.exists():
            assert from_root[name] == [], f"{name} has outputs but the book offers no executed notebook"
            continue
        in_book = nbformat.read(path, as_version=4).cells[1:]  # after the reader-check cell
        assert outputs_of(in_book) == from_root[name], f"{name} gives different outputs from the repository root"


# --- Adding a source: data plus one chapter file -----------------------------------------


def test_adding_a_sixth_source_takes_data_and_one_chapter(tmp_path):
    if "mutual-alibi" in load_corpus().sources.index:
        pytest.skip("this project already has the fixture source (the fast tests run inside the grown copy)")
    copy = copy_repository(tmp_path / "book")
    add_sixth_source(copy)
    toc_before = (copy / "_toc.yml").read_text(encoding="utf-8").splitlines()
    chapter = scaffold_source_chapter(ProjectPaths(copy), "mutual-alibi")
    toc_after = (copy / "_toc.yml").read_text(encoding="utf-8").splitlines()
    assert [line for line in toc_after if line not in toc_before] == ["      - file: chapters/mutual-alibi"]
    assert [line for line in toc_after if line != "      - file: chapters/mutual-alibi"] == toc_before  # comments kept
    assert chapter == copy / "chapters" / "mutual-alibi.md"
    assert "{cite:p}`mutual_alibi_2026`" in chapter.read_text(encoding="utf-8")
    corpus = load_corpus(copy)
    by_date = list(corpus.sources.sort_values("published_start", kind="stable").index)
    sources_in_toc = [name for name in toc_chapters(ProjectPaths(copy)) if name in corpus.sources.index]
    assert sources_in_toc == by_date  # listed by date, whatever the new source's date
    assert list(corpus.sources.index) == by_date

    stamp = tmp_path / "stamp"
    stamp.touch()
    os.utime(stamp, (2**31, 2**31))  # newer than the copied pyproject: `make` installs nothing
    venv = Path(sys.executable).parent.parent

    def make_check() -> subprocess.CompletedProcess:
        command = ["make", "-C", str(copy), "check", f"VENV={venv}", f"STAMP={stamp}"]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    # README step 5: until every TO WRITE is replaced, the check names each one.
    unwritten = make_check()
    assert unwritten.returncode != 0
    assert "chapters/mutual-alibi.md:" in unwritten.stdout and "still says 'TO WRITE'" in unwritten.stdout
    fill_placeholders(chapter)
    result = make_check()
    assert result.returncode == 0, result.stdout + result.stderr

    assert "mutual-alibi" in claim_matrix_frame(corpus).columns
    assert reading_counts(corpus).loc["mutual-alibi", "favor fraying"] == 2


# --- Prose is ours: outside marked quotations, no chapter borrows a seed's sentence --------


def prose_outside_quotations(text: str) -> str:
    """A chapter's own prose: code, blockquotes, quoted spans (“…”, "…") and headings (which carry
    the sources' titles) removed."""
    text = re.sub(r"^(`{3,}|:{3,})\{code-cell\}.*?^\1\s*$", " ", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"^`{3,}python.*?^`{3,}\s*$", " ", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"^(>|#).*$", " ", text, flags=re.MULTILINE)
    text = re.sub(r"“[^”]*”|\"[^\"\n]*\"", " ", text)
    return text


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_prose_borrows_no_sentence_from_the_seeds(name):
    prose = prose_outside_quotations((REPO_ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8"))
    for seed in sorted((REPO_ROOT / "seeds").glob("*.txt")):
        run = copied_run(prose, seed.read_text(encoding="utf-8"))
        assert run is None, (
            f"chapters/{name}.md copies {COPIED_WORDS_LIMIT}+ words from {seed.name} "
            f"outside a marked quotation: “{run}”"
        )


def test_the_prose_check_catches_an_unmarked_copy():
    borrowed = "Russia and Iran are no longer just helping each other at the margins."
    seed = (REPO_ROOT / "seeds" / "000_e76c9fad4f7fe197.txt").read_text(encoding="utf-8")
    assert copied_run(prose_outside_quotations(f"We think {borrowed}"), seed) is not None
    assert copied_run(prose_outside_quotations(f"They write “{borrowed}”."), seed) is None


# --- Solution code is executed by the build, not kept as text ------------------------------

SOLUTIONS = {
    path.stem: solution_texts(path.read_text(encoding="utf-8"))
    for path in sorted((REPO_ROOT / "chapters").glob("*.md"))
}


def test_data_exercises_have_solutions_whose_code_the_build_executes():
    executed = {name for name, bodies in SOLUTIONS.items() if any("```{code-cell} python" in b for b in bodies)}
    assert len(executed) >= 8, executed
    literal = [name for name, bodies in SOLUTIONS.items() if any("```python" in b for b in bodies)]
    assert literal == [], f"solution code kept as a literal block (never run) in {literal}"


# --- No hand-typed numbers: every count in the prose is computed ---------------------------

SEED_TEXT = " ".join(
    re.sub(r"\s+", " ", p.read_text(encoding="utf-8")).lower() for p in sorted((REPO_ROOT / "seeds").glob("*.txt"))
)


def typed_numbers(text: str) -> list[tuple[int, str]]:
    return prose.typed_numbers(text, SEED_TEXT)


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_prose_states_no_number_that_is_not_a_date_a_name_or_computed(name):
    found = typed_numbers((REPO_ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8"))
    assert found == [], "\n".join(
        f"chapters/{name}.md:{line}: typed number in “{context.strip()}”; glue it "
        "from the data ({glue:text}) or write it in words if it is not a count"
        for line, context in found
    )


def test_the_number_check_tells_counts_from_dates_names_and_glue():
    text = (
        "In 2024, on 14 April, S-400s were sold.\n1. A list item.\n"
        "There were {glue:text}`claims` claims and `growing-ties-03`, “4,500 missiles” quoted.\n"
        "But 12 claims were typed.\n"
    )
    assert [line for line, _ in typed_numbers(text)] == [4]


def test_an_objective_with_an_unquoted_colon_is_refused_with_the_file_named(tmp_path):
    broken = front_matter("---\nlearning:\n  objectives:\n    - Summarize A: the title\n  minutes: 5\n---\n")
    assert learning_problems(broken["learning"]) == [
        "learning.objectives: every item must be text (quote an item that contains ': ')"
    ]
    assert (
        learning_problems(
            front_matter('---\nlearning:\n  objectives:\n    - "Summarize A: the title"\n  minutes: 5\n---\n')[
                "learning"
            ]
        )
        == []
    )


def test_no_chapter_types_the_number_of_sources():
    """A sixth source must not leave "five sources" behind: the corpus's count is glued from the data."""
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    count = words[len(load_corpus().sources)]
    typed = [
        f"{path.name}:{number}"
        for path in sorted((REPO_ROOT / "chapters").glob("*.md"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(rf"\b{count}\s+(sources|source chapters|texts)\b", line, re.I)
    ]
    assert typed == [], typed
