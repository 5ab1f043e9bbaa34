"""Code it yourself: a page on which a student rates claims against every reading, then sees how the book
rated them and why, with a running agreement and Cohen's kappa per reading.

Everything the page needs is written into it when the chapter executes, as JSON (the claims with their
context, the readings, the codebook's rating definitions, the book's ratings and rationales), and the
small script ``assets/scripts/practice.js`` does the rest in the browser: no kernel, no network, from
``file://`` too. Progress stays in the browser (local storage) and exports as the CSV that
``python -m analytic_reader class-agreement`` reads. Kappa is computed exactly as
``data.ratings.cohen_kappa`` computes it (a test compares the two).
"""

from __future__ import annotations

import json
import re
from html import escape

from analytic_reader.analysis.frames import oldest_first, rating_table
from analytic_reader.data.corpus import Corpus


def context_of(seed: str, start: int, end: int, reach: int = 240) -> str:
    """The quote with the text around it in its line of the seed, cut at sentence ends where it can be,
    so a student reads the claim as the source puts it."""
    line_start = seed.rfind("\n", 0, start) + 1
    line_end = seed.find("\n", end)
    line_end = len(seed) if line_end < 0 else line_end
    before = seed[max(line_start, start - reach) : start]
    after = seed[end : min(line_end, end + reach)]
    cut = max(before.rfind(". "), before.rfind("? "))
    before = before[cut + 2 :] if cut >= 0 else before
    stop = re.search(r"[.?!](?=\s|$)", after)
    after = after[: stop.end()] if stop else after
    return " ".join(f"{before}{seed[start:end]}{after}".split())


def practice_data(corpus: Corpus) -> dict:
    """What the practice page knows: the claims in book order, the readings, the rating vocabulary with
    its definitions, and the book's decided ratings and reasons."""
    claims = oldest_first(corpus, corpus.claims)
    ratings = rating_table(corpus, claims.index)
    rationales = rating_table(corpus, claims.index, column="rationale")
    vocabulary = corpus.codebook["rating"]
    return {
        "readings": [
            {"id": r, "label": str(corpus.readings.loc[r, "label"]), "thesis": str(corpus.readings.loc[r, "thesis"])}
            for r in corpus.reading_ids
        ],
        "ratings": [
            {"value": v, "meaning": vocabulary.property(v, "meaning")} for v in corpus.codebook.values("rating")
        ],
        "claims": [
            {
                "id": str(claim_id),
                "source": str(claim["source_id"]),
                "context": context_of(
                    corpus.seed_text(str(claim["source_id"])), int(claim["quote_start"]), int(claim["quote_end"])
                ),
                "quote": str(claim["quote"]),
                "book": {r: str(ratings.loc[claim_id, r]) for r in corpus.reading_ids},
                "why": {r: str(rationales.loc[claim_id, r]) for r in corpus.reading_ids},
            }
            for claim_id, claim in claims.iterrows()
        ],
    }


def practice_html(corpus: Corpus) -> str:
    """The practice page's body: the data as JSON, the place the script fills, and a line for readers
    without a script (the exercise needs one: it keeps the student's ratings)."""
    payload = json.dumps(practice_data(corpus), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return (
        '<div class="ar-practice" aria-live="polite">'
        "<noscript><p>This exercise needs JavaScript (it keeps your ratings in this browser). Without it, "
        "the claims and the book's ratings are on the source chapters' pages.</p></noscript></div>"
        f'<script type="application/json" class="ar-practice-data">{payload}</script>'
        '<script src="../_static/scripts/practice.js" defer></script>'
        + f'<p class="ar-practice-note">{escape(str(len(corpus.claims)))} claims to practise on.</p>'
    )
