"""First paint, reading toggle and weight of every page on a slow link, measured in Chromium.

Profile (issue #10): 1.6 Mbit/s down, 0.75 Mbit/s up, 150 ms latency, cache disabled, pages served
uncompressed from a local static server (the worst case; most hosts compress). Each page is loaded
``--runs`` times (default 3) in a fresh browser context; the table gives the medians:

- first paint: the page's ``first-contentful-paint`` entry.
- toggle: when the page's first reading toggle (``fieldset.ar-toggle``, radio inputs and CSS, no
  script) is operable, measured in the page by a script that runs before the page's own: a
  MutationObserver notes when the parser has passed the whole fieldset (a node follows it, or the
  document is parsed), then the next animation frame after that in which its first label has a box
  is the frame that shows it; the time is that frame's, and never earlier than the first paint
  (before it nothing is shown). "-" on a page without a toggle.
- after: how many render-blocking resources (stylesheets, scripts without ``defer``/``async``/module)
  stand after the toggle in the document: each would hold up the rendering of everything after it, so
  the target is 0.
- ready: on a page whose controls a script sets up (the claim explorer, the practice page), how long
  after the first paint the script has set them up (it marks its root ``data-ar-ready``); the target
  is 1 s. "-" on other pages.
- bytes: every response's body (``encodedBodySize``: the page, then every resource), counted once the
  network has been quiet for half a second after the load event, so late fonts and images count.

Targets (issue #10): first paint ≤ 4 s on every page (stretch 3 s), a toggle operable at first
paint (none render-blocking after it), every page ≤ 1.5 MB; a page that misses one is flagged.
Timings on a shared machine are noisy: compare medians, never single runs.

Usage::

    python tools/first_paint.py [SITE_DIR] [--runs N] [--page PATH ...] [--requests]

``SITE_DIR`` defaults to ``_build/html``; ``--page`` measures only those pages (paths relative to the
site, e.g. ``chapters/intro.html``); ``--requests`` also lists each page's requests (first run): size,
whether Chromium counted it render-blocking, and when it started and ended. Needs Chromium
(/usr/bin/chromium) and Playwright (installed by ``make``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

PROFILE = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8}
FIRST_PAINT_TARGET = 4.0  # seconds
FIRST_PAINT_STRETCH = 3.0
BYTES_TARGET = 1_500_000
READY_TARGET = 1.0  # seconds after the first paint, for the explorer's and practice page's scripts

#: Runs in every page before its own scripts: notes when the first toggle is parsed and when it is shown.
TOGGLE_PROBE = """
(() => {
  const marks = (window.__arFirstPaint = {});
  const passed = (node) => {
    for (let n = node; n && n !== document; n = n.parentNode) if (n.nextSibling) return true;
    return document.readyState !== "loading";
  };
  const shown = () => {
    const label = document.querySelector("fieldset.ar-toggle label");
    if (label && label.getBoundingClientRect().width > 0) marks.shown = performance.now();
    else requestAnimationFrame(shown);
  };
  const check = () => {
    const toggle = document.querySelector("fieldset.ar-toggle");
    if (!toggle || marks.parsed !== undefined || !passed(toggle)) return;
    marks.parsed = performance.now();
    observer.disconnect();
    const blocking = [...document.querySelectorAll('link[rel~="stylesheet"], script[src]')].filter(
      (el) =>
        toggle.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING &&
        (el.tagName === "LINK"
          ? !el.media || matchMedia(el.media).matches
          : !el.defer && !el.async && el.type !== "module"),
    );
    marks.blockingAfter = blocking.map((el) => el.src || el.href);
    requestAnimationFrame(shown);
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  const ready = new MutationObserver(() => {
    if (marks.ready === undefined && document.querySelector("[data-ar-ready]")) {
      marks.ready = performance.now();
      ready.disconnect();
    }
  });
  ready.observe(document, { attributes: true, attributeFilter: ["data-ar-ready"], subtree: true });
  document.addEventListener("DOMContentLoaded", check);
})();
"""

RESOURCES = """() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
  .map((r) => ({name: r.name, bytes: r.encodedBodySize || 0, blocking: r.renderBlockingStatus || "",
                start: r.startTime, end: r.responseEnd, type: r.initiatorType}))"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Run:
    paint: float  # seconds
    toggle: float | None  # seconds, None without a toggle
    blocking_after: list[str]
    size: int
    requests: list[dict] = field(default_factory=list)
    ready: float | None = None  # seconds after the first paint; None without a scripted control


@dataclass
class PageResult:
    path: str
    runs: list[Run]

    @property
    def paint(self) -> float:
        return statistics.median(r.paint for r in self.runs)

    @property
    def toggle(self) -> float | None:
        times = [r.toggle for r in self.runs if r.toggle is not None]
        return statistics.median(times) if times else None

    @property
    def ready(self) -> float | None:
        times = [r.ready for r in self.runs if r.ready is not None]
        return statistics.median(times) if times else None

    @property
    def blocking_after(self) -> int:
        return max(len(r.blocking_after) for r in self.runs)

    @property
    def size(self) -> int:
        return int(statistics.median(r.size for r in self.runs))

    def flags(self) -> list[str]:
        found = []
        if self.paint > FIRST_PAINT_TARGET:
            found.append(f"first paint > {FIRST_PAINT_TARGET:g} s")
        if self.blocking_after:
            found.append(f"{self.blocking_after} render-blocking after the toggle")
        if self.toggle is not None and self.toggle > FIRST_PAINT_TARGET:
            found.append(f"toggle > {FIRST_PAINT_TARGET:g} s")
        if self.ready is not None and self.ready > READY_TARGET:
            found.append(f"ready > {READY_TARGET:g} s after first paint")
        if self.size > BYTES_TARGET:
            found.append(f"> {BYTES_TARGET / 1e6:g} MB")
        return found


def reader_pages(site: Path) -> list[str]:
    """Every page a reader reads; the index is a redirect to the first chapter, measured as that chapter."""
    candidates = [*site.glob("*.html"), *(site / "chapters").glob("*.html")]
    return sorted(
        p.relative_to(site).as_posix()
        for p in candidates
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8", errors="replace").lower()
    )


def load_once(browser, url: str) -> Run:
    context = browser.new_context()
    try:
        context.add_init_script(TOGGLE_PROBE)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", PROFILE)
        page.goto(url, wait_until="load", timeout=180000)
        page.wait_for_load_state("networkidle", timeout=60000)
        paint = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
        marks = page.evaluate("() => window.__arFirstPaint || {}")
        requests = page.evaluate(RESOURCES)
    finally:
        context.close()
    paint_s = (paint or 0) / 1000
    toggle = None
    if marks.get("shown") is not None:
        toggle = max(marks["shown"] / 1000, paint_s)
    ready = max(marks["ready"] / 1000 - paint_s, 0.0) if marks.get("ready") is not None else None
    return Run(paint_s, toggle, marks.get("blockingAfter", []), sum(r["bytes"] for r in requests), requests, ready)


def measure(site: Path, runs: int = 3, pages: list[str] | None = None) -> list[PageResult]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for path in pages or reader_pages(site):
                results.append(PageResult(path, [load_once(browser, f"{base}/{path}") for _ in range(runs)]))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


def print_requests(result: PageResult) -> None:
    run = result.runs[0]
    print(f"\n{result.path}: {len(run.requests)} requests, {run.size:,} B, first paint {run.paint:.2f} s")
    print(f"  {'bytes':>9}  {'render-blocking':<15} {'start':>6} {'end':>6}  resource")
    for r in sorted(run.requests, key=lambda r: r["start"]):
        name = r["name"].split("/", 3)[-1]
        print(f"  {r['bytes']:>9,}  {r['blocking']:<15} {r['start'] / 1000:>6.2f} {r['end'] / 1000:>6.2f}  {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="_build/html", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", dest="pages")
    parser.add_argument("--requests", action="store_true")
    args = parser.parse_args(argv)
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        print("first_paint: Chromium is not installed; skipped", file=sys.stderr)
        return 0
    results = measure(args.site, args.runs, args.pages)
    print(f"Pages at 1.6 Mbit/s and 150 ms, uncompressed, cache off: medians of {args.runs} runs")
    print(f"{'page':<40}{'first paint':>12}{'toggle':>9}{'after':>7}{'ready':>9}{'bytes':>11}  targets")
    for result in results:
        toggle = f"{result.toggle:.2f} s" if result.toggle is not None else "-"
        after = str(result.blocking_after) if result.toggle is not None else "-"
        ready = f"+{result.ready:.2f} s" if result.ready is not None else "-"
        flags = result.flags()
        verdict = "MISSES: " + "; ".join(flags) if flags else "meets"
        if not flags and result.paint > FIRST_PAINT_STRETCH:
            verdict += f" (stretch {FIRST_PAINT_STRETCH:g} s missed)"
        print(
            f"{result.path:<40}{result.paint:>10.2f} s{toggle:>9}{after:>7}{ready:>9}"
            f"{result.size / 1e6:>8.2f} MB  {verdict}"
        )
    paints = [r.paint for r in results]
    print(
        f"first paint: {min(paints):.2f}–{max(paints):.2f} s; "
        f"heaviest page {max(r.size for r in results) / 1e6:.2f} MB; "
        f"{sum(bool(r.flags()) for r in results)} of {len(results)} pages miss a target"
    )
    if args.requests:
        for result in results:
            print_requests(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
