#!/usr/bin/env python3
"""Install the pinned JavaScript the tests use: axe-core (accessibility) and vnu-jar (the Nu HTML
checker, run with the system's ``java``). Nothing of it is served by the book: the published pages use
no script of ours for their toggles (they are radio inputs and CSS), so there is no widget manager to
vendor any more.

Runs ``npm ci`` in ``js/`` when a package pinned in ``js/package.json`` is not installed there at its
pinned version (``js/package-lock.json`` pins each exact version and its integrity hash); install
scripts are not run (vnu-jar's would download a Java runtime). Idempotent: with everything in place it
returns at once. On failure it prints one line starting with ``install_js: error:`` and exits 1.

Usage::

    python tools/install_js.py
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
JS_DIR = PROJECT_ROOT / "js"
#: The files the tests use straight from js/node_modules.
REQUIRED_FILES = {"axe-core": "axe.min.js", "vnu-jar": "build/dist/vnu.jar"}


class InstallError(Exception):
    """A failure reported to the user as one line."""


def pinned_versions() -> dict[str, str]:
    """{package: exact version} for every dependency pinned in js/package.json."""
    try:
        pins = json.loads((JS_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]
    except (OSError, ValueError, KeyError) as exc:
        raise InstallError(f"cannot read the pins from js/package.json: {exc}") from exc
    for name in REQUIRED_FILES:
        if name not in pins:
            raise InstallError(f"js/package.json must pin {name}")
    for name, version in pins.items():
        if not isinstance(version, str) or not re.fullmatch(r"\d+\.\d+\.\d+", version):
            raise InstallError(f"js/package.json must pin {name} exactly, found {version!r}")
    return dict(pins)


def installed_version(name: str) -> str | None:
    """The version of ``name`` installed in js/node_modules, or None."""
    try:
        meta = json.loads((JS_DIR / "node_modules" / name / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = meta.get("version") if isinstance(meta, dict) else None
    return version if isinstance(version, str) else None


def install() -> None:
    stale = sorted(f"{n}@{v}" for n, v in pinned_versions().items() if installed_version(n) != v)
    if stale:
        npm = shutil.which("npm")
        if npm is None:
            raise InstallError("npm not found on PATH (needed once to install js/)")
        print(f"install_js: npm ci in {JS_DIR} ({', '.join(stale)})", file=sys.stderr)
        result = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=JS_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
            raise InstallError(f"npm ci failed in js/ (exit {result.returncode}): {last}")
    for name, relative in REQUIRED_FILES.items():
        if not (JS_DIR / "node_modules" / name / relative).is_file():
            raise InstallError(f"{name}/{relative} missing after npm ci")


def main() -> int:
    try:
        install()
    except InstallError as exc:
        print(f"install_js: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
