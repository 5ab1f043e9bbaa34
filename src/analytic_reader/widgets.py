"""The reading toggle: switch between the two readings of the evidence.

The published book has no kernel, so nothing here may rely on a Python callback. Every view is
built when the chapter executes, and the toggle is linked to the view in the browser
(``ToggleButtons`` + ``Stack`` + ``jslink``); the widget state saved in the page does the rest.
Everything shown comes from the data and is escaped as text.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pandas as pd

from .tables import TEXTS_PAGE, claim_anchor, reading_badge
from .validate import Corpus


def _claim_item(claim: pd.Series) -> str:
    href = f"{TEXTS_PAGE}#{claim_anchor(str(claim['claim_id']))}"
    return (f'<li><a href="{escape(href)}">{escape(str(claim["claim_id"]))}</a> {reading_badge(str(claim["reading"]))}'
            f'<blockquote><mark>{escape(str(claim["quote"]))}</mark></blockquote>'
            f'<p>{escape(str(claim["paraphrase"]))} <em>{escape(str(claim["kind"]))}; speaker: '
            f'{escape(str(claim["speaker"]))}</em></p></li>')


def _claim_list(claims: pd.DataFrame, empty: str) -> str:
    if claims.empty:
        return f"<p>{escape(empty)}</p>"
    return '<ul class="ar-claims">' + "".join(_claim_item(row) for _, row in claims.iterrows()) + "</ul>"


def supporting_and_opposing(claims: pd.DataFrame, reading_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claims that support ``reading_id`` (its own and ``both``) and those that cut against it
    (tagged with another reading)."""
    supporting = claims[claims["reading"].isin([reading_id, "both"])]
    opposing = claims[~claims["reading"].isin([reading_id, "both", "neither"])]
    return supporting, opposing


def reading_view_html(corpus: Corpus, reading_id: str, source_id: str | None = None) -> str:
    """The HTML of one reading's view, for one source or (``source_id=None``) the whole corpus."""
    reading = corpus.readings.loc[reading_id]
    claims = corpus.claims.sort_values(["source_id", "quote_start"])
    scope = "the whole corpus"
    if source_id is not None:
        claims = claims[claims["source_id"] == source_id].sort_values("quote_start")
        scope = "this source"
    supporting, opposing = supporting_and_opposing(claims, reading_id)
    questions = "".join(f"<li>{escape(q)}</li>" for q in reading["distinguishing_questions"])
    return (
        f'<section class="ar-view" aria-label="{escape(str(reading["label"]))} view">'
        f'<p class="ar-view-title"><strong>Reading: {escape(str(reading["label"]))}</strong></p>'
        f'<p class="ar-thesis">{escape(str(reading["thesis"]))}</p>'
        f"<details><summary>Questions that tell the readings apart</summary><ul>{questions}</ul></details>"
        f'<p class="ar-count">In {scope}: <strong>{len(supporting)}</strong> claim(s) support this reading, '
        f"<strong>{len(opposing)}</strong> cut against it.</p>"
        f'<p class="ar-view-heading"><strong>Claims that support it ({len(supporting)})</strong></p>'
        f"{_claim_list(supporting, 'No claim in ' + scope + ' supports this reading.')}"
        f'<p class="ar-view-heading"><strong>Claims that cut against it ({len(opposing)})</strong></p>'
        f"{_claim_list(opposing, 'No claim in ' + scope + ' cuts against this reading.')}"
        "</section>"
    )


def reading_toggle(corpus: Corpus, source_id: str | None = None) -> widgets.VBox:
    """A toggle between the readings and a stack of their views, linked in the browser.

    Works with a live kernel and as static HTML alike: the link is a ``jslink``, not a callback.
    """
    reading_ids = list(corpus.readings.index)
    labels = [str(corpus.readings.loc[r, "label"]) for r in reading_ids]
    toggle = widgets.ToggleButtons(
        options=labels,
        index=0,
        description="Reading:",
        tooltips=[f"Show the evidence as the “{label}” reading sees it" for label in labels],
        style={"button_width": "auto"},
    )
    views = [widgets.HTML(value=reading_view_html(corpus, r, source_id)) for r in reading_ids]
    stack = widgets.Stack(views, selected_index=0)
    widgets.jslink((toggle, "index"), (stack, "selected_index"))
    box = widgets.VBox([toggle, stack])
    box.add_class("ar-reading-toggle")
    return box
