"""The bibliography: ``references.bib`` read with bibtexparser (v2 API).

The book cites with sphinxcontrib-bibtex; Python reads the same file to check that every
``bibkey`` resolves and to print source cards. Both must agree, so there is only one file.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import bibtexparser

from .paths import ProjectPaths
from .problems import Problem

REQUIRED_FIELDS = ("title",)


@dataclass
class Bibliography:
    """Entries by key (fields as plain text) and the problems met while parsing."""

    file: str
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def latex_to_text(value: str) -> str:
    """The little LaTeX our entries use, as plain text for display (braces, escapes, quotes)."""
    value = value.replace("``", "“").replace("''", "”").replace("--", "–")
    value = re.sub(r"\\([_&%$#{}])", r"\1", value)
    value = value.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", value).strip()


def parse_bibliography(text: str, file: str = "references.bib") -> Bibliography:
    """Parse BibTeX text; every block that fails to parse becomes a problem with its line."""
    bibliography = Bibliography(file)
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(text)
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
                Problem(file, line, "", f"entry cannot be parsed (check braces and commas): {first[0] if first else ''!s}")
            )
    for entry in library.entries:
        fields = {name.lower(): latex_to_text(str(item.value)) for name, item in entry.fields_dict.items()}
        fields["entry_type"] = entry.entry_type.lower()
        for required in REQUIRED_FIELDS:
            if not fields.get(required):
                bibliography.problems.append(
                    Problem(file, entry.start_line + 1, f"{entry.key}.{required}", "is missing; every entry needs it")
                )
        bibliography.entries[entry.key] = fields
    return bibliography


def read_bibliography(paths: ProjectPaths) -> Bibliography:
    """Read ``references.bib`` (UTF-8) from the project."""
    file = paths.relative(paths.bibliography)
    try:
        raw = paths.bibliography.read_bytes()
    except OSError:
        return Bibliography(file, problems=[Problem(file, None, "", "file is missing")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return Bibliography(file, problems=[Problem(file, line, "", "not valid UTF-8; save the file as UTF-8")])
    return parse_bibliography(text, file)


def format_reference(fields: dict[str, str]) -> str:
    """A short plain-text reference: authors, title, where, year."""
    parts = [fields.get("author", "").replace(" and ", "; "), f"“{fields.get('title', '')}”",
             fields.get("howpublished") or fields.get("journal", ""), fields.get("year", "")]
    return ". ".join(part.rstrip(". ") for part in parts if part) + "."
