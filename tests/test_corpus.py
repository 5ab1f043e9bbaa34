import hashlib

import pytest

from analytic_reader import load_corpus, validate_project
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.sources import published_label, read_manifest
from repository import REPO_ROOT
from tinyproject import TINY_SOURCE, messages, write_project


def test_seed_files_match_the_manifest_byte_for_byte():
    checksums, problems = read_manifest(ProjectPaths(REPO_ROOT))
    assert problems == [] and set(checksums) == {p.name for p in (REPO_ROOT / "seeds").glob("*.txt")}
    for name, digest in checksums.items():
        assert hashlib.sha256((REPO_ROOT / "seeds" / name).read_bytes()).hexdigest() == digest, name


def test_seeds_are_the_shared_originals_when_those_are_present():
    shared = REPO_ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():  # only on the developers' machines and CI, which have shared/ beside the clone
        pytest.skip(f"no shared originals to compare with: {shared} is not a folder")
    for original in shared.glob("*.txt"):
        assert (REPO_ROOT / "seeds" / original.name).read_bytes() == original.read_bytes(), original.name


def test_changed_seed_is_reported(tiny_project):
    (tiny_project / "seeds" / "tiny.txt").write_text("Tampered.\n", encoding="utf-8")
    text = messages(validate_project(tiny_project))
    assert any(t.startswith("data/sources.csv:2: seed_file: seeds/tiny.txt has changed") for t in text)


def test_missing_seed_is_reported(tiny_project):
    (tiny_project / "seeds" / "tiny.txt").unlink()
    assert "data/sources.csv:2: seed_file: seeds/tiny.txt does not exist" in messages(validate_project(tiny_project))


def test_seed_not_in_manifest_is_reported(tiny_project):
    (tiny_project / "seeds" / "MANIFEST.sha256").write_text("", encoding="utf-8")
    assert messages(validate_project(tiny_project)) == [
        "data/sources.csv:2: seed_file: seeds/tiny.txt is not listed in seeds/MANIFEST.sha256; add its sha256 there"
    ]


def test_date_must_match_its_precision(tiny_project):
    write_project(tiny_project, sources=[dict(TINY_SOURCE, published="2024-05-40", date_precision="day")])
    assert messages(validate_project(tiny_project)) == [
        "data/sources.csv:2: published: '2024-05-40' does not match date_precision 'day'; "
        "expected a real date written as Y-m-d"
    ]


def test_unknown_genre_lists_allowed_values(tiny_project):
    write_project(tiny_project, sources=[dict(TINY_SOURCE, genre="rumour")])
    assert messages(validate_project(tiny_project)) == [
        "data/sources.csv:2: genre: 'rumour' is not an allowed value; "
        "use one of 'news report', 'policy analysis', 'explainer', 'opinion'"
    ]


def test_sources_frame_is_typed_and_sorted_by_date():
    sources = load_corpus().sources
    assert list(sources["published_start"]) == sorted(sources["published_start"])
    assert str(sources["genre"].dtype) == "category" and sources.loc["growing-ties", "copy"] == "syndicated copy"
    assert str(sources["published_start"].dtype).startswith("datetime64")
    assert len(sources) == len(list((REPO_ROOT / "seeds").glob("*.txt")))  # one source per seed


def test_published_label_reads_like_prose():
    assert published_label("2024-05", "month") == "May 2024"
    assert published_label("2025-06-22", "day") == "22 June 2025"
    assert published_label("2023", "year") == "2023"
