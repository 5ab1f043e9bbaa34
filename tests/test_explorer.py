"""The claim explorer: every claim on one page, filtered in the browser with the filters in the address,
complete without a script, and light enough for a slow link."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import unquote

import pytest

from analytic_reader import load_corpus
from analytic_reader.data.exports import read_exports
from analytic_reader.data.ratings import cohen_kappa
from analytic_reader.html.explorer import explorer_frame, explorer_html
from browser import serve, settle, watch


def test_the_explorer_holds_every_claim_once_with_what_its_filters_test():
    corpus = load_corpus()
    html = explorer_html(corpus)
    rows = re.findall(r'<tr data-order="\d+">', html)
    assert len(rows) == len(corpus.claims)
    assert sorted(re.findall(r"<th scope=\"row\"><a href=\"[^\"]+\">([^<]+)</a>", html)) == sorted(corpus.claims.index)
    data = json.loads(
        re.search(r'<script type="application/json" class="ar-explorer-data">(.*?)</script>', html).group(1)
    )
    assert len(data["rows"]) == len(corpus.claims)
    assert {f"rating-{r}" for r in corpus.reading_ids} <= set(data["fields"])
    assert len(html.encode()) + len((load_corpus().paths.root / "assets/scripts/explorer.js").read_bytes()) <= 300_000


def test_hostile_data_in_the_explorer_is_text(tiny_project):
    corpus = load_corpus(tiny_project)
    corpus.claims.loc["tiny-01", "paraphrase"] = '<img src=x onerror="alert(1)"> "quoted"'
    html = explorer_html(corpus)
    assert "<img" not in html and "&lt;img src=x" in html
    corpus.claims["documentation"] = corpus.claims["documentation"].astype(str)
    corpus.claims.loc["tiny-01", "documentation"] = "</script><script>alert(1)</script>"
    assert "</script><script>alert" not in explorer_html(corpus)  # data inside the JSON cannot close it


def expected_selection(corpus, reading: str, word: str):
    """What a pandas query on the data gives for the explorer's filters year=2025, against=reading and
    a search for ``word`` over each claim's quote, paraphrase, speaker and rationales."""
    frame = explorer_frame(corpus)
    year = corpus.sources["published"].str[:4]
    in_2025 = frame[
        (frame["source_id"].map(year) == "2025") & frame["against"].str.split(", ").apply(lambda r: reading in r)
    ]
    rationales = corpus.ratings.groupby("claim_id")["rationale"].agg(" ".join)
    text = (
        corpus.claims["quote"]
        + " "
        + corpus.claims["paraphrase"]
        + " "
        + corpus.claims["speaker"]
        + " "
        + rationales.reindex(corpus.claims.index).fillna("")
    ).str.lower()
    searched = frame[text.reindex(frame.index).str.contains(word.lower(), regex=False)]
    return frame, in_2025, searched


def shown_claims(page) -> list[str]:
    return page.locator(".ar-explorer-table tbody tr:visible th a:first-child").all_inner_texts()


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_a_linked_selection_and_a_search_show_the_same_claims_as_pandas_and_every_claim_shows_without_a_script(
    chromium, instructor_build, scheme
):
    _, html = instructor_build
    corpus = load_corpus()
    reading = corpus.reading_ids[1]
    word = "interceptor"
    frame, in_2025, searched = expected_selection(corpus, reading, word)
    assert len(in_2025) and len(searched)  # the queries select something, and not everything
    with serve(html) as base:
        root = base if scheme == "http" else html.as_uri()
        page = chromium.new_page()
        log = watch(page)
        page.goto(f"{root}/chapters/explore.html?year=2025&against={reading}", wait_until="load")
        page.wait_for_function("document.querySelector('.ar-explorer-count').textContent.includes('match')")
        assert sorted(shown_claims(page)) == sorted(in_2025.index)
        assert (
            page.locator(".ar-explorer-count").inner_text()
            == f"{len(in_2025)} of {len(frame)} claims match the filters."
        )
        assert page.locator(".ar-explorer-count").get_attribute("aria-live") == "polite"  # counts are announced
        page.select_option('select[name="sort"]', "weight")
        if scheme == "http":  # a file:// page may refuse to change its address; the filters work all the same
            assert "sort=weight" in page.url and f"against={reading}" in page.url  # the address keeps the filters
        weights = page.locator(".ar-explorer-table tbody tr:visible").evaluate_all(
            "rows => rows.map(r => +r.dataset.weight)"
        )
        assert weights == sorted(weights, reverse=True)
        page.goto(f"{root}/chapters/explore.html?words={word}", wait_until="load")
        page.wait_for_function("document.querySelector('.ar-explorer-count').textContent.includes('match')")
        assert sorted(shown_claims(page)) == sorted(searched.index)
        settle(page, log)
        assert log.problems == []
        page.close()

        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{root}/chapters/explore.html?year=2025", wait_until="load")
        assert page.locator(".ar-explorer-table tbody tr:visible").count() == len(frame)
        context.close()


