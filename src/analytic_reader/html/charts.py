"""The book's chart: how the balance between the readings moves over time.

The readings are told apart by line style and marker shape as well as colour, and named in a legend (styles
are assigned by the reading's position in ``readings.yml``, so any number of readings works), and
every chart comes with a table of the same numbers as its text equivalent.
"""

from __future__ import annotations

import textwrap
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


#: The balance chart is drawn for the width a phone shows it (on a 390 px screen the book's figure is
#: 342 CSS px wide): 4.4 in is 422 CSS px, so its 10 pt labels (13.3 px) are about 10.8 px there, and
#: 13.3 px on a wider screen, where the chart keeps this size (an image is shown at its own width).
BALANCE_SIZE = (4.4, 4.6)
#: Every text of the chart, in points; nothing smaller than 10 pt.
BALANCE_FONT = 10


def balance_figure(corpus: Corpus) -> Figure:
    """The weighted evidence against each reading, source by source in publication order (Heuer's test:
    lower is better for the reading).

    Each point adds up the evidence weights of one source's propositions inconsistent with a reading
    (codebook, section 5); claims that contradict no reading add nothing. ``balance_view(corpus,
    "weighted")`` is the same numbers as a table. The figure's caption (in the chapter) gives the
    title; the legend, above the plot where no point can lie under it, names each line with its
    style and marker, one reading per row, so that long names fit a phone's width.
    """
    table = balance_view(corpus, "weighted").drop(index="all sources").drop(columns="claims")
    # A bare Figure (not pyplot): no global state, and the notebook displays it exactly once.
    figure = Figure(figsize=BALANCE_SIZE, layout="constrained")
    axes = figure.subplots()
    # Each source by its date and its name (the chapter's slug), the date first: dates are what the
    # prose refers to. Slanted, so that seven of them fit under a phone-wide plot at 10 pt.
    labels = [f"{corpus.sources.loc[source, 'published']} {source}" for source in table.index]
    positions = range(len(table))
    top = max(5.0, float(table.to_numpy().max()) * 1.1)
    for column, style in zip(table.columns, cycle(STYLES)):
        label = "\n".join(textwrap.wrap(f"against “{column}”", 34))
        axes.plot(positions, table[column], label=label, linewidth=2, markersize=7, **style)
    axes.set_xticks(list(positions), labels, fontsize=BALANCE_FONT, rotation=40, ha="right", rotation_mode="anchor")
    axes.tick_params(axis="y", labelsize=BALANCE_FONT)
    axes.set_ylabel("weighted evidence against", fontsize=BALANCE_FONT)
    axes.set_ylim(0, top)
    axes.set_xlim(-0.4, len(table) - 0.6)
    axes.grid(axis="y", alpha=0.3)
    figure.legend(loc="outside upper left", ncols=1, fontsize=BALANCE_FONT, frameon=False, handlelength=3)
    return figure


def balance_svg(corpus: Corpus) -> str:
    """The balance chart as SVG text: vectors, and its words as text (``svg.fonttype: none``), in the
    page's sans-serif if the reader lacks matplotlib's; reproducible (no date, fixed ids), so that
    the same data give the same file. An opaque white background: the theme shows images on white in
    dark mode too, so the chart's dark text and lines keep their contrast in both modes."""
    import io

    from matplotlib import rc_context

    buffer = io.StringIO()
    settings = {
        "svg.fonttype": "none",
        "svg.hashsalt": "analytic-reader",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"],
    }
    with rc_context(settings):
        balance_figure(corpus).savefig(buffer, format="svg", metadata={"Date": None}, facecolor="white")
    return buffer.getvalue()


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
