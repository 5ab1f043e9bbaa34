"""The rival readings of the evidence, from ``data/readings.yml``: the one place they are defined.

Nothing else in the package, the CSS or the tests names a reading: tables, toggles and charts take
their readings, labels and order from this file, so a third reading needs only this file and its
ratings.
"""

from __future__ import annotations

import re

import pandas as pd
import yaml

from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem

READING_KEYS = ("reading_id", "label", "thesis", "distinguishing_questions")


def read_readings(paths: ProjectPaths) -> tuple[list[dict], list[Problem]]:
    """The readings as dicts, and every problem with the file's shape."""
    file = paths.relative(paths.readings_yml)
    try:
        document = yaml.safe_load(paths.readings_yml.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        return [], [Problem(file, None, "", "file is missing")]
    except UnicodeDecodeError:
        return [], [Problem(file, None, "", "not valid UTF-8; save the file as UTF-8")]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return [], [Problem(file, line, "", f"is not valid YAML ({getattr(err, 'problem', err)})")]
    items = document.get("readings") if isinstance(document, dict) else None
    if not isinstance(items, list) or not items:
        return [], [Problem(file, None, "readings", "expected a non-empty list under the key 'readings'")]
    readings: list[dict] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        where = f"readings[{number}]"
        if not isinstance(item, dict):
            problems.append(Problem(file, None, where, "expected a mapping with keys " + ", ".join(READING_KEYS)))
            continue
        for key in READING_KEYS:
            if not item.get(key):
                problems.append(Problem(file, None, f"{where}.{key}", "is missing or empty"))
        questions = item.get("distinguishing_questions")
        if questions is not None and not (isinstance(questions, list) and all(isinstance(q, str) for q in questions)):
            problems.append(Problem(file, None, f"{where}.distinguishing_questions", "expected a list of questions"))
        reading_id = str(item.get("reading_id", ""))
        if reading_id and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", reading_id):
            problems.append(
                Problem(
                    file,
                    None,
                    f"{where}.reading_id",
                    f"{reading_id!r} is not valid; use lower-case letters, digits and hyphens",
                )
            )
        if reading_id in seen:
            problems.append(Problem(file, None, f"{where}.reading_id", f"{reading_id!r} is a duplicate"))
        seen.add(reading_id)
        if all(item.get(key) for key in READING_KEYS):
            readings.append({key: item[key] for key in READING_KEYS})
    if len(readings) < 2 and not problems:
        problems.append(Problem(file, None, "readings", f"expected at least two rival readings, found {len(readings)}"))
    return readings, problems


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
    frame = pd.DataFrame(readings, columns=list(READING_KEYS))
    frame["mark"] = reading_marks([str(label) for label in frame["label"]])
    frame["position"] = range(len(frame))
    for key in ("reading_id", "label", "thesis"):
        frame[key] = frame[key].astype("string")
    return frame.set_index("reading_id", drop=False)
