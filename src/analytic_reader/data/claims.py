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

from analytic_reader.data.codebook import Codebook, allowed_values
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import CLAIM_ID, Column, Record, Table, check_unique, read_table
from analytic_reader.data.sentences import scraping_breaks, split_sentences

COPIED_WORDS_LIMIT = 8
MATCH_CHARS = 240
#: Attributions whose speaker need not be named near the quote (the author's voice, lost or unknown origin).
UNNAMED_ATTRIBUTIONS = ("author", "hearsay", "unattributable")
_STOPWORDS = {"and", "the", "of", "for", "in", "on", "at", "to", "a", "an", "by", "with", "from"}


def claim_columns(codebook: Codebook | None = None) -> tuple[Column, ...]:
    """The claims schema; the closed vocabularies come from the codebook (``data/codebook.md``)."""

    return (
        Column("claim_id", pattern=CLAIM_ID.pattern, pattern_help="<source_id>-NN, e.g. growing-ties-03"),
        Column("source_id"),
        Column("quote", verbatim=True),
        Column("paraphrase"),
        Column("kind", allowed=allowed_values(codebook, "kind")),
        Column("speaker"),
        Column("attribution", allowed=allowed_values(codebook, "attribution")),
        Column("documentation"),
        Column("theater", allowed=allowed_values(codebook, "theater")),
        Column("topic", allowed=allowed_values(codebook, "topic")),
        Column(
            "proposition",
            required=False,
            pattern=CLAIM_ID.pattern,
            pattern_help="the claim id of the first claim of the group it restates, or empty",
        ),
    )


def check_propositions(claims: Table) -> list[Problem]:
    """A claim's ``proposition`` names an earlier claim of the same source that heads its group (its own
    ``proposition`` is empty): one proposition, one group, so that it counts once (codebook, section 5)."""
    problems: list[Problem] = []
    seen: dict[str, Record] = {}
    for record in claims.records:
        head = record["proposition"].strip()
        if head:
            first = seen.get(head)
            if first is None:
                problems.append(
                    Problem(
                        claims.file, record.line, "proposition", f"{head!r} is not an earlier claim in {claims.file}"
                    )
                )
            elif first["source_id"].strip() != record["source_id"].strip():
                problems.append(
                    Problem(claims.file, record.line, "proposition", f"{head!r} is a claim of another source")
                )
            elif first["proposition"].strip():
                problems.append(
                    Problem(
                        claims.file,
                        record.line,
                        "proposition",
                        f"{head!r} restates {first['proposition'].strip()!r}; name the group's first claim",
                    )
                )
        seen[record["claim_id"].strip()] = record
    return problems


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


@functools.lru_cache(maxsize=8192)
def locate_quote(seed: str, quote: str) -> Span | None:
    """Where ``quote`` stands in ``seed``, tolerating only whitespace differences.

    Returns the first occurrence, or ``None`` when the quote is not in the seed. Cached: the check, the
    claims frame and the ledger all ask where each quote stands, and the answer is computed once.
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

    Anchors on the longest block the two share, then takes a window of the quote's length. Only the
    quote's first ``MATCH_CHARS`` characters are compared, so the search takes the same bounded time
    however long a wrong quote is (a pasted page must not stall ``make check``).
    """
    needle = normalize_quote(quote)[:MATCH_CHARS]
    haystack, _ = _collapse_whitespace(seed)
    if not needle or not haystack:
        return ""
    matcher = difflib.SequenceMatcher(None, haystack, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(haystack), 0, len(needle))
    anchor = max(0, block.a - block.b)
    length = width or len(needle)

    def likeness(start: int) -> float:
        return difflib.SequenceMatcher(None, haystack[start : start + length], needle, autojunk=False).ratio()

    candidates = range(max(0, anchor - 12), min(len(haystack), anchor + 13))
    best = max(candidates, key=lambda start: (likeness(start), -abs(start - anchor)))
    return haystack[best : best + length].strip()


def copied_run(paraphrase: str, seed: str, limit: int = COPIED_WORDS_LIMIT) -> str | None:
    """The first run of ``limit`` consecutive words that ``paraphrase`` copies from ``seed``.

    Paraphrases must be in our own words; a long verbatim run means a sentence was borrowed.
    """
    words = re.findall(r"\w+", paraphrase.lower())
    runs = _word_runs(seed, limit)
    for index in range(len(words) - limit + 1):
        if tuple(words[index : index + limit]) in runs:
            return " ".join(words[index : index + limit])
    return None


