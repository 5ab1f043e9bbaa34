"""Claims: the statements each source makes, and where each quote stands in its seed.

A quote is trusted only if it stands verbatim in its seed. Runs of whitespace (spaces, tabs, line
breaks) may differ, because a CSV cell cannot keep the seed's line breaks comfortably; nothing
else may, not even a curly quote.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

import pandas as pd

from .problems import Problem
from .records import Column, Table, check_unique, read_table
from .paths import ProjectPaths

KINDS = ("factual report", "attributed statement", "assessment", "forecast", "recommendation")
THEATERS = ("ukraine", "middle-east", "both", "global")
TOPICS = (
    "drones and missiles",
    "air defense",
    "intelligence",
    "nuclear program",
    "energy and sanctions",
    "diplomacy",
    "Syria",
    "proxies",
    "arms transfers",
    "strategic alignment",
    "Western response",
)
READING_TAGS_BEYOND_READINGS = ("both", "neither")
DEFAULT_READINGS = ("linked", "fraying")
COPIED_WORDS_LIMIT = 8


def claim_columns(reading_ids: tuple[str, ...] = DEFAULT_READINGS) -> tuple[Column, ...]:
    """The claims schema; the allowed ``reading`` values come from ``readings.yml``."""
    return (
        Column("claim_id", pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{2,}", pattern_help="<source_id>-NN, e.g. growing-ties-03"),
        Column("source_id"),
        Column("quote"),
        Column("paraphrase"),
        Column("kind", allowed=KINDS),
        Column("speaker"),
        Column("theater", allowed=THEATERS),
        Column("topic", allowed=TOPICS),
        Column("reading", allowed=(*reading_ids, *READING_TAGS_BEYOND_READINGS)),
        Column("rationale"),
    )


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` of a quote in its seed text."""

    start: int
    end: int


@functools.lru_cache(maxsize=256)
def _collapse_whitespace(text: str) -> tuple[str, list[int]]:
    """Text with each whitespace run as one space, and each kept character's original offset.

    Cached: every quote of a source is looked up in the same seed, so each seed is collapsed once.
    """
    chars: list[str] = []
    offsets: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not in_space:
                chars.append(" ")
                offsets.append(index)
            in_space = True
        else:
            chars.append(char)
            offsets.append(index)
            in_space = False
    return "".join(chars), offsets


def normalize_quote(quote: str) -> str:
    return re.sub(r"\s+", " ", quote).strip()


def locate_quote(seed: str, quote: str) -> Span | None:
    """Where ``quote`` stands in ``seed``, tolerating only whitespace differences.

    Returns the first occurrence, or ``None`` when the quote is not in the seed.
    """
    needle = normalize_quote(quote)
    if not needle:
        return None
    haystack, offsets = _collapse_whitespace(seed)
    position = haystack.find(needle)
    if position < 0:
        return None
    last = position + len(needle) - 1
    return Span(offsets[position], offsets[last] + 1)


def closest_passage(seed: str, quote: str, width: int = 0) -> str:
    """The passage of ``seed`` most like ``quote``, to show next to a quote that is not found.

    Anchors on the longest block the two share, then takes a window of the quote's length.
    """
    needle = normalize_quote(quote)
    haystack, _ = _collapse_whitespace(seed)
    if not needle or not haystack:
        return ""
    matcher = difflib.SequenceMatcher(None, haystack, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(haystack), 0, len(needle))
    anchor = max(0, block.a - block.b)
    length = width or len(needle)

    def likeness(start: int) -> float:
        return difflib.SequenceMatcher(None, haystack[start:start + length], needle, autojunk=False).ratio()

    candidates = range(max(0, anchor - 12), min(len(haystack), anchor + 13))
    best = max(candidates, key=lambda start: (likeness(start), -abs(start - anchor)))
    return haystack[best:best + length].strip()


