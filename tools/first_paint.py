"""First contentful paint of every page on a slow link, measured in Chromium.

Profile (issue #10): 1.6 Mbit/s down, 0.75 Mbit/s up, 150 ms latency, cache disabled, pages served
uncompressed from a local static server (the worst case; most hosts compress). Prints one line per
page: first paint and transferred bytes. Usage: python tools/first_paint.py [SITE_DIR] (default
_build/html). Needs Chromium (/usr/bin/chromium) and Playwright (installed by `make`).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

PROFILE = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def measure(site: Path) -> list[tuple[str, float, int]]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    candidates = [*site.glob("*.html"), *(site / "chapters").glob("*.html")]
    # Every page a reader reads; the index is a redirect to the first chapter, measured as that chapter.
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in candidates
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8", errors="replace").lower()
    )
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for path in pages:
            context = browser.new_context()
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", PROFILE)
            page.goto(f"{base}/{path}", wait_until="load", timeout=180000)
            paint = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
            size = page.evaluate(
                "() => performance.getEntriesByType('navigation').concat("
                "performance.getEntriesByType('resource')).reduce((s, r) => s + (r.encodedBodySize || 0), 0)"
            )
            results.append((path, (paint or 0) / 1000, int(size)))
            context.close()
        browser.close()
    server.shutdown()
    return results


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("_build/html")
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        print("first_paint: Chromium is not installed; skipped", file=sys.stderr)
        return 0
    print("page, first contentful paint at 1.6 Mbit/s and 150 ms, bytes transferred")
    for path, paint, size in measure(site):
        print(f"{path:45s} {paint:5.1f} s {size / 1e6:6.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
