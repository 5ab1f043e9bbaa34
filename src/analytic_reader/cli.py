"""Command line.

``python -m analytic_reader check [ROOT]`` prints every problem, one per line.
``python -m analytic_reader new-chapter SOURCE_ID`` starts a source's chapter from the template.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from analytic_reader.authoring.project import validate_project

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="analytic-reader", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate seeds/, data/ and references.bib")
    check.add_argument("root", nargs="?", default=None, help="project root (default: found from here)")
    new = commands.add_parser("new-chapter", help="create a source's chapter from the template, listed by date")
    new.add_argument("source_id")
    new.add_argument("--root", default=None, help="project root (default: found from here)")
    args = parser.parse_args(argv)
    if args.command == "new-chapter":
        from analytic_reader.authoring.chapters import scaffold_source_chapter
        from analytic_reader.data.paths import ProjectPaths
        from analytic_reader.data.problems import DataError

        try:
            target = scaffold_source_chapter(ProjectPaths.find(args.root), args.source_id)
        except (DataError, KeyError, FileExistsError, FileNotFoundError) as err:
            print(f"new-chapter: {err}", file=sys.stderr)
            return 1
        print(f"created {target}; it is listed in _toc.yml. Write its summary, criticism and exercises.")
        return 0
    problems = validate_project(args.root)  # "check", the only other command argparse accepts
    for line in shown_problems(problems):
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("check: seeds, data and references.bib are consistent.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
