"""The corpus: the sources table, the seed texts and their checksums.

A seed is the scraped text of a source, kept byte for byte (its artifacts are part of the record),
so its checksum is checked against ``seeds/MANIFEST.sha256`` before any quote is trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pandas as pd

from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.problems import Problem
from analytic_reader.data.records import Column, Table, check_unique, read_table

DATE_PRECISIONS = ("day", "month", "year")
GENRES = ("news report", "policy analysis", "explainer", "opinion")
COPY_STATUSES = ("original", "syndicated copy", "verbatim copy", "not established")
#: A source's lean is one of the readings' ids, or this when it argues for none in particular.
MIXED_LEAN = "mixed"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"

SOURCE_COLUMNS: tuple[Column, ...] = (
    Column("source_id", pattern=SLUG, pattern_help="a slug of lower-case letters, digits and single hyphens"),
    Column("seed_file", pattern=r"seeds/[^/\\]+", pattern_help="a file name under seeds/, e.g. seeds/000_x.txt"),
    Column("bibkey"),
    Column("title"),
    Column("outlet", required=False),
    Column("authors", required=False),
    Column("published", pattern=r"\d{4}(-\d{2}(-\d{2})?)?", pattern_help="an ISO date: YYYY, YYYY-MM or YYYY-MM-DD"),
    Column("date_precision", allowed=DATE_PRECISIONS),
    Column("genre", allowed=GENRES),
    Column("url", required=False, pattern=r"https?://\S+", pattern_help="an http:// or https:// address"),
    Column("lean"),
    Column("dating_note"),
    Column("original_title", required=False),
    Column("copy", allowed=COPY_STATUSES),
    Column("seed_says"),
    Column("provenance"),
)

_PRECISION_FORMAT = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


def read_sources(paths: ProjectPaths) -> Table:
    """Read ``data/sources.csv`` and check everything that needs no other file."""
    table = read_table(paths.sources_csv, paths.relative(paths.sources_csv), SOURCE_COLUMNS)
    check_unique(table, "source_id")
    check_unique(table, "seed_file")
    check_unique(table, "bibkey")
    for record in table.records:
        published, precision = record["published"].strip(), record["date_precision"].strip()
        if precision in _PRECISION_FORMAT and published and published_start(published, precision) is None:
            table.problems.append(
                Problem(
                    table.file,
                    record.line,
                    "published",
                    f"{published!r} does not match date_precision {precision!r}; "
                    f"expected a real date written as {_PRECISION_FORMAT[precision].replace('%', '')}",
                )
            )
    return table


def published_start(published: str, precision: str) -> dt.date | None:
    """First day of the period ``published`` names, or ``None`` if it is not a valid date."""
    try:
        return dt.datetime.strptime(published, _PRECISION_FORMAT[precision]).date()
    except (KeyError, ValueError):
        return None


#: A line of ``sha256sum`` output: the digest, a space, a space or ``*`` (binary mode), the file name.
#: Read by the seed check and by ``tools/vendor_widgets.py`` (``js/SHA256SUMS``): one format, one reader.
CHECKSUM_LINE = re.compile(r"([0-9a-f]{64}) [ *](.+)")


def parse_checksums(text: str) -> tuple[dict[str, str], list[int]]:
    """``{file name: digest}`` from ``sha256sum`` output, and the numbers of lines that are not in it."""
    checksums: dict[str, str] = {}
    bad: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = CHECKSUM_LINE.fullmatch(line.strip())
        if match:
            checksums[match.group(2)] = match.group(1)
        else:
            bad.append(number)
    return checksums, bad


def read_manifest(paths: ProjectPaths) -> tuple[dict[str, str], list[Problem]]:
    """Map seed file name to its recorded SHA-256, reporting malformed manifest lines."""
    file = paths.relative(paths.seed_manifest)
    try:
        text = paths.seed_manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return {}, [Problem(file, None, "", f"cannot be read ({err}); regenerate it with `sha256sum *.txt`")]
    checksums, bad = parse_checksums(text)
    problems = [Problem(file, n, "", "expected '<sha256>  <file name>' (sha256sum format)") for n in bad]
    return checksums, problems


def check_seeds(paths: ProjectPaths, sources: Table) -> list[Problem]:
    """Every source's seed exists, is listed in the manifest and has the recorded checksum."""
    checksums, problems = read_manifest(paths)
    manifest_file = paths.relative(paths.seed_manifest)
    for record in sources.records:
        seed = record["seed_file"].strip()
        if not seed.startswith("seeds/"):
            continue  # reported by the column pattern
        path = paths.root / seed
        if not path.is_file():
            problems.append(Problem(sources.file, record.line, "seed_file", f"{seed} does not exist"))
            continue
        name = seed.removeprefix("seeds/")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if name not in checksums:
            problems.append(
                Problem(
                    sources.file,
                    record.line,
                    "seed_file",
                    f"{seed} is not listed in {manifest_file}; add its sha256 there",
                )
            )
        elif checksums[name] != digest:
            problems.append(
                Problem(
                    sources.file,
                    record.line,
                    "seed_file",
                    f"{seed} has changed: its sha256 is {digest[:12]}…, the manifest says "
                    f"{checksums[name][:12]}…; seeds must stay byte for byte as scraped",
                )
            )
    return problems


def read_seed(paths: ProjectPaths, seed_file: str) -> str:
    """The seed's text. Seeds are UTF-8; an undecodable byte is replaced rather than fatal."""
    return (paths.root / seed_file).read_bytes().decode("utf-8", errors="replace")


def sources_frame(table: Table) -> pd.DataFrame:
    """The sources as a typed DataFrame indexed by ``source_id``, oldest first.

    Adds ``published_start`` (first day of the publication period) so chapters can sort and plot
    by date while ``published`` keeps the precision the text supports.
    """
    names = [column.name for column in SOURCE_COLUMNS]
    frame = pd.DataFrame([{name: record[name].strip() for name in names} for record in table.records], columns=names)
    for name in names:
        frame[name] = frame[name].astype("string")
    frame["date_precision"] = pd.Categorical(frame["date_precision"], categories=DATE_PRECISIONS)
    frame["genre"] = pd.Categorical(frame["genre"], categories=GENRES)
    frame["published_start"] = pd.to_datetime(
        [published_start(p, str(q)) for p, q in zip(frame["published"], frame["date_precision"])]
    )
    return frame.sort_values(["published_start", "source_id"]).set_index("source_id")


def published_label(published: str, precision: str) -> str:
    """A date as a reader says it: '2024-05' with month precision becomes 'May 2024'."""
    start = published_start(published, precision)
    if start is None:
        return published
    return {"year": f"{start:%Y}", "month": f"{start:%B %Y}", "day": f"{start.day} {start:%B %Y}"}[precision]
