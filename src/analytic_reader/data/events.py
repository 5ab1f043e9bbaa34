"""The timeline: the events the sources and the readings rely on, each with a citation.

``data/events.csv`` lists events by date (as exact as known); each cites claim ids of the corpus (a
source that reports the event) and/or bibliography keys (for events no corpus source covers). The
check refuses an event whose citation points nowhere.
"""

from __future__ import annotations

import pandas as pd

from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import Column, Table, read_table

EVENT_COLUMNS = (
    Column("date", date=True),
    Column("event"),
    Column("citation"),
    Column("note", required=False),
)


def read_events(paths: ProjectPaths) -> Table:
    path = paths.data_dir / "events.csv"
    return read_table(path, paths.relative(path), EVENT_COLUMNS)


def citations(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def check_events(events: Table, claim_ids: set[str], bibkeys: set[str]) -> list[Problem]:
    """Every citation is a claim id or a bibliography key; events are in date order."""
    problems: list[Problem] = []
    previous = ""
    for record in events.records:
        for citation in citations(record["citation"]):
            if citation not in claim_ids and citation not in bibkeys:
                problems.append(
                    Problem(
                        events.file,
                        record.line,
                        "citation",
                        f"{citation!r} is neither a claim id nor a key of references.bib",
                    )
                )
        date = record["date"].strip()
        if date and previous and date < previous[: len(date)]:
            problems.append(
                Problem(
                    events.file,
                    record.line,
                    "date",
                    f"{date} comes before the previous event ({previous}); keep events in date order",
                )
            )
        previous = date or previous
    return problems


def events_frame(events: Table) -> pd.DataFrame:
    rows = [
        {
            "date": r["date"].strip(),
            "event": r["event"].strip(),
            "citation": citations(r["citation"]),
            "note": r["note"].strip(),
        }
        for r in events.records
    ]
    return pd.DataFrame(rows, columns=["date", "event", "citation", "note"])
