"""The synthesis chapter's chart: SVG with its words as text, laid out for the width a phone shows it,
readable in dark mode and in print."""

from __future__ import annotations

import re

import pytest

from analytic_reader import load_corpus
from analytic_reader.html.charts import BALANCE_FONT, balance_svg

#: Reads, in the page, the chart's rendered width and the SVG's own coordinates, and gives the size of
#: every text of the chart in CSS pixels as shown: its font size in the SVG's units times the scale at
#: which the image is drawn (the SVG scales uniformly: its width and height keep their ratio).
LABEL_SIZES = """async () => {
  const img = document.querySelector("#fig-reading-balance img");
  const box = img.getBoundingClientRect();
  const svg = new DOMParser().parseFromString(await (await fetch(img.src)).text(), "image/svg+xml").documentElement;
  const [, , width, height] = svg.getAttribute("viewBox").split(/\\s+/).map(Number);
  const scale = box.width / width;
  const sizes = [...svg.querySelectorAll("text")].map((t) => parseFloat(t.style.fontSize) * scale);
  return {src: img.src, alt: img.alt, width: box.width, ratio: box.height / box.width, svgRatio: height / width,
          sizes, background: getComputedStyle(img).backgroundColor,
          screen: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth};
}"""


def luminance(rgb: tuple[int, ...]) -> float:
    channels = [c / 255 for c in rgb[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def drawn_colors(png: bytes) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The commonest colour of a screenshot (the chart's ground) and its darkest (its text and axes)."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colors = image.getcolors(image.width * image.height)
    background = max(colors)[1]
    darkest = min((luminance(color), color) for _, color in colors)[1]
    return background, darkest


def test_the_chart_is_svg_with_text_as_text_no_raster_and_nothing_to_fetch():
    svg = balance_svg(load_corpus())
    assert svg.count("<text") >= 10 and "<image" not in svg  # tick labels, legend, axis label: all text
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes and min(sizes) >= BALANCE_FONT
    assert not re.search(r'(?:href|src)="(?!#)', svg)  # no font, image or stylesheet to fetch
    assert svg == balance_svg(load_corpus())  # reproducible: the same data give the same file


@pytest.mark.browser
@pytest.mark.book
def test_the_chart_labels_are_at_least_10_css_px_on_a_390_px_phone_and_in_print(chromium, instructor_build):
    from browser import serve, settle, watch

    result, html = instructor_build
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with serve(html) as base:
        for width, height, media, scheme in (
            (390, 844, "screen", "light"),
            (390, 844, "screen", "dark"),
            (1366, 900, "screen", "light"),
            (794, 1123, "print", "light"),
        ):
            page = chromium.new_page(viewport={"width": width, "height": height})
            page.emulate_media(media=media, color_scheme=scheme)
            log = watch(page)
            page.goto(f"{base}/chapters/weighing-the-readings.html", wait_until="load")
            settle(page, log)
            found = page.evaluate(LABEL_SIZES)
            where = f"at {width} px ({media}, {scheme})"
            assert found["src"].endswith(".svg"), f"{where}: the chart is not SVG: {found['src']}"
            assert found["alt"].startswith("Line chart of the weighted evidence"), where
            assert abs(found["ratio"] - found["svgRatio"]) < 0.01, f"{where}: the chart is distorted: {found}"
            assert found["scroll"] <= found["screen"], f"{where}: the page scrolls sideways: {found}"
            assert min(found["sizes"]) >= 10, f"{where}: labels of {min(found['sizes']):.1f} CSS px: {found}"
            if scheme == "dark":
                # The theme puts images on a light ground in dark mode (and dims them a little): the chart's
                # dark text on its white must keep a contrast of at least 7:1 as drawn.
                background, darkest = drawn_colors(page.locator("#fig-reading-balance img").screenshot())
                assert contrast(background, darkest) >= 7, f"{where}: contrast {contrast(background, darkest):.1f}"
            assert log.problems == [], log.problems
            page.close()