@pytest.mark.browser
@pytest.mark.book
def test_the_practice_page_reveals_the_books_ratings_scores_like_the_package_and_exports_for_the_class(
    chromium, instructor_build, tmp_path
):
    """A scripted student rates ten claims on the page opened from file:// (no server, as from a
    downloaded copy of the book), agreeing with the book on some ratings and not on others; the page's
    agreement and kappa per reading are the package's, and its export is read by class-agreement."""
    _, html = instructor_build
    corpus = load_corpus()
    chosen = list(corpus.claims.index[::25][:10])
    assert len(chosen) == 10
    book = {(str(r.claim_id), str(r.reading_id)): str(r.rating) for r in corpus.ratings.itertuples()}
    other = {"consistent": "neutral", "neutral": "inconsistent", "inconsistent": "consistent"}
    # Disagree on claims 0, 3 and 6 against every reading and on claim 8 against the first one only.
    mine = {
        (c, r): (other[book[(c, r)]] if n in (0, 3, 6) or (n == 8 and r == corpus.reading_ids[0]) else book[(c, r)])
        for n, c in enumerate(chosen)
        for r in corpus.reading_ids
    }
    page = chromium.new_page()
    log = watch(page)
    page.goto(f"{html.as_uri()}/chapters/practice.html?claims={','.join(chosen)}", wait_until="load")
    page.fill("#ar-practice-student", "ada")
    for claim_id in chosen:
        assert page.locator(".ar-practice-id").inner_text() == claim_id
        assert "How the book rated it" not in page.locator(".ar-practice-result").inner_text()  # not yet
        for reading_id in corpus.reading_ids:
            page.check(f"#ar-p-{reading_id}-{mine[(claim_id, reading_id)]}")
        page.click("text=Check my ratings")
        assert "How the book rated it" in page.locator(".ar-practice-result").inner_text()
        page.click("text=Next claim")
    for reading_id in corpus.reading_ids:
        label = str(corpus.readings.loc[reading_id, "label"])
        row = page.locator(f".ar-practice-score tr:has(th:text-is('{label}'))")
        mine_r = [mine[(c, reading_id)] for c in chosen]
        book_r = [book[(c, reading_id)] for c in chosen]
        expected = cohen_kappa(mine_r, book_r)
        shown = row.locator("td[data-kappa]").get_attribute("data-kappa")
        assert (shown and abs(float(shown) - expected) < 1e-9) or (not shown and expected != expected), reading_id
        agreed = sum(a == b for a, b in zip(mine_r, book_r))
        assert row.locator("td").all_inner_texts()[:2] == ["10", f"{10 * agreed}%"], row.inner_text()
    href = page.locator(".ar-practice-export").get_attribute("href")
    page.reload()
    assert "10 checked so far" in page.locator(".ar-practice-progress").inner_text()  # kept in the browser
    assert log.problems == []
    page.close()

    export = tmp_path / "ada.csv"
    export.write_text(unquote(href.split(",", 1)[1]), encoding="utf-8")
    ratings, problems = read_exports([export], corpus)
    assert problems == [] and len(ratings) == len(chosen) * len(corpus.reading_ids)
    assert {(r.claim_id, r.reading_id): r.rating for r in ratings} == mine and {r.student for r in ratings} == {"ada"}
    # The instructor's command reads it: ada's agreement with the book per reading is in the report.
    report = tmp_path / "report"
    result = subprocess.run(
        [sys.executable, "-m", "analytic_reader", "class-agreement", str(export), "--out", str(report)],
        capture_output=True,
        text=True,
        cwd=corpus.paths.root,
    )
    assert result.returncode == 0, result.stderr
    assert any(report.iterdir())


#: How far the page scrolls sideways, and which of its controls and cells stick out of the screen
#: where no frame of their own scrolls to them (a table in a scrolling frame may be wider than the screen).
PHONE_FIT = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX) && a.scrollWidth > a.clientWidth) return true; }
    return false; };
  const outside = [...document.querySelectorAll('main input, main select, main button, main label, main td, main th')]
    // (a header moved off-screen for screen readers lies wholly left of the screen: not a reader's problem)
    .filter(e => e.offsetParent !== null && !scrolls(e) && e.getBoundingClientRect().right > 0)
    .filter(e => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > width + 1; })
    .map(e => e.outerHTML.slice(0, 80));
  return {scroll: document.scrollingElement.scrollWidth - width, outside};
}"""


@pytest.mark.browser
@pytest.mark.book
def test_the_explorer_practice_and_self_check_pages_fit_a_phone(chromium, instructor_build):
    _, html = instructor_build
    problems = []
    with serve(html) as base:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        for path in ("chapters/explore.html", "chapters/practice.html", "chapters/growing-ties.html"):
            page.goto(f"{base}/{path}", wait_until="load")
            found = page.evaluate(PHONE_FIT)
            if found["scroll"] > 1 or found["outside"]:
                problems.append(f"{path} at 390 px: {found}")
        page.close()
    assert problems == [], "\n".join(problems)
