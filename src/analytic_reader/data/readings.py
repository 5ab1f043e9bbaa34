"""The rival readings of the evidence, from ``data/readings.yml``: the one place they are defined.

The file's shape is a JSON Schema (``SCHEMA``), checked with jsonschema; its errors are reported in the
words of the other checks (``readings[2].label: is missing or empty``).

Nothing else in the package, the CSS or the tests names a reading: tables, toggles and charts take
their readings, labels and order from this file, so a third reading needs only this file and its
ratings. The chapters' prose names a reading through a role (``{reading}`fraying``` for its
``short_label``, ``{reading-label}`fraying``` for its label; ``sphinxext.readings``), so a label
edited here changes everywhere, and ``python -m analytic_reader rename-reading`` renames an id.
"""

from __future__ import annotations

import re

import pandas as pd
import yaml

from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import markup_in, read_text

READING_KEYS = ("reading_id", "label", "thesis", "concedes", "distinguishing_questions", "refuted_by")
#: Keys a reading may leave out, with what stands for them: the word prose uses for the reading ("the
#: fraying reading") is its id unless ``short_label`` says otherwise.
OPTIONAL_KEYS = ("short_label",)
#: How prose names a reading: ``{reading}`id``` (its short label) or ``{reading-label}`id``` (its label).
READING_ROLE = re.compile(r"\{(reading|reading-label)\}`([^`]*)`")
READING_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TEXT = {"type": "string", "minLength": 1}

#: The file's shape, as a JSON Schema. What a schema cannot say (ids are unique) is checked below.
SCHEMA = {
    "type": "object",
    "required": ["readings"],
    "properties": {
        "readings": {
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "required": list(READING_KEYS),
                "properties": {
                    "reading_id": {"type": "string", "pattern": READING_ID},
                    "label": TEXT,
                    "short_label": TEXT,
                    "thesis": TEXT,
                    "concedes": {"type": "array", "minItems": 1, "items": TEXT},
                    "distinguishing_questions": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["versus", "question"],
                            "properties": {"versus": {"type": "string", "pattern": READING_ID}, "question": TEXT},
                        },
                    },
                    "refuted_by": {"type": "array", "minItems": 1, "items": TEXT},
                },
            },
        }
    },
}


def _where(path: list) -> str:
    """A JSON path as the message names it: ``readings[1].thesis`` (items counted from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _message(error) -> tuple[str, str]:
    """Where a schema error is, and what to do about it, in the words of the other checks."""
    where = _where(list(error.absolute_path))
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return (f"{where}.{missing}" if where else missing), "is missing or empty"
    if error.validator == "minLength" or (error.validator == "minItems" and where != "readings"):
        return where, "is missing or empty"
    if error.validator == "minItems":
        return where, f"expected at least two rival readings, found {len(error.instance)}"
    if error.validator == "pattern":
        return where, f"{error.instance!r} is not valid; use lower-case letters, digits and hyphens"
    for key, what in (
        ("distinguishing_questions", "a list of questions, each with 'versus' (a reading id) and 'question'"),
        ("concedes", "a list of what the reading concedes"),
        ("refuted_by", "a list of what would refute the reading"),
    ):
        if f".{key}" in where:
            return where.split(f".{key}")[0] + f".{key}", f"expected {what}"
    if not where:
        return "readings", "expected a mapping with the key 'readings'"
    expected = {"object": "a mapping", "array": "a list", "string": "text"}.get(str(error.validator_value), "")
    return where, f"expected {expected or error.validator_value}"


def read_readings(paths: ProjectPaths) -> tuple[list[dict], list[Problem]]:
    """The readings as dicts, and every problem with the file's shape."""
    from jsonschema import Draft202012Validator

    file = paths.relative(paths.readings_yml)
    text, problems = read_text(paths.readings_yml, file)
    if problems:
        return [], problems
    try:
        document = yaml.safe_load(text or "")
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return [], [Problem(file, line, "", f"is not valid YAML ({getattr(err, 'problem', err)})")]
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(document), key=lambda e: list(e.absolute_path))
    problems = [Problem(file, None, *_message(error)) for error in errors]
    seen: set[str] = set()
    items = (
        document.get("readings") if isinstance(document, dict) and isinstance(document.get("readings"), list) else []
    )
    for number, item in enumerate(items, start=1):
        reading_id = item.get("reading_id") if isinstance(item, dict) else None
        if isinstance(reading_id, str) and reading_id in seen:
            problems.append(Problem(file, None, f"readings[{number}].reading_id", f"{reading_id!r} is a duplicate"))
        seen.add(reading_id)
        problems += _markup_problems(file, number, item)
    if problems:
        return [], problems
    problems = _separation_problems(file, items)
    if problems:
        return [], problems
    return [
        {**{key: item[key] for key in READING_KEYS}, "short_label": item.get("short_label") or item["reading_id"]}
        for item in items
    ], []


