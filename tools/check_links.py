"""Check that every web address the project cites still answers: the `url` column of data/sources.csv
and the `url` fields of references.bib. One line per address that fails; exit 1 if any does.

Run weekly by .github/workflows/scheduled.yml (the sources' pages move or vanish; a reader following a
citation should not meet a dead link unwarned). Needs only the standard library and the network.
"""

from __future__ import annotations

import csv
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADERS = {"User-Agent": "analytic-reader link check (+https://github.com)"}


def addresses() -> list[tuple[str, str]]:
    """(where it is cited, address) for every address, in file order."""
    found = []
    with (ROOT / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("url", "").strip():
                found.append((f"data/sources.csv: {row['source_id']}", row["url"].strip()))
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    for key, body in re.findall(r"@\w+\{([^,]+),(.*?)\n\}", bib, flags=re.DOTALL):
        for url in re.findall(r"\burl\s*=\s*\{([^}]+)\}", body):
            found.append((f"references.bib: {key}", url.strip()))
    return found


def answers(url: str) -> str | None:
    """``None`` when ``url`` answers with a success or a redirect, else what went wrong."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=HEADERS)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                if response.status < 400:
                    return None
        except urllib.error.HTTPError as err:
            if method == "GET" or err.code not in (403, 405):
                return f"HTTP {err.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            return f"no answer ({getattr(err, 'reason', err)})"
    return "no answer"


def main() -> int:
    failed = 0
    for where, url in addresses():
        problem = answers(url)
        if problem:
            failed += 1
            print(f"{where}: {url}: {problem}")
    print(f"link check: {failed} address(es) failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
