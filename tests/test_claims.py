from analytic_reader import load_corpus, validate_project
from analytic_reader.claims import closest_passage, copied_run, locate_quote

from conftest import TINY_CLAIMS, TINY_SEED, messages, write_project


def test_quote_is_located_at_its_character_offsets():
    span = locate_quote(TINY_SEED, "Moscow and Tehran trade drones for air defense.")
    assert (span.start, span.end) == (0, 47)
    assert TINY_SEED[span.start:span.end] == "Moscow and Tehran trade drones for air defense."


def test_whitespace_and_line_breaks_are_tolerated_but_offsets_cover_the_original_text():
    span = locate_quote(TINY_SEED, "is thin: Russia gave little beyond words.")
    assert TINY_SEED[span.start:span.end] == "is thin:\n  Russia gave little   beyond words."


def test_nothing_but_whitespace_is_tolerated():
    assert locate_quote(TINY_SEED, 'Critics say the "partnership" is thin:') is None  # straight quotes
    assert locate_quote(TINY_SEED, "moscow and Tehran") is None  # case
    assert locate_quote(TINY_SEED, "") is None


def test_closest_passage_shows_where_a_wrong_quote_nearly_matches():
    assert closest_passage(TINY_SEED, "Russia gave little except words.") == "Russia gave little beyond words."


def test_copied_run_finds_eight_borrowed_words():
    assert copied_run("They say Moscow and Tehran trade drones for air defense today.", TINY_SEED) == \
        "moscow and tehran trade drones for air defense"
    assert copied_run("Russia and Iran swap drones.", TINY_SEED) is None


def test_wrong_quote_is_reported_with_row_field_and_nearest_passage(tiny_project):
    claims = [dict(TINY_CLAIMS[0]), dict(TINY_CLAIMS[1], quote="Russia gave nothing beyond words.")]
    write_project(tiny_project, claims=claims)
    assert messages(validate_project(tiny_project)) == [
        'data/claims.csv:3: quote: not found verbatim in seeds/tiny.txt; closest passage: "Russia gave little beyond words."'
    ]


def test_unknown_source_is_reported_with_the_known_ones(tiny_project):
    write_project(tiny_project, claims=[dict(TINY_CLAIMS[0], source_id="ghost", claim_id="ghost-01")])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: source_id: 'ghost' is not in data/sources.csv; known sources: tiny"]


def test_duplicate_claim_id_is_reported(tiny_project):
    write_project(tiny_project, claims=[TINY_CLAIMS[0], dict(TINY_CLAIMS[1], claim_id="tiny-01")])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:3: claim_id: 'tiny-01' is a duplicate (first used on line 2)"]


def test_unknown_enum_value_lists_the_allowed_values(tiny_project):
    write_project(tiny_project, claims=[dict(TINY_CLAIMS[0], reading="hopeful")])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: reading: 'hopeful' is not an allowed value; use one of 'linked', 'fraying', 'both', 'neither'"]


def test_claim_id_must_carry_its_source_id(tiny_project):
    write_project(tiny_project, claims=[dict(TINY_CLAIMS[0], claim_id="other-01")])
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: claim_id: 'other-01' should start with its source_id, e.g. tiny-01"]


def test_paraphrase_copied_from_the_seed_is_reported(tiny_project):
    write_project(tiny_project, claims=[dict(TINY_CLAIMS[0], paraphrase="Moscow and Tehran trade drones for air defense.")])
    assert messages(validate_project(tiny_project)) == [
        'data/claims.csv:2: paraphrase: copies 8 or more words from seeds/tiny.txt '
        '("moscow and tehran trade drones for air defense"); write it in our own words']


def test_claims_frame_is_typed_and_carries_offsets(tiny_project):
    claims = load_corpus(tiny_project).claims
    assert list(claims.index) == ["tiny-01", "tiny-02"]
    assert str(claims["reading"].dtype) == "category"
    assert list(claims["reading"].cat.categories) == ["linked", "fraying", "both", "neither"]
    assert claims.loc["tiny-01", "quote_start"] == 0
    assert claims.loc["tiny-02", "quote_end"] == len(TINY_SEED) - 1


def test_real_claims_meet_the_corpus_targets():
    claims = load_corpus().claims
    per_source = claims.groupby("source_id").size()
    assert len(claims) >= 40
    assert len(per_source) == 5 and per_source.min() >= 8
    for reading in ("linked", "fraying"):
        assert claims.loc[claims["reading"] == reading, "source_id"].nunique() >= 3, reading
    assert claims["quote_start"].notna().all()
