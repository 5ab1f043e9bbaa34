"""Command line: ``python -m analytic_reader check [ROOT]`` prints every problem, one per line."""

from __future__ import annotations

import argparse
import sys

from .validate import validate_project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="analytic-reader", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate seeds/, data/ and references.bib")
    check.add_argument("root", nargs="?", default=None, help="project root (default: found from here)")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = validate_project(args.root)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s) found.", file=sys.stderr)
            return 1
        print("check: seeds, data and references.bib are consistent.")
        return 0
    return 2  # unreachable: argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
