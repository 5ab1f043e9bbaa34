"""The reading toggle: built from the data, escaped; radio inputs in the page, a widget in a kernel;
and, in a real headless Chromium, working on every page of both editions with no kernel, no network
and no script."""

from __future__ import annotations

import re
import threading

import ipywidgets as widgets
import pytest

from analytic_reader import STATIC_OUTPUTS, load_corpus
from analytic_reader.html.blocks import spaced_blocks
from analytic_reader.html.toggles import reading_toggle, reading_view_html, sort_views
from browser import (
    AXE_COLOURS,
    AXE_RUN,
    CHROMIUM_ARGS,
    SOURCE_PAGES,
    axe_source,
    chromium_path,
    html_pages,
    serve,
    settle,
    watch,
)
from tinyproject import TINY_CLAIMS, write_project


def test_the_static_toggle_is_a_radio_group_with_one_panel_per_reading(tiny_project):
    html = reading_toggle(load_corpus(tiny_project), "tiny").html()
    assert html.startswith('<fieldset class="ar-toggle ar-reading-toggle"><legend class="ar-toggle-legend">Reading:')
    inputs = re.findall(r'<input class="ar-toggle-input" type="radio" name="([^"]+)" id="([^"]+)"', html)
    assert len(inputs) == 2 and len({name for name, _ in inputs}) == 1  # one group, one input per reading
    assert html.count(" checked>") == 1 and html.index(" checked>") < html.index("ar-toggle-label")  # the first
    labels = re.findall(r'<label class="ar-toggle-label" for="([^"]+)"[^>]*>([^<]+)</label>', html)
    assert labels == [(inputs[0][1], "Linked theaters"), (inputs[1][1], "Fraying partnership")]
    panels = re.findall(r'<div class="ar-toggle-panel" id="([^"]+)">', html)
    assert len(panels) == 2 and all(f'aria-controls="{panel}"' in html for panel in panels)
    assert html.index("Reading: Linked theaters") < html.index("Reading: Fraying partnership")


def test_the_toggle_gives_static_html_in_the_book_and_a_widget_in_a_kernel(tiny_project, monkeypatch):
    toggle = reading_toggle(load_corpus(tiny_project), "tiny")
    monkeypatch.setenv(STATIC_OUTPUTS, "1")
    assert set(toggle._repr_mimebundle_()) == {"text/plain", "text/html"}  # the book: nothing to save
    monkeypatch.delenv(STATIC_OUTPUTS)
    bundle = toggle._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"] == spaced_blocks(toggle.html())  # the same HTML, its blocks' words apart


def test_the_kernel_toggle_is_linked_on_the_browser_side_not_by_a_python_callback(tiny_project, monkeypatch):
    links = []
    jslink = widgets.jslink
    monkeypatch.setattr(widgets, "jslink", lambda *pair: links.append(jslink(*pair)) or links[-1])
    box = reading_toggle(load_corpus(tiny_project), "tiny").widget()
    toggle, stack = box.children
    assert toggle.options == ("Linked theaters", "Fraying partnership")
    assert isinstance(stack, widgets.Stack) and len(stack.children) == 2
    assert [(link.source, link.target) for link in links] == [((toggle, "index"), (stack, "selected_index"))]
    toggle.index = 1
    assert stack.selected_index == 0  # nothing in Python follows the buttons: the browser moves the stack


def test_views_sort_claims_into_favoring_against_and_not_diagnostic(tiny_project):
    extra = dict(TINY_CLAIMS[0], claim_id="tiny-03", quote="Critics say", paraphrase="Some people object.")
    write_project(tiny_project, claims=[*TINY_CLAIMS, extra])
    corpus = load_corpus(tiny_project)
    views = sort_views(corpus.claims, "linked")
    assert list(views["favor"]["claim_id"]) == ["tiny-01"]
    assert list(views["against"]["claim_id"]) == ["tiny-02"]
    assert list(views["neutral"]["claim_id"]) == ["tiny-03"]  # rated alike against every reading


def test_data_is_escaped_in_the_views(tiny_project):
    # Markup the check would refuse (test_inert_data.py), put into the loaded corpus: escaped anyway.
    corpus = load_corpus(tiny_project)
    corpus.claims.loc["tiny-02", "speaker"] = "<script>alert(1)</script> critics"
    corpus.claims.loc["tiny-02", "paraphrase"] = "<img src=x onerror=alert(2)>"
    view = reading_view_html(corpus, "fraying", "tiny")
    assert "<script>" not in view and "<img" not in view
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view


