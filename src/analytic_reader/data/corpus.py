"""One pass over the whole project: read everything, check everything, collect every problem.

``check_data`` is the data part of what ``make check`` prints; it also returns the files it read that
the chapters are checked against (claims, sources, bibliography, seeds), so that ``authoring.project``
checks the prose without reading them a second time. ``load_corpus`` is what the chapters use, and
refuses to return data that has a problem, so that a wrong quote can never reach the book silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytic_reader.data.bibliography import Bibliography, read_bibliography
from analytic_reader.data.claims import (
    check_claims_against_seeds,
    check_propositions,
    claims_frame,
    locate_quote,
    read_claims,
)
from analytic_reader.data.codebook import Codebook, read_codebook
from analytic_reader.data.coding import check_coding, check_field_coding, read_coding, read_field_coding
from analytic_reader.data.events import check_events, events_frame, read_events
from analytic_reader.data.forecasts import check_forecasts, forecasts_frame, read_forecasts
from analytic_reader.data.glossary import glossary_frame, read_glossary
from analytic_reader.data.ledger import check_ledger, coverage, read_ledger
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import DataError, Problem
from analytic_reader.data.ratings import check_ratings, ratings_frame, read_ratings, verdicts
from analytic_reader.data.readings import read_readings, readings_frame
from analytic_reader.data.records import Table
from analytic_reader.data.sources import MIXED_LEAN, check_seeds, read_seed, read_sources, sources_frame


@dataclass(frozen=True)
class Corpus:
    """Everything the book shows, validated: sources, claims (with their verdicts), ratings, readings,
    bibliography, seed texts, the codebook and the coverage of the coding."""

    paths: ProjectPaths
    sources: pd.DataFrame
    claims: pd.DataFrame
    ratings: pd.DataFrame
    readings: pd.DataFrame
    bibliography: dict[str, dict[str, str]]
    seeds: dict[str, str]
    codebook: Codebook
    coverage: pd.DataFrame
    forecasts: pd.DataFrame
    events: pd.DataFrame
    glossary: pd.DataFrame

    def seed_text(self, source_id: str) -> str:
        return self.seeds[source_id]

    @property
    def reading_ids(self) -> tuple[str, ...]:
        return tuple(self.readings.index)


@dataclass(frozen=True)
class DataCheck:
    """One pass over the data: every problem found, the corpus when there is none, and the files the
    prose is checked against as they were read (each may hold problems, or be ``broken``)."""

    problems: list[Problem]
    corpus: Corpus | None
    claims: Table
    sources: Table
    bibliography: Bibliography
    seeds: dict[str, str]  # the text of each source's seed, by source id
    readings: list[dict]  # as read_readings gives them; empty when readings.yml has problems


def check_data(paths: ProjectPaths) -> DataCheck:
    """Read and check every data file once (see ``DataCheck``)."""
    problems: list[Problem] = []
    codebook, codebook_problems = read_codebook(paths)
    problems += codebook_problems
    readings, reading_problems = read_readings(paths)
    problems += reading_problems
    reading_ids = tuple(r["reading_id"] for r in readings)
    sources = read_sources(paths)
    problems += sources.problems
    # A file that cannot be read as its schema expects (sources.broken, claims.broken, …) is reported by
    # its root cause only: the checks of other files against it wait until it is fixed.
    for record in sources.records if not sources.broken else ():
        lean = record["lean"].strip()
        if lean and reading_ids and lean not in (*reading_ids, MIXED_LEAN):
            problems.append(
                Problem(
                    sources.file,
                    record.line,
                    "lean",
                    f"{lean!r} is not a reading; use one of {', '.join(repr(v) for v in (*reading_ids, MIXED_LEAN))}",
                )
            )
    problems += check_seeds(paths, sources) if not sources.broken else []
    bibliography: Bibliography = read_bibliography(paths)
    problems += bibliography.problems
    if (not bibliography.problems or bibliography.entries) and not sources.broken:
        for record in sources.records:
            key = record["bibkey"].strip()
            if key and key not in bibliography.entries:
                problems.append(
                    Problem(sources.file, record.line, "bibkey", f"{key!r} is not an entry of {bibliography.file}")
                )
    seeds: dict[str, tuple[str, str]] = {}
    for record in sources.records:
        seed_file = record["seed_file"].strip()
        path = paths.root / seed_file
        if record["source_id"].strip() and seed_file.startswith("seeds/") and path.is_file():
            seeds[record["source_id"].strip()] = (seed_file, read_seed(paths, seed_file))
    seed_texts = {source_id: text for source_id, (_, text) in seeds.items()}
    known_sources = {record["source_id"].strip() for record in sources.records}
    claims = read_claims(paths, codebook)
    problems += claims.problems
    usable = not claims.broken and not sources.broken
    # A source whose seed is missing is reported once, on sources.csv; its claims are not re-reported.
    problems += check_claims_against_seeds(claims, seeds, known_sources) if usable else []
    problems += check_propositions(claims) if not claims.broken else []
    per_source = Counter(r["source_id"].strip() for r in claims.records)
    for record in sources.records if usable else ():
        count = per_source.get(record["source_id"].strip(), 0)
        if record["source_id"].strip() and count < codebook.minimum_claims:
            problems.append(
                Problem(
                    sources.file,
                    record.line,
                    "source_id",
                    f"{record['source_id'].strip()} has {count} claim(s) in {claims.file}; "
                    f"the codebook asks for at least {codebook.minimum_claims} per source",
                )
            )
    ratings = read_ratings(paths.ratings_csv, paths.relative(paths.ratings_csv), codebook)
    problems += ratings.problems
    if reading_ids and not claims.broken and not ratings.broken:
        problems += check_ratings(ratings, claims, reading_ids)
    spans: dict[str, list[tuple[int, int]]] = {}
    unlocated: set[str] = set()
    for record in claims.records:
        source_id = record["source_id"].strip()
        if source_id in seeds:
            span = locate_quote(seeds[source_id][1], record["quote"])
            if span:
                spans.setdefault(source_id, []).append((span.start, span.end))
            else:
                unlocated.add(source_id)
    ledger = read_ledger(paths, codebook)
    problems += ledger.problems
    if not ledger.problems and usable:
        claim_sources = {r["claim_id"].strip(): r["source_id"].strip() for r in claims.records}
        # A source with a quote not found is already reported; its coverage waits until the quote is fixed.
        problems += check_ledger(
            ledger, seeds, spans, claim_sources, codebook, skip=unlocated | (known_sources - set(seeds))
        )
    forecasts = read_forecasts(paths, codebook)
    problems += forecasts.problems
    if not forecasts.problems and usable:
        problems += check_forecasts(forecasts, claims, sources, codebook.values("kind"))
    events = read_events(paths)
    problems += events.problems
    if not events.problems and not claims.broken:
        problems += check_events(events, {r["claim_id"].strip() for r in claims.records}, set(bibliography.entries))
    glossary = read_glossary(paths)
    problems += glossary.problems
    coding = read_coding(paths, codebook)
    if coding is not None and not ratings.problems and not claims.broken:
        problems += check_coding(*coding, ratings)
    fields = read_field_coding(paths, codebook)
    if fields is not None:
        problems += check_field_coding(fields, seed_texts)
    if problems:
        return DataCheck(problems, None, claims, sources, bibliography, seed_texts, readings)
    ratings_data = ratings_frame(ratings, codebook, reading_ids)
    claims_data = claims_frame(claims, seeds, codebook).join(verdicts(ratings_data, reading_ids))
    sources_data = sources_frame(sources)
    corpus = Corpus(
        paths=paths,
        sources=sources_data,
        claims=claims_data,
        ratings=ratings_data,
        readings=readings_frame(readings),
        bibliography=bibliography.entries,
        seeds=seed_texts,
        codebook=codebook,
        coverage=coverage(seeds, spans, ledger, codebook),
        forecasts=forecasts_frame(forecasts, claims_data, sources_data),
        events=events_frame(events),
        glossary=glossary_frame(glossary),
    )
    return DataCheck(problems, corpus, claims, sources, bibliography, seed_texts, readings)


def load_corpus(root: Path | str | None = None) -> Corpus:
    """The validated corpus; raises ``DataError`` listing every problem if there is any."""
    checked = check_data(ProjectPaths.find(root))
    if checked.corpus is None:
        raise DataError(checked.problems)
    return checked.corpus
