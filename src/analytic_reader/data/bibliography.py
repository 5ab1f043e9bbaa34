"""The bibliography: ``references.bib`` read with bibtexparser (v2 API).

The book cites with sphinxcontrib-bibtex; Python reads the same file to check that every
``bibkey`` resolves and to print source cards. Both must agree, so there is only one file.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import bibtexparser

from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import read_text

REQUIRED_FIELDS = ("title",)


@dataclass
class Bibliography:
    """Entries by key (fields as plain text) and the problems met while parsing."""

    file: str
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _plain_text() -> list:
    """bibtexparser's own LaTeX decoding (braces, escapes, accents, dashes and quotes), then one space
    for any run of whitespace, so that titles display as plain text."""
    from bibtexparser.middlewares import LatexDecodingMiddleware

    return [LatexDecodingMiddleware()]


def pybtex_problems(text: str, file: str) -> list[Problem]:
    """What the book's own parser (pybtex, through sphinxcontrib-bibtex) refuses in the file.

    bibtexparser is lenient: a missing comma between two fields folds the second into the first and
    parses. pybtex, which the build uses, stops with a traceback. Checking with it too means that what
    ``make check`` accepts, ``make book`` can read.
    """
    try:
        import pybtex.errors
        from pybtex.database.input import bibtex
    except ImportError:  # the book's extras are not installed: nothing to compare with
        return []
    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        bibtex.Parser().parse_string(text)
    except Exception as err:  # pybtex raises several unrelated types; report, never crash
        line = getattr(err, "lineno", None)
        message = str(err).split(": ", 1)[-1] if "syntax error" in str(err) else str(err)
        return [
            Problem(
                file,
                line,
                "",
                f"the book's BibTeX reader (pybtex) refuses it: {message}; "
                "check the commas between fields and the braces",
            )
        ]
    finally:
        pybtex.errors.set_strict_mode(previous)
    return []


def parse_bibliography(text: str, file: str = "references.bib") -> Bibliography:
    """Parse BibTeX text; every block that fails to parse becomes a problem with its line."""
    bibliography = Bibliography(file)
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(text, append_middleware=_plain_text())
    except Exception as err:  # bibtexparser has no stable error type; report, never crash
        bibliography.problems.append(Problem(file, None, "", f"cannot be parsed as BibTeX ({err})"))
        return bibliography
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            key = getattr(block, "key", "?")
            bibliography.problems.append(Problem(file, line, key, "duplicate entry key; each key must be unique"))
        else:
            first = (block.raw or "").strip().splitlines()[:1]
            bibliography.problems.append(
                Problem(
                    file, line, "", f"entry cannot be parsed (check braces and commas): {first[0] if first else ''!s}"
                )
            )
    for entry in library.entries:
        fields = {
            name.lower(): re.sub(r"\s+", " ", str(item.value)).strip() for name, item in entry.fields_dict.items()
        }
        fields["entry_type"] = entry.entry_type.lower()
        for required in REQUIRED_FIELDS:
            if not fields.get(required):
                bibliography.problems.append(
                    Problem(file, entry.start_line + 1, f"{entry.key}.{required}", "is missing; every entry needs it")
                )
        bibliography.entries[entry.key] = fields
    if not bibliography.problems:  # one message per mistake: pybtex only sees what bibtexparser accepted
        bibliography.problems.extend(pybtex_problems(text, file))
    return bibliography


def read_bibliography(paths: ProjectPaths) -> Bibliography:
    """Read ``references.bib`` (UTF-8) from the project."""
    file = paths.relative(paths.bibliography)
    text, problems = read_text(paths.bibliography, file)
    if problems:
        return Bibliography(file, problems=problems)
    return parse_bibliography(text or "", file)


def format_reference(fields: dict[str, str]) -> str:
    """A short plain-text reference: authors, title, where, year."""
    parts = [
        fields.get("author", "").replace(" and ", "; "),
        f"“{fields.get('title', '')}”",
        fields.get("howpublished") or fields.get("journal", ""),
        fields.get("year", ""),
    ]
    return ". ".join(part.rstrip(". ") for part in parts if part) + "."
