"""PDF handouts: one per chapter and one for the whole book, for each edition, printed by Chromium.

Each built page is opened, every ``<details>`` is opened, and the page is printed with the book's print
stylesheet (no interface chrome; each toggle's views one after another, without repeating the claims
that the claims table already rates against every reading). The chapters, in table-of-contents order,
are joined into ``book.pdf`` with pdfunite
(poppler-utils). Usage: python tools/pdf.py SITE_DIR OUT_DIR, e.g. _build/html _build/pdf/instructor.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def chapter_pages(site: Path) -> list[str]:
    from analytic_reader.authoring.chapters import toc_chapters
    from analytic_reader.data.paths import ProjectPaths

    names = toc_chapters(ProjectPaths(ROOT))
    return [name for name in names if (site / "chapters" / f"{name}.html").exists()]


def print_pages(site: Path, out: Path, names: list[str], browser=None) -> list[Path]:
    """Print each chapter page of ``site`` to ``out/<name>.pdf``; use ``browser`` if given (a Playwright
    Chromium), else launch one."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    written: list[Path] = []

    def run(chromium) -> None:
        page = chromium.new_page()
        for name in names:
            page.emulate_media(media="screen")
            page.goto(f"{base}/chapters/{name}.html", wait_until="load")
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.setAttribute('open', ''))")
            page.emulate_media(media="print")
            target = out / f"{name}.pdf"
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
            )
            written.append(target)
        page.close()

    try:
        if browser is not None:
            run(browser)
        else:
            with sync_playwright() as playwright:
                launched = playwright.chromium.launch(
                    executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                run(launched)
                launched.close()
    finally:
        server.shutdown()
    return written


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    if not (site / "chapters").exists():
        print(f"pdf: {site} has no built book; run `make book` first", file=sys.stderr)
        return 1
    handouts = print_pages(site, out, chapter_pages(site))
    subprocess.run(["pdfunite", *map(str, handouts), str(out / "book.pdf")], check=True)
    print(f"pdf: {len(handouts)} handouts and book.pdf in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
