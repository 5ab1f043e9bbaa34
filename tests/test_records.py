import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from analytic_reader.data.records import Column, check_unique, markup_in, read_table

SCHEMA = (Column("id"), Column("colour", allowed=("red", "blue")), Column("note", required=False))


def write(tmp_path: Path, content: bytes | str) -> Path:
    path = tmp_path / "t.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_valid_table_reads_records_with_their_line_numbers(tmp_path):
    table = read_table(write(tmp_path, "id,colour,note\na,red,\nb,blue,x\n"), "t.csv", SCHEMA)
    assert table.problems == []
    assert [(r.line, r["id"]) for r in table.records] == [(2, "a"), (3, "b")]


def test_line_numbers_follow_multiline_fields(tmp_path):
    table = read_table(write(tmp_path, 'id,colour,note\na,red,"two\nlines"\nb,purple,\n'), "t.csv", SCHEMA)
    assert [str(p) for p in table.problems] == [
        "t.csv:4: colour: 'purple' is not an allowed value; use one of 'red', 'blue'"
    ]


def test_missing_and_extra_columns_are_named(tmp_path):
    table = read_table(write(tmp_path, "id,shade,note\na,red,\n"), "t.csv", SCHEMA)
    text = [str(p) for p in table.problems]
    assert "t.csv:1: shade: unexpected column; allowed columns: id, colour, note" in text
    assert "t.csv:1: colour: missing column; expected columns: id, colour, note" in text


def test_empty_required_field_is_reported_with_row_and_field(tmp_path):
    table = read_table(write(tmp_path, "id,colour,note\n,red,\n"), "t.csv", SCHEMA)
    assert [str(p) for p in table.problems] == ["t.csv:2: id: is empty; a value is required"]


def test_ragged_row_is_reported_and_other_rows_still_checked(tmp_path):
    table = read_table(write(tmp_path, "id,colour,note\na,red\nb,green,\n"), "t.csv", SCHEMA)
    text = [str(p) for p in table.problems]
    assert text[0].startswith("t.csv:2: has 2 fields but the header has 3")
    assert "t.csv:3: colour: 'green' is not an allowed value; use one of 'red', 'blue'" in text


def test_bad_encoding_names_the_line_and_byte(tmp_path):
    table = read_table(write(tmp_path, b"id,colour,note\na,red,caf\xe9\n"), "t.csv", SCHEMA)
    assert [str(p) for p in table.problems] == [
        "t.csv:2: not valid UTF-8 (byte 0xe9 at column 10); save the file as UTF-8"
    ]
    assert len(table.records) == 1  # reading went on


def test_byte_order_mark_is_tolerated(tmp_path):
    table = read_table(write(tmp_path, b"\xef\xbb\xbfid,colour,note\na,red,\n"), "t.csv", SCHEMA)
    assert table.problems == []


def test_unclosed_quote_is_reported_not_raised(tmp_path):
    table = read_table(write(tmp_path, 'id,colour,note\na,red,"open\n'), "t.csv", SCHEMA)
    assert any("not valid CSV" in str(p) or "fields but the header" in str(p) for p in table.problems)


def test_missing_file_is_a_problem(tmp_path):
    table = read_table(tmp_path / "absent.csv", "absent.csv", SCHEMA)
    assert [str(p) for p in table.problems] == ["absent.csv: file is missing"]


def test_duplicates_point_to_the_first_use(tmp_path):
    table = read_table(write(tmp_path, "id,colour,note\na,red,\na,blue,\n"), "t.csv", SCHEMA)
    check_unique(table, "id")
    assert [str(p) for p in table.problems] == ["t.csv:3: id: 'a' is a duplicate (first used on line 2)"]


# Property-based: whatever bytes a CSV holds, reading it returns problems and never raises.

CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("fuzz") / "t.csv"
    path.write_bytes(raw)
    table = read_table(path, "t.csv", SCHEMA)
    assert all(p.file == "t.csv" for p in table.problems)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(CELL, max_size=5), max_size=6),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]),
)
def test_arbitrary_rows_in_any_encoding_never_raise(tmp_path_factory, rows, encoding):
    out = io.StringIO()
    csv.writer(out).writerows([["id", "colour", "note"], *rows])
    path = tmp_path_factory.mktemp("fuzz") / "t.csv"
    path.write_bytes(out.getvalue().encode(encoding, errors="replace"))
    table = read_table(path, "t.csv", SCHEMA)
    if table.columns != ["id", "colour", "note"]:
        assert table.problems, "a mangled header must be reported"
    for record in table.records:
        assert list(record.values) == table.columns


# Data is text: a field that holds markup is refused (a quote copied from a seed may hold anything).

MARKUP_SAMPLES = [
    "<img src=x onerror=alert(1)>",
    "a </p> closes",
    "&lt;b&gt; entity",
    "see `code`",
    "{cite:p}`key`",
    "{{ substitution }}",
    "[a link](javascript:alert(1))",
    "![image](x.png)",
    "go to javascript:alert(1)",
    "**bold**",
    "*stress*",
    "back\\slash",
    "# heading",
    "line one\n- item",
    "(target)=",
    ":::{note}",
]


def test_markup_in_a_data_field_is_refused_with_its_line_and_field(tmp_path):
    out = io.StringIO()
    csv.writer(out).writerows([["id", "colour", "note"], *[["a", "red", s] for s in MARKUP_SAMPLES]])
    table = read_table(write(tmp_path, out.getvalue()), "t.csv", SCHEMA)
    text = [str(p) for p in table.problems]
    assert len(text) == len(MARKUP_SAMPLES), text
    assert all(t.startswith("t.csv:") and ": note: holds " in t and "without markup" in t for t in text)
    # Each sample refused on the line its record starts (a sample with a line break takes two lines).
    starts = [2 + n + sum(s.count("\n") for s in MARKUP_SAMPLES[:n]) for n in range(len(MARKUP_SAMPLES))]
    assert [t.split(":")[1] for t in text] == [str(line) for line in starts], text
    assert text[0].startswith("t.csv:2: note: holds an HTML tag ('<img src=x onerror=a')")


def test_plain_text_with_punctuation_is_not_taken_for_markup(tmp_path):
    plain = "Iran & Russia: 1 < 2, 5 * 3 = 15; a_b [sic] (2024) {sic} $1.7 billion #1 | S-300 -- 50%"
    table = read_table(write(tmp_path, f'id,colour,note\na,red,"{plain}"\n'), "t.csv", SCHEMA)
    assert table.problems == []
    assert markup_in(plain) is None


def test_a_verbatim_field_may_hold_markup(tmp_path):
    schema = (Column("id"), Column("colour", allowed=("red",)), Column("note", verbatim=True))
    table = read_table(write(tmp_path, "id,colour,note\na,red,<script>x</script>\n"), "t.csv", schema)
    assert table.problems == []


def test_a_date_field_must_be_a_real_calendar_date_at_its_precision(tmp_path):
    schema = (Column("id"), Column("colour", allowed=("red",)), Column("note", date=True))
    rows = "".join(
        f"a,red,{value}\n" for value in ("2014", "2014-02", "2024-02-29", "2014-13", "2026-04-31", "2025-02-29", "26-1")
    )
    table = read_table(write(tmp_path, "id,colour,note\n" + rows), "t.csv", schema)
    assert [str(p) for p in table.problems] == [
        "t.csv:5: note: '2014-13' has no month 13; months run from 01 to 12",
        "t.csv:6: note: '2026-04-31' is not a day of the calendar (April 2026 has 30 days)",
        "t.csv:7: note: '2025-02-29' is not a day of the calendar (February 2025 has 28 days)",
        "t.csv:8: note: '26-1' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD",
    ]