def copied_run(paraphrase: str, seed: str, limit: int = COPIED_WORDS_LIMIT) -> str | None:
    """The first run of ``limit`` consecutive words that ``paraphrase`` copies from ``seed``.

    Paraphrases must be in our own words; a long verbatim run means a sentence was borrowed.
    """
    words = re.findall(r"\w+", paraphrase.lower())
    seed_words = " ".join(re.findall(r"\w+", seed.lower()))
    for index in range(len(words) - limit + 1):
        run = " ".join(words[index:index + limit])
        if f" {run} " in f" {seed_words} ":
            return run
    return None


def read_claims(paths: ProjectPaths, reading_ids: tuple[str, ...] = DEFAULT_READINGS) -> Table:
    """Read ``data/claims.csv`` and check what needs no other file."""
    table = read_table(paths.claims_csv, paths.relative(paths.claims_csv), claim_columns(reading_ids))
    check_unique(table, "claim_id")
    for record in table.records:
        claim_id, source_id = record["claim_id"].strip(), record["source_id"].strip()
        if claim_id and source_id and re.fullmatch(r".+-\d{2,}", claim_id) and not claim_id.startswith(f"{source_id}-"):
            table.problems.append(
                Problem(table.file, record.line, "claim_id",
                        f"{claim_id!r} should start with its source_id, e.g. {source_id}-01")
            )
        for name in ("paraphrase", "rationale"):
            if "\n" in record[name] or "\r" in record[name]:
                table.problems.append(Problem(table.file, record.line, name, "contains a line break; keep it to one line"))
    return table


def check_claims_against_seeds(table: Table, seeds: dict[str, tuple[str, str]]) -> list[Problem]:
    """Each claim names a known source, and its quote stands verbatim in that source's seed.

    ``seeds`` maps ``source_id`` to ``(seed_file, seed_text)``.
    """
    problems: list[Problem] = []
    for record in table.records:
        source_id = record["source_id"].strip()
        if not source_id:
            continue
        if source_id not in seeds:
            known = ", ".join(sorted(seeds)) or "none"
            problems.append(Problem(table.file, record.line, "source_id",
                                    f"{source_id!r} is not in data/sources.csv; known sources: {known}"))
            continue
        seed_file, seed = seeds[source_id]
        quote = record["quote"]
        if quote.strip() and locate_quote(seed, quote) is None:
            passage = closest_passage(seed, quote)
            problems.append(Problem(table.file, record.line, "quote",
                                    f"not found verbatim in {seed_file}; closest passage: \"{passage}\""))
        run = copied_run(record["paraphrase"], seed)
        if run:
            problems.append(Problem(table.file, record.line, "paraphrase",
                                    f"copies {COPIED_WORDS_LIMIT} or more words from {seed_file} (\"{run}\"); "
                                    "write it in our own words"))
    return problems


def claims_frame(table: Table, seeds: dict[str, tuple[str, str]], reading_ids: tuple[str, ...] = DEFAULT_READINGS) -> pd.DataFrame:
    """The claims as a typed DataFrame, with each quote's offsets in its seed.

    ``quote_start``/``quote_end`` are ``<NA>`` when the quote is not found (validation reports it).
    """
    columns = [column.name for column in claim_columns(reading_ids)]
    rows = []
    for record in table.records:
        row = {name: record[name].strip() for name in columns}
        seed = seeds.get(row["source_id"])
        span = locate_quote(seed[1], row["quote"]) if seed else None
        row["quote_start"] = span.start if span else None
        row["quote_end"] = span.end if span else None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*columns, "quote_start", "quote_end"])
    for name in columns:
        frame[name] = frame[name].astype("string")
    frame["kind"] = pd.Categorical(frame["kind"], categories=KINDS)
    frame["theater"] = pd.Categorical(frame["theater"], categories=THEATERS)
    frame["topic"] = pd.Categorical(frame["topic"], categories=TOPICS)
    frame["reading"] = pd.Categorical(frame["reading"], categories=(*reading_ids, *READING_TAGS_BEYOND_READINGS))
    frame["quote_start"] = frame["quote_start"].astype("Int64")
    frame["quote_end"] = frame["quote_end"].astype("Int64")
    return frame.set_index("claim_id", drop=False)
