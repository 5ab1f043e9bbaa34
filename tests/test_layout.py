"""The tables' geometry in the built book: on a phone (390 px), a laptop (1366 px) and an A4 page."""

from __future__ import annotations

import pytest

from browser import SOURCE_PAGES, html_pages, serve

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


#: Each visible table of the page that is wider than its column and is not in a frame that scrolls
#: to it with its first column held in place and the cue at its top ("Scroll sideways…") shown.
TABLES_FIT = """async () => {
  // The cue follows the frame's scroll timeline, which is resolved in the frames after layout.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const found = [];
  document.querySelectorAll('main table').forEach((table, index) => {
    if (!table.checkVisibility()) return;  // not shown: in a closed <details> or another view of a toggle
    const column = table.closest('article').getBoundingClientRect();
    let frame = null;
    for (let a = table.parentElement; a && a !== document.body; a = a.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) { frame = a; break; }
    }
    const rect = table.getBoundingClientRect();
    const wider = frame ? frame.scrollWidth > frame.clientWidth + 1 : rect.right > column.right + 1;
    if (!wider) return;
    const what = (table.caption || table).textContent.slice(0, 40);
    const name = `table ${index} (${table.className || 'no class'}: ${what})`;
    if (!frame) {
      found.push(`${name}: ${Math.round(rect.width)} px in a ${Math.round(column.width)} px column`);
      return;
    }
    const first = table.querySelector('tbody tr > :first-child');
    if (first && getComputedStyle(first).position !== 'sticky') found.push(`${name}: scrolls, first column not held`);
    const cue = getComputedStyle(frame, '::before');
    if (!cue.content.includes('Scroll sideways') || parseFloat(cue.maxHeight) < 10)
      found.push(`${name}: scrolls with no cue at its top`);
  });
  return found;
}"""


@pytest.mark.browser
@pytest.mark.book
def test_every_table_fits_its_column_or_scrolls_in_its_own_frame_with_its_first_column_held_and_a_cue(
    chromium, instructor_build
):
    html = instructor_build[1]
    problems = []
    with serve(html) as base:
        for width in (390, 1366):
            page = chromium.new_page(viewport={"width": width, "height": 900})
            for path in html_pages(html):
                if 'http-equiv="refresh"' in (html / path).read_text(encoding="utf-8"):
                    continue  # the index only sends the reader on to the first chapter
                page.goto(f"{base}/{path}", wait_until="load")
                problems += [f"{path} at {width} px: {p}" for p in page.evaluate(TABLES_FIT)]
            page.close()
    assert problems == [], "\n".join(problems)
