"""Building safely: a failed build keeps the last good site and says what failed; a second build in
the same checkout stops with one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytic_reader.authoring.build import build_lock
from building import run
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


def _descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (read from /proc: children's children included)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


def test_a_killed_build_stops_its_children_before_the_lock_is_free_and_keeps_the_last_good_site(tmp_path):
    copy = write_minibook(tmp_path / "book")
    first = run(build_command(copy), cwd=copy)
    assert first.returncode == 0, first.stderr[-2000:]
    site = copy / "_build" / "html"
    assert site.is_symlink(), "the published site is a link switched atomically"
    good = (site / "chapters" / "intro.html").read_text(encoding="utf-8")

    intro = copy / "chapters" / "intro.md"  # a slow chapter, so that the build is caught mid-way
    intro.write_text(
        intro.read_text(encoding="utf-8").replace(
            "corpus = book.load()", "import time\ntime.sleep(60)\ncorpus = book.load()", 1
        ),
        encoding="utf-8",
    )
    build = subprocess.Popen(build_command(copy), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    children: set[int] = set()
    while time.monotonic() < deadline:
        children = _descendants(build.pid)
        if len(children) >= 2 and any(
            "ipykernel" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")
            for c in children
            if Path(f"/proc/{c}").exists()
        ):
            break  # jupyter-book and a kernel are running
        time.sleep(0.2)
    assert children, "the build started no child process"

    build.send_signal(signal.SIGTERM)
    build.wait(timeout=60)
    assert build.returncode != 0
    left = [pid for pid in children if _alive(pid)]
    assert left == [], f"processes outlived the killed build: {left}"
    with build_lock(copy / "_build"):  # free at once: the build let go of it only after its children
        pass
    assert (site / "chapters" / "intro.html").read_text(encoding="utf-8") == good  # the last good site