def test_corpus_scale_view_counts_every_claim_once_oldest_source_first():
    corpus = load_corpus()
    for reading_id in corpus.reading_ids:
        view = reading_view_html(corpus, reading_id)
        views = sort_views(corpus.claims, reading_id)
        assert sum(len(v) for v in views.values()) == len(corpus.claims)
        assert f"<strong>{len(views['against'])}</strong> of {len(corpus.claims)} claims count against this" in view
        assert f"<strong>{len(views['favor'])}</strong> count against another reading but not this one" in view
        order = list(corpus.sources.index)
        for listing in re.findall(r'<ul class="ar-claims">(.*?)</ul>', view):
            sources = [corpus.claims.loc[c, "source_id"] for c in re.findall(r'href="[^"#]*#claim-([^"]+)"', listing)]
            assert [order.index(s) for s in sources] == sorted(order.index(s) for s in sources), "oldest first"


def visible_view_text(toggle) -> str:
    return " ".join(t for t in toggle.locator(".ar-toggle-panel:visible").all_inner_texts() if t.strip())


READING_LABELS = [str(label) for label in load_corpus().readings["label"]]


#: Sums the page's layout shifts (the Layout Instability API), recorded from the first paint.
LAYOUT_SHIFTS = """window.__shifts = 0; new PerformanceObserver((list) => { for (const e of list.getEntries())
  { if (!e.hadRecentInput) window.__shifts += e.value; } }).observe({type: 'layout-shift', buffered: true});"""


def switch_every_toggle(page, path: str) -> list[str]:
    """Click each label of each toggle and check the view it shows; then move back with the arrow keys.
    Works with scripts off: the toggles are radio inputs and CSS."""
    problems = []
    toggles = page.locator(".ar-toggle")
    for index in range(toggles.count()):
        toggle = toggles.nth(index)
        reading = "ar-reading-toggle" in (toggle.get_attribute("class") or "")
        inputs, labels = toggle.locator("input.ar-toggle-input"), toggle.locator("label.ar-toggle-label")
        count = inputs.count()
        if count < 2 or labels.count() != count or toggle.evaluate("t => t.tagName") != "FIELDSET":
            problems.append(f"{path}: toggle {index} is not a fieldset of radio inputs with labels")
            continue
        before = visible_view_text(toggle)
        if not inputs.nth(0).is_checked() or (reading and f"Reading: {READING_LABELS[0]}" not in before):
            problems.append(f"{path}: toggle {index} does not open on the first view")
        after = before
        for chosen in range(1, count):
            labels.nth(chosen).click()
            after = visible_view_text(toggle)
            if not inputs.nth(chosen).is_checked():
                problems.append(f"{path}: toggle {index}: view {chosen} is not checked after a click")
            if after == before or (reading and f"Reading: {READING_LABELS[chosen]}" not in after):
                problems.append(f"{path}: toggle {index} did not switch to view {chosen}")
            if toggle.locator(".ar-toggle-panel:visible").count() != 1:
                problems.append(f"{path}: toggle {index} shows more or less than one view")
        inputs.nth(count - 1).focus()
        page.keyboard.press("ArrowRight")  # a radio group wraps round: back to the first view
        if visible_view_text(toggle) != before:
            problems.append(f"{path}: toggle {index} cannot be switched back from the keyboard")
    return problems


def check_pages(browser, html, base: str, paths: list[str], accessibility: bool, axe: str) -> tuple[dict, list]:
    """check_edition's work on some of the pages, in ``browser``: the toggles seen and the problems."""
    toggles_seen: dict[str, int] = {}
    problems: list[str] = []
    for path in paths:
        # Scripts off: only pages with a toggle have anything to switch (the file says so).
        toggles_seen[path] = (
            (html / path).read_text(encoding="utf-8").count('<fieldset class="ar-toggle ar-reading-toggle"')
        )
        if 'class="ar-toggle ' in (html / path).read_text(encoding="utf-8"):
            context = browser.new_context(java_script_enabled=False)
            page = context.new_page()
            page.goto(f"{base}/{path}", wait_until="load")
            if page.locator(".ar-reading-toggle").count() != toggles_seen[path]:
                problems.append(f"{path}: the reading toggles are not all in the page without a script")
            problems += switch_every_toggle(page, path)
            context.close()

        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(LAYOUT_SHIFTS)
        log = watch(page)
        page.goto(f"{base}/{path}", wait_until="load")
        settle(page, log)
        if not accessibility:
            problems += [f"{path}: {p}" for p in log.problems]
            context.close()
            continue
        shifts = page.evaluate("window.__shifts")
        if shifts > 0.01:
            problems.append(f"{path}: the layout shifts as the page loads (cumulative shift {shifts:.3f})")
        page.add_script_tag(content=axe)
        problems += [f"{path}: axe: {v}" for v in page.evaluate(AXE_RUN)]
        page.emulate_media(color_scheme="dark")
        try:
            page.wait_for_function("document.documentElement.dataset.theme === 'dark'", timeout=5000)
            page.wait_for_timeout(400)  # let the theme's colour transitions finish before measuring
            problems += [f"{path}: axe (dark): {v}" for v in page.evaluate(AXE_COLOURS)]
        except Exception:
            problems.append(f"{path}: the page did not switch to dark mode")
        settle(page, log)
        problems += [f"{path}: {p}" for p in log.problems]
        context.close()
    return toggles_seen, problems


