"""The reading toggle: built from the data, escaped; radio inputs in the page, a widget in a kernel;
and, in a real headless Chromium, working on every page of both editions with no kernel, no network
and no script."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

from analytic_reader import STATIC_OUTPUTS, load_corpus
from analytic_reader.html.blocks import spaced_blocks
from analytic_reader.html.toggles import reading_toggle, reading_view_html, sort_views
from conftest import TINY_CLAIMS, write_project


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


def test_the_kernel_toggle_is_linked_on_the_browser_side_not_by_a_python_callback(tiny_project):
    box = reading_toggle(load_corpus(tiny_project), "tiny").widget()
    toggle, stack = box.children
    assert toggle.options == ("Linked theaters", "Fraying partnership")
    assert isinstance(stack, widgets.Stack) and len(stack.children) == 2
    from ipywidgets.widgets.widget import _instances
    from ipywidgets.widgets.widget_link import Link

    links = [
        w
        for w in _instances.values()
        if isinstance(w, Link) and w.source == (toggle, "index") and w.target == (stack, "selected_index")
    ]
    assert len(links) == 1


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


# --- In the browser ------------------------------------------------------------------------

from browser import axe_source, html_pages, serve, settle, watch  # noqa: E402

AXE_RUN = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0].html.slice(0, 160)}`);
}"""


def visible_view_text(toggle) -> str:
    return " ".join(t for t in toggle.locator(".ar-toggle-panel:visible").all_inner_texts() if t.strip())


