"""The reading toggle: switch between the rival readings of the evidence.

One object, two renditions. Every view is built when the chapter executes. In the published book the
toggle is plain HTML and CSS: one radio input per view, each followed by its label and its panel, as
sphinx-design's tabs do, so it is complete and switchable before and without any script, keyboard
operable (arrow keys move between the readings) and announced as a group of radio buttons. Rerun in
JupyterLab or from a downloaded notebook, the same object shows as an ipywidgets toggle
(``ToggleButtons`` + ``Stack`` + ``jslink``). The book build tells the chapters' kernels to give
only the static rendition (``STATIC_OUTPUTS``), so that no widget state is saved into the pages.
Everything shown comes from the data and is escaped as text.
"""

from __future__ import annotations

import hashlib
import os
from html import escape

import ipywidgets as widgets
import pandas as pd

from analytic_reader import STATIC_OUTPUTS
from analytic_reader.analysis.frames import oldest_first, rating_table
from analytic_reader.analysis.weighing import VIEWS, balance_view
from analytic_reader.data.corpus import Corpus
from analytic_reader.data.ratings import counting_against
from analytic_reader.html.blocks import spaced_blocks
from analytic_reader.html.tables import TEXTS_PAGE, claim_anchor, frame_html, reading_badge


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
    if source_id is None:
        # Over the whole corpus these are most of the claims, once per reading: listed on the explorer
        # page instead (filter "Diagnostic: no"), so that the synthesis stays light on a slow link.
        undecided = (
            f'<p class="ar-view-heading">The {neutral} claims that cannot tell the readings apart are listed, '
            'with their ratings, on the <a href="explore.html?diagnostic=no">claim explorer</a>.</p>'
        )
    else:
        undecided = (
            f"<details><summary>Claims that cannot tell the readings apart ({neutral})</summary>"
            f"{_claim_list(corpus, views['neutral'], reading_id, 'None.')}</details>"
        )
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
        f"{undecided}"
        "</section>"
    )


class Toggle:
    """Buttons that switch between HTML views: radio inputs in the page, an ipywidgets toggle in a live
    kernel. ``kind`` is the CSS class of this kind of toggle (``ar-reading-toggle``,
    ``ar-balance-toggle``); ``description`` labels the group (``Reading:``)."""

    def __init__(self, options: list[str], views: list[str], description: str, tooltips: list[str], kind: str):
        self.options, self.views, self.description, self.tooltips, self.kind = (
            options,
            views,
            description,
            tooltips,
            kind,
        )

    @property
    def name(self) -> str:
        """A name for the radio group, the same every time the same views are built (so that an
        incremental build writes the same page), different for two toggles of one page."""
        digest = hashlib.sha256("\x00".join([self.kind, *self.options, *self.views]).encode("utf-8"))
        return f"ar-toggle-{digest.hexdigest()[:10]}"

    def html(self) -> str:
        """The static toggle: a fieldset whose legend labels it, then per view a radio input, its label
        and its panel (shown while its input is checked; ``reader.css``, section "The toggles")."""
        name = self.name
        parts = [
            f'<fieldset class="ar-toggle {escape(self.kind)}">'
            f'<legend class="ar-toggle-legend">{escape(self.description)}</legend>'
        ]
        for number, (option, view, tooltip) in enumerate(zip(self.options, self.views, self.tooltips)):
            checked = " checked" if number == 0 else ""
            parts.append(
                f'<input class="ar-toggle-input" type="radio" name="{name}" id="{name}-{number}" '
                f'aria-controls="{name}-panel-{number}"{checked}>'
                f'<label class="ar-toggle-label" for="{name}-{number}" title="{escape(tooltip)}">'
                f"{escape(option)}</label>"
                f'<div class="ar-toggle-panel" id="{name}-panel-{number}">{view}</div>'
            )
        parts.append("</fieldset>")
        return "".join(parts)

    def widget(self) -> widgets.VBox:
        """The same toggle as ipywidgets, for a live kernel: the link is a ``jslink``, not a callback."""
        buttons = widgets.ToggleButtons(
            options=self.options,
            index=0,
            description=self.description,
            tooltips=self.tooltips,
            style={"button_width": "auto"},
        )
        stack = widgets.Stack([widgets.HTML(value=view) for view in self.views], selected_index=0)
        widgets.jslink((buttons, "index"), (stack, "selected_index"))
        box = widgets.VBox([buttons, stack])
        box.add_class("ar-toggle")
        box.add_class(self.kind)
        return box

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        static = spaced_blocks(self.html())
        bundle = {"text/plain": f"{self.description} {' | '.join(self.options)}", "text/html": static}
        if not os.environ.get(STATIC_OUTPUTS):
            bundle.update(self.widget()._repr_mimebundle_())
            bundle["text/html"] = static
        return bundle


def reading_toggle(corpus: Corpus, source_id: str | None = None) -> Toggle:
    """A toggle between the readings and their views (one source, or the whole corpus)."""
    labels = [str(corpus.readings.loc[r, "label"]) for r in corpus.reading_ids]
    return Toggle(
        labels,
        [reading_view_html(corpus, r, source_id) for r in corpus.reading_ids],
        "Reading:",
        [f"Show the evidence as the “{label}” reading sees it" for label in labels],
        kind="ar-reading-toggle",
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


def balance_toggle(corpus: Corpus) -> Toggle:
    """Switch the corpus-wide balance between the weighted evidence against each reading (the headline),
    the count of propositions against each, and the differences of fit (a second, labelled view)."""
    views = [
        f'<section class="ar-view" aria-label="{escape(label)}"><p>{escape(VIEW_NOTES[key])}</p>'
        + frame_html(
            balance_view(corpus, key), f"{label}: the balance source by source, oldest first", index_header="source"
        )
        + "</section>"
        for key, label in VIEWS.items()
    ]
    return Toggle(
        list(VIEWS.values()),
        views,
        "Show:",
        [f"Show the balance counting {label.lower()}" for label in VIEWS.values()],
        kind="ar-balance-toggle",
    )
