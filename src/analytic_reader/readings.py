"""The two rival readings of the evidence, from ``data/readings.yml``."""

from __future__ import annotations

import pandas as pd
import yaml

from .paths import ProjectPaths
from .problems import Problem

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
        if reading_id in ("both", "neither"):
            problems.append(Problem(file, None, f"{where}.reading_id", f"{reading_id!r} is reserved for claims"))
        if reading_id in seen:
            problems.append(Problem(file, None, f"{where}.reading_id", f"{reading_id!r} is a duplicate"))
        seen.add(reading_id)
        if all(item.get(key) for key in READING_KEYS):
            readings.append({key: item[key] for key in READING_KEYS})
    if len(readings) != 2 and not problems:
        problems.append(Problem(file, None, "readings", f"expected exactly two rival readings, found {len(readings)}"))
    return readings, problems


def readings_frame(readings: list[dict]) -> pd.DataFrame:
    """The readings indexed by ``reading_id``."""
    frame = pd.DataFrame(readings, columns=list(READING_KEYS))
    for key in ("reading_id", "label", "thesis"):
        frame[key] = frame[key].astype("string")
    return frame.set_index("reading_id", drop=False)
