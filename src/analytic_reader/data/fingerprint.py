"""A fingerprint of a project's data: what a downloaded notebook checks before it reruns.

A notebook downloaded from the published book records the fingerprint of the data it was built from.
Rerun against another copy of the project (an older clone, the copy an editable install points to),
it would print tables of other data without a word; comparing fingerprints first lets it say so in
one line instead.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from analytic_reader.data.manifest import DATA_INPUTS


def data_fingerprint(root: Path) -> str:
    """SHA-256 (first 16 hex digits) over the data inputs under ``root``: ``data/``, ``seeds/`` and
    ``references.bib``, each file by its relative path and bytes."""
    digest = hashlib.sha256()
    for name in DATA_INPUTS:
        top = root / name
        found = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else []
        for path in found:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
