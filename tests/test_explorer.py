"""The claim explorer: every claim on one page, filtered in the browser with the filters in the address,
complete without a script, and light enough for a slow link."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest

from analytic_reader import load_corpus
from analytic_reader.data.exports import read_exports
from analytic_reader.data.ratings import cohen_kappa
from analytic_reader.html.explorer import explorer_frame, explorer_html
from browser import serve


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


@pytest.mark.browser
@pytest.mark.book
def test_a_linked_selection_shows_the_same_claims_as_pandas_and_every_claim_shows_without_a_script(
    chromium, instructor_build
):
    _, html = instructor_build
    corpus = load_corpus()
    reading = corpus.reading_ids[1]
    frame = explorer_frame(corpus)
    year = corpus.sources["published"].str[:4]
    expected = frame[
        (frame["source_id"].map(year) == "2025") & frame["against"].str.split(", ").apply(lambda r: reading in r)
    ]
    with serve(html) as base:
        page = chromium.new_page()
        page.goto(f"{base}/chapters/explore.html?year=2025&against={reading}", wait_until="load")
        page.wait_for_function("document.querySelector('.ar-explorer-count').textContent.includes('match')")
        shown = page.locator(".ar-explorer-table tbody tr:visible th a:first-child").all_inner_texts()
        assert sorted(shown) == sorted(expected.index)
        assert (
            page.locator(".ar-explorer-count").inner_text()
            == f"{len(expected)} of {len(frame)} claims match the filters."
        )
        page.select_option('select[name="sort"]', "weight")
        assert "sort=weight" in page.url and f"against={reading}" in page.url  # the address keeps the filters
        weights = page.locator(".ar-explorer-table tbody tr:visible").evaluate_all(
            "rows => rows.map(r => +r.dataset.weight)"
        )
        assert weights == sorted(weights, reverse=True)
        page.close()

        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}/chapters/explore.html?year=2025", wait_until="load")
        assert page.locator(".ar-explorer-table tbody tr:visible").count() == len(frame)
        context.close()


@pytest.mark.browser
@pytest.mark.book
def test_the_practice_page_reveals_the_books_ratings_scores_like_the_package_and_exports_for_the_class(
    chromium, instructor_build, tmp_path
):
    _, html = instructor_build
    corpus = load_corpus()
    chosen = list(corpus.claims.index[:4])
    book = {(str(r.claim_id), str(r.reading_id)): str(r.rating) for r in corpus.ratings.itertuples()}
    other = {"consistent": "neutral", "neutral": "inconsistent", "inconsistent": "consistent"}
    mine = {
        (c, r): (other[book[(c, r)]] if c == chosen[0] else book[(c, r)]) for c in chosen for r in corpus.reading_ids
    }
    with serve(html) as base:
        page = chromium.new_page()
        page.goto(f"{base}/chapters/practice.html?claims={','.join(chosen)}", wait_until="load")
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
            shown = page.locator(f".ar-practice-score tr:has(th:text-is('{label}')) td[data-kappa]").get_attribute(
                "data-kappa"
            )
            expected = cohen_kappa([mine[(c, reading_id)] for c in chosen], [book[(c, reading_id)] for c in chosen])
            assert shown and abs(float(shown) - expected) < 1e-9 or (not shown and expected != expected)
        href = page.locator(".ar-practice-export").get_attribute("href")
        page.reload()
        assert "4 checked so far" in page.locator(".ar-practice-progress").inner_text()  # kept in the browser
        page.close()
    export = tmp_path / "ada.csv"
    export.write_text(unquote(href.split(",", 1)[1]), encoding="utf-8")
    ratings, problems = read_exports([export], corpus)
    assert problems == [] and len(ratings) == len(chosen) * len(corpus.reading_ids)
    assert {(r.claim_id, r.reading_id): r.rating for r in ratings} == mine and {r.student for r in ratings} == {"ada"}
