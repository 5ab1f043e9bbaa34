import csv
import resource
import shutil
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytic_reader import DataError, load_corpus, validate_project
from analytic_reader.data.records import Column, read_table
from repository import REPO_ROOT
from tinyproject import TINY_CLAIMS, messages, write_project


def test_the_real_project_has_no_problem():
    assert messages(validate_project(REPO_ROOT)) == []


def test_the_check_reads_claims_sources_and_the_bibliography_once(monkeypatch):
    """The chapters are checked against what the data layer read, not against a second reading."""
    from collections import Counter
    from pathlib import Path

    reads: Counter = Counter()
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: reads.update([path.resolve()]) or read_bytes(path))
    assert messages(validate_project(REPO_ROOT)) == []
    assert {
        name: reads[(REPO_ROOT / name).resolve()] for name in ("data/claims.csv", "data/sources.csv", "references.bib")
    } == {
        "data/claims.csv": 1,
        "data/sources.csv": 1,
        "references.bib": 1,
    }


def test_the_chapter_checks_take_what_was_read_and_return_problems():
    from analytic_reader.authoring.project import Chapter, ProseReferences, chapter_problems

    references = ProseReferences(
        claim_ids={"tiny-01"},
        source_ids={"tiny"},
        bibkeys={"key"},
        seed_text="",
        readings={"linked": ("Linked theaters", "linked")},
    )
    text = (
        "`tiny-01` and `tiny-02`, {cite}`key` and {cite}`nokey`.\n"
        "The {reading}`linked` and {reading}`other` readings.\n"
    )
    problems = chapter_problems([Chapter("chapters/a.md", text, [])], references)
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("chapters/a.md", 2, "reading"),
        ("chapters/a.md", 1, "claim id"),
        ("chapters/a.md", 1, "cite key"),
    ]


def test_every_problem_is_reported_not_just_the_first(tiny_project):
    write_project(
        tiny_project,
        claims=[
            {
                "claim_id": "tiny-01",
                "source_id": "ghost",
                "quote": "x",
                "paraphrase": "p",
                "kind": "rumour",
                "speaker": "author",
                "attribution": "author",
                "documentation": "none",
                "theater": "mars",
                "topic": "drones and missiles",
            },
        ],
    )
    text = messages(validate_project(tiny_project))
    assert len(text) == 5
    assert {t.split(":")[2].strip() for t in text} == {"kind", "theater", "claim_id", "source_id"}
    assert (
        "data/sources.csv:2: source_id: tiny has 0 claim(s) in data/claims.csv; the codebook asks for at least 1 "
        "per source" in text
    )


def test_load_corpus_refuses_bad_data_with_a_readable_message(tiny_project):
    (tiny_project / "data" / "claims.csv").write_bytes(b"claim_id\n\xff\n")
    with pytest.raises(DataError) as caught:
        load_corpus(tiny_project)
    assert "data/claims.csv:2: not valid UTF-8" in str(caught.value)
    assert "make check" in str(caught.value)


def corrupt_one_quote(project):
    path = project / "data" / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    original = rows[4]["quote"]
    rows[4]["quote"] = original.replace(" ", "  ", 1)[:-2] + "XYZ"  # whitespace change is fine; XYZ is not
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows[4]["claim_id"], original


def run_check(project):
    return subprocess.run(
        [sys.executable, "-m", "analytic_reader", "check", str(project)], capture_output=True, text=True, timeout=60
    )


def test_check_command_reports_a_corrupted_quote_on_one_line(real_project_copy):
    claim_id, original = corrupt_one_quote(real_project_copy)
    result = run_check(real_project_copy)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("data/claims.csv:6: quote: not found verbatim in seeds/")
    assert f'closest passage: "{" ".join(original.split())[:30]}' in lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_check_command_passes_on_the_real_project(real_project_copy):
    result = run_check(real_project_copy)
    assert result.returncode == 0, result.stdout
    assert "Traceback" not in result.stderr


def test_check_command_explains_a_missing_project(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert "no analytic-reader project found" in result.stdout
    assert "Traceback" not in result.stderr


FIELD = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


def snapshot(root):
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    claim=st.fixed_dictionaries({name: FIELD for name in TINY_CLAIMS[0]}),
    bib=st.text(max_size=200),
    readings=st.text(max_size=200),
)
def test_validator_returns_problems_for_arbitrary_data_and_writes_nothing(tmp_path_factory, claim, bib, readings):
    root = write_project(tmp_path_factory.mktemp("p"), claims=[claim], bib=bib, readings=readings)
    before = snapshot(root)
    problems = validate_project(root)
    assert isinstance(problems, list)
    assert snapshot(root) == before
    with pytest.raises(DataError):
        if problems:
            load_corpus(root)
        else:
            raise DataError([])


def test_check_reports_a_chapter_front_matter_error_and_a_missing_toc_file(real_project_copy):
    shutil.copy2(REPO_ROOT / "_toc.yml", real_project_copy / "_toc.yml")
    shutil.copytree(REPO_ROOT / "chapters", real_project_copy / "chapters")
    intro = real_project_copy / "chapters" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8").replace("  minutes: 20", "  minutes: twenty", 1), encoding="utf-8"
    )
    (real_project_copy / "chapters" / "timeline.md").unlink()
    assert messages(validate_project(real_project_copy)) == [
        "chapters/intro.md:1: front matter: learning.minutes: must be a whole number of minutes",
        "_toc.yml: file: chapters/timeline is listed but chapters/timeline.md does not exist",
    ]


# --- Messages that lead to the cause -----------------------------------------------------------


def _drop_column(path, column):
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=[c for c in rows[0] if c != column], lineterminator="\n", extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("column", ["claim_id", "source_id", "attribution", "quote"])
def test_a_missing_column_is_one_problem_not_one_per_record(real_project_copy, column):
    _drop_column(real_project_copy / "data" / "claims.csv", column)
    text = messages(validate_project(real_project_copy))
    assert len(text) <= 5, text[:10]
    assert f"data/claims.csv:1: {column}: missing column; expected columns: claim_id, source_id" in text[0]


def test_a_csv_quote_error_names_the_line_where_the_record_starts(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,note\na,"fine"\nb,"a "bad" quote\nc,ok\n', encoding="utf-8")
    table = read_table(path, "t.csv", (Column("id"), Column("note")))
    assert [p.line for p in table.problems if "not valid CSV" in p.message] == [3]


def test_the_check_prints_at_most_fifty_problems_per_file_then_a_count(real_project_copy):
    path = real_project_copy / "data" / "claims.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",factual report,", ",rumour,"), encoding="utf-8")  # one bad value per report
    result = subprocess.run(
        [sys.executable, "-m", "analytic_reader", "check", str(real_project_copy)], capture_output=True, text=True
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("data/claims.csv")]
    assert len(lines) == 51
    assert lines[-1].startswith("data/claims.csv: … and ") and lines[-1].endswith(" more problem(s) in this file")


def test_a_fifty_megabyte_claims_file_is_checked_in_bounded_output_and_memory(real_project_copy):
    """The check's time on it is measured by ``make bench`` (tools/bench.py), not asserted here."""
    path = real_project_copy / "data" / "claims.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        number = 0
        while handle.tell() < 50_000_000:
            for row in rows:
                number += 1
                writer.writerow(dict(row, claim_id=f"{row['source_id']}-{1000 + number:05d}"))
    result = subprocess.run(
        [sys.executable, "-m", "analytic_reader", "check", str(real_project_copy)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) < 1000  # capped per file, not one line per record
    assert "Traceback" not in result.stderr
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024  # KiB: under 1 GiB
