"""One pass over the whole project: read everything, check everything, collect every problem.

``validate_project`` is what ``make check`` prints; ``load_corpus`` is what the chapters use, and
refuses to return data that has a problem, so that a wrong quote can never reach the book silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .citations import Bibliography, read_bibliography
from .claims import DEFAULT_READINGS, check_claims_against_seeds, claims_frame, read_claims
from .corpus import check_seeds, read_seed, read_sources, sources_frame
from .paths import ProjectPaths
from .problems import DataError, Problem
from .readings import read_readings, readings_frame


@dataclass(frozen=True)
class Corpus:
    """Everything the book shows, validated: sources, claims, readings, bibliography, seed texts."""

    paths: ProjectPaths
    sources: pd.DataFrame
    claims: pd.DataFrame
    readings: pd.DataFrame
    bibliography: dict[str, dict[str, str]]
    seeds: dict[str, str]

    def seed_text(self, source_id: str) -> str:
        return self.seeds[source_id]


def _read_all(paths: ProjectPaths) -> tuple[Corpus | None, list[Problem]]:
    problems: list[Problem] = []
    readings, reading_problems = read_readings(paths)
    problems += reading_problems
    reading_ids = tuple(r["reading_id"] for r in readings) or DEFAULT_READINGS
    sources = read_sources(paths)
    problems += sources.problems
    problems += check_seeds(paths, sources)
    bibliography: Bibliography = read_bibliography(paths)
    problems += bibliography.problems
    if not bibliography.problems or bibliography.entries:
        for record in sources.records:
            key = record["bibkey"].strip()
            if key and key not in bibliography.entries:
                problems.append(Problem(sources.file, record.line, "bibkey",
                                        f"{key!r} is not an entry of {bibliography.file}"))
    seeds: dict[str, tuple[str, str]] = {}
    for record in sources.records:
        seed_file = record["seed_file"].strip()
        path = paths.root / seed_file
        if record["source_id"].strip() and seed_file.startswith("seeds/") and path.is_file():
            seeds[record["source_id"].strip()] = (seed_file, read_seed(paths, seed_file))
    claims = read_claims(paths, reading_ids)
    problems += claims.problems
    problems += check_claims_against_seeds(claims, seeds)
    if problems:
        return None, problems
    corpus = Corpus(
        paths=paths,
        sources=sources_frame(sources),
        claims=claims_frame(claims, seeds, reading_ids),
        readings=readings_frame(readings),
        bibliography=bibliography.entries,
        seeds={source_id: text for source_id, (_, text) in seeds.items()},
    )
    return corpus, problems


def validate_project(root: Path | str | None = None) -> list[Problem]:
    """Every problem in the project's seeds, data and bibliography (an empty list when all is well)."""
    try:
        paths = ProjectPaths.find(root)
    except FileNotFoundError as err:
        return [Problem(str(root or "."), None, "", str(err))]
    return _read_all(paths)[1]


def load_corpus(root: Path | str | None = None) -> Corpus:
    """The validated corpus; raises ``DataError`` listing every problem if there is any."""
    paths = ProjectPaths.find(root)
    corpus, problems = _read_all(paths)
    if corpus is None:
        raise DataError(problems)
    return corpus
