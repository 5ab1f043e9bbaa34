"""What a chapter's prose may say, checked the way the build reads it.

One implementation for ``make check`` and the tests, so that what the check accepts the strict build
builds: claim ids the prose names must be claims, cite keys must be entries of ``references.bib``, the
front matter must be closed and valid, no ``TO WRITE`` placeholder of the chapter template may be left,
and no count may be typed by hand (counts come from the data through ``{glue:text}``).
"""

from __future__ import annotations

import re

from analytic_reader.authoring.chapters import learning_problems
from analytic_reader.authoring.myst import front_matter, inline_code
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import CLAIM_ID

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

#: What a number in the prose may be without being computed: a date or year, part of a weapon's or
#: system's name (S-400, Shahed-136), the number of a list item, or the number of a meeting or week in a
#: syllabus. Everything else (counts, shares, scores) must come from the data through ``{glue:text}``.
ALLOWED_NUMBERS = (
    rf"\b\d{{1,2}} (?:{MONTHS})(?: \d{{4}})?",
    rf"(?:{MONTHS}) \d{{1,2}}(?:, \d{{4}})?\b",
    r"\b(?:19|20)\d{2}(?:[–-](?:19|20)?\d{2})?s?\b",
    r"\b[A-Z][A-Za-z]*-\d+[A-Za-z]?\b",
    r"^\s*\d+\.\s",
    r"\b(?:Meeting|Week) \d\b",
)

#: The chapter template's placeholder for prose still to be written.
PLACEHOLDER = "TO WRITE"

_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
_FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def prose_without_computed_parts(text: str) -> str:
    """A chapter's prose with what may contain numbers legitimately blanked (line count kept): front
    matter, code, directive options, roles (glue, citations, references), inline code, quotations and
    link targets."""
    text = re.sub(r"\A---\n.*?\n---\n", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.DOTALL)
    text = re.sub(
        r"^(`{3,}|:{3,})\{code-cell\}.*?^\1\s*$",
        lambda m: "\n" * m.group(0).count("\n"),
        text,
        flags=re.MULTILINE | re.DOTALL,
    )
    text = re.sub(
        r"^`{3,}python.*?^`{3,}\s*$", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.MULTILINE | re.DOTALL
    )
    text = re.sub(r"^:[\w-]+:.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"“[^”]*”|\"[^\"\n]*\"", lambda m: " " + "\n" * m.group(0).count("\n"), text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return text


def typed_numbers(text: str, seed_text: str = "") -> list[tuple[int, str]]:
    """``(line, context)`` for each number in the prose that is not a date, a name, a figure quoted from a
    seed (the number and the word after it stand in ``seed_text``, lower-cased with single spaces, as in
    "40 turbines") or computed."""
    prose = prose_without_computed_parts(text)
    prose = re.sub(
        r"\d[\d,.]*\s+[^\W\d]+",
        lambda m: (
            re.sub(r"\S", " ", m.group(0)) if re.sub(r"\s+", " ", m.group(0)).lower() in seed_text else m.group(0)
        ),
        prose,
    )
    for pattern in ALLOWED_NUMBERS:
        prose = re.sub(pattern, lambda m: re.sub(r"\S", " ", m.group(0)), prose, flags=re.MULTILINE)
    return [
        (prose[: m.start()].count("\n") + 1, prose[max(0, m.start() - 30) : m.end() + 20].replace("\n", " "))
        for m in re.finditer(r"\d+(?:[.,]\d+)?", prose)
    ]


def front_matter_problems(file: str, text: str) -> list[Problem]:
    """An opened front matter must be closed and be valid YAML with a well-typed ``learning:`` block."""
    if not text.startswith("---"):
        return []
    fences = list(_FRONT_MATTER_FENCE.finditer(text))
    if len(fences) < 2:
        return [Problem(file, 1, "front matter", "is not closed; end it with a line holding only ---")]
    try:
        learning = front_matter(text).get("learning")
    except Exception as err:  # yaml's own message, on one line
        message = " ".join(str(err).split())
        return [Problem(file, 1, "front matter", f"is not valid YAML ({message})")]
    if learning is None:
        return []
    return [Problem(file, 1, "front matter", message) for message in learning_problems(learning)]


def prose_problems(
    file: str,
    text: str,
    claim_ids: set[str],
    source_ids: set[str],
    bibkeys: set[str],
    seed_text: str = "",
) -> list[Problem]:
    """Everything in a chapter's text that the strict build would refuse or the book forbids."""
    problems = front_matter_problems(file, text)
    for line, code in inline_code(text):
        match = CLAIM_ID.fullmatch(code)
        if match and match.group("source") in source_ids and code not in claim_ids:
            problems.append(Problem(file, line, "claim id", f"{code!r} is not in data/claims.csv"))
    for found in _CITE.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        for key in (k.strip() for k in found.group(1).split(",")):
            if key and key not in bibkeys:
                problems.append(Problem(file, line, "cite key", f"{key!r} is not an entry of references.bib"))
    for number, line_text in enumerate(text.splitlines(), start=1):
        if PLACEHOLDER in line_text:
            problems.append(
                Problem(file, number, "prose", f"still says {PLACEHOLDER!r}; replace it with prose in your own words")
            )
    problems += [
        Problem(
            file,
            line,
            "prose",
            f"typed number in “{context.strip()}”; glue it from the data ({{glue:text}}) or write it in words "
            "if it is not a count",
        )
        for line, context in typed_numbers(text, seed_text)
    ]
    return problems
