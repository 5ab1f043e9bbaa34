"""Agreement between two independent coders, and the log of how each disagreement was decided.

``data/coding/first.csv`` and ``data/coding/second.csv`` hold the two codings exactly as the coders
left them (the second coder saw the codebook, the seeds and the claims, never the first ratings);
``data/coding/adjudication.csv`` records every disagreement with the decision and its reason. The
decided ratings are ``data/ratings.csv``. Keeping the raw codings makes the agreement figures
recomputable, and the check makes sure the log and the decided ratings tell the same story.
"""

from __future__ import annotations

import re

import pandas as pd

from analytic_reader.data.codebook import Codebook
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.ratings import cohen_kappa, read_ratings
from analytic_reader.data.records import Column, Table, read_table

ADJUDICATION_FILE = "adjudication.csv"


def adjudication_columns(codebook: Codebook | None = None) -> tuple[Column, ...]:
    allowed = codebook.values("rating") if codebook else ()
    return (
        Column("claim_id"),
        Column("reading_id"),
        Column("first", allowed=allowed),
        Column("second", allowed=allowed),
        Column("decision", allowed=allowed),
        Column("reason"),
    )


def _key(record) -> tuple[str, str]:
    return record["claim_id"].strip(), record["reading_id"].strip()


def read_coding(paths: ProjectPaths, codebook: Codebook) -> tuple[Table, Table, Table] | None:
    """The two codings and the adjudication log, or ``None`` when the project keeps no second coding."""
    folder = paths.coding_dir
    if not folder.exists():
        return None
    first = read_ratings(folder / "first.csv", paths.relative(folder / "first.csv"), codebook)
    second = read_ratings(folder / "second.csv", paths.relative(folder / "second.csv"), codebook)
    log = read_table(
        folder / ADJUDICATION_FILE, paths.relative(folder / ADJUDICATION_FILE), adjudication_columns(codebook)
    )
    return first, second, log


def check_coding(first: Table, second: Table, log: Table, decided: Table) -> list[Problem]:
    """Both codings rate the same pairs as the decided ratings; every disagreement is in the log with
    the two original ratings, and the decision is the rating in ``data/ratings.csv``."""
    problems = [*first.problems, *second.problems, *log.problems]
    if problems:
        return problems
    ratings = {
        name: {_key(r): r["rating"].strip() for r in table.records}
        for name, table in (("first", first), ("second", second), ("decided", decided))
    }
    for name, table in (("first", first), ("second", second)):
        missing = sorted(set(ratings["decided"]) - set(ratings[name]))
        if missing:
            problems.append(
                Problem(
                    table.file,
                    None,
                    "claim_id",
                    f"{len(missing)} rated pair(s) of data/ratings.csv are not in this coding, "
                    f"e.g. {missing[0][0]} against {missing[0][1]!r}",
                )
            )
    logged = {}
    for record in log.records:
        key = _key(record)
        logged[key] = record
        for name in ("first", "second"):
            if key in ratings[name] and record[name].strip() != ratings[name][key]:
                problems.append(
                    Problem(
                        log.file,
                        record.line,
                        name,
                        f"says {record[name].strip()!r} but the {name} coding has {ratings[name][key]!r}",
                    )
                )
        if key in ratings["decided"] and record["decision"].strip() != ratings["decided"][key]:
            problems.append(
                Problem(
                    log.file,
                    record.line,
                    "decision",
                    f"{record['decision'].strip()!r} differs from {ratings['decided'][key]!r} in "
                    f"{decided.file}; the decided rating must be the adjudicated one",
                )
            )
    for key, value in ratings["first"].items():
        other = ratings["second"].get(key)
        if other is not None and other != value and key not in logged:
            problems.append(
                Problem(
                    log.file,
                    None,
                    "claim_id",
                    f"the coders disagree on {key[0]} against {key[1]!r} ({value} / {other}); "
                    "adjudicate it and log the decision",
                )
            )
        if other is not None and other == value and ratings["decided"].get(key, value) != value:
            problems.append(
                Problem(
                    decided.file,
                    None,
                    "rating",
                    f"{key[0]} against {key[1]!r}: both coders said {value!r} but the decided "
                    "rating differs; log the reason in the adjudication file",
                )
            )
    return problems


def agreement_frame(first: Table, second: Table, decided: Table, reading_ids: tuple[str, ...]) -> pd.DataFrame:
    """Per reading: pairs rated, raw agreement and Cohen's kappa between the coders before
    adjudication, and each coder's kappa with the decided ratings after it."""
    maps = [{_key(r): r["rating"].strip() for r in table.records} for table in (first, second, decided)]
    rows = []
    for reading_id in reading_ids:
        keys = sorted(k for k in maps[2] if k[1] == reading_id and k in maps[0] and k in maps[1])
        a, b, c = ([m[k] for k in keys] for m in maps)
        if not keys:
            continue
        rows.append(
            {
                "reading": reading_id,
                "claims rated": len(keys),
                "agreement": sum(x == y for x, y in zip(a, b)) / len(keys),
                "kappa before adjudication": cohen_kappa(a, b),
                "disagreements": sum(x != y for x, y in zip(a, b)),
                "kappa first vs decided": cohen_kappa(a, c),
                "kappa second vs decided": cohen_kappa(b, c),
            }
        )
    return pd.DataFrame(rows).set_index("reading")


def adjudication_frame(log: Table) -> pd.DataFrame:
    columns = [c.name for c in adjudication_columns()]
    return pd.DataFrame([{c: r[c].strip() for c in columns} for r in log.records], columns=columns)


def _runs(text: str, length: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9’']+", text.lower())
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def rationale_overlap(
    first: Table, second: Table, common: list[str], length: int = 5, unrelated: int = 20
) -> pd.DataFrame:
    """How often the two codings' rationales for the same claim and reading share a distinctive run of
    ``length`` words (one found in none of the ``common`` texts: codebook, readings, quotes,
    paraphrases), against how often rationales of unrelated pairs do.

    Two coders who work blind share such a run about as rarely for the same pair as for unrelated
    pairs; a much higher rate for the same pair suggests one coding saw the other. Unrelated pairs:
    each first rationale against the second rationales of the ``unrelated`` pairs that follow it in
    the file (a fixed, reproducible choice)."""
    shared_text: set[tuple[str, ...]] = set()
    for text in common:
        shared_text |= _runs(text, length)
    firsts = {_key(r): _runs(r["rationale"], length) - shared_text for r in first.records}
    seconds = {_key(r): _runs(r["rationale"], length) - shared_text for r in second.records}
    keys = [k for k in firsts if k in seconds]
    same = sum(bool(firsts[k] & seconds[k]) for k in keys)
    others = [(a, keys[(i + step) % len(keys)]) for i, a in enumerate(keys) for step in range(1, unrelated + 1)]
    other = sum(bool(firsts[a] & seconds[b]) for a, b in others if a != b)
    return pd.DataFrame(
        {
            "pairs": [len(keys), len(others)],
            f"sharing a {length}-word run": [same, other],
            "share": [same / len(keys) if keys else 0.0, other / len(others) if others else 0.0],
        },
        index=["same claim and reading", "unrelated pairs"],
    )
