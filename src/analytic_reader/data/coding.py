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

from analytic_reader.data.claims import locate_quote
from analytic_reader.data.codebook import Codebook, allowed_values
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.ratings import cohen_kappa, read_ratings
from analytic_reader.data.records import Column, Record, Table, read_table

ADJUDICATION_FILE = "adjudication.csv"


def adjudication_columns(codebook: Codebook | None = None) -> tuple[Column, ...]:
    allowed = allowed_values(codebook, "rating")
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


FIELDS_FILE = "fields-second.csv"


def field_columns(codebook: Codebook | None = None) -> tuple[Column, ...]:
    """A second, blind coding of a sample of passages: the claims it finds and how it describes them."""

    return (
        Column("source_id"),
        Column("quote", verbatim=True),
        Column("speaker"),
        Column("attribution", allowed=allowed_values(codebook, "attribution")),
        Column("documentation"),
        Column("kind", allowed=allowed_values(codebook, "kind")),
    )


def read_field_coding(paths: ProjectPaths, codebook: Codebook) -> Table | None:
    path = paths.coding_dir / FIELDS_FILE
    if not path.exists():
        return None
    return read_table(path, paths.relative(path), field_columns(codebook))


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def field_agreement(claims: pd.DataFrame, seeds: dict[str, str], second: Table) -> pd.DataFrame:
    """How far a blind second coding of sampled passages agrees with the book's claims there.

    The sample is every book claim whose quote lies on a line of its seed where the second coding
    found a claim (a passage). Each such claim is matched to the second coder's claim whose quote
    overlaps it most (characters in common over characters in either); ``boundaries`` counts a match
    when that overlap is at least one half, and ``same boundaries`` when it is at least nineteen
    twentieths. Speaker (the same words, or one name containing the other), attribution, documentation
    (the same set of values) and kind are then compared on the matched claims, with Cohen's kappa
    where the field is a closed vocabulary."""
    spans: dict[str, list[tuple[int, int, Record]]] = {}
    lines: dict[str, set[int]] = {}
    for record in second.records:
        source_id = record["source_id"].strip()
        seed = seeds.get(source_id)
        span = locate_quote(seed, record["quote"]) if seed else None
        if span is None:
            continue
        spans.setdefault(source_id, []).append((span.start, span.end, record))
        lines.setdefault(source_id, set()).add(seed.count("\n", 0, span.start))
    rows = []
    for claim in claims.itertuples():
        seed, start, end = seeds.get(str(claim.source_id)), claim.quote_start, claim.quote_end
        if seed is None or pd.isna(start) or seed.count("\n", 0, int(start)) not in lines.get(str(claim.source_id), ()):
            continue
        best, overlap = None, 0.0
        for s, e, record in spans.get(str(claim.source_id), []):
            common = max(0, min(e, int(end)) - max(s, int(start)))
            either = max(e, int(end)) - min(s, int(start))
            if either and common / either > overlap:
                best, overlap = record, common / either
        rows.append((claim, best if overlap >= 0.5 else None, overlap))
    matched = [(claim, record) for claim, record, _ in rows if record is not None]

    def compare(name: str, book: list[str], other: list[str], kappa: bool) -> dict[str, object]:
        agree = sum(a == b for a, b in zip(book, other))
        return {
            "field": name,
            "claims compared": len(book),
            "agreement": f"{agree / len(book):.0%}" if book else "–",
            "kappa": f"{cohen_kappa(book, other):.2f}" if kappa and book else "–",
        }

    def speaker_same(a: str, b: str) -> str:
        a, b = _normal(a), _normal(b)
        return "same" if a == b or (a and b and (a in b or b in a)) else "different"

    def documentation(value: str) -> str:
        return "; ".join(sorted(part.strip() for part in value.split(";") if part.strip()))

    table = [
        {
            "field": "claim boundaries",
            "claims compared": len(rows),
            "agreement": f"{len(matched) / len(rows):.0%} overlap by half or more; "
            f"{sum(o >= 0.95 for _, _, o in rows) / len(rows):.0%} the same passage"
            if rows
            else "–",
            "kappa": "–",
        },
        compare(
            "speaker",
            ["same"] * len(matched),
            [speaker_same(str(c.speaker), r["speaker"]) for c, r in matched],
            False,
        ),
        compare(
            "attribution",
            [str(c.attribution) for c, _ in matched],
            [r["attribution"].strip() for _, r in matched],
            True,
        ),
        compare(
            "documentation",
            [documentation(str(c.documentation)) for c, _ in matched],
            [documentation(r["documentation"]) for _, r in matched],
            True,
        ),
        compare("kind", [str(c.kind) for c, _ in matched], [r["kind"].strip() for _, r in matched], True),
    ]
    return pd.DataFrame(table).set_index("field")


def check_field_coding(second: Table, seeds: dict[str, str]) -> list[Problem]:
    """The second field coding names known sources and quotes them verbatim."""
    problems = list(second.problems)
    for record in second.records:
        source_id = record["source_id"].strip()
        if source_id not in seeds:
            problems.append(
                Problem(second.file, record.line, "source_id", f"{source_id!r} is not a source with a seed")
            )
        elif locate_quote(seeds[source_id], record["quote"]) is None:
            problems.append(
                Problem(second.file, record.line, "quote", f"not found verbatim in the seed of {source_id}")
            )
    return problems
