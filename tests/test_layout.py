"""The tables' geometry in the built book: on a phone (390 px), a laptop (1366 px) and an A4 page."""

from __future__ import annotations

import pytest

from browser import SOURCE_PAGES, serve

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
