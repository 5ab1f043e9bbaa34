"""`make bench` keeps working: its core (clean, no-op, prose edit, code edit and floor builds) runs on
the tiny book, so a change that breaks one of its builds fails here, not first in a benchmark run."""

from __future__ import annotations

import sys

import pytest

from minibook import write_minibook
from repository import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "tools"))
import bench  # noqa: E402

pytestmark = pytest.mark.book


def test_the_benchmark_core_runs_on_the_tiny_book_and_reruns_only_what_changed(tmp_path):
    book = write_minibook(tmp_path / "source")
    figures = bench.measure_builds(
        book, tmp_path / "scratch", "chapters/intro.md", "chapters/tiny.md", kernel_repeats=1
    )
    assert figures["clean_n"] >= 2  # the executable chapters ran
    assert figures["noop_n"] == 0
    assert figures["prose_n"] == 0
    assert figures["code_n"] == 1
    assert figures["sphinx_only"] > 0 and figures["floor"] > figures["sphinx_only"]  # the floor build succeeded
