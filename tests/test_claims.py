import time

from analytic_reader import load_corpus, validate_project
from analytic_reader.data.claims import closest_passage, copied_run, crosses_paragraph, locate_quote
from repository import REPO_ROOT
from tinyproject import TINY_CLAIMS, TINY_CODEBOOK, TINY_READINGS, TINY_SEED, default_ratings, messages, write_project


def test_quote_is_located_at_its_character_offsets():
    span = locate_quote(TINY_SEED, "Moscow and Tehran trade drones for air defense.")
    assert (span.start, span.end) == (0, 47)
    assert TINY_SEED[span.start : span.end] == "Moscow and Tehran trade drones for air defense."


def test_whitespace_and_line_breaks_are_tolerated_but_offsets_cover_the_original_text():
    span = locate_quote(TINY_SEED, "is thin: Russia gave little beyond words.")
    assert TINY_SEED[span.start : span.end] == "is thin:\n  Russia gave little   beyond words."


def test_nothing_but_whitespace_is_tolerated():
    assert locate_quote(TINY_SEED, 'Critics say the "partnership" is thin:') is None  # straight quotes
    assert locate_quote(TINY_SEED, "moscow and Tehran") is None  # case
    assert locate_quote(TINY_SEED, "") is None


def test_closest_passage_shows_where_a_wrong_quote_nearly_matches():
    assert closest_passage(TINY_SEED, "Russia gave little except words.") == "Russia gave little beyond words."


def test_copied_run_finds_eight_borrowed_words():
    assert (
        copied_run("They say Moscow and Tehran trade drones for air defense today.", TINY_SEED)
        == "moscow and tehran trade drones for air defense"
    )
    assert copied_run("Russia and Iran swap drones.", TINY_SEED) is None


def test_wrong_quote_is_reported_with_row_field_and_nearest_passage(tiny_project):
    claims = [dict(TINY_CLAIMS[0]), dict(TINY_CLAIMS[1], quote="Russia gave nothing beyond words.")]
    write_project(tiny_project, claims=claims)
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:3: quote: not found verbatim in seeds/tiny.txt; "
        'closest passage: "Russia gave little beyond words."'
    ]


def test_unknown_source_is_reported_with_the_known_ones(tiny_project):
    write_project(tiny_project, claims=[*TINY_CLAIMS, dict(TINY_CLAIMS[1], source_id="ghost", claim_id="ghost-01")])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:4: source_id: 'ghost' is not in data/sources.csv; known sources: tiny"
    ]


def test_duplicate_claim_id_is_reported(tiny_project):
    write_project(
        tiny_project,
        claims=[TINY_CLAIMS[0], dict(TINY_CLAIMS[1], claim_id="tiny-01")],
        ratings=default_ratings([TINY_CLAIMS[0]], TINY_READINGS),
    )
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:3: claim_id: 'tiny-01' is a duplicate (first used on line 2)"
    ]


def test_unknown_enum_value_lists_the_allowed_values(tiny_project):
    write_project(tiny_project, claims=[dict(TINY_CLAIMS[0], kind="hopeful"), TINY_CLAIMS[1]])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: kind: 'hopeful' is not an allowed value; use one of 'factual report', 'assessment', "
        "'forecast', 'recommendation'"
    ]


def test_vocabularies_come_from_the_codebook(tiny_project):
    codebook = TINY_CODEBOOK.replace("| `forecast` |", "| `prophecy` |")  # the data's forecasts are then prophecies
    write_project(tiny_project, claims=[dict(TINY_CLAIMS[0], kind="prophecy"), TINY_CLAIMS[1]], codebook=codebook)
    assert messages(validate_project(tiny_project)) == []
    write_project(
        tiny_project,
        claims=[dict(TINY_CLAIMS[0], kind="assessment"), dict(TINY_CLAIMS[1], kind="forecast")],
        codebook=codebook.replace("`forecast`", "`prophecy`"),
    )
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:3: kind: 'forecast' is not an allowed value; use one of 'factual report', 'assessment', "
        "'prophecy', 'recommendation'"
    ]


def test_documentation_lists_codebook_values_in_order(tiny_project):
    write_project(
        tiny_project,
        claims=[
            dict(TINY_CLAIMS[0], documentation="dates; figures"),
            dict(TINY_CLAIMS[1], documentation="none; dates"),
        ],
    )
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: documentation: list each value once, in the codebook's order: figures; dates",
        "data/claims.csv:3: documentation: 'none' stands alone",
    ]


def test_speaker_must_be_named_near_the_quote(tiny_project):
    write_project(
        tiny_project,
        claims=[TINY_CLAIMS[0], dict(TINY_CLAIMS[1], speaker="Agence France-Presse", attribution="named organization")],
    )
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:3: speaker: 'Agence France-Presse' is not named in the quote's sentence or the one "
        "before it (on the same side of any scraping break) in seeds/tiny.txt"
    ]


