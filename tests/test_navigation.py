"""Finding one's way in the built book: the chapter list behind the menu button on a phone and on a
laptop, and the favicon."""

from __future__ import annotations

import pytest

from browser import serve


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