@functools.lru_cache(maxsize=64)
def _word_runs(seed: str, limit: int) -> frozenset[tuple[str, ...]]:
    """Every run of ``limit`` consecutive words of ``seed``: computed once per seed, however many
    paraphrases are checked against it (a large claims file has tens of thousands)."""
    words = re.findall(r"\w+", seed.lower())
    return frozenset(tuple(words[i : i + limit]) for i in range(len(words) - limit + 1))


def read_claims(paths: ProjectPaths, codebook: Codebook) -> Table:
    """Read ``data/claims.csv`` and check what needs no other file."""
    table = read_table(paths.claims_csv, paths.relative(paths.claims_csv), claim_columns(codebook))
    check_unique(table, "claim_id")
    for record in table.records:
        claim_id, source_id = record["claim_id"].strip(), record["source_id"].strip()
        if claim_id and source_id and re.fullmatch(r".+-\d{2,}", claim_id) and not claim_id.startswith(f"{source_id}-"):
            table.problems.append(
                Problem(
                    table.file,
                    record.line,
                    "claim_id",
                    f"{claim_id!r} should start with its source_id, e.g. {source_id}-01",
                )
            )
        for name in ("paraphrase", "speaker"):
            if "\n" in record[name] or "\r" in record[name]:
                table.problems.append(
                    Problem(table.file, record.line, name, "contains a line break; keep it to one line")
                )
        problem = documentation_problem(record["documentation"].strip(), codebook.values("documentation"))
        if problem:
            table.problems.append(Problem(table.file, record.line, "documentation", problem))
        speaker, attribution = record["speaker"].strip(), record["attribution"].strip()
        if speaker and attribution and (speaker == "author") != (attribution == "author"):
            table.problems.append(
                Problem(
                    table.file,
                    record.line,
                    "attribution",
                    f"{attribution!r} with speaker {speaker!r}: the speaker is 'author' "
                    "exactly when the attribution is 'author'",
                )
            )
        if re.search(r"\b[a-z0-9-]+\.(?:org|com|gov|net|edu|int)\b", speaker):
            table.problems.append(
                Problem(
                    table.file,
                    record.line,
                    "speaker",
                    f"{speaker!r} is a web domain; a domain in brackets says where a link "
                    "pointed, not who said something (codebook, section 2)",
                )
            )
    return table


def documentation_problem(value: str, allowed: tuple[str, ...]) -> str | None:
    """What is wrong with a ``documentation`` value: codebook values joined by '; ' in table order."""
    if not value or not allowed:
        return None
    parts = value.split("; ")
    unknown = [part for part in parts if part not in allowed]
    if unknown:
        return (
            f"{unknown[0]!r} is not an allowed value; use one or more of "
            f"{', '.join(repr(v) for v in allowed)}, joined by '; '"
        )
    if "none" in parts and len(parts) > 1:
        return "'none' stands alone"
    if parts != sorted(parts, key=allowed.index) or len(set(parts)) != len(parts):
        return f"list each value once, in the codebook's order: {'; '.join(sorted(set(parts), key=allowed.index))}"
    return None


def _words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[^\W_]+", text)}


def speaker_is_named_near(seed: str, span: Span, speaker: str) -> bool:
    """Whether ``speaker`` is named in the quote's sentences or the sentence before, on the same side of
    any scraping break.

    A speaker counts as named when one of its words (three letters or more, not a stop word) or the
    initials of its capitalized words (``ISW`` for Institute for the Study of War) appear there.
    """
    sentences = split_sentences(seed)
    inside = [s for s in sentences if s.start < span.end and span.start < s.end]
    if not inside:
        return False
    first = sentences.index(inside[0])
    start = sentences[first - 1].start if first > 0 else inside[0].start
    end = inside[-1].end
    breaks = scraping_breaks(seed)
    start = max([start, *[b for b in breaks if b < span.start]])
    end = min([end, *[b for b in breaks if b >= span.end]])
    window = _words(seed[start:end])
    tokens = {w for w in _words(speaker) if len(w) >= 3 and w not in _STOPWORDS}
    initials = "".join(word[0] for word in re.findall(r"[^\W\d_]+", speaker) if word[0].isupper())
    return bool(tokens & window) or (len(initials) >= 2 and initials.lower() in window)


_OPENING_QUOTES = '“"‘'
_CLOSING_QUOTES = '”"’'


