"""The reading toggle: switch between the rival readings of the evidence.

The published book has no kernel, so nothing here may rely on a Python callback. Every view is
built when the chapter executes, and the toggle is linked to the view in the browser
(``ToggleButtons`` + ``Stack`` + ``jslink``); the widget state saved in the page does the rest.
Everything shown comes from the data and is escaped as text.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pandas as pd

from analytic_reader.analysis.frames import oldest_first, rating_table
from analytic_reader.data.corpus import Corpus
from analytic_reader.data.ratings import counting_against
from analytic_reader.html.tables import TEXTS_PAGE, claim_anchor, reading_badge


def _claim_item(
    corpus: Corpus, claim: pd.Series, reading_id: str, rationales: pd.DataFrame, ratings: pd.DataFrame
) -> str:
    claim_id = str(claim["claim_id"])
    href = f"{TEXTS_PAGE}#{claim_anchor(claim_id)}"
    return (
        f'<li><a href="{escape(href)}">{escape(claim_id)}</a> {reading_badge(corpus, str(claim["favors"]))}'
        f"<blockquote><mark>{escape(str(claim['quote']))}</mark></blockquote>"
        f"<p>{escape(str(claim['paraphrase']))} <em>{escape(str(claim['kind']))}; speaker: "
        f"{escape(str(claim['speaker']))} ({escape(str(claim['attribution']))})</em></p>"
        f'<p class="ar-rationale">Rated <strong>{escape(str(ratings.loc[claim_id, reading_id]))}</strong> '
        f"with this reading: {escape(str(rationales.loc[claim_id, reading_id]))}</p></li>"
    )


def _claim_list(corpus: Corpus, claims: pd.DataFrame, reading_id: str, empty: str) -> str:
    if claims.empty:
        return f"<p>{escape(empty)}</p>"
    ratings = rating_table(corpus, claims.index)
    rationales = rating_table(corpus, claims.index, column="rationale")
    return (
        '<ul class="ar-claims">'
        + "".join(_claim_item(corpus, row, reading_id, rationales, ratings) for _, row in claims.iterrows())
        + "</ul>"
    )


def sort_views(claims: pd.DataFrame, reading_id: str) -> dict[str, pd.DataFrame]:
    """The claims as one reading sees them, by Heuer's test: those that count against it (inconsistent
    with it, not with every reading), those that count against another reading but not this one, and
    those that cannot tell the readings apart (not diagnostic)."""
    against = counting_against(claims, reading_id)
    return {
        "against": claims[against],
        "favor": claims[claims["diagnostic"] & ~against],
        "neutral": claims[~claims["diagnostic"]],
    }


def reading_view_html(corpus: Corpus, reading_id: str, source_id: str | None = None) -> str:
    """The HTML of one reading's view, for one source or (``source_id=None``) the whole corpus, whose
    claims are listed source by source, oldest source first."""
    reading = corpus.readings.loc[reading_id]
    claims = oldest_first(corpus, corpus.claims)
    scope = "the whole corpus"
    if source_id is not None:
        claims = claims[claims["source_id"] == source_id]
        scope = "this source"
    views = sort_views(claims, reading_id)
    labels = corpus.readings["label"]
    questions = "".join(
        f"<li><em>Against {escape(str(labels.get(q['versus'], q['versus'])))}:</em> {escape(q['question'])}</li>"
        for q in reading["distinguishing_questions"]
    )
    concedes = "".join(f"<li>{escape(c)}</li>" for c in reading["concedes"])
    refuted = "".join(f"<li>{escape(r)}</li>" for r in reading["refuted_by"])
    against, favor, neutral = (len(views[k]) for k in ("against", "favor", "neutral"))
    return (
        f'<section class="ar-view" aria-label="{escape(str(reading["label"]))} view">'
        f'<p class="ar-view-title"><strong>Reading: {escape(str(reading["label"]))}</strong></p>'
        f'<p class="ar-thesis">{escape(str(reading["thesis"]))}</p>'
        f"<details><summary>What it concedes, what tells it apart, what would refute it</summary>"
        f"<p>It concedes:</p><ul>{concedes}</ul><p>Questions that tell it apart:</p><ul>{questions}</ul>"
        f"<p>It would be refuted by:</p><ul>{refuted}</ul></details>"
        f'<p class="ar-count">In {scope}, <strong>{against}</strong> of {len(claims)} claims count against this '
        f"reading (it would have to explain them away), <strong>{favor}</strong> count against another reading "
        f"but not this one, and <strong>{neutral}</strong> cannot tell the readings apart.</p>"
        f'<p class="ar-view-heading"><strong>Claims against it ({against})</strong></p>'
        f"{_claim_list(corpus, views['against'], reading_id, 'No claim in ' + scope + ' counts against this reading.')}"
        f'<p class="ar-view-heading"><strong>Claims against another reading, not this one ({favor})</strong></p>'
        f"{_claim_list(corpus, views['favor'], reading_id, f'No claim in {scope} counts against another reading.')}"
        f"<details><summary>Claims that cannot tell the readings apart ({neutral})</summary>"
        f"{_claim_list(corpus, views['neutral'], reading_id, 'None.')}</details>"
        "</section>"
    )


def toggle(
    options: list[str], views: list[str], description: str, tooltips: list[str], kind: str = "ar-reading-toggle"
) -> widgets.VBox:
    """Buttons that switch between HTML views, linked in the browser.

    Works with a live kernel and as static HTML alike: every view is built now and the link is a
    ``jslink``, not a callback, so the saved widget state does the switching on a static page.
    """
    buttons = widgets.ToggleButtons(
        options=options, index=0, description=description, tooltips=tooltips, style={"button_width": "auto"}
    )
    stack = widgets.Stack([widgets.HTML(value=view) for view in views], selected_index=0)
    widgets.jslink((buttons, "index"), (stack, "selected_index"))
    box = widgets.VBox([buttons, stack])
    box.add_class("ar-toggle")  # what every toggle shares: focus styles, the accessible-state script
    box.add_class(kind)
    return box


def reading_toggle_widget(corpus: Corpus, source_id: str | None = None) -> widgets.VBox:
    """A toggle between the readings and a stack of their views (one source, or the whole corpus)."""
    labels = [str(corpus.readings.loc[r, "label"]) for r in corpus.reading_ids]
    return toggle(
        labels,
        [reading_view_html(corpus, r, source_id) for r in corpus.reading_ids],
        "Reading:",
        [f"Show the evidence as the “{label}” reading sees it" for label in labels],
    )


VIEW_NOTES = {
    "weighted": (
        "The headline, by Heuer's test: each cell adds up the evidence weights (0 to 4: who stands "
        "behind the claim and what checkable detail it gives; codebook, section 5) of a source's "
        "propositions that are inconsistent with a reading, each proposition once. Least is best: the "
        "reading with the least weight against it is the one the evidence leaves standing."
    ),
    "against": (
        "The same propositions counted, not weighed: how many of each source's diagnostic propositions "
        "are inconsistent with a reading."
    ),
    "fit": (
        "Not evidence by Heuer's test, shown apart: claims that contradict no reading but fit one better "
        "than another (consistent against neutral), counted for the readings they fit best. Evidence that "
        "no reading has to explain away cannot rank them."
    ),
}


def balance_toggle_widget(corpus: Corpus) -> widgets.VBox:
    """Switch the corpus-wide balance between the weighted evidence against each reading (the headline),
    the count of propositions against each, and the differences of fit (a second, labelled view)."""
    from analytic_reader.analysis.weighing import VIEWS, balance_view
    from analytic_reader.html.tables import frame_html

    views = [
        f'<section class="ar-view" aria-label="{escape(label)}"><p>{escape(VIEW_NOTES[key])}</p>'
        + frame_html(
            balance_view(corpus, key), f"{label}: the balance source by source, oldest first", index_header="source"
        )
        + "</section>"
        for key, label in VIEWS.items()
    ]
    return toggle(
        list(VIEWS.values()),
        views,
        "Show:",
        [f"Show the balance counting {label.lower()}" for label in VIEWS.values()],
        kind="ar-balance-toggle",
    )
