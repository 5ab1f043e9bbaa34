"""Self-checks: a few short questions on a source's claims, with immediate feedback and the reason, in
plain HTML and CSS (radio inputs; the feedback after a checked answer shows by a sibling selector), so
they work with no kernel, no network and no script.

The questions are made from the data, so they stay true when the data change: whether a diagnostic claim
counts against a reading, who makes a claim, and what checkable detail a claim gives.
"""

from __future__ import annotations

import hashlib
from html import escape

from analytic_reader.analysis.frames import oldest_first
from analytic_reader.data.corpus import Corpus


def _question(key: str, prompt: str, options: list[tuple[str, bool]], right: str, wrong: str) -> str:
    name = "ar-sc-" + hashlib.sha256(f"{key}\x00{prompt}".encode()).hexdigest()[:10]
    parts = [f'<fieldset class="ar-selfcheck"><legend>{escape(prompt)}</legend>']
    for number, (option, correct) in enumerate(options):
        kind = "ar-sc-correct" if correct else "ar-sc-incorrect"
        parts.append(
            f'<input class="ar-sc-input {kind}" type="radio" name="{name}" id="{name}-{number}">'
            f'<label class="ar-sc-option" for="{name}-{number}">{escape(option)}</label>'
        )
    parts.append(f'<p class="ar-sc-feedback ar-sc-right">Right. {escape(right)}</p>')
    parts.append(f'<p class="ar-sc-feedback ar-sc-wrong">Not quite. {escape(wrong)}</p></fieldset>')
    return "".join(parts)


def self_check_html(corpus: Corpus, source_id: str) -> str:
    """Up to three questions on the source's claims (fewer when the source has no claim of a kind)."""
    claims = oldest_first(corpus, corpus.claims[corpus.claims["source_id"] == source_id])
    labels = {r: str(corpus.readings.loc[r, "label"]) for r in corpus.reading_ids}
    questions = []
    diagnostic = claims[claims["diagnostic"]]
    if not diagnostic.empty:
        claim = diagnostic.iloc[0]
        against = str(claim["against"]).split(", ")
        reading = against[0]
        rated = corpus.ratings[(corpus.ratings["claim_id"] == claim.name) & (corpus.ratings["reading_id"] == reading)]
        rationale = str(rated["rationale"].iloc[0])
        questions.append(
            _question(
                source_id,
                f"Does claim {claim.name} (“{claim['paraphrase']}”) count against the {labels[reading]} reading?",
                [("Yes", True), ("No", False)],
                f"It is rated inconsistent with that reading: {rationale}",
                f"It is rated inconsistent with that reading, so it counts against it: {rationale}",
            )
        )
    else:
        claim = claims.iloc[0]
        questions.append(
            _question(
                source_id,
                f"Does claim {claim.name} (“{claim['paraphrase']}”) count against any reading?",
                [("Yes", False), ("No", True)],
                "No reading is rated inconsistent with it (or every reading is), so it cannot tell them apart.",
                "No reading would have to explain it away more than another: it is not diagnostic.",
            )
        )
    named = claims[claims["attribution"].astype(str).str.startswith("named")]
    if not named.empty:
        claim = named.iloc[0]
        others = [
            s for s in dict.fromkeys(map(str, corpus.claims["speaker"])) if s not in (str(claim["speaker"]), "author")
        ][:2]
        options = sorted([(str(claim["speaker"]), True), *((o, False) for o in others), ("the author", False)])
        questions.append(
            _question(
                source_id,
                f"Who makes claim {claim.name}, as the text credits it?",
                options,
                f"The text credits it to {claim['speaker']} ({claim['attribution']}).",
                f"The text credits it to {claim['speaker']} ({claim['attribution']}): the speaker is whoever the "
                "claim's sentence, or the one before it, names.",
            )
        )
    documented = claims[claims["documentation"].astype(str) != "none"]
    if not documented.empty:
        claim = documented.iloc[0]
        given = str(claim["documentation"]).split("; ")
        vocabulary = [v for v in corpus.codebook.values("documentation") if v != "none"]
        options = [(given[0], True), *((v, False) for v in vocabulary if v not in given), ("none", False)]
        questions.append(
            _question(
                source_id,
                f"What checkable detail does claim {claim.name} give? (“{claim['quote']}”)",
                options,
                f"It is coded as documented by {claim['documentation']}.",
                f"It is coded as documented by {claim['documentation']}: a detail a reader could look up and find "
                "wrong (codebook, section 2).",
            )
        )
    return '<div class="ar-selfchecks">' + "".join(questions) + "</div>"
