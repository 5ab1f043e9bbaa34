"""A seed's full text with its claims highlighted and anchored.

Each claim's passage becomes a ``<mark>`` with the id ``claim-<claim_id>``, followed by a link back
to the claim's row in its chapter's table, so a reader can go from table to passage and back.
Overlapping quotes are handled by splitting the text at every quote boundary.

Nearly every sentence of a source is in some claim, so the text is shown plain: a passage shows its
highlight while the pointer is on it, while its back-link has the focus, or when a link has led to it,
and a checkbox before each text (CSS alone, no script) shows every highlight at once.
"""

from __future__ import annotations

from html import escape

from analytic_reader.analysis.frames import favors_label, favors_mark
from analytic_reader.data.corpus import Corpus
from analytic_reader.data.ratings import NOT_DIAGNOSTIC
from analytic_reader.html.tables import claim_anchor, row_anchor


def highlighted_text_html(corpus: Corpus, source_id: str, chapter_page: str | None = None) -> str:
    """The seed of ``source_id`` as HTML paragraphs, every claim highlighted and anchored, after the
    checkbox that shows all the highlights."""
    text = corpus.seed_text(source_id)
    claims = corpus.claims[corpus.claims["source_id"] == source_id].sort_values("quote_start")
    spans = [(int(r.quote_start), int(r.quote_end), str(r.claim_id), str(r.favors)) for r in claims.itertuples()]
    page = chapter_page or f"{source_id}.html"
    cuts = sorted({0, len(text), *[s for s, _, _, _ in spans], *[e for _, e, _, _ in spans]})
    opened: set[str] = set()
    pieces: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        segment = text[start:end]
        covering = [span for span in spans if span[0] <= start and end <= span[1]]
        html = escape(segment).replace("\n", "<br>\n")
        if not covering:
            pieces.append(html)
            continue
        ids = " ".join(span[2] for span in covering)
        marks = "; ".join(f"{span[2]}: {favors_label(corpus, span[3])}" for span in covering)
        anchor = ""
        for span in covering:
            if span[2] not in opened:
                opened.add(span[2])
                anchor += f'<span id="{escape(claim_anchor(span[2]))}" class="ar-anchor"></span>'
        pieces.append(
            f'{anchor}<mark class="ar-highlight {_style(corpus, covering[-1][3])}" '
            f'data-claims="{escape(ids)}" title="{escape(marks)}">{html}</mark>'
        )
        if end in {span[1] for span in covering}:
            ended = [span for span in covering if span[1] == end]
            pieces.append(
                "".join(
                    f'<a class="ar-backlink" href="{escape(page)}#{escape(row_anchor(span[2]))}" '
                    f'title="Back to this claim in its table">[{escape(span[2])} '
                    f"{escape(favors_mark(corpus, span[3]))}]</a>"
                    for span in ended
                )
            )
    switch = escape(f"ar-marks-{source_id}")
    return (
        f'<div class="ar-fulltext">\n<input type="checkbox" class="ar-marks-input" id="{switch}">\n'
        f'<label class="ar-marks-label" for="{switch}">Show the coded passages</label>\n'
        f'<div class="ar-source-text" lang="en">{"".join(pieces)}</div>\n</div>'
    )


def _style(corpus: Corpus, favors: str) -> str:
    """Highlight class by the favored reading's position (the stylesheet names no reading)."""
    if favors == NOT_DIAGNOSTIC:
        return "ar-pos-none"
    return f"ar-pos-{int(corpus.readings.loc[favors.split(', ')[0], 'position'])}"