def crosses_paragraph(passage: str) -> bool:
    """Whether ``passage`` runs across a paragraph break that is not part of one quotation.

    By the convention of English typography a quotation that runs on into the next paragraph leaves
    its closing mark off and opens the next paragraph with a new opening mark; such a passage is one
    speaker's words, and may be quoted whole (its speaker is named where the quotation begins)."""
    for found in re.finditer(r"\n[ \t]*\n\s*", passage):
        before, after = passage[: found.start()], passage[found.end() :]
        opened = sum(before.count(q) for q in "“") - sum(before.count(q) for q in "”")
        straight_open = before.count('"') % 2 == 1
        if not (after[:1] in _OPENING_QUOTES and (opened > 0 or straight_open)):
            return True
    return False


def check_claims_against_seeds(
    table: Table, seeds: dict[str, tuple[str, str]], known_sources: set[str] | None = None
) -> list[Problem]:
    """Each claim names a known source, its quote stands verbatim in that source's seed without crossing
    a scraping break, and its speaker is named near the quote.

    ``seeds`` maps ``source_id`` to ``(seed_file, seed_text)``; ``known_sources`` are the ids in
    sources.csv, including those whose seed is missing (reported there, not again for each claim).
    """
    known = set(seeds) | set(known_sources or ())
    problems: list[Problem] = []
    for record in table.records:
        source_id = record["source_id"].strip()
        if not source_id:
            continue
        if source_id not in known:
            listed = ", ".join(sorted(known)) or "none"
            problems.append(
                Problem(
                    table.file,
                    record.line,
                    "source_id",
                    f"{source_id!r} is not in data/sources.csv; known sources: {listed}",
                )
            )
            continue
        if source_id not in seeds:
            continue
        seed_file, seed = seeds[source_id]
        quote = record["quote"]
        span = locate_quote(seed, quote) if quote.strip() else None
        if quote.strip() and span is None:
            passage = closest_passage(seed, quote)
            problems.append(
                Problem(
                    table.file, record.line, "quote", f'not found verbatim in {seed_file}; closest passage: "{passage}"'
                )
            )
        if span is not None and crosses_paragraph(seed[span.start : span.end]):
            problems.append(
                Problem(
                    table.file,
                    record.line,
                    "quote",
                    "runs across a paragraph break; a claim is quoted from one paragraph (codebook, section 1)",
                )
            )
        if span is not None:
            crossed = [b for b in scraping_breaks(seed) if span.start < b < span.end]
            if crossed:
                problems.append(
                    Problem(
                        table.file,
                        record.line,
                        "quote",
                        f"crosses a scraping break at {seed[crossed[0] : seed.index(')', crossed[0]) + 1]!r}; "
                        "the words on either side need not belong together, so quote one side only",
                    )
                )
            speaker = record["speaker"].strip()
            if (
                speaker
                and record["attribution"].strip() not in UNNAMED_ATTRIBUTIONS
                and not speaker_is_named_near(seed, span, speaker)
            ):
                problems.append(
                    Problem(
                        table.file,
                        record.line,
                        "speaker",
                        f"{speaker!r} is not named in the quote's sentence or the one before it "
                        f"(on the same side of any scraping break) in {seed_file}",
                    )
                )
        run = copied_run(record["paraphrase"], seed)
        if run:
            problems.append(
                Problem(
                    table.file,
                    record.line,
                    "paraphrase",
                    f'copies {COPIED_WORDS_LIMIT} or more words from {seed_file} ("{run}"); write it in our own words',
                )
            )
    return problems


def claims_frame(table: Table, seeds: dict[str, tuple[str, str]], codebook: Codebook) -> pd.DataFrame:
    """The claims as a typed DataFrame, with each quote's offsets in its seed.

    ``quote_start``/``quote_end`` are ``<NA>`` when the quote is not found (validation reports it).
    """
    columns = [column.name for column in claim_columns(codebook)]
    rows = []
    for record in table.records:
        row = {name: record[name].strip() for name in columns}
        seed = seeds.get(row["source_id"])
        span = locate_quote(seed[1], row["quote"]) if seed else None
        row["proposition"] = row["proposition"] or row["claim_id"]
        row["quote_start"] = span.start if span else None
        row["quote_end"] = span.end if span else None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*columns, "quote_start", "quote_end"])
    for name in columns:
        frame[name] = frame[name].astype("string")
    for name in ("kind", "attribution", "theater", "topic"):
        frame[name] = pd.Categorical(frame[name], categories=codebook.values(name))
    frame["quote_start"] = frame["quote_start"].astype("Int64")
    frame["quote_end"] = frame["quote_end"].astype("Int64")
    return frame.set_index("claim_id", drop=False)
