#!/usr/bin/env python3
"""Vendor the ipywidgets HTML manager so the book renders widgets offline.

The book's widget pages load ``embed.js`` from ``@jupyter-widgets/html-manager``
(the standalone bundle: no require.js, no CDN).  This script:

1. runs ``npm ci`` in ``js/`` when any package pinned in ``js/package.json`` is not
   installed there at its pinned version (``js/package-lock.json`` pins each exact version
   and its integrity hash): the widget manager, axe-core (accessibility tests) and vnu-jar
   (the Nu HTML checker, ``js/node_modules/vnu-jar/build/dist/vnu.jar``, for the HTML
   validity test); install scripts are not run (vnu-jar's would download a Java runtime:
   the test uses the system's ``java``);
2. copies exactly the files the page needs into the output folder
   (default ``_vendored/widgets`` under the project root): ``embed.js``, its
   license notice, and every asset file the bundle references (the hashed
   Font Awesome fonts it loads relative to its own URL);
3. checks every copied file against ``js/SHA256SUMS`` (``sha256sum`` format)
   and removes stale files from the output folder.

It is idempotent: files already in place with the right checksum are left
alone, so a second run takes well under a second.  On any failure it prints
one line starting with ``vendor_widgets: error:`` and exits with status 1.

Usage::

    python tools/vendor_widgets.py [OUTPUT_DIR]
    python tools/vendor_widgets.py --write-sums   # after bumping the version
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
JS_DIR = PROJECT_ROOT / "js"
SUMS_FILE = JS_DIR / "SHA256SUMS"
PACKAGE = "@jupyter-widgets/html-manager"
BUNDLE = "embed.js"
LICENSE_NOTICE = "embed.js.LICENSE.txt"
DEFAULT_OUTPUT = PROJECT_ROOT / "_vendored" / "widgets"
#: Files the tests use straight from js/node_modules (never copied into the book).
REQUIRED_FILES = {"axe-core": "axe.min.js", "vnu-jar": "build/dist/vnu.jar"}

# webpack asset modules in the bundle read: e.exports=n.p+"<hash>.<ext>"
ASSET_REF = re.compile(r'\.p\+"([A-Za-z0-9_.-]+\.(?:woff2?|ttf|eot|svg|otf|png|gif))"')


class VendorError(Exception):
    """A failure reported to the user as one line."""


def sha256(path: Path) -> str:
    """Return the hex SHA-256 digest of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pinned_versions() -> dict[str, str]:
    """Return {package: exact version} for every dependency pinned in js/package.json."""
    try:
        manifest = json.loads((JS_DIR / "package.json").read_text(encoding="utf-8"))
        pins = manifest["dependencies"]
    except (OSError, ValueError, KeyError) as exc:
        raise VendorError(f"cannot read the pins from js/package.json: {exc}") from exc
    if not isinstance(pins, dict):
        raise VendorError("js/package.json: dependencies must be an object")
    for name in (PACKAGE, *REQUIRED_FILES):
        if name not in pins:
            raise VendorError(f"js/package.json must pin {name}")
    for name, version in pins.items():
        if not isinstance(version, str) or not re.fullmatch(r"\d+\.\d+\.\d+", version):
            raise VendorError(f"js/package.json must pin {name} exactly, found {version!r}")
    return dict(pins)


def installed_version(name: str) -> str | None:
    """Return the version of ``name`` installed in js/node_modules, or None."""
    try:
        meta = json.loads((JS_DIR / "node_modules" / name / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = meta.get("version") if isinstance(meta, dict) else None
    return version if isinstance(version, str) else None


def package_dir() -> Path:
    """Return the html-manager's dist folder, running ``npm ci`` if any pin is not installed."""
    pins = pinned_versions()
    stale = sorted(f"{name}@{version}" for name, version in pins.items() if installed_version(name) != version)
    if stale:
        npm = shutil.which("npm")
        if npm is None:
            raise VendorError("npm not found on PATH (needed once to install js/)")
        print(f"vendor_widgets: npm ci in {JS_DIR} ({', '.join(stale)})", file=sys.stderr)
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
            raise VendorError(f"npm ci failed in js/ (exit {result.returncode}): {last}")
    pkg_dir = JS_DIR / "node_modules" / PACKAGE
    if not (pkg_dir / "dist" / BUNDLE).is_file():
        raise VendorError(f"{PACKAGE}/dist/{BUNDLE} missing after npm ci")
    for name, relative in REQUIRED_FILES.items():
        if not (JS_DIR / "node_modules" / name / relative).is_file():
            raise VendorError(f"{name}/{relative} missing after npm ci")
    return pkg_dir / "dist"


def needed_files(dist: Path) -> list[str]:
    """Return the bundle, its license notice and every asset it references."""
    text = (dist / BUNDLE).read_text(encoding="utf-8")
    assets = sorted(set(ASSET_REF.findall(text)))
    if not assets:
        raise VendorError(f"no asset references found in {BUNDLE}; has its format changed?")
    return [BUNDLE, LICENSE_NOTICE, *assets]


def read_sums() -> dict[str, str]:
    """Parse js/SHA256SUMS into {file name: hex digest}."""
    try:
        lines = SUMS_FILE.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise VendorError(f"cannot read {SUMS_FILE}: {exc.strerror}") from exc
    from analytic_reader.data.sources import parse_checksums

    sums, bad = parse_checksums("\n".join(lines))
    if bad:
        raise VendorError(f"{SUMS_FILE.name} line {bad[0]} is not in sha256sum format")
    return sums


def write_sums(dist: Path) -> None:
    """Regenerate js/SHA256SUMS from the installed package (after a version bump)."""
    lines = [f"{sha256(dist / name)}  {name}\n" for name in needed_files(dist)]
    SUMS_FILE.write_text("".join(lines), encoding="utf-8")
    print(f"vendor_widgets: wrote {len(lines)} checksums to {SUMS_FILE}")


def vendor(dist: Path, output: Path) -> None:
    """Copy the needed files into ``output`` and verify them."""
    names = needed_files(dist)
    sums = read_sums()
    if set(names) != set(sums):
        extra = sorted(set(names) ^ set(sums))
        raise VendorError(
            f"{SUMS_FILE.name} does not list exactly the needed files (differs on: "
            f"{', '.join(extra)}); run with --write-sums after checking the bump"
        )
    if output.resolve() in (PROJECT_ROOT, JS_DIR, Path.home(), Path("/")):
        raise VendorError(f"refusing to use {output} as the output folder")
    output.mkdir(parents=True, exist_ok=True)
    copied = 0
    for name in names:
        target = output / name
        if target.is_file() and sha256(target) == sums[name]:
            continue
        shutil.copyfile(dist / name, target)
        copied += 1
        if sha256(target) != sums[name]:
            target.unlink()
            raise VendorError(f"checksum mismatch for {name} (expected {sums[name][:12]}...)")
    for stale in output.iterdir():
        if stale.name not in sums:
            if not stale.is_file():
                raise VendorError(f"unexpected non-file {stale} in the output folder")
            stale.unlink()
    print(f"vendor_widgets: {len(names)} files verified in {output} ({copied} copied)")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "output",
        nargs="?",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="folder to fill (default: <project>/_vendored/widgets)",
    )
    parser.add_argument(
        "--write-sums",
        action="store_true",
        help="rewrite js/SHA256SUMS from the installed package instead of vendoring",
    )
    args = parser.parse_args(argv)
    try:
        dist = package_dir()
        if args.write_sums:
            write_sums(dist)
        else:
            vendor(dist, args.output)
    except (VendorError, OSError) as exc:
        print(f"vendor_widgets: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