def _separation_problems(file: str, items: list[dict]) -> list[Problem]:
    """Each question's ``versus`` is another reading, and every two readings are told apart by at least
    one question (asked by either): readings that no observation separates are not rivals."""
    ids = [item["reading_id"] for item in items]
    problems: list[Problem] = []
    separated: set[frozenset[str]] = set()
    for number, item in enumerate(items, start=1):
        for q_number, question in enumerate(item["distinguishing_questions"], start=1):
            versus = question["versus"]
            if versus not in ids or versus == item["reading_id"]:
                problems.append(
                    Problem(
                        file,
                        None,
                        f"readings[{number}].distinguishing_questions[{q_number}].versus",
                        f"{versus!r} is not another reading; use one of "
                        + ", ".join(repr(i) for i in ids if i != item["reading_id"]),
                    )
                )
            separated.add(frozenset((item["reading_id"], versus)))
    for position, first in enumerate(ids):
        for second in ids[position + 1 :]:
            if frozenset((first, second)) not in separated:
                problems.append(
                    Problem(
                        file,
                        None,
                        "distinguishing_questions",
                        f"no question tells {first!r} from {second!r}; add one with 'versus' to either reading",
                    )
                )
    return problems


def _markup_problems(file: str, number: int, item: object) -> list[Problem]:
    """A problem for every text of a reading that holds markup: readings are shown as plain text."""
    if not isinstance(item, dict):
        return []
    texts = [(key, item.get(key)) for key in ("label", "short_label", "thesis")]
    for key in ("concedes", "refuted_by", "distinguishing_questions"):
        values = item.get(key)
        for n, value in enumerate(values if isinstance(values, list) else [], start=1):
            text = value.get("question") if isinstance(value, dict) else value
            texts.append((f"{key}[{n}]", text))
    found = [(key, markup_in(text)) for key, text in texts if isinstance(text, str)]
    return [
        Problem(file, None, f"readings[{number}].{key}", f"holds {what}; write it as plain text, without markup")
        for key, what in found
        if what
    ]


def reading_marks(labels: list[str]) -> list[str]:
    """A short mark per reading for tables read without colour: the label's initial, or as many of its
    first letters as it takes to tell the readings apart."""
    for width in range(1, max((len(label) for label in labels), default=1) + 1):
        marks = [label[:width].upper() for label in labels]
        if len(set(marks)) == len(marks):
            return marks
    return [str(number) for number in range(1, len(labels) + 1)]


def readings_frame(readings: list[dict]) -> pd.DataFrame:
    """The readings indexed by ``reading_id``, in the file's order, with a ``mark`` and a ``position``
    (used for styles, so that no stylesheet names a reading)."""
    frame = pd.DataFrame(readings, columns=[*READING_KEYS, *OPTIONAL_KEYS])
    frame["mark"] = reading_marks([str(label) for label in frame["label"]])
    frame["position"] = range(len(frame))
    for key in ("reading_id", "label", "short_label", "thesis"):
        frame[key] = frame[key].astype("string")
    return frame.set_index("reading_id", drop=False)


def with_reading_names(text: str, readings: pd.DataFrame) -> str:
    """``text`` with each reading role replaced by the name it stands for: the chapters' front matter
    (objectives shown in the learning box and the instructor guide) names readings as the prose does,
    and is plain text, not parsed by the build. An unknown id is left as written (``make check`` names it)."""

    def name(match: re.Match[str]) -> str:
        role, reading_id = match.groups()
        if reading_id not in readings.index:
            return match.group(0)
        return str(readings.loc[reading_id, "label" if role == "reading-label" else "short_label"])

    return READING_ROLE.sub(name, text)
