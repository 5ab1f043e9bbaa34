"""The forecast audit: every forecast in the corpus checked against what later sources report.

A reader of a 2023 essay wants to know how its expectations fared. ``data/forecasts.csv`` lists each
forecast (every claim of kind ``forecast``, and assessments that state an expectation), the claims of
*later* sources that bear on it, a verdict from the codebook and the reason. The check makes sure no
forecast is left out and no evidence comes from the same or an earlier source.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytic_reader.data.codebook import Codebook, allowed_values
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import Column, Table, check_unique, read_table
from analytic_reader.data.sources import published_start

FORECAST_KIND = "forecast"


def forecast_columns(codebook: Codebook | None = None) -> tuple[Column, ...]:
    return (
        Column("claim_id"),
        Column("later_evidence", required=False),
        Column("verdict", allowed=allowed_values(codebook, "verdict")),
        Column("why"),
    )


def read_forecasts(paths: ProjectPaths, codebook: Codebook) -> Table:
    table = read_table(
        paths.data_dir / "forecasts.csv", paths.relative(paths.data_dir / "forecasts.csv"), forecast_columns(codebook)
    )
    check_unique(table, "claim_id")
    return table


def evidence_ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def check_forecasts(
    forecasts: Table, claims: Table, sources: Table, kinds: tuple[str, ...] = (FORECAST_KIND,)
) -> list[Problem]:
    """Every forecast is audited; evidence ids exist and come from later sources.

    ``kinds`` are the codebook's kinds: if it has no kind called ``forecast``, no claim is one."""
    problems: list[Problem] = []
    source_of = {r["claim_id"].strip(): r["source_id"].strip() for r in claims.records}
    start: dict[str, dt.date | None] = {
        r["source_id"].strip(): published_start(r["published"].strip(), r["date_precision"].strip())
        for r in sources.records
    }
    audited = set()
    for record in forecasts.records:
        claim_id = record["claim_id"].strip()
        audited.add(claim_id)
        if claim_id not in source_of:
            problems.append(Problem(forecasts.file, record.line, "claim_id", f"{claim_id!r} is not a claim"))
            continue
        own = start.get(source_of[claim_id])
        for evidence in evidence_ids(record["later_evidence"]):
            if evidence not in source_of:
                problems.append(Problem(forecasts.file, record.line, "later_evidence", f"{evidence!r} is not a claim"))
                continue
            later = start.get(source_of[evidence])
            if own and later and later <= own:
                problems.append(
                    Problem(
                        forecasts.file,
                        record.line,
                        "later_evidence",
                        f"{evidence} comes from {source_of[evidence]}, which is not later than "
                        f"{source_of[claim_id]}; only later sources can bear out a forecast",
                    )
                )
    for record in claims.records:
        if (
            FORECAST_KIND in kinds
            and record["kind"].strip() == FORECAST_KIND
            and record["claim_id"].strip() not in audited
        ):
            problems.append(
                Problem(
                    claims.file,
                    record.line,
                    "kind",
                    f"{record['claim_id'].strip()} is a forecast but is not audited in "
                    f"{forecasts.file}; add it with the later evidence and a verdict",
                )
            )
    return problems


def forecasts_frame(forecasts: Table, claims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The audit as a table: the forecast, its source and date, later evidence, verdict and why."""
    rows = []
    for record in forecasts.records:
        claim_id = record["claim_id"].strip()
        claim = claims.loc[claim_id]
        rows.append(
            {
                "claim_id": claim_id,
                "source_id": claim["source_id"],
                "published": sources.loc[claim["source_id"], "published"],
                "forecast": claim["paraphrase"],
                "later_evidence": evidence_ids(record["later_evidence"]),
                "verdict": record["verdict"].strip(),
                "why": record["why"].strip(),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["claim_id", "source_id", "published", "forecast", "later_evidence", "verdict", "why"]
    )
    order = {source: n for n, source in enumerate(sources.index)}
    frame["_order"] = frame["source_id"].map(order)
    return frame.sort_values(["_order", "claim_id"]).drop(columns="_order").reset_index(drop=True)
