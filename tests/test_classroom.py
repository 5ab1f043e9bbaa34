"""The instructor's class-agreement report: students' exports against the book and each other; bad
exports get one line per problem and lose nothing else."""

from __future__ import annotations

import csv
import subprocess
import sys

from analytic_reader import load_corpus
from analytic_reader.analysis.classroom import agreement_between_students, agreement_with_the_book, most_disputed
from analytic_reader.data.exports import read_exports
from analytic_reader.data.ratings import cohen_kappa
from repository import REPO_ROOT


def export(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["student", "claim_id", "reading_id", "rating"])
        writer.writerows(rows)
    return path


def book_rows(corpus, student, flip=()):
    rows = []
    for r in corpus.ratings.itertuples():
        rating = str(r.rating)
        if str(r.claim_id) in flip:
            rating = "neutral" if rating != "neutral" else "consistent"
        rows.append([student, str(r.claim_id), str(r.reading_id), rating])
    return rows


def test_agreement_and_kappa_are_the_packages_and_the_disputed_claims_come_first(tmp_path):
    corpus = load_corpus()
    flipped = list(corpus.claims.index[:5])
    ratings, problems = read_exports(
        [
            export(tmp_path / "a.csv", book_rows(corpus, "ada")),
            export(tmp_path / "b.csv", book_rows(corpus, "ben", flipped)),
        ],
        corpus,
    )
    assert problems == []
    with_book = agreement_with_the_book(corpus, ratings)
    ada = with_book[with_book["student"] == "ada"]
    assert (ada["agreement"] == 1.0).all() and (ada["kappa"] == 1.0).all()
    ben = with_book[(with_book["student"] == "ben") & (with_book["reading"] == corpus.reading_ids[0])].iloc[0]
    book = [str(r) for r in corpus.ratings[corpus.ratings["reading_id"] == corpus.reading_ids[0]]["rating"]]
    theirs = [
        ("neutral" if b != "neutral" else "consistent") if c in flipped else b
        for c, b in zip(corpus.ratings[corpus.ratings["reading_id"] == corpus.reading_ids[0]]["claim_id"], book)
    ]
    assert abs(ben["kappa"] - cohen_kappa(theirs, book)) < 1e-9
    assert len(agreement_between_students(corpus, ratings)) == len(corpus.reading_ids)
    disputed = most_disputed(corpus, ratings)
    assert set(disputed["claim"]) <= set(flipped) and list(disputed["students differing"])[0] == "1 of 2"


def test_bad_exports_get_one_line_each_and_their_good_rows_are_kept(tmp_path):
    corpus = load_corpus()
    good = book_rows(corpus, "cy")[:6]
    bad = [*good, ["cy", "nowhere-99", "linked", "neutral"], [*good[0][:3], "maybe"], good[1]]
    wrong_columns = tmp_path / "wrong.csv"
    wrong_columns.write_text("name,claim,reading,rating\nx,y,z,w\n", encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("student,claim_id,reading_id,rating\nJosé,".encode("latin-1") + b"x,y,z\n")
    ratings, problems = read_exports([export(tmp_path / "bad.csv", bad), wrong_columns, latin], corpus)
    assert len(ratings) == 6  # every valid row kept
    text = [str(p) for p in problems]
    assert any(t.startswith(f"{tmp_path / 'bad.csv'}:8: claim_id: 'nowhere-99' is not a claim") for t in text)
    assert any(":9: rating: 'maybe' is not a rating" in t for t in text)
    assert any(":10: claim_id: cy rated" in t and "twice" in t for t in text)
    header = [t for t in text if t.startswith(str(wrong_columns))]
    assert header and all(t.startswith(f"{wrong_columns}:1: ") for t in header)  # the header, not each row
    assert any(str(latin) in t and "not valid UTF-8" in t for t in text)


def test_the_command_writes_a_table_and_a_chart(tmp_path):
    corpus = load_corpus()
    files = [
        str(export(tmp_path / f"{s}.csv", book_rows(corpus, s, list(corpus.claims.index[:n]))))
        for s, n in (("ada", 0), ("ben", 9))
    ]
    result = subprocess.run(
        [sys.executable, "-m", "analytic_reader", "class-agreement", *files, "--out", str(tmp_path / "report")],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "report" / "class-agreement.html").read_text(encoding="utf-8")
    assert (
        "Each student against the book" in page
        and "ben" in page
        and "book&#x27;s reason" in page.replace("'", "&#x27;")
    )
    assert (tmp_path / "report" / "class-agreement.png").read_bytes()[:4] == b"\x89PNG"
