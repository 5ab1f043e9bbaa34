"""Helpers for the browser tests: serve a built book on loopback and drive Debian's Chromium.

Kept out of conftest so the unit tests never import Playwright.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from analytic_reader import load_corpus
from building import in_ci, run
from repository import REPO_ROOT

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = REPO_ROOT / "js" / "node_modules" / "axe-core" / "axe.min.js"

#: The source chapters' pages of the built book.
SOURCE_PAGES = [f"chapters/{name}.html" for name in load_corpus().sources.index]


def chromium_path() -> str:
    """Debian's Chromium, or skip (locally) / fail (in CI) with a clear message."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    message = (
        "Chromium is not installed, so the browser tests cannot run: "
        "install Debian's package with `apt-get install chromium` (.ci/run does this)"
    )
    if in_ci():
        pytest.fail(message + " [CI is set: browser tests must run]", pytrace=False)
    pytest.skip(message)


def axe_source() -> str:
    if not AXE.exists():
        result = run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=REPO_ROOT / "js")
        assert result.returncode == 0, result.stderr
    return AXE.read_text(encoding="utf-8")


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 on a free port, for the length of the block."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageLog:
    """What happened while a page loaded: every request, and everything that went wrong."""

    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)


def watch(page) -> PageLog:
    """Record requests and errors; abort (and report) anything that would leave loopback."""
    log = PageLog()

    def on_request(request) -> None:
        log.requests.append(request.url)
        log.pending.add(request.url)
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK:
            log.problems.append(f"request leaves loopback: {request.url}")

    def on_done(request) -> None:
        log.pending.discard(request.url)

    def on_failed(request) -> None:
        log.pending.discard(request.url)
        log.problems.append(f"failed to load {request.url} ({request.failure})")

    def on_response(response) -> None:
        if response.status >= 400:
            log.problems.append(f"HTTP {response.status} for {response.url}")

    def on_route(route) -> None:
        host = urlsplit(route.request.url).hostname
        if host is None or host in LOOPBACK:
            route.continue_()
        else:
            route.abort()

    page.on("request", on_request)
    page.on("requestfinished", on_done)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("pageerror", lambda error: log.problems.append(f"page error: {error}"))
    page.on(
        "console", lambda message: message.type == "error" and log.problems.append(f"console error: {message.text}")
    )
    page.route("**/*", on_route)
    return log


def settle(page, log: PageLog, limit_ms: int = 15000) -> None:
    """Wait until no request has been in flight for a quarter of a second: the pages are served from this
    machine, so one request follows another within milliseconds."""
    quiet = waited = 0
    while quiet < 250:
        page.wait_for_timeout(50)
        waited += 50
        quiet = quiet + 50 if not log.pending else 0
        if waited > limit_ms:
            log.problems.append(f"requests still pending: {sorted(log.pending)}")
            return


def html_pages(html: Path) -> list[str]:
    """Every page of a built book, as paths relative to its root."""
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


#: Runs axe-core on the page (WCAG 2.0/2.1 A and AA) and returns its serious and critical violations.
AXE_RUN = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0].html.slice(0, 160)}`);
}"""

#: The rules of AXE_RUN that depend on colour alone: dark mode changes the theme's colours and nothing
#: else, so a page that passes AXE_RUN in light mode is checked in dark mode by these.
AXE_COLOURS = """async () => {
  const rules = ['color-contrast', 'link-in-text-block'];
  const result = await axe.run(document, {runOnly: {type: 'rule', values: rules}});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0].html.slice(0, 160)}`);
}"""
