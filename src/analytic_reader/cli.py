"""Command line.

The one command line the Makefile calls:

``python -m analytic_reader check [ROOT]`` prints every problem, one per line.
``python -m analytic_reader build SOURCE TARGET --work WORK`` builds the book aside, publishes on success.
``python -m analytic_reader student ROOT DESTINATION`` writes the student edition's source.
``python -m analytic_reader new-chapter SOURCE_ID`` starts a source's chapter from the template.
``python -m analytic_reader bench`` prints the build-performance figures.
``python -m analytic_reader class-agreement EXPORTS… [--out DIR]`` reports on a class's codings.
``python -m analytic_reader rename-reading OLD NEW`` renames a reading's id in every file that names it.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from collections import Counter
from pathlib import Path

from analytic_reader.analysis.classroom import agreement_between_students, agreement_with_the_book, most_disputed
from analytic_reader.authoring.build import main as build_main
from analytic_reader.authoring.chapters import scaffold_source_chapter
from analytic_reader.authoring.editions import main as editions_main
from analytic_reader.authoring.project import validate_project
from analytic_reader.authoring.rename import rationales_using, rename_reading
from analytic_reader.data.corpus import load_corpus
from analytic_reader.data.exports import read_exports
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import DataError
from analytic_reader.data.project_root import find_project_root
from analytic_reader.html.tables import frame_html

#: At most this many problems are printed per file; the rest are counted. Past that, a file has one
#: cause that repeats, and a wall of lines hides the other files' problems.
SHOWN_PER_FILE = 50


def shown_problems(problems: list) -> list[str]:
    """Each problem on its line, at most ``SHOWN_PER_FILE`` per file, then how many more that file has."""
    lines, per_file = [], Counter(problem.file for problem in problems)
    seen: Counter = Counter()
    for problem in problems:
        seen[problem.file] += 1
        if seen[problem.file] <= SHOWN_PER_FILE:
            lines.append(str(problem))
        elif seen[problem.file] == SHOWN_PER_FILE + 1:
            lines.append(
                f"{problem.file}: … and {per_file[problem.file] - SHOWN_PER_FILE} more problem(s) in this file"
            )
    return lines


def check(root: str | None) -> int:
    problems = validate_project(root)
    for line in shown_problems(problems):
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("check: seeds, data and references.bib are consistent.")
    return 0


def new_chapter(root: str | None, source_id: str) -> int:
    try:
        target = scaffold_source_chapter(ProjectPaths.find(root), source_id)
    except (DataError, KeyError, FileExistsError, FileNotFoundError) as err:
        print(f"new-chapter: {err}", file=sys.stderr)
        return 1
    print(f"created {target}; it is listed in _toc.yml. Write its summary, criticism and exercises.")
    return 0


def bench() -> int:
    """``tools/bench.py`` of the project found from here: it measures a copy of the checkout, so it
    lives with the checkout, not in the installed package."""
    script = find_project_root() / "tools" / "bench.py"
    return int(runpy.run_path(str(script), run_name="analytic_reader_bench")["main"]())


def class_agreement(exports: list[str], out: str) -> int:
    """The instructor's report on a class's codings: agreement with the book and between students, per
    reading, and the claims the class disputes most; a table (HTML) and a chart (PNG) in ``out``."""
    from analytic_reader.html.charts import class_kappa_figure  # matplotlib: not on every `check`'s start-up

    corpus = load_corpus()
    ratings, problems = read_exports([Path(p) for p in exports], corpus)
    for line in shown_problems(problems):
        print(line, file=sys.stderr)
    if not ratings:
        print("class-agreement: no valid rating in the exports; nothing to report", file=sys.stderr)
        return 1
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    with_book = agreement_with_the_book(corpus, ratings)
    between = agreement_between_students(corpus, ratings)
    disputed = most_disputed(corpus, ratings)
    class_kappa_figure(with_book).savefig(target / "class-agreement.png", dpi=110)
    for frame in (with_book, between):
        frame["agreement"] = [f"{v:.0%}" if v == v else "–" for v in frame["agreement"]]
        frame["kappa"] = [f"{v:.2f}" if v == v else "–" for v in frame["kappa"]]
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Class agreement</title></head><body>'
        "<h1>Class agreement</h1>"
        f"<p>{len(ratings)} ratings by {with_book['student'].nunique()} students; {len(problems)} problem(s) "
        "in the exports (listed where the command ran).</p>"
        + frame_html(with_book, "Each student against the book, per reading")
        + '<p><img src="class-agreement.png" alt="Bar chart of each student\'s kappa with the book per reading; '
        'the table above gives the values."></p>'
        + frame_html(between, "Students against each other, per reading")
        + frame_html(disputed, "The claims the class differs on most from the book, with the book's reason")
        + "</body></html>\n"
    )
    (target / "class-agreement.html").write_text(page, encoding="utf-8")
    print(f"class-agreement: wrote {target / 'class-agreement.html'} and {target / 'class-agreement.png'}")
    return 0


def rename(root: str | None, old: str, new: str) -> int:
    try:
        paths = ProjectPaths.find(root)
        written = rename_reading(paths, old, new)
    except (ValueError, FileNotFoundError) as err:
        print(f"rename-reading: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"rewrote {paths.relative(path)}")
    print(f"renamed reading {old!r} to {new!r} in {len(written)} file(s); its label is edited in data/readings.yml")
    left = rationales_using(paths, old)
    if left:
        where = ", ".join(f"{count} in {file}" for file, count in left.items())
        print(f"the coders' rationales are their own words, left as written; {where} use the word {old!r}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="analytic-reader", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate seeds/, data/, references.bib and the chapters")
    check_parser.add_argument("root", nargs="?", default=None, help="project root (default: found from here)")
    build_parser = commands.add_parser("build", help="build the book aside; publish it only if the build succeeds")
    build_parser.add_argument("source", help="the book's folder (the project root or the student copy)")
    build_parser.add_argument("target", help="where the published HTML goes, e.g. _build/html")
    build_parser.add_argument("--work", required=True, help="the work folder (cache, doctrees, staging)")
    student_parser = commands.add_parser("student", help="write the student edition's source (no solutions)")
    student_parser.add_argument("root")
    student_parser.add_argument("destination")
    new_parser = commands.add_parser("new-chapter", help="create a source's chapter from the template, by date")
    new_parser.add_argument("source_id")
    new_parser.add_argument("--root", default=None, help="project root (default: found from here)")
    commands.add_parser("bench", help="build-performance and slow-link figures (tools/bench.py)")
    class_parser = commands.add_parser("class-agreement", help="a class's codings against the book and each other")
    class_parser.add_argument(
        "exports", nargs="+", help="students' CSV exports (student, claim_id, reading_id, rating)"
    )
    class_parser.add_argument("--out", default="class-agreement", help="folder for the report (default: %(default)s)")
    rename_parser = commands.add_parser("rename-reading", help="rename a reading's id in every file that names it")
    rename_parser.add_argument("old")
    rename_parser.add_argument("new")
    rename_parser.add_argument("--root", default=None, help="project root (default: found from here)")
    args = parser.parse_args(argv)
    if args.command == "build":
        return build_main([args.source, args.target, "--work", args.work])
    if args.command == "student":
        return editions_main([args.root, args.destination])
    if args.command == "new-chapter":
        return new_chapter(args.root, args.source_id)
    if args.command == "bench":
        return bench()
    if args.command == "rename-reading":
        return rename(args.root, args.old, args.new)
    if args.command == "class-agreement":
        return class_agreement(args.exports, args.out)
    return check(args.root)


if __name__ == "__main__":
    sys.exit(main())
