"""What a chapter's prose may say, checked the way the build reads it.

One implementation for ``make check`` and the tests, so that what the check accepts the strict build
builds: claim ids the prose names must be claims, cite keys must be entries of ``references.bib``, the
front matter must be closed and valid, no ``TO WRITE`` placeholder of the chapter template may be left,
no count may be typed by hand (counts come from the data through ``{glue:text}``), and no reading may be
named by hand (names come from ``data/readings.yml`` through ``{reading}`` and ``{reading-label}``, and
each role must name a reading there).
"""

from __future__ import annotations

import re

from analytic_reader.authoring.chapters import learning_problems
from analytic_reader.authoring.myst import front_matter, inline_code
from analytic_reader.data.problems import Problem
from analytic_reader.data.readings import READING_ROLE
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


#: Words after a reading's short label that make it the reading's name ("the fraying reading", "a
#: coupled proponent", "the linked-leaning sources"), as opposed to the word's plain sense ("the ties
#: are fraying").
_NAMING = r"(?:\s+(?:readings?|proponents?|thesis)\b|-(?:leaning|side)\b)"


def hand_named_readings(text: str, readings: dict[str, tuple[str, str]]) -> list[tuple[int, str]]:
    """Each place where the prose or the front matter names a reading by hand instead of through its role:
    the line and what to write instead. ``readings`` maps each id to its label and short label."""
    fence = _FRONT_MATTER_FENCE.search(text, 1) if text.startswith("---") else None
    head = text[: fence.end()] if fence else ""
    body = prose_without_computed_parts(text)
    # The front matter is plain text shown in the learning box: check it too, roles and quotations blanked.
    head = re.sub(r"“[^”]*”|\"[^\"\n]*\"", " ", READING_ROLE.sub(" ", head))
    head_lines = head.count("\n")
    searched = head + "".join(body.splitlines(keepends=True)[head_lines:])
    found = []
    for reading_id, (label, short_label) in readings.items():
        for pattern, role in (
            (re.escape(label), "reading-label"),
            (rf"\b{re.escape(short_label)}{_NAMING}", "reading"),
        ):
            for match in re.finditer(pattern, searched, flags=re.IGNORECASE if role == "reading" else 0):
                line = searched.count("\n", 0, match.start()) + 1
                found.append(
                    (line, f"names the reading “{match.group(0).strip()}” by hand; write {{{role}}}`{reading_id}`")
                )
    for line, code in code_cells(text):
        for reading_id in readings:
            for match in re.finditer(rf"""(["']){re.escape(reading_id)}\1""", code):
                number = line + code.count("\n", 0, match.start())
                found.append((number, f"code names the reading {match.group(0)}; take it from corpus.reading_ids"))
    return sorted(found)


def code_cells(text: str) -> list[tuple[int, str]]:
    """Each code cell's first line number (of its code) and its code."""
    return [
        (text.count("\n", 0, match.start()) + 2, match.group(2))
        for match in re.finditer(
            r"^(`{3,}|:{3,})\{code-cell\}[^\n]*\n(.*?)^\1\s*$", text, flags=re.MULTILINE | re.DOTALL
        )
    ]


def prose_problems(
    file: str,
    text: str,
    claim_ids: set[str],
    source_ids: set[str],
    bibkeys: set[str],
    seed_text: str = "",
    readings: dict[str, tuple[str, str]] | None = None,
) -> list[Problem]:
    """Everything in a chapter's text that the strict build would refuse or the book forbids.
    ``readings`` (id → label and short label) checks the reading roles and names; left out, they are not."""
    problems = front_matter_problems(file, text)
    if readings is not None:
        for found in READING_ROLE.finditer(text):
            if found.group(2).strip() not in readings:
                line = text.count("\n", 0, found.start()) + 1
                known = ", ".join(repr(r) for r in readings)
                problems.append(
                    Problem(
                        file, line, "reading", f"{found.group(2)!r} is not in data/readings.yml; use one of {known}"
                    )
                )
        problems += [Problem(file, line, "reading", message) for line, message in hand_named_readings(text, readings)]
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
