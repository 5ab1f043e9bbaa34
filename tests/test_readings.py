from analytic_reader import load_corpus, validate_project

from conftest import messages, write_project


def test_readings_load_with_labels_and_questions(tiny_project):
    readings = load_corpus(tiny_project).readings
    assert list(readings.index) == ["linked", "fraying"]
    assert readings.loc["fraying", "label"] == "Fraying partnership"
    assert readings.loc["linked", "distinguishing_questions"] == ["Does help flow both ways?"]


def test_invalid_yaml_is_reported_with_its_line(tiny_project):
    write_project(tiny_project, readings="readings:\n  - reading_id: linked\n   label: [unclosed\n")
    text = messages(validate_project(tiny_project))
    assert text[0].startswith("data/readings.yml:3: is not valid YAML")


def test_missing_keys_are_named(tiny_project):
    write_project(tiny_project, readings="readings:\n  - reading_id: linked\n    label: Linked\n")
    text = messages(validate_project(tiny_project))
    assert "data/readings.yml: readings[1].thesis: is missing or empty" in text
    assert "data/readings.yml: readings[1].distinguishing_questions: is missing or empty" in text


def test_reserved_reading_ids_are_refused(tiny_project):
    write_project(tiny_project, readings="readings:\n  - {reading_id: both, label: B, thesis: T, distinguishing_questions: [q]}\n"
                                         "  - {reading_id: fraying, label: F, thesis: T, distinguishing_questions: [q]}\n")
    assert "data/readings.yml: readings[1].reading_id: 'both' is reserved for claims" in messages(validate_project(tiny_project))
