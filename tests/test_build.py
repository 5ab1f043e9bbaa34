"""Building safely: a failed build keeps the last good site and says what failed; a second build in
the same checkout stops with one line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analytic_reader.authoring.build import build_lock
from conftest import run
from minibook import write_minibook

pytestmark = pytest.mark.book


def build_command(copy) -> list[str]:
    return [
        sys.executable,
        "-m",
        "analytic_reader.authoring.build",
        str(copy),
        str(copy / "_build" / "html"),
        "--work",
        str(copy / "_build" / "work"),
    ]


def test_a_failed_build_keeps_the_last_good_site_and_names_the_failing_cell(tmp_path):
    copy = write_minibook(tmp_path / "book")
    site = copy / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    intro = copy / "chapters" / "intro.md"
    good = intro.read_text(encoding="utf-8")
    intro.write_text(
        good.replace("corpus = book.load()", "raise ValueError('deliberately broken')", 1), encoding="utf-8"
    )

    failed = run(build_command(copy), cwd=copy)
    assert failed.returncode == 1
    assert "published site" in failed.stderr and "is unchanged" in failed.stderr
    assert "chapters/intro.md: a code cell failed" in failed.stderr
    assert "ValueError: deliberately broken" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"

    intro.write_text(good, encoding="utf-8")
    fixed = run(build_command(copy), cwd=copy)
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert (site / "chapters" / "intro.html").exists()
    assert not (site / "reports").exists(), "logs with machine paths must not be published"


def test_a_second_build_in_the_same_checkout_stops_with_one_line(tmp_path):
    copy = tmp_path / "book"
    (copy / "_build").mkdir(parents=True)
    with build_lock(copy / "_build"):
        second = subprocess.run(build_command(copy), capture_output=True, text=True, timeout=60)
    assert second.returncode == 2
    assert second.stderr.strip().splitlines() == [
        "build: another build is running in this checkout; wait for it to finish"
    ]