def test_a_web_domain_is_never_a_speaker(tiny_project):
    write_project(tiny_project, claims=[TINY_CLAIMS[0], dict(TINY_CLAIMS[1], speaker="rferl.org critics")])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:3: speaker: 'rferl.org critics' is a web domain; a domain in brackets says where a link "
        "pointed, not who said something (codebook, section 2)"
    ]


BROKEN_SEED = "Analysts warned they are increasin(csce.gov)y shift to cross-support.\nCritics agree.\n"


def test_a_quote_must_not_cross_a_scraping_break(tiny_project):
    claim = dict(TINY_CLAIMS[0], quote="they are increasin(csce.gov)y shift", paraphrase="A change is under way.")
    write_project(tiny_project, seed=BROKEN_SEED, claims=[claim])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: quote: crosses a scraping break at '(csce.gov)'; the words on either side need not "
        "belong together, so quote one side only"
    ]


def test_a_speaker_named_before_a_break_is_not_the_speaker_after_it(tiny_project):
    claim = dict(TINY_CLAIMS[1], quote="y shift to cross-support.", speaker="analysts", paraphrase="Help now flows.")
    write_project(tiny_project, seed=BROKEN_SEED, claims=[claim])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: speaker: 'analysts' is not named in the quote's sentence or the one before it "
        "(on the same side of any scraping break) in seeds/tiny.txt"
    ]


def test_claim_id_must_carry_its_source_id(tiny_project):
    write_project(tiny_project, claims=[dict(TINY_CLAIMS[0], claim_id="other-01")])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: claim_id: 'other-01' should start with its source_id, e.g. tiny-01"
    ]


def test_paraphrase_copied_from_the_seed_is_reported(tiny_project):
    write_project(
        tiny_project, claims=[dict(TINY_CLAIMS[0], paraphrase="Moscow and Tehran trade drones for air defense.")]
    )
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: paraphrase: copies 8 or more words from seeds/tiny.txt "
        '("moscow and tehran trade drones for air defense"); write it in our own words'
    ]


def test_claims_frame_is_typed_and_carries_offsets(tiny_project):
    claims = load_corpus(tiny_project).claims
    assert list(claims.index) == ["tiny-01", "tiny-02"]
    assert str(claims["attribution"].dtype) == "category"
    assert claims["attribution"].cat.categories[0] == "named official"  # the codebook's order
    assert claims.loc["tiny-01", "favors"] == "linked" and claims.loc["tiny-02", "favors"] == "fraying"
    assert claims["diagnostic"].all()
    assert claims.loc["tiny-01", "quote_start"] == 0
    assert claims.loc["tiny-02", "quote_end"] == len(TINY_SEED) - 1


def test_real_claims_meet_the_corpus_targets():
    corpus = load_corpus()
    claims = corpus.claims
    per_source = claims.groupby("source_id").size()
    assert set(per_source.index) == set(corpus.sources.index)
    assert per_source.min() >= corpus.codebook.minimum_claims
    for reading_id in corpus.reading_ids:  # every reading has some evidence in its favor, and some against
        assert claims["favors"].str.contains(reading_id).any(), reading_id
    assert claims["quote_start"].notna().all()
    assert (corpus.coverage["coverage"] >= 0.9).all()


def test_the_closest_passage_search_is_bounded_for_a_very_long_wrong_quote():
    seed = (REPO_ROOT / "seeds" / "003_ddb0cd28caa01e57.txt").read_text(encoding="utf-8")
    quote = ("Russia invaded Ukraine and suddenly Vladimir Putin needed Iran " * 700)[:43000]
    start = time.perf_counter()
    passage = closest_passage(seed, quote)
    assert time.perf_counter() - start < 1.0
    assert passage.startswith("n Russia invaded Ukraine") or "Russia invaded Ukraine" in passage


def test_a_quote_across_a_paragraph_break_is_refused(tiny_project):
    seed = "Moscow and Tehran trade drones.\n\nRussia gave little beyond words.\n"
    claims = [
        dict(TINY_CLAIMS[0], quote="Moscow and Tehran trade drones.\n\nRussia gave little"),
        dict(TINY_CLAIMS[1], quote="Russia gave little beyond words."),
    ]
    write_project(tiny_project, seed=seed, claims=claims)
    assert (
        "data/claims.csv:2: quote: runs across a paragraph break; a claim is quoted from one paragraph "
        "(codebook, section 1)" in messages(validate_project(tiny_project))
    )


def test_a_quotation_that_runs_on_into_the_next_paragraph_may_be_quoted_whole():
    assert crosses_paragraph("Moscow said no.\n\nTehran said yes.")
    assert not crosses_paragraph("“Moscow will not help.\n\n“It never did,” he said.")  # one quotation, reopened
    assert not crosses_paragraph('"Moscow will not help.\n\n"It never did," he said.')
    assert crosses_paragraph("“Moscow will not help,” he said.\n\n“It never did,” she said.")  # closed, then another
