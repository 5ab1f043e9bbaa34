"""The one chart of the book: how the balance between the readings moves over time.

The two readings are told apart by line style, marker shape and direct labels as well as colour,
and every chart comes with a table of the same numbers as its text equivalent.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from .tables import reading_balance
from .validate import Corpus

STYLES = {
    "supports linked": {"linestyle": "-", "marker": "o", "color": "#1b4f72"},
    "supports fraying": {"linestyle": "--", "marker": "s", "color": "#a04000"},
}


def balance_chart(corpus: Corpus) -> Figure:
    """Share of each source's claims supporting each reading, sources in publication order."""
    balance = reading_balance(corpus)
    # A bare Figure (not pyplot): no global state, and the notebook displays it exactly once.
    figure = Figure(figsize=(7, 3.6), layout="constrained")
    axes = figure.subplots()
    labels = [f"{source}\n{corpus.sources.loc[source, 'published']}" for source in balance.index]
    positions = range(len(balance))
    for column, style in STYLES.items():
        axes.plot(positions, balance[column] * 100, label=column.replace("supports ", "supports “") + "”",
                  linewidth=2, markersize=7, **style)
        axes.annotate(column.removeprefix("supports "), (len(balance) - 1, balance[column].iloc[-1] * 100),
                      xytext=(6, 0), textcoords="offset points", va="center", color=style["color"])
    axes.set_xticks(list(positions), labels, fontsize=8)
    axes.set_ylabel("share of the source's claims (%)")
    axes.set_ylim(0, 105)
    axes.set_xlim(-0.3, len(balance) - 0.4)
    axes.grid(axis="y", alpha=0.3)
    axes.legend(loc="lower left", fontsize=8, frameon=False)
    axes.set_title("Support for each reading, source by source, oldest first", fontsize=10)
    return figure
