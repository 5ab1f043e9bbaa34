import pandas as pd

from analytic_reader import load_corpus
from analytic_reader.analysis.frames import (
    claim_matrix_frame,
    contested_topics,
    reading_balance,
    reading_counts,
    source_claims,
)
from analytic_reader.html.fulltext import highlighted_text_html
from analytic_reader.html.tables import html_table, source_claims_html
from tinyproject import TINY_CLAIMS, TINY_READINGS, default_ratings, write_project


def test_source_claims_have_readable_columns_and_no_index_noise(tiny_project):
    table = source_claims(load_corpus(tiny_project), "tiny")
    assert list(table.columns) == [
        "Claim",
        "Quote (verbatim)",
        "In our words",
        "Kind",
        "Speaker",
        "Attribution",
        "Documentation",
        "Theater",
        "Topic",
        "Favors",
        "rating: Linked theaters",
        "rating: Fraying partnership",
    ]
    assert table.loc[0, "Favors"] == "Linked theaters" and table.loc[1, "rating: Linked theaters"] == "inconsistent"
    assert list(table.index) == [0, 1]
    html = source_claims_html(load_corpus(tiny_project), "tiny")
    assert 'id="row-tiny-01"' in html and 'href="appendix-texts.html#claim-tiny-01"' in html
    assert "<summary>Fraying partnership: <strong>inconsistent</strong></summary><p>A test fixture" in html  # rationale
    assert "<caption>" in html and 'scope="col"' in html


def test_reading_counts_and_balance(tiny_project):
    corpus = load_corpus(tiny_project)
    counts = reading_counts(corpus)
    assert counts.loc["tiny", ["claims", "diagnostic", "favor linked", "favor fraying", "not diagnostic"]].tolist() == [
        2,
        2,
        1,
        1,
        0,
    ]
    balance = reading_balance(corpus)
    assert (
        balance.loc["tiny", "favors Linked theaters"] == 0.5
        and balance.loc["tiny", "favors Fraying partnership"] == 0.5
    )


def test_evidence_every_reading_accepts_favors_none(tiny_project):
    ratings = [
        {"claim_id": c, "reading_id": r, "rating": "consistent", "rationale": "Both accept it."}
        for c in ("tiny-01", "tiny-02")
        for r in ("linked", "fraying")
    ]
    write_project(tiny_project, ratings=ratings)
    corpus = load_corpus(tiny_project)
    assert not corpus.claims["diagnostic"].any()
    assert reading_counts(corpus).loc["tiny", ["favor linked", "favor fraying", "not diagnostic"]].tolist() == [0, 0, 2]
    assert reading_balance(corpus).loc["tiny", "favors Linked theaters"] == 0


def test_claim_matrix_marks_readings_with_letters(tiny_project):
    matrix = claim_matrix_frame(load_corpus(tiny_project))
    assert matrix.loc["drones and missiles", "tiny"] == "tiny-01 (L)"
    assert matrix.loc["diplomacy", "tiny"] == "tiny-02 (F)"


def test_contested_topics_need_both_readings(tiny_project):
    claims = [
        TINY_CLAIMS[0],  # favors the first reading
        dict(TINY_CLAIMS[1], topic="drones and missiles"),  # the second, on the same topic
        dict(TINY_CLAIMS[1], claim_id="tiny-03", quote="gave little", topic="arms transfers"),  # one reading only
        dict(TINY_CLAIMS[0], claim_id="tiny-04", quote="Critics say", topic="energy and sanctions"),  # none
    ]
    ratings = [
        dict(rating, rating={"linked": "inconsistent", "fraying": "consistent"}[rating["reading_id"]])
        if rating["claim_id"] == "tiny-03"
        else rating
        for rating in default_ratings(claims, TINY_READINGS)
    ]
    write_project(tiny_project, claims=claims, ratings=ratings)
    table = contested_topics(load_corpus(tiny_project)).set_index("topic")
    assert table.loc["drones and missiles", "contested"] == "yes"
    assert table.loc["arms transfers", "sources favoring Fraying partnership"] == "tiny"
    assert table.loc["arms transfers", "sources favoring Linked theaters"] == ""
    assert table.loc["arms transfers", "contested"] == "no"  # claims favor one reading only
    assert table.loc["energy and sanctions", "diagnostic"] == 0
    assert table.loc["energy and sanctions", "contested"] == "no"  # no claim favors any reading


def test_tables_escape_everything_from_the_data(tiny_project):
    # The check refuses markup in these fields (test_inert_data.py); put it into the loaded corpus, as
    # data the check never saw, to show the tables escape it anyway.
    corpus = load_corpus(tiny_project)
    corpus.sources.loc["tiny", "title"] = "<b>bold</b> & <script>x()</script>"
    corpus.claims.loc["tiny-02", "speaker"] = "<script>alert(1)</script> critics"
    html = source_claims_html(corpus, "tiny")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in html


def test_full_text_highlights_every_claim_once_with_anchor_and_backlink(tiny_project):
    html = highlighted_text_html(load_corpus(tiny_project), "tiny")
    for claim_id in ("tiny-01", "tiny-02"):
        assert html.count(f'id="claim-{claim_id}"') == 1
        assert html.count(f'href="tiny.html#row-{claim_id}"') == 1
    assert "“partnership”" in html  # the seed's own characters, escaped only where needed


def test_overlapping_quotes_are_both_highlighted(tiny_project):
    claims = [TINY_CLAIMS[1], dict(TINY_CLAIMS[1], claim_id="tiny-03", quote="gave little")]
    write_project(tiny_project, claims=claims)
    html = highlighted_text_html(load_corpus(tiny_project), "tiny")
    assert 'data-claims="tiny-02 tiny-03"' in html
    assert html.count('id="claim-tiny-03"') == 1


def test_html_table_shows_index_only_when_asked():
    frame = pd.DataFrame({"a": [1]}, index=["row"])
    assert 'scope="row"' not in html_table(frame, caption="c")
    assert '<th scope="row">row</th>' in html_table(frame, caption="c", index_header="name")


def test_generated_html_keeps_the_words_of_neighbouring_blocks_apart_for_the_search_index(tiny_project):
    import re

    from analytic_reader import book
    from analytic_reader.html.blocks import spaced_blocks

    corpus = load_corpus(tiny_project)
    for html in (book.claims_table(corpus, "tiny").data, book.source_card(corpus, "tiny").data):
        text = re.sub(r"<[^<]+?>", "", html)  # what Sphinx's search index keeps of a raw HTML output
        assert "Claim and verdictQuote" not in text and "Who says itRating" not in text and "GenreExplainer" not in text
        assert not re.search(r"</(td|th|li|p|tr|caption)>(?=<)", html), html
    assert spaced_blocks("<pre><b>a</b></pre>") == "<pre><b>a</b></pre>"  # literal text as it is
