"""The book's chart: how the balance between the readings moves over time.

The readings are told apart by line style, marker shape and direct labels as well as colour (styles
are assigned by the reading's position in ``readings.yml``, so any number of readings works), and
every chart comes with a table of the same numbers as its text equivalent.
"""

from __future__ import annotations

from itertools import cycle

from matplotlib.figure import Figure

from .tables import reading_balance
from .validate import Corpus

STYLES = (
    {"linestyle": "-", "marker": "o", "color": "#1b4f72"},
    {"linestyle": "--", "marker": "s", "color": "#a04000"},
    {"linestyle": ":", "marker": "^", "color": "#1e6b34"},
    {"linestyle": "-.", "marker": "D", "color": "#5b2c6f"},
)


def balance_chart(corpus: Corpus) -> Figure:
    """Share of each source's claims that favour each reading, sources in publication order."""
    balance = reading_balance(corpus)
    # A bare Figure (not pyplot): no global state, and the notebook displays it exactly once.
    figure = Figure(figsize=(7.5, 3.8), layout="constrained")
    axes = figure.subplots()
    labels = [f"{source}\n{corpus.sources.loc[source, 'published']}" for source in balance.index]
    positions = range(len(balance))
    columns = [c for c in balance.columns if c.startswith("favours ")]
    top = max(5.0, float((balance[columns] * 100).max().max()) + 12)
    for column, style in zip(columns, cycle(STYLES)):
        label = column.removeprefix("favours ")
        axes.plot(positions, balance[column] * 100, label=f"favours “{label}”", linewidth=2, markersize=7, **style)
        axes.annotate(label, (len(balance) - 1, balance[column].iloc[-1] * 100), xytext=(8, 0),
                      textcoords="offset points", va="center", color=style["color"], fontsize=8)
    axes.set_xticks(list(positions), labels, fontsize=8)
    axes.set_ylabel("share of the source's claims (%)")
    axes.set_ylim(0, top)
    axes.set_xlim(-0.3, len(balance) + 0.6)
    axes.grid(axis="y", alpha=0.3)
    # Legend above the plot area, where no data point can lie under it.
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncols=len(columns), fontsize=8, frameon=False)
    axes.set_title("Claims that favour each reading, source by source, oldest first\n"
                   "(claims every reading accepts favour none)", fontsize=10, pad=22)
    return figure
