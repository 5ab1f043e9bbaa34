"""The reader's surface in a browser: solutions, the full texts, the glossary's letters, the timeline on a
phone, the search page, claim ids, the sidebar and the tooltips, and axe on the pages they are on."""

from __future__ import annotations

import re

import pytest

from analytic_reader import book
from analytic_reader.data.corpus import load_corpus
from browser import AXE_RUN, axe_source, serve

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
BACKGROUND = "el => getComputedStyle(el).backgroundColor"
TRANSPARENT = "rgba(0, 0, 0, 0)"


def exercise_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r'<span class="caption-number">Exercise (\d+) </span>', text)]


def announced(page, name: str) -> dict:
    """What Chromium tells assistive technology about the one element named ``name``: its expanded state,
    and the id of what it controls while that is shown."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    (node,) = [n for n in nodes if n.get("name", {}).get("value") == name]
    states = {p["name"]: p["value"]["value"] for p in node.get("properties", [])}
    return {key: states[key] for key in ("expanded", "controls") if key in states}


@pytest.mark.book
def test_every_chapter_numbers_its_exercises_from_one(instructor_build):
    _, html = instructor_build
    numbered = {p.stem: exercise_numbers(p.read_text(encoding="utf-8")) for p in (html / "chapters").glob("*.html")}
    assert {name: n for name, n in numbered.items() if n and n != list(range(1, len(n) + 1))} == {}
    assert numbered["dangerous-alliance"] == [1, 2, 3]


@pytest.mark.browser
@pytest.mark.book
def test_each_solution_is_a_disclosure_named_after_its_exercise_that_opens_without_scripts(chromium, instructor_build):
    _, html = instructor_build
    with serve(html) as base:
        for scripts in (True, False):
            context = chromium.new_context(java_script_enabled=scripts)
            page = context.new_page()
            page.goto(f"{base}/chapters/dangerous-alliance.html", wait_until="load")
            numbers = exercise_numbers(page.content())
            solutions = page.locator("details.ar-solution > summary")
            assert solutions.count() == len(numbers) == 3
            assert page.locator(".toggle-button").count() == 0  # no unnamed "Toggle hidden content"
            for index, number in enumerate(numbers):
                summary = solutions.nth(index)
                assert summary.get_attribute("aria-label") == f"Show the solution to Exercise {number}"
                content = page.locator(f"#{summary.get_attribute('aria-controls')}")
                assert content.count() == 1 and not content.is_visible()
                name = f"Show the solution to Exercise {number}"
                assert announced(page, name) == {"expanded": False}
                summary.click()
                assert content.is_visible()
                assert announced(page, name) == {"expanded": True, "controls": content.get_attribute("id")}
            context.close()


@pytest.mark.browser
@pytest.mark.book
def test_the_full_texts_are_sections_shown_plain_with_their_highlights_on_demand(chromium, instructor_build):
    _, html = instructor_build
    corpus = load_corpus()
    with serve(html) as base:
        page = chromium.new_page(viewport=LAPTOP)
        page.goto(f"{base}/chapters/appendix-texts.html", wait_until="load")
        contents = page.locator("#pst-page-toc-nav a").all_inner_texts()
        titles = [t.replace("\u2019", "'") for t in contents if t not in ("Summary", "Exercises")]
        assert titles == list(corpus.sources["title"].str.replace("\u2019", "'"))  # as Sphinx curls quotes
        assert page.locator(".ar-anchor[id^='claim-']").count() == len(corpus.claims)  # the links' targets
        marks = page.locator(".ar-fulltext").first.locator("mark.ar-highlight")
        shown = [marks.nth(i).evaluate(BACKGROUND) for i in range(3)]
        assert shown == [TRANSPARENT] * 3, "the texts start plain"
        marks.nth(1).hover()
        assert marks.nth(1).evaluate(BACKGROUND) != TRANSPARENT and marks.nth(2).evaluate(BACKGROUND) == TRANSPARENT
        page.locator(".ar-marks-label").first.click()
        assert all(marks.nth(i).evaluate(BACKGROUND) != TRANSPARENT for i in (0, 2))
        claim = corpus.claims.index[-1]
        page.goto(f"{base}/chapters/appendix-texts.html#claim-{claim}", wait_until="load")
        target = page.locator(f"#claim-{claim} + mark")
        assert target.evaluate(BACKGROUND) != TRANSPARENT  # a link from a claims table shows its passage
        page.close()


@pytest.mark.browser
@pytest.mark.book
def test_the_glossary_jumps_to_each_letter_that_has_terms(chromium, instructor_build):
    _, html = instructor_build
    letters = sorted({book.glossary_letter(term) for term in load_corpus().glossary["term"]})
    with serve(html) as base:
        page = chromium.new_page(viewport=PHONE)
        page.goto(f"{base}/chapters/glossary.html", wait_until="load")
        jump = page.locator("nav.ar-az a")
        assert jump.all_inner_texts() == letters
        for index in (0, jump.count() - 1):
            jump.nth(index).click()
            page.wait_for_timeout(600)  # the theme scrolls smoothly
            target = jump.nth(index).get_attribute("href")[1:]
            heading = page.locator(f"section:has([id='{target}']) > h2, section[id='{target}'] > h2").last
            assert heading.inner_text().startswith(letters[index])
            assert 0 <= heading.evaluate("h => h.getBoundingClientRect().top") < PHONE["height"] / 2
        page.close()


@pytest.mark.browser
@pytest.mark.book
def test_the_timeline_fits_a_phone_and_dates_never_break(chromium, instructor_build):
    _, html = instructor_build
    with serve(html) as base:
        for viewport in (PHONE, LAPTOP):
            page = chromium.new_page(viewport=viewport)
            page.goto(f"{base}/chapters/timeline.html", wait_until="load")
            table = page.locator(".ar-timeline table")
            column = table.evaluate("t => t.closest('.ar-timeline').getBoundingClientRect().width")
            assert table.evaluate("t => t.getBoundingClientRect().width") <= column + 0.5
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            broken = table.locator("tbody td:first-child").evaluate_all(
                "cells => cells.filter(c => { const r = document.createRange(); r.selectNodeContents(c.firstChild);"
                " return r.getClientRects().length > 1; }).map(c => c.textContent)"
            )
            assert broken == []
            page.close()


@pytest.mark.browser
@pytest.mark.book
def test_claim_ids_in_tables_never_break(chromium, instructor_build):
    _, html = instructor_build
    with serve(html) as base:
        for viewport in (PHONE, {"width": 760, "height": 900}, LAPTOP):
            page = chromium.new_page(viewport=viewport)
            for path in ("days-of-repentance", "timeline"):
                page.goto(f"{base}/chapters/{path}.html", wait_until="load")
                ids = page.locator("table a.ar-claim-id, table a.ar-claim-link")
                assert ids.count() > 0
                assert ids.evaluate_all("links => links.filter(a => a.getClientRects().length > 1).length") == 0
                overflowing = ids.evaluate_all(
                    "links => links.filter(a => a.getBoundingClientRect().right"
                    " > a.closest('td, th').getBoundingClientRect().right + 1).map(a => a.textContent)"
                )
                assert overflowing == [], f"{path} at {viewport['width']} px"
            page.close()


@pytest.mark.browser
@pytest.mark.book
def test_search_snippets_are_the_chapters_words_and_the_magnifier_clears_the_query(chromium, instructor_build):
    _, html = instructor_build
    with serve(html) as base:
        page = chromium.new_page(viewport=LAPTOP)
        page.goto(f"{base}/search.html?q=dangerous+alliance", wait_until="load")
        page.wait_for_function("document.querySelectorAll('#search-results p.context').length >= 5", timeout=20000)
        snippets = page.locator("#search-results p.context").all_inner_texts()
        assert not [s for s in snippets if "Color mode" in s or ".ipynb" in s or "Contents" in s], snippets
        assert not [s for s in snippets if re.search(r"sourcepublished|[a-z]-\d\d[A-Za-z]", s)], snippets
        field = page.locator(".bd-search-container form.bd-search")
        icon_right = field.locator(".fa-magnifying-glass").evaluate("i => i.getBoundingClientRect().right")
        text_left = field.locator("input").evaluate(
            "i => i.getBoundingClientRect().left + parseFloat(getComputedStyle(i).paddingLeft)"
        )
        assert icon_right <= text_left
        page.close()


@pytest.mark.browser
@pytest.mark.book
def test_the_sidebar_opens_at_its_top_and_escape_dismisses_a_tooltip(chromium, instructor_build):
    _, html = instructor_build
    with serve(html) as base:
        for path in ("timeline", "glossary", "bibliography", "instructor-guide"):
            context = chromium.new_context(viewport=LAPTOP)  # a new session: no remembered position
            page = context.new_page()
            page.goto(f"{base}/chapters/{path}.html", wait_until="load")
            page.wait_for_timeout(300)
            assert page.locator("div.bd-sidebar").evaluate("s => s.scrollTop") == 0, path
            assert page.locator(".bd-sidebar .search-button-field").is_visible()
            context.close()
        context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
        page = context.new_page()
        page.goto(f"{base}/chapters/dangerous-alliance.html", wait_until="load")
        page.locator(".secondary-toggle:visible").first.tap()
        page.wait_for_timeout(400)
        page.keyboard.press("Escape")
        page.wait_for_timeout(800)
        assert page.locator(".tooltip").count() == 0  # none came back with the focus
        context.close()
        page = chromium.new_page(viewport=LAPTOP)  # a tooltip under the pointer: Escape dismisses it
        page.goto(f"{base}/chapters/dangerous-alliance.html", wait_until="load")
        page.locator(".article-header-buttons [data-bs-toggle='tooltip']:visible").first.hover()
        page.wait_for_selector(".tooltip.show")
        page.keyboard.press("Escape")
        page.wait_for_timeout(400)
        assert page.locator(".tooltip.show").count() == 0
        page.close()


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_changed_pages_pass_axe(chromium, instructor_build, dark):
    _, html = instructor_build
    axe = axe_source()
    problems = []
    with serve(html) as base:
        for path in (
            "chapters/dangerous-alliance.html",
            "chapters/appendix-texts.html",
            "chapters/glossary.html",
            "chapters/timeline.html",
            "search.html?q=drones",
        ):
            # On a phone: the laptop view of every page is checked, light and dark, by test_toggles.py.
            for viewport in (PHONE,):
                context = chromium.new_context(viewport=viewport, color_scheme="dark" if dark else "light")
                page = context.new_page()
                page.goto(f"{base}/{path}", wait_until="load")
                page.wait_for_timeout(600)
                if "appendix-texts" in path:
                    page.locator(".ar-marks-label").first.click()  # the highlights' colours too
                page.locator("details.ar-solution").evaluate_all("ds => ds.forEach(d => d.open = true)")
                page.add_script_tag(content=axe)
                problems += [f"{path} {viewport['width']}: {v}" for v in page.evaluate(AXE_RUN)]
                context.close()
    assert problems == [], "\n".join(problems)
