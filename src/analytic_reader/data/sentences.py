"""Splitting a seed into sentences, and finding the scraping breaks inside it.

Complete coding needs a fixed list of units to account for: every sentence of every seed is either
covered by a claim's quote or listed in the ledger with a reason. The split must therefore be
reproducible (the same seed always gives the same numbered sentences) and simple enough to state in
the codebook:

1. Each line of the seed is split on its own; blank lines are skipped.
2. A sentence ends after ``.``, ``!`` or ``?`` (and any closing quotes or brackets, and a web domain
   in brackets that follows the full stop) when whitespace and then a capital letter, a digit, an
   opening quote, a bracket, a ``#`` heading or a ``-`` bullet follow. Known abbreviations
   (``Mr.``, ``U.S.``…) and single initials (``M.``) do not end a sentence.
3. A ``###`` heading and a ``- `` bullet start a new sentence.
4. A *scraping break* also ends a sentence: a web domain in brackets, such as ``(csce.gov)``, that
   does not follow the end of a sentence. At such a point the scraper cut the text and glued a
   citation into it, so the words on either side need not belong together (``increasin(csce.gov)y``).
5. Pieces without a letter (a lone ``?`` or ``-`` left by an icon or a list) are not sentences.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "U.S.", "U.K.", "U.A.E.", "e.g.", "i.e.", "vs.", "Jr.", "Sr.")
DOMAIN = r"\((?:[a-z0-9-]+\.)+[a-z]{2,}\)"
_END = r"(?<=[.!?])[\"”’)\]]*(?:\s*" + DOMAIN + r")?(?=\s+(?:###\s+)?[-A-Z\"“‘#(0-9])"
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a seed: its number (from 1), its character offsets and its text."""

    number: int
    start: int
    end: int
    text: str


@functools.lru_cache(maxsize=64)
def scraping_breaks(text: str) -> tuple[int, ...]:
    """Offsets of every scraping break: a bracketed web domain that does not follow a sentence end.

    The offset is where the bracket opens; words before and after it were cut apart by the scraper.
    """
    breaks = []
    for match in re.finditer(DOMAIN, text):
        before = text[: match.start()].rstrip()
        if before and not _SENTENCE_END.search(before):
            breaks.append(match.start())
    return tuple(breaks)


def _is_abbreviation(before: str) -> bool:
    return before.endswith(ABBREVIATIONS) or bool(re.search(r"(?:^|\s)[A-Z]\.$", before))


@functools.lru_cache(maxsize=64)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """The seed's sentences, numbered from 1 in reading order (see the module docstring).

    Cached: every claim of a source is checked against the same seed.
    """
    breaks = set(scraping_breaks(text))
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        para, base = line.group(), line.start()
        cuts = {0, len(para)}
        for match in re.finditer(_END, para):
            if not _is_abbreviation(para[: match.start()]):
                cuts.add(match.end())
        cuts.update(match.start() for match in re.finditer(r"\s(?=###\s|-\s)", para))
        cuts.update(match.end() for match in re.finditer(DOMAIN, para) if match.start() + base in breaks)
        ordered = sorted(cuts)
        for start, end in zip(ordered, ordered[1:]):
            piece = para[start:end]
            stripped = piece.strip()
            if not re.search(r"[^\W\d_]", stripped):
                continue
            lead = len(piece) - len(piece.lstrip())
            sentences.append(
                Sentence(len(sentences) + 1, base + start + lead, base + start + lead + len(stripped), stripped)
            )
    return tuple(sentences)


def covering_fraction(sentence: Sentence, spans: list[tuple[int, int]]) -> float:
    """Share of the sentence's characters that fall inside any of ``spans``."""
    covered = set()
    for start, end in spans:
        covered.update(range(max(start, sentence.start), min(end, sentence.end)))
    return len(covered) / max(1, sentence.end - sentence.start)
