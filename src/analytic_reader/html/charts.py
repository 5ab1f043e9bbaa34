"""The book's chart: how the balance between the readings moves over time.

The readings are told apart by line style, marker shape and direct labels as well as colour (styles
are assigned by the reading's position in ``readings.yml``, so any number of readings works), and
every chart comes with a table of the same numbers as its text equivalent.
"""

from __future__ import annotations

from itertools import cycle

from matplotlib.figure import Figure

from analytic_reader.analysis.weighing import balance_view
from analytic_reader.data.corpus import Corpus

STYLES = (
    {"linestyle": "-", "marker": "o", "color": "#1b4f72"},
    {"linestyle": "--", "marker": "s", "color": "#a04000"},
    {"linestyle": ":", "marker": "^", "color": "#1e6b34"},
    {"linestyle": "-.", "marker": "D", "color": "#5b2c6f"},
)


def balance_figure(corpus: Corpus) -> Figure:
    """The weighted evidence against each reading, source by source in publication order (Heuer's test:
    lower is better for the reading).

    Each point adds up the evidence weights of one source's propositions inconsistent with a reading
    (codebook, section 5); claims that contradict no reading add nothing. ``balance_view(corpus,
    "weighted")`` is the same numbers as a table.
    """
    table = balance_view(corpus, "weighted").drop(index="all sources").drop(columns="claims")
    # A bare Figure (not pyplot): no global state, and the notebook displays it exactly once.
    figure = Figure(figsize=(7.5, 3.8), layout="constrained")
    axes = figure.subplots()
    labels = [f"{source}\n{corpus.sources.loc[source, 'published']}" for source in table.index]
    positions = range(len(table))
    top = max(5.0, float(table.to_numpy().max()) * 1.15)
    for column, style in zip(table.columns, cycle(STYLES)):
        axes.plot(positions, table[column], label=f"against “{column}”", linewidth=2, markersize=7, **style)
        axes.annotate(
            column,
            (len(table) - 1, table[column].iloc[-1]),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            color=style["color"],
            fontsize=8,
        )
    axes.set_xticks(list(positions), labels, fontsize=8)
    axes.set_ylabel("weighted evidence against")
    axes.set_ylim(0, top)
    axes.set_xlim(-0.3, len(table) + 0.8)
    axes.grid(axis="y", alpha=0.3)
    # Legend above the plot area, where no data point can lie under it.
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncols=len(table.columns), fontsize=8, frameon=False)
    axes.set_title(
        "Weighted evidence against each reading, source by source, oldest first\n"
        "(lower is better for the reading; claims that contradict no reading add nothing)",
        fontsize=10,
        pad=22,
    )
    return figure


def class_kappa_figure(frame) -> Figure:
    """Each student's kappa with the book, one group of bars per student, one bar per reading (told apart
    by hatching as well as colour); the report's table gives the same numbers."""
    readings = list(dict.fromkeys(frame["reading"]))
    students = list(dict.fromkeys(frame["student"]))
    figure = Figure(figsize=(7.5, 3.6), layout="constrained")
    axes = figure.subplots()
    width = 0.8 / max(1, len(readings))
    hatches = ("", "//", "..", "xx")
    for number, (reading, style) in enumerate(zip(readings, cycle(STYLES))):
        values = [
            float(frame[(frame["student"] == s) & (frame["reading"] == reading)]["kappa"].iloc[0]) for s in students
        ]
        axes.bar(
            [i + number * width for i in range(len(students))],
            values,
            width,
            label=reading,
            color=style["color"],
            hatch=hatches[number % len(hatches)],
            edgecolor="white",
        )
    axes.set_xticks([i + width * (len(readings) - 1) / 2 for i in range(len(students))], students, fontsize=9)
    axes.set_ylabel("Cohen's kappa with the book")
    axes.set_ylim(min(0.0, float(frame["kappa"].min()) - 0.1) if len(frame) else 0, 1)
    axes.axhline(0.7, color="#666", linewidth=0.8, linestyle=":")
    axes.legend(fontsize=8, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.02), ncols=len(readings))
    return figure
