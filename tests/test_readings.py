from analytic_reader import load_corpus, validate_project
from tinyproject import TINY_CLAIMS, TINY_READINGS, default_ratings, messages, write_project


def test_readings_load_with_labels_and_questions(tiny_project):
    readings = load_corpus(tiny_project).readings
    assert list(readings.index) == ["linked", "fraying"]
    assert readings.loc["fraying", "label"] == "Fraying partnership"
    assert readings.loc["linked", "distinguishing_questions"] == [
        {"versus": "fraying", "question": "Does help flow both ways?"}
    ]
    assert readings.loc["fraying", "concedes"] == ["Iran sold Russia drones."]


def test_invalid_yaml_is_reported_with_its_line(tiny_project):
    write_project(tiny_project, readings="readings:\n  - reading_id: linked\n   label: [unclosed\n")
    text = messages(validate_project(tiny_project))
    assert text[0].startswith("data/readings.yml:3: is not valid YAML")


def test_missing_keys_are_named(tiny_project):
    write_project(tiny_project, readings="readings:\n  - reading_id: linked\n    label: Linked\n")
    text = messages(validate_project(tiny_project))
    assert "data/readings.yml: readings[1].thesis: is missing or empty" in text
    assert "data/readings.yml: readings[1].distinguishing_questions: is missing or empty" in text
    assert "data/readings.yml: readings[1].concedes: is missing or empty" in text
    assert "data/readings.yml: readings[1].refuted_by: is missing or empty" in text


def test_reading_ids_are_slugs(tiny_project):
    write_project(
        tiny_project,
        readings=TINY_READINGS.replace("reading_id: linked", "reading_id: Both Ways"),
    )
    assert (
        "data/readings.yml: readings[1].reading_id: 'Both Ways' is not valid; use lower-case letters, digits "
        "and hyphens"
    ) in messages(validate_project(tiny_project))


def test_a_third_reading_needs_a_rating_of_every_claim(tiny_project):
    third = TINY_READINGS + (
        "  - reading_id: hedged\n    label: Hedged partnership\n    thesis: Both, by turns.\n"
        "    concedes: [Each side uses the other.]\n"
        '    distinguishing_questions:\n      - {versus: linked, question: "Does each side hedge?"}\n'
        '      - {versus: fraying, question: "Does each side keep cooperating?"}\n'
        "    refuted_by: [Neither side hedges.]\n"
    )
    write_project(tiny_project, readings=third, ratings=default_ratings(TINY_CLAIMS, TINY_READINGS))
    assert messages(validate_project(tiny_project)) == [
        "data/claims.csv:2: claim_id: tiny-01 has no rating against 'hedged' in data/ratings.csv; rate every claim "
        "against every reading",
        "data/claims.csv:3: claim_id: tiny-02 has no rating against 'hedged' in data/ratings.csv; rate every claim "
        "against every reading",
    ]
    write_project(tiny_project, readings=third)
    corpus = load_corpus(tiny_project)
    assert list(corpus.readings["mark"]) == ["L", "F", "H"]


def test_two_readings_that_no_question_tells_apart_are_refused(tiny_project):
    third = TINY_READINGS + (
        "  - reading_id: hedged\n    label: Hedged partnership\n    thesis: Both, by turns.\n"
        "    concedes: [Each side uses the other.]\n"
        '    distinguishing_questions:\n      - {versus: linked, question: "Does each side hedge?"}\n'
        "    refuted_by: [Neither side hedges.]\n"
    )
    write_project(tiny_project, readings=third)
    assert messages(validate_project(tiny_project)) == [
        "data/readings.yml: distinguishing_questions: no question tells 'fraying' from 'hedged'; add one with "
        "'versus' to either reading"
    ]
    write_project(tiny_project, readings=third.replace("versus: linked", "versus: nobody"))
    assert (
        "data/readings.yml: readings[3].distinguishing_questions[1].versus: 'nobody' is not another reading; "
        "use one of 'linked', 'fraying'"
    ) in messages(validate_project(tiny_project))
