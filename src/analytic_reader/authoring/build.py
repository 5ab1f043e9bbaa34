"""Building the book safely: one build at a time, built aside, published only when it succeeded.

Jupyter Book writes pages in place as it goes, and with ``--keep-going`` a chapter whose code raised is
still written (without its tables), next to a ``reports/`` folder of logs with absolute paths. Readers
must never get that. So the build runs in a work folder (``_build/work``, which keeps the execution
cache and the doctrees between builds, so incremental builds stay fast), and only a build that
succeeded replaces the published site, by switching a symbolic link in one atomic rename. A failed or
killed build leaves the last good site as it was and prints, in the console, which chapter and cell
failed and why. The build runs in a process group of its own, stopped as a whole on SIGINT or SIGTERM
before the lock is released. A lock file makes a second build started in the same checkout stop with
one line instead of breaking the first one's cache.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How the book is built: every warning is an error, and every failure is reported, not only the first.
#: Both are arguments of Sphinx's application, not configuration values, so ``_config.yml`` cannot hold
#: them; everything else (nitpicky references among it) is set there.
BUILD_FLAGS = ("--warningiserror", "--keep-going")
LOCK_NAME = ".build.lock"


class BuildLocked(RuntimeError):
    """Another build holds this checkout's lock."""


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """Hold ``_build/.build.lock`` for the duration, or raise ``BuildLocked`` at once."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with (build_dir / LOCK_NAME).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked("another build is running in this checkout; wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def failure_summary(work_html: Path, log: str, source: Path) -> list[str]:
    """One line per failed chapter (chapter, failing cell, exception line), then each Sphinx warning,
    leaving out the follow-on warnings of a failed chapter (its glued values are missing because its
    code failed: the code is the problem to fix)."""
    lines, failed = [], []
    reports = work_html / "reports"
    for report in sorted(reports.rglob("*.err.log")) if reports.exists() else []:
        text = ANSI.sub("", report.read_text(encoding="utf-8", errors="replace"))
        chapter = report.relative_to(reports).as_posix().removesuffix(".err.log")
        failed.append(chapter)
        cell = re.search(r"^-+\n(.*?)\n-+\n", text, re.DOTALL | re.MULTILINE)
        first_code = cell.group(1).strip().splitlines()[0] if cell else "?"
        errors = [line for line in text.splitlines() if re.match(r"^\w*(Error|Exception)\b.*:", line)]
        lines.append(
            f"{chapter}.md: a code cell failed (it starts “{first_code[:70]}”): "
            f"{errors[-1] if errors else text.strip().splitlines()[-1]}"
        )
    for line in ANSI.sub("", log).splitlines():
        if ("WARNING" not in line and "ERROR" not in line) or "IPKernelApp" in line or "ZMQStream" in line:
            continue
        if "Executing notebook failed" in line or "Notebook exception traceback saved" in line:
            continue
        line = line.strip().replace(f"{source}/", "")
        if any(line.startswith(f"{chapter}.md") and "glue data" in line for chapter in failed):
            continue
        lines.append(line)
    return lines


def refresh_static(source: Path, work_html: Path) -> None:
    """Copy the book's own static folders (``html_static_path`` in ``_config.yml``) over ``_static``.

    Sphinx 7.4 does not overwrite a static file that already exists in the output, so an edited
    stylesheet or script would stay stale in an incremental build until ``make clean``. What Sphinx
    leaves out of those folders (``exclude_patterns``, dotfiles: the theme's template overrides in
    ``assets/templates``, say) is left out here too, and removed if an earlier build copied it.
    """
    import yaml
    from sphinx.util.matching import Matcher

    config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8")) or {}
    folders = ((config.get("sphinx") or {}).get("config") or {}).get("html_static_path") or []
    excluded = Matcher([*(config.get("exclude_patterns") or []), "**/.*"])  # as Sphinx filters them
    for folder in folders:
        root = source / folder
        # Deepest first, so that a folder emptied of stale copies can be removed after them.
        for path in sorted(root.rglob("*"), reverse=True) if root.is_dir() else []:
            parts = path.relative_to(root).parts
            destination = work_html / "_static" / Path(*parts)
            if any(excluded("/".join(parts[:n])) for n in range(1, len(parts) + 1)):
                if destination.is_file():
                    destination.unlink()
                elif destination.is_dir() and not any(destination.iterdir()):
                    destination.rmdir()
            elif path.is_file():
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)


def publish(work_html: Path, target: Path) -> None:
    """Make ``target`` show a copy of the built site, without its ``reports/``, with no moment at which
    it is missing: the copy is made beside it (``<target>.sites/<n>``), and ``target`` is a symbolic link
    switched to it by one atomic rename. Earlier copies but the one before are removed."""
    sites = target.with_name(target.name + ".sites")
    sites.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name) for p in sites.iterdir() if p.name.isdigit()]
    fresh = sites / str(max(numbers, default=0) + 1)
    shutil.copytree(work_html, fresh, ignore=shutil.ignore_patterns("reports", ".buildinfo.bak"))
    link = target.with_name(target.name + ".link")
    link.unlink(missing_ok=True)
    link.symlink_to(Path(sites.name) / fresh.name)
    if target.is_dir() and not target.is_symlink():
        # A site published before sites were linked: move it aside once (the only non-atomic step).
        target.rename(sites / "0")
    os.replace(link, target)
    for old in sorted((p for p in sites.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))[:-2]:
        shutil.rmtree(old, ignore_errors=True)


def _run_in_own_group(command: list[str]) -> subprocess.CompletedProcess:
    """Run ``command`` in a process group of its own, and stop the whole group (Jupyter Book, Sphinx and
    the kernels it started) when this process is told to stop: SIGINT or SIGTERM is passed on to the
    group, the group is waited for (and killed if it lingers), and only then does the caller go on to
    release the lock. A killed build leaves no orphan writing the cache."""
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)

    def stop(signum: int, _frame: object) -> None:
        try:
            os.killpg(child.pid, signal.SIGTERM)
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
            _wait_for_group(child.pid)
        except ProcessLookupError:
            pass
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        stdout, stderr = child.communicate()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return subprocess.CompletedProcess(command, child.returncode, stdout, stderr)


def _wait_for_group(pgid: int, timeout: float = 20.0) -> None:
    """Wait until no process of group ``pgid`` is left (kernels may outlive their parent briefly)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def build(source: Path, target: Path, work: Path, jupyter_book: str) -> int:
    """Build the book at ``source`` in ``work``; on success publish its HTML to ``target``."""
    with build_lock(work.parent):
        work_html = work / "_build" / "html"
        shutil.rmtree(work_html / "reports", ignore_errors=True)  # a fixed chapter's old failure is not news
        command = [jupyter_book, "build", str(source), "--path-output", str(work), *BUILD_FLAGS]
        result = _run_in_own_group(command)
        log = result.stdout + result.stderr
        problems = failure_summary(work_html, log, source)
        if result.returncode != 0 or problems:
            print(f"build failed; the published site in {target} is unchanged.", file=sys.stderr)
            for line in problems or log.strip().splitlines()[-15:]:
                print(f"  {line}", file=sys.stderr)
            return 1
        refresh_static(source, work_html)
        publish(work_html, target)
        print(f"built {target}")
        return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="analytic_reader.authoring.build", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the book's folder (the project root or the student copy)")
    parser.add_argument("target", type=Path, help="where the published HTML goes, e.g. _build/html")
    parser.add_argument("--work", type=Path, required=True, help="the work folder (cache, doctrees, staging)")
    args = parser.parse_args(argv)
    jupyter_book = str(Path(sys.executable).parent / "jupyter-book")
    try:
        # The target is the published link itself: resolving it would follow it into the copy it
        # points to, and the next copy would be published inside that one.
        target = args.target.absolute().parent.resolve() / args.target.name
        return build(args.source.resolve(), target, args.work.resolve(), jupyter_book)
    except BuildLocked as err:
        print(f"build: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
