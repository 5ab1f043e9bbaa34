"""What a page fetches before its first paint (``analytic_reader.sphinxext.loading``, the template
override, ``sphinxext.icons``) and the committed stylesheet subset (``tools/purge_css.py``). The timings
themselves are reported by ``make bench`` (``tools/first_paint.py``), never asserted here."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analytic_reader.sphinxext.loading import SUBSET, SUBSET_SOURCES, folded
from building import in_ci
from repository import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "tools"))
import first_paint  # noqa: E402
import purge_css  # noqa: E402

PAGES = ["chapters/intro.html", "chapters/weighing-the-readings.html", "chapters/fraying-axis.html", "search.html"]
#: What may hold up a page's first paint: the three stylesheets, and the 319-byte script whose
#: DOCUMENTATION_OPTIONS inline scripts in the head assign to.
BLOCKING = {SUBSET, "icons.css", "css/reader.css", "documentation_options.js"}


def test_the_subset_stands_for_the_stylesheets_it_was_made_from():
    assert folded("_static/styles/pydata-sphinx-theme.css") and folded("_static/mystnb.0123abcd.css")
    assert not folded("_static/css/reader.css") and not folded("_static/icons.css") and not folded(SUBSET)
    text = purge_css.OUTPUT.read_text(encoding="utf-8")
    assert list(purge_css.recorded_digests(text)) == list(SUBSET_SOURCES), "rerun tools/purge_css.py"
    for name, version in purge_css.installed_versions().items():
        assert f"{name} {version}" in text, f"{name} is now {version}: rerun tools/purge_css.py after a build"


def test_rules_count_once_per_selector_whatever_lists_purgecss_trimmed():
    full = purge_css.rules("@media (min-width:1px){.a,.b:not(.c,.d){color:red}}.e{x:y}")
    assert ("@media (min-width:1px)", ".b:not(.c,.d)", "color:red") in full and len(full) == 3
    assert purge_css.rules("@media (min-width:1px){.a{color:red}}") <= full


@pytest.mark.book
def test_the_committed_subset_has_every_rule_the_book_uses(instructor_build):
    """Regenerating the subset from this build would add no rule (and no source stylesheet changed)."""
    if not purge_css.PURGECSS.exists():
        if in_ci():
            pytest.fail("js/node_modules has no purgecss: `make js` installs it", pytrace=False)
        pytest.skip("purgecss is not installed: run `make js`")
    result, html = instructor_build
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    check = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "purge_css.py"), "--check", str(html)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.browser
@pytest.mark.book
def test_pages_fetch_no_icon_font_no_search_index_and_nothing_blocking_after_the_toggle(chromium, instructor_build):
    from browser import serve, settle, watch

    result, html = instructor_build
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    problems = []
    with serve(html) as base:
        for path in PAGES:
            context = chromium.new_context()
            context.add_init_script(first_paint.TOGGLE_PROBE)
            page = context.new_page()
            log = watch(page)
            page.goto(f"{base}/{path}", wait_until="load")
            settle(page, log)
            requested = [url.removeprefix(base + "/") for url in log.requests]
            blocking = {
                entry["name"].split("?")[0].split("/_static/")[-1].removeprefix(base + "/")
                for entry in page.evaluate(first_paint.RESOURCES)
                if entry["blocking"] == "blocking"
            }
            # The search page keeps its scripts as they were: its template writes Sphinx's search scripts
            # without defer, and they call doctools.js's functions as they run.
            if path != "search.html" and blocking - BLOCKING:
                problems.append(f"{path}: render-blocking {sorted(blocking - BLOCKING)}")
            fonts = [url for url in requested if "webfonts/" in url or url.endswith((".woff2", ".ttf"))]
            if fonts:
                problems.append(f"{path}: fetches fonts {fonts}")
            if path != "search.html" and any(
                u.startswith(("searchindex.js", "_static/searchtools.js")) for u in requested
            ):
                problems.append(f"{path}: fetches the search scripts")
            if any(f"_static/{name}" in u for u in requested for name in SUBSET_SOURCES if name != "mystnb.css"):
                problems.append(f"{path}: still links a stylesheet folded into the subset")
            marks = page.evaluate("() => window.__arFirstPaint")
            has_toggle = 'class="ar-toggle ' in (html / path).read_text(encoding="utf-8")
            if has_toggle and (marks.get("shown") is None or marks.get("blockingAfter")):
                problems.append(f"{path}: toggle not shown, or render-blocking after it: {marks}")
            problems += [f"{path}: {p}" for p in log.problems]
            context.close()
        # The search page still searches, with its index loaded there.
        page = chromium.new_page()
        log = watch(page)
        page.goto(f"{base}/search.html?q=drones", wait_until="load")
        page.wait_for_selector("#search-results ul.search li", timeout=15000)
        problems += [f"search.html?q=drones: {p}" for p in log.problems]
        page.close()
    assert problems == [], "\n".join(problems)


def test_first_paint_flags_a_page_over_a_target():
    slow = first_paint.PageResult("a.html", [first_paint.Run(4.5, 4.6, [], 1_600_000)] * 3)
    assert slow.flags() == ["first paint > 4 s", "toggle > 4 s", "> 1.5 MB"]
    blocked = first_paint.PageResult("b.html", [first_paint.Run(2.0, 2.0, ["x.css"], 500_000)])
    assert blocked.flags() == ["1 render-blocking after the toggle"]
    assert first_paint.PageResult("c.html", [first_paint.Run(2.0, None, [], 1)]).flags() == []
    late = first_paint.PageResult("d.html", [first_paint.Run(2.0, None, [], 1, ready=1.4)])
    assert late.flags() == ["ready > 1 s after first paint"]
    assert first_paint.PageResult("e.html", [first_paint.Run(2.0, None, [], 1, ready=0.3)]).flags() == []