def wait_for_change(toggle, before: str, timeout_ms: int = 5000) -> str:
    """Wait (up to 5 s, for slow machines) until the visible view differs from ``before``; return it."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    text = visible_view_text(toggle)
    while text == before and time.monotonic() < deadline:
        time.sleep(0.05)
        text = visible_view_text(toggle)
    return text


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


def check_edition(chromium, html, dark: bool = False) -> dict[str, int]:
    """Open every page twice. With scripts off: every toggle is there and switches to every view. With
    scripts on: loads, errors, accessibility (axe-core), no layout shift once the page has loaded; with
    ``dark``, in dark mode too (the theme follows the reader's system setting).

    Returns the number of reading toggles seen per page.
    """
    toggles_seen: dict[str, int] = {}
    problems: list[str] = []
    axe = axe_source()
    with serve(html) as base:
        for path in html_pages(html):
            # Scripts off: only pages with a toggle have anything to switch (the file says so).
            toggles_seen[path] = (
                (html / path).read_text(encoding="utf-8").count('<fieldset class="ar-toggle ar-reading-toggle"')
            )
            if 'class="ar-toggle ' in (html / path).read_text(encoding="utf-8"):
                context = chromium.new_context(java_script_enabled=False)
                page = context.new_page()
                page.goto(f"{base}/{path}", wait_until="load")
                if page.locator(".ar-reading-toggle").count() != toggles_seen[path]:
                    problems.append(f"{path}: the reading toggles are not all in the page without a script")
                problems += switch_every_toggle(page, path)
                context.close()

            context = chromium.new_context()
            page = context.new_page()
            page.add_init_script(LAYOUT_SHIFTS)
            log = watch(page)
            page.goto(f"{base}/{path}", wait_until="load")
            settle(page, log)
            shifts = page.evaluate("window.__shifts")
            if shifts > 0.01:
                problems.append(f"{path}: the layout shifts as the page loads (cumulative shift {shifts:.3f})")
            page.add_script_tag(content=axe)
            problems += [f"{path}: axe: {v}" for v in page.evaluate(AXE_RUN)]
            if dark:
                page.emulate_media(color_scheme="dark")
                try:
                    page.wait_for_function("document.documentElement.dataset.theme === 'dark'", timeout=5000)
                    page.wait_for_timeout(400)  # let the theme's colour transitions finish before measuring
                    problems += [f"{path}: axe (dark): {v}" for v in page.evaluate(AXE_RUN)]
                except Exception:
                    problems.append(f"{path}: the page did not switch to dark mode")
            settle(page, log)
            problems += [f"{path}: {p}" for p in log.problems]
            context.close()
    assert problems == [], "\n".join(problems)
    return toggles_seen


SOURCE_PAGES = [f"chapters/{name}.html" for name in load_corpus().sources.index]


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("edition", ["instructor_build", "student_build"])
def test_every_page_of_each_edition_works_offline_and_accessibly(chromium, request, edition):
    """Both editions in light mode; the instructor edition, which has every page of the student one and
    more, in dark mode as well (the theme follows the reader's system setting)."""
    result, html = request.getfixturevalue(edition)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    toggles = check_edition(chromium, html, dark=edition == "instructor_build")
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


# --- Hostile data: shown as text everywhere, never run -----------------------------------

HOSTILE_SEED = (
    "An ordinary opening sentence about Moscow and Tehran.\n"
    'Officials wrote <script>window.__pwned = "quote"</script> in a cable.\n'
    "A caption read <img src=x onerror=\"window.__pwned = 'img'\"> beside the photo.\n"
)


HOSTILE_EVENT = "Talks end: 1 < 2 & 3 > 2 | a pipe, [brackets] (x)= {braces} * a star #hash $5 ~tilde~ 1. one"
HOSTILE_DEFINITION = "An entry: a < b & c | d, [e] (f)= {g} * h #i $j ~k~ and a tilde."


@pytest.mark.browser
@pytest.mark.book
def test_hostile_data_is_escaped_in_the_built_book_and_no_data_script_runs(chromium, tmp_path):

    from analytic_reader.authoring.chapters import scaffold_source_chapter
    from analytic_reader.data.paths import ProjectPaths
    from conftest import add_source, append_csv_rows, build_book, build_warnings, copy_repository, filler

    copy = copy_repository(tmp_path / "book")
    padding, claims = filler("hostile", 6, first=3)
    hostile_claims = [
        {
            "claim_id": f"hostile-0{number}",
            "source_id": "hostile",
            "quote": quote,
            "paraphrase": "A cable shows 1 < 2 & x > y | a pipe, [brackets], {braces}, (x)= and a * star.",
            "kind": "factual report",
            "speaker": "author",
            "attribution": "author",
            "documentation": "none",
            "theater": "global",
            "topic": "diplomacy",
        }
        for number, quote in enumerate(
            ['<script>window.__pwned = "quote"</script>', "<img src=x onerror=\"window.__pwned = 'img'\">"], start=1
        )
    ]
    hostile_claims[0]["speaker"] = "Officials < script > & co"
    hostile_claims[0]["attribution"] = "unnamed officials"
    add_source(
        copy,
        {
            "source_id": "hostile",
            "bibkey": "hostile_2026",
            "title": 'Title "quoted" & <3 | #1 [sic] {x}',
            "outlet": "Outlet & Co < 3",
            "published": "2026-07",
            "date_precision": "month",
            "genre": "opinion",
            "lean": "fraying",
            "dating_note": "A note with a < sign, a * star and a {glossary} name.",
            "provenance": "Seen at a < b | c; 5 * 3 = 15.",
        },
        HOSTILE_SEED + padding,
        hostile_claims + claims,
        seed_name="005_hostile.txt",
        ratings={("hostile-01", "linked"): "consistent", ("hostile-02", "fraying"): "consistent"},
    )
    with (copy / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(
            '\n@misc{hostile_2026,\n  title = {Bib <script>window.__pwned = "bib"</script> title},\n'
            '  note = {<img src=z onerror="window.__pwned=1">},\n  year = {2026}\n}\n'
        )
    # Events and glossary entries: what the check lets through (punctuation that markup would parse)
    # must be shown as typed on the timeline and glossary pages.
    append_csv_rows(
        copy / "data" / "events.csv",
        [{"date": "2026-12", "event": HOSTILE_EVENT, "citation": "hostile-01", "note": "A note | with a pipe."}],
    )
    append_csv_rows(
        copy / "data" / "glossary.csv",
        [
            {
                "term": "Zeta & Co",
                "aliases": "",
                "category": "actor",
                "definition": HOSTILE_DEFINITION,
                "orientation": "",
            }
        ],
    )
    scaffold_source_chapter(ProjectPaths(copy), "hostile")

    result, html = build_book(copy)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert build_warnings(result) == []

    page = (html / "chapters" / "hostile.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page and "<img src=x onerror" not in page
    assert "&lt;script&gt;window.__pwned" in page  # the source card, table and bibliography show it as text

    with serve(html) as base:
        for path in (
            "chapters/hostile.html",
            "chapters/appendix-texts.html",
            "chapters/weighing-the-readings.html",
            "chapters/bibliography.html",
            "chapters/timeline.html",
            "chapters/glossary.html",
        ):
            page = chromium.new_page()
            dialogs = []
            page.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(f"{base}/{path}", wait_until="load")
            page.wait_for_timeout(800)
            if path != "chapters/bibliography.html":
                if page.locator(".ar-toggle").count():
                    page.locator(".ar-toggle label.ar-toggle-label").nth(1).click()
            assert page.evaluate("typeof window.__pwned") == "undefined", f"data ran as script on {path}"
            assert dialogs == []
            text = page.inner_text("body")
            if path == "chapters/hostile.html":
                assert '<script>window.__pwned = "quote"</script>' in text  # shown, literally
                assert "Officials < script > & co" in text
                assert 'Title "quoted" & <3 | #1 [sic] {x}' in text
            if path == "chapters/timeline.html":
                assert HOSTILE_EVENT in text
            if path == "chapters/glossary.html":
                assert HOSTILE_DEFINITION in text
            page.close()


def test_browser_tests_skip_without_chromium_locally_but_fail_in_ci(monkeypatch):
    import browser

    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        browser.chromium_path()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        browser.chromium_path()


@pytest.mark.browser
@pytest.mark.book
def test_on_a_phone_the_menu_button_opens_the_chapter_list_and_navigates(chromium, instructor_build):
    _, html = instructor_build
    with serve(html) as base:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{base}/chapters/intro.html", wait_until="load")
        buttons = page.locator(".primary-toggle")
        visible = [buttons.nth(i) for i in range(buttons.count()) if buttons.nth(i).is_visible()]
        assert visible, "no visible menu button at 390 px"
        visible[0].click()
        link = page.locator("dialog[open] a", has_text="Timeline").first
        link.wait_for(state="visible", timeout=5000)
        link.click()
        page.wait_for_url("**/chapters/timeline.html", timeout=5000)
        page.close()


@pytest.mark.browser
@pytest.mark.book
def test_on_a_laptop_the_menu_button_hides_and_shows_the_chapter_list_which_navigates(chromium, instructor_build):
    _, html = instructor_build
    with serve(html) as base:
        page = chromium.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/chapters/intro.html", wait_until="load")
        sidebar = page.locator(".bd-sidebar-primary")
        assert sidebar.is_visible(), "the chapter list is not shown at 1366 px"
        assert page.locator(".bd-header").is_hidden(), "an empty header bar is shown above the page"
        toggle = next(b for b in page.locator(".primary-toggle").all() if b.is_visible())
        toggle.click()
        sidebar.wait_for(state="hidden", timeout=5000)
        toggle.click()
        sidebar.wait_for(state="visible", timeout=5000)
        sidebar.locator("a", has_text="Timeline").first.click()
        page.wait_for_url("**/chapters/timeline.html", timeout=5000)
        page.close()


@pytest.mark.browser
@pytest.mark.book
def test_every_page_has_a_favicon(instructor_build):
    _, html = instructor_build
    page = (html / "chapters" / "intro.html").read_text(encoding="utf-8")
    assert 'rel="icon"' in page and (html / "_static" / "favicon.svg").exists()


# --- Print and PDF handouts -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("edition", ["instructor_build", "student_build"])
def test_pdf_handouts_carry_every_claim_and_every_reading_and_students_get_no_solution(
    chromium, request, edition, tmp_path
):
    import shutil
    import subprocess
    import sys

    from conftest import REPO_ROOT, in_ci, solution_texts

    if not shutil.which("pdftotext"):
        if in_ci():
            pytest.fail("pdftotext (poppler-utils) is missing and CI is set")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    from pdf import print_pages

    _, html = request.getfixturevalue(edition)
    corpus = load_corpus()
    labels = [str(label) for label in corpus.readings["label"]]
    for name in ("growing-ties", "weighing-the-readings"):
        (handout,) = print_pages(html, tmp_path, [name], browser=chromium)
        text = " ".join(
            subprocess.run(["pdftotext", str(handout), "-"], capture_output=True, text=True, check=True).stdout.split()
        )
        if name != "weighing-the-readings":
            missing = [c for c in corpus.claims.index if c.startswith(name) and c not in text]
            assert missing == [], f"{name} handout lacks {missing}"
        info = subprocess.run(["pdfinfo", str(handout)], capture_output=True, text=True, check=True).stdout
        pages, limit = (
            int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)),
            (25 if name.startswith("weighing") else 20),
        )
        assert pages <= limit, f"the {name} handout runs to {pages} A4 pages (at most {limit})"
        for label in labels:
            assert f"Reading: {label}" in text, f"{name} handout lacks the {label} view"
        solutions = solution_texts((REPO_ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8"))
        prose = [" ".join(s.split("```")[0].split())[:60] for s in solutions]
        found = [p for p in prose if p and p in text]
        if edition == "student_build":
            assert found == [], f"student handout of {name} contains solution text: {found[0]!r}"
        else:
            assert found, f"instructor handout of {name} lacks its solutions"


GEOMETRY = """(selector) => {
  const width = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll(selector)].filter(c => c.getClientRects().length);
  const outside = cells.filter(c => {
    const r = c.getBoundingClientRect();
    return r.left < -1 || r.right > width + 1;
  });
  return {cells: cells.length, outside: outside.length, width: width,
          scroll: document.scrollingElement.scrollWidth - width};
}"""


HEADER_STAYS = """() => {
  const table = document.querySelector('.ar-claims-table');
  table.querySelector('tbody tr:nth-child(12)').scrollIntoView();
  const header = table.querySelector('thead th').getBoundingClientRect();
  return header.top >= 0 && header.bottom <= 200 || [header.top, header.bottom];
}"""
MATRIX_FRAME = """() => {
  const matrix = document.querySelector('.ar-matrix');
  return {overflow: getComputedStyle(matrix.closest('.ar-table-wrap')).overflowX,
          topic: getComputedStyle(matrix.querySelector('tbody th')).position};
}"""


@pytest.mark.browser
@pytest.mark.book
def test_the_reading_column_lies_inside_the_screen_at_390_and_1366_px_and_inside_the_paper(chromium, instructor_build):
    """Every cell of a claims table's verdict and rating columns is on screen without sideways
    scrolling, on a phone (390 px, stacked cards) and a laptop (1366 px), and on an A4 page in print;
    so is every column of the claim matrix, which on a phone scrolls within its frame instead."""
    html = instructor_build[1]
    selector = ".ar-claims-table td:first-child, .ar-claims-table td:last-child"
    problems = []
    with serve(html) as base:
        for width, height, media in ((390, 844, "screen"), (1366, 900, "screen"), (794, 1123, "print")):
            page = chromium.new_page(viewport={"width": width, "height": height})
            page.emulate_media(media=media)
            for path in SOURCE_PAGES:
                page.goto(f"{base}/{path}", wait_until="load")
                found = page.evaluate(GEOMETRY, selector)
                if found["cells"] == 0 or found["outside"] or found["scroll"] > 1:
                    problems.append(f"{path} at {width} px ({media}): {found}")
                if width == 1366 and page.evaluate(HEADER_STAYS) is not True:
                    problems.append(
                        f"{path}: the claims table's header row does not stay in view: {page.evaluate(HEADER_STAYS)}"
                    )
            # The claim matrix fits a laptop and the paper; on a phone it scrolls in its own frame with the
            # topic column held in place, and the page itself never scrolls sideways.
            page.goto(f"{base}/chapters/weighing-the-readings.html", wait_until="load")
            matrix = page.evaluate(GEOMETRY, ".ar-matrix td, .ar-matrix th")
            frame = page.evaluate(MATRIX_FRAME)
            if matrix["scroll"] > 1 or (width >= 794 and matrix["outside"]):
                problems.append(f"claim matrix at {width} px ({media}): {matrix}")
            if width < 794 and (frame["overflow"] not in ("auto", "scroll") or frame["topic"] != "sticky"):
                problems.append(f"claim matrix at {width} px: not scrollable with a fixed topic column: {frame}")
            page.close()
    assert problems == [], "\n".join(problems)
