"""Complete coding, the forecast audit, the timeline, the glossary and the two codings: each rule
refuses bad input with a ``file:line: field: what is wrong`` message."""

from __future__ import annotations

from analytic_reader import validate_project
from analytic_reader.data.ratings import cohen_kappa
from analytic_reader.data.sentences import scraping_breaks, split_sentences
from tinyproject import TINY_CLAIMS, messages, write_project


def test_sentences_split_at_full_stops_headings_bullets_and_scraping_breaks():
    text = "Mr. Putin went. He left (csce.gov) ### Why?\n- A bullet. And increasin(rferl.org)y shift.\n"
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Putin went.",
        "He left (csce.gov)",
        "### Why?",
        "- A bullet.",
        "And increasin(rferl.org)",
        "y shift.",
    ]
    assert len(scraping_breaks(text)) == 2  # "left (csce.gov)" and "increasin(rferl.org)y"


def test_a_sentence_neither_coded_nor_in_the_ledger_is_named_with_its_seed_line(tiny_project):
    write_project(tiny_project, ledger=[])
    assert messages(validate_project(tiny_project)) == [
        "seeds/tiny.txt:2: sentence 2: neither coded nor in data/ledger.csv: “Critics say the “partnership” is thin:”; "
        "quote it in a claim or list it in the ledger with a reason"
    ]


def test_a_ledger_row_must_match_its_sentence_and_a_duplicate_must_name_a_claim(tiny_project):
    write_project(
        tiny_project,
        ledger=[
            {
                "source_id": "tiny",
                "sentence": "2",
                "starts": "Critics said",
                "reason": "duplicate",
                "see": "tiny-09",
                "note": "",
            }
        ],
    )
    assert messages(validate_project(tiny_project)) == [
        "data/ledger.csv:2: starts: sentence 2 of seeds/tiny.txt starts “Critics say the “partnership” is thin:”, "
        "not “Critics said”",
        "data/ledger.csv:2: see: a duplicate must name the claim of tiny it repeats; 'tiny-09' is not one",
    ]


def test_coverage_below_the_target_is_refused(tiny_project):
    write_project(
        tiny_project,
        ledger=[
            {
                "source_id": "tiny",
                "sentence": "2",
                "starts": "Critics say",
                "reason": "background",
                "see": "",
                "note": "Left out on purpose.",
            }
        ],
    )
    assert messages(validate_project(tiny_project)) == [
        "data/ledger.csv: reason: tiny: 67% of its assertive sentences are coded, below the 90% target; code more "
        "of its background sentences"
    ]


def test_an_unaudited_forecast_is_refused(tiny_project):
    write_project(tiny_project, claims=[dict(TINY_CLAIMS[0], kind="forecast"), TINY_CLAIMS[1]])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: kind: tiny-01 is a forecast but is not audited in data/forecasts.csv; add it with the "
        "later evidence and a verdict"
    ]


def test_an_event_must_cite_a_claim_or_a_reference(tiny_project):
    write_project(tiny_project)
    (tiny_project / "data" / "events.csv").write_text(
        "date,event,citation,note\n2024,Something.,nowhere-01,\n", encoding="utf-8"
    )
    assert messages(validate_project(tiny_project)) == [
        "data/events.csv:2: citation: 'nowhere-01' is neither a claim id nor a key of references.bib"
    ]


def test_a_think_tank_needs_its_orientation(tiny_project):
    write_project(tiny_project)
    (tiny_project / "data" / "glossary.csv").write_text(
        "term,aliases,category,definition,orientation\nISW,,think tank,A research institute.,\n", encoding="utf-8"
    )
    assert messages(validate_project(tiny_project)) == [
        "data/glossary.csv:2: orientation: a think tank needs a neutral line on its orientation"
    ]


def test_a_disagreement_between_coders_must_be_adjudicated(tiny_project):
    write_project(tiny_project)
    coding = tiny_project / "data" / "coding"
    coding.mkdir()
    ratings = (tiny_project / "data" / "ratings.csv").read_text(encoding="utf-8")
    (coding / "first.csv").write_text(ratings, encoding="utf-8")
    (coding / "second.csv").write_text(
        ratings.replace("tiny-01,linked,consistent", "tiny-01,linked,neutral"), encoding="utf-8"
    )
    (coding / "adjudication.csv").write_text("claim_id,reading_id,first,second,decision,reason\n", encoding="utf-8")
    assert messages(validate_project(tiny_project)) == [
        "data/coding/adjudication.csv: claim_id: the coders disagree on tiny-01 against 'linked' (consistent / "
        "neutral); adjudicate it and log the decision"
    ]
    (coding / "adjudication.csv").write_text(
        "claim_id,reading_id,first,second,decision,reason\n"
        "tiny-01,linked,consistent,neutral,consistent,Two-way flow.\n",
        encoding="utf-8",
    )
    assert messages(validate_project(tiny_project)) == []


def test_kappa_discounts_chance_agreement():
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "a", "b", "b"]) == 1.0
    assert cohen_kappa(["a", "b", "a", "b"], ["a", "a", "b", "b"]) == 0.0
    assert round(cohen_kappa(["c"] * 6 + ["n"] * 4, ["c"] * 5 + ["n"] * 5), 2) == 0.8
