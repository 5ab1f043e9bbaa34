from hypothesis import given, settings
from hypothesis import strategies as st

from analytic_reader import validate_project
from analytic_reader.data.bibliography import parse_bibliography
from tinyproject import TINY_BIB, TINY_SOURCE, messages, write_project


def test_entries_are_read_as_plain_text():
    bib = parse_bibliography("@misc{k,\n  title = {A ``quoted'' {Title}},\n  note = {a\\_b}\n}\n")
    assert bib.problems == []
    assert bib.entries["k"]["title"] == "A “quoted” Title"
    assert bib.entries["k"]["note"] == "a_b"


def test_unparsable_entry_is_reported_with_its_line():
    bib = parse_bibliography(TINY_BIB + "\n@misc{broken,\n  title = {unclosed\n" + "@misc{ok, title={fine}}\n")
    text = messages(bib.problems)
    assert len(text) == 1 and text[0].startswith("references.bib:6: entry cannot be parsed")
    assert "tiny_2024" in bib.entries


def test_duplicate_key_is_reported():
    bib = parse_bibliography(TINY_BIB + TINY_BIB)
    assert messages(bib.problems) == ["references.bib:5: tiny_2024: duplicate entry key; each key must be unique"]


def test_entry_without_title_is_reported():
    assert messages(parse_bibliography("@misc{k, year={2024}}").problems) == [
        "references.bib:1: k.title: is missing; every entry needs it"
    ]


def test_bibkey_missing_from_bibliography_is_reported(tiny_project):
    write_project(tiny_project, sources=[dict(TINY_SOURCE, bibkey="nowhere_2024")])
    assert messages(validate_project(tiny_project)) == [
        "data/sources.csv:2: bibkey: 'nowhere_2024' is not an entry of references.bib"
    ]


def test_entries_read_as_plain_text_escapes_dashes_quotes_and_accents_decoded():
    bib = parse_bibliography("@misc{k, title = {{U.S. Helsinki Commission} -- a\\&b ``q''  Caf\\'e}, year = {2024}}")
    assert bib.entries["k"]["title"] == "U.S. Helsinki Commission – a&b “q” Café"


BIB_PIECES = st.sampled_from(
    [
        "@misc{",
        "@article{",
        "k,",
        "title",
        "=",
        "{",
        "}",
        '"',
        ",",
        "\n",
        "@",
        "%",
        "@string{",
        "author = {A and B}",
        "year=2024",
        "\\",
        "ü",
        " ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=300), st.lists(BIB_PIECES, max_size=40).map("".join)))
def test_arbitrary_bib_text_returns_problems_and_never_raises(text):
    bib = parse_bibliography(text)
    assert isinstance(bib.entries, dict)
    assert all(str(p).startswith("references.bib") for p in bib.problems)


def test_an_entry_the_books_bibtex_reader_refuses_is_reported_by_the_check():
    # bibtexparser folds "year" into the title and parses; pybtex, which the build uses, stops.
    bib = parse_bibliography("@misc{a,\n  title = {T}\n  year = {2024}\n}\n")
    assert [str(p) for p in bib.problems] == [
        "references.bib:3: the book's BibTeX reader (pybtex) refuses it: '}' expected; check the commas between "
        "fields and the braces"
    ]
