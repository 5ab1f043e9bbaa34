"""Running commands and building a book (slow; for the book and browser tests), and reading the log."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from analytic_reader.authoring.build import BUILD_FLAGS, refresh_static

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
        refresh_static(source, html)  # as `make book` does: no stale stylesheet from an earlier build
    return result, html


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