def check_edition(chromium, html, accessibility: bool = True) -> dict[str, int]:
    """Open every page twice. With scripts off: every toggle is there and switches to every view. With
    scripts on: loads, errors, requests that leave the machine; with ``accessibility``, also axe-core
    in light and dark mode (the theme follows the reader's system setting) and no layout shift once
    the page has loaded. Half the pages are checked in a second browser in a thread of its own: a page's
    checks keep one core busy, and the machine has two.

    Returns the number of reading toggles seen per page.
    """
    from playwright.sync_api import sync_playwright

    axe = axe_source()
    pages = html_pages(html)
    results: dict[str, tuple[dict, list]] = {}

    def second_half(base: str) -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                results["second"] = check_pages(browser, html, base, pages[1::2], accessibility, axe)
                browser.close()
        except Exception as err:  # reported with the other problems, not lost in the thread
            results["second"] = ({}, [f"the second browser failed: {err}"])

    with serve(html) as base:
        worker = threading.Thread(target=second_half, args=(base,))
        worker.start()
        results["first"] = check_pages(chromium, html, base, pages[::2], accessibility, axe)
        worker.join()
    toggles_seen = {**results["first"][0], **results["second"][0]}
    problems = results["first"][1] + results["second"][1]
    assert problems == [], "\n".join(problems)
    return toggles_seen


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("edition", ["instructor_build", "student_build"])
def test_every_page_of_each_edition_works_offline_and_accessibly(chromium, request, edition):
    """Both editions: every toggle without a script, no error, nothing fetched from outside. The
    instructor edition, which has every page of the student one (the same templates and styles, with the
    solutions and the guide besides), is also checked with axe in light and dark mode and for layout
    shifts."""
    result, html = request.getfixturevalue(edition)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    toggles = check_edition(chromium, html, accessibility=edition == "instructor_build")
    for page in [*SOURCE_PAGES, "chapters/weighing-the-readings.html"]:
        assert toggles[page] == 1, f"{page} should show exactly one reading toggle, shows {toggles[page]}"


@pytest.mark.browser
@pytest.mark.book
def test_toggle_has_visible_keyboard_focus(chromium, instructor_build):
    _, html = instructor_build
    with serve(html) as base:
        page = chromium.new_page()
        page.goto(f"{base}/chapters/growing-ties.html", wait_until="load")
        # Start from the last focusable element before the toggle (the page has hundreds of links above
        # it), then reach the toggle with the Tab key as a keyboard user would.
        page.evaluate("""() => { const toggle = document.querySelector('.ar-reading-toggle');
            const before = [...document.querySelectorAll('a[href], button, input, select, summary, [tabindex]')]
              .filter(e => !toggle.contains(e)
                && (e.compareDocumentPosition(toggle) & Node.DOCUMENT_POSITION_FOLLOWING));
            before[before.length - 1].focus(); }""")
        focus = None
        for _ in range(10):
            page.keyboard.press("Tab")
            # The focused radio input is visually hidden; its label shows the focus ring.
            focus = page.evaluate("""() => { const a = document.activeElement;
                if (!a || !a.closest('.ar-reading-toggle')) return null;
                const label = document.querySelector(`label[for="${a.id}"]`);
                const s = getComputedStyle(label);
                return {visible: a.matches(':focus-visible'), outline: s.outlineStyle, width: s.outlineWidth}; }""")
            if focus:
                break
        page.close()
    assert focus is not None, "the toggle cannot be reached with the Tab key"
    assert focus["visible"] and focus["outline"] != "none" and focus["width"] != "0px", focus
