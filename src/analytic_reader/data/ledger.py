"""The coding ledger: every sentence of every seed is coded or accounted for.

A sentence counts as *coded* when at least a third of its characters lie inside some claim's quote.
Every other sentence must be listed in ``data/ledger.csv`` with a reason from the codebook, so that a
reader can see what was left out and why, and the coverage of each source is a computed figure, not a
claim about our diligence.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analytic_reader.data.codebook import Codebook, allowed_values
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import Column, Table, read_table
from analytic_reader.data.sentences import Sentence, covering_fraction, split_sentences

CODED_SHARE = 1 / 3
COVERAGE_TARGET = 0.9


def ledger_columns(codebook: Codebook | None = None) -> tuple[Column, ...]:
    return (
        Column("source_id"),
        Column("sentence", pattern=r"[1-9]\d*", pattern_help="a sentence number (1, 2, …)"),
        Column("starts", verbatim=True),
        Column("reason", allowed=allowed_values(codebook, "ledger reason")),
        Column("see", required=False),
        Column("note", required=False),
    )


def read_ledger(paths: ProjectPaths, codebook: Codebook) -> Table:
    return read_table(paths.ledger_csv, paths.relative(paths.ledger_csv), ledger_columns(codebook))


def is_coded(sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    return covering_fraction(sentence, spans) >= CODED_SHARE


def check_ledger(
    ledger: Table,
    seeds: Mapping[str, tuple[str, str]],
    spans: Mapping[str, list[tuple[int, int]]],
    claim_sources: Mapping[str, str],
    codebook: Codebook,
    skip: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """Every sentence is coded or in the ledger (not both), ledger rows match their sentences, and
    every source reaches the coverage target.

    ``seeds`` maps source_id to (seed_file, text); ``spans`` maps source_id to its quotes' offsets;
    ``claim_sources`` maps claim_id to source_id. Sources in ``skip`` (a quote not found, a seed missing:
    already reported) are not checked, so that one mistake gives one message.
    """
    problems: list[Problem] = []
    listed: dict[tuple[str, int], int] = {}
    for record in ledger.records:
        source_id, number = record["source_id"].strip(), record["sentence"].strip()
        if source_id in skip:
            continue
        if source_id not in seeds:
            if source_id:
                problems.append(
                    Problem(ledger.file, record.line, "source_id", f"{source_id!r} is not in data/sources.csv")
                )
            continue
        if not number.isdigit():
            continue  # reported by the column pattern
        seed_file, text = seeds[source_id]
        sentences = split_sentences(text)
        index = int(number)
        if not 1 <= index <= len(sentences):
            problems.append(
                Problem(
                    ledger.file,
                    record.line,
                    "sentence",
                    f"{source_id} has sentences 1 to {len(sentences)}, not {index}",
                )
            )
            continue
        sentence = sentences[index - 1]
        starts = record["starts"].strip()
        if starts and not sentence.text.startswith(starts):
            problems.append(
                Problem(
                    ledger.file,
                    record.line,
                    "starts",
                    f"sentence {index} of {seed_file} starts “{sentence.text[:60]}”, not “{starts[:60]}”",
                )
            )
        if (source_id, index) in listed:
            problems.append(
                Problem(
                    ledger.file,
                    record.line,
                    "sentence",
                    f"{source_id} sentence {index} is listed twice (first on line {listed[source_id, index]})",
                )
            )
        listed.setdefault((source_id, index), record.line)
        reason, see = record["reason"].strip(), record["see"].strip()
        if reason == "duplicate" and claim_sources.get(see) != source_id:
            problems.append(
                Problem(
                    ledger.file,
                    record.line,
                    "see",
                    f"a duplicate must name the claim of {source_id} it repeats; {see!r} is not one",
                )
            )
        if reason == "background" and not record["note"].strip():
            problems.append(Problem(ledger.file, record.line, "note", "say why a background sentence is left out"))
        if is_coded(sentence, spans.get(source_id, [])):
            problems.append(
                Problem(
                    ledger.file,
                    record.line,
                    "sentence",
                    f"{source_id} sentence {index} is coded (a claim quotes it); remove it from the ledger",
                )
            )
    for source_id, (seed_file, text) in seeds.items():
        if source_id in skip:
            continue
        for sentence in split_sentences(text):
            if (source_id, sentence.number) not in listed and not is_coded(sentence, spans.get(source_id, [])):
                problems.append(
                    Problem(
                        seed_file,
                        text[: sentence.start].count("\n") + 1,
                        f"sentence {sentence.number}",
                        f"neither coded nor in {ledger.file}: “{sentence.text[:70]}”; quote it in a "
                        "claim or list it in the ledger with a reason",
                    )
                )
    if not problems:
        table = coverage({s: v for s, v in seeds.items() if s not in skip}, spans, ledger, codebook)
        for source_id, row in table.iterrows():
            if row["assertive"] and row["coverage"] < COVERAGE_TARGET:
                problems.append(
                    Problem(
                        ledger.file,
                        None,
                        "reason",
                        f"{source_id}: {row['coverage']:.0%} of its assertive sentences are coded, "
                        f"below the {COVERAGE_TARGET:.0%} target; code more of its background sentences",
                    )
                )
    return problems


def coverage(
    seeds: Mapping[str, tuple[str, str]], spans: Mapping[str, list[tuple[int, int]]], ledger: Table, codebook: Codebook
) -> pd.DataFrame:
    """Per source: sentences, those that assert nothing, assertive ones, coded, duplicates, background,
    and coverage = (coded + duplicates) / assertive."""
    reasons = {
        (r["source_id"].strip(), int(r["sentence"])): r["reason"].strip()
        for r in ledger.records
        if r["sentence"].strip().isdigit()
    }
    rows = []
    for source_id, (_, text) in seeds.items():
        sentences = split_sentences(text)
        coded = sum(is_coded(s, spans.get(source_id, [])) for s in sentences)
        listed = [reasons[source_id, s.number] for s in sentences if (source_id, s.number) in reasons]
        duplicates = listed.count("duplicate")
        background = sum(codebook.asserts_something(r) for r in listed) - duplicates
        assertive = coded + duplicates + background
        rows.append(
            {
                "source_id": source_id,
                "sentences": len(sentences),
                "assert nothing": len(sentences) - assertive,
                "assertive": assertive,
                "coded": coded,
                "duplicates": duplicates,
                "background": background,
                "coverage": (coded + duplicates) / assertive if assertive else 1.0,
            }
        )
    columns = ["source_id", "sentences", "assert nothing", "assertive", "coded", "duplicates", "background", "coverage"]
    return pd.DataFrame(rows, columns=columns).set_index("source_id")
