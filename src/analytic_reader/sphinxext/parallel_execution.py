"""Sphinx extension: execute the chapters the cache lacks side by side, before Sphinx reads them.

myst-nb executes one notebook after another while reading, and most of that time is spent starting a
kernel and importing pandas. Here, before Sphinx reads anything, the chapters the execution cache
lacks are handed to jupyter-cache's own parallel executor (``local-parallel``: one process per core,
each chapter in its own kernel, run in its own folder), which puts the results into myst-nb's cache;
myst-nb then finds every chapter executed. A chapter that fails is left out of the cache, so myst-nb
runs it again and reports the error the usual way.

This replaced a thread pool of our own that let Sphinx read the finished chapters while the others
still ran: measured side by side on clean builds of the book, jupyter-cache's executor took 29.2 s
against our 27.6 s (medians of four), within the 10 % that a kept library is worth (README, "Build
performance").
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from jupyter_cache.executors import load_executor
from myst_nb.core.read import create_nb_reader
from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

from analytic_reader.sphinxext.execution_cache import open_execution_cache

LOGGER = sphinx_logging.getLogger(__name__)
#: jupyter-cache's own log, and its workers' (multiprocessing's, at the same level): their per-notebook
#: lines are not the build's. A chapter that did not execute here is named in the build's own line
#: below, and myst-nb runs it again and reports its error the usual way, if it has one.
EXECUTOR_LOG = logging.getLogger("analytic_reader.jupyter_cache")
EXECUTOR_LOG.setLevel(logging.CRITICAL)


def uncached_chapters(app: Sphinx, env: Any, docnames: list[str]) -> list[int]:
    """The chapters about to be read that have code and are not in the cache, added to the cache's
    project (the way myst-nb reads them): their project ids."""
    config = env.mystnb_config
    cache = open_execution_cache(app)
    pending = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix != ".md":
            continue
        text = path.read_text(encoding="utf-8")
        reader = create_nb_reader(str(path), env.myst_config, config, text)
        if reader is None:
            continue
        notebook = reader.read(text)
        if not any(cell.cell_type == "code" for cell in notebook.cells):
            continue
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            pending.append(cache.add_nb_to_project(str(path), read_data=reader.read_fmt).pk)
    return pending


def execute_in_parallel(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Execute the uncached chapters with jupyter-cache's local-parallel executor, before reading."""
    # Under ``sphinx -j N`` Sphinx reads in forked processes; there each executes its own chapters
    # through myst-nb, and this extension stands aside. One chapter alone myst-nb runs as fast.
    if env.mystnb_config.execution_mode != "cache" or len(docnames) < 2 or app.parallel > 1:
        return
    pending = uncached_chapters(app, env, docnames)
    if len(pending) < 2:
        return
    LOGGER.info(f"analytic_reader: executing {len(pending)} chapters side by side (jupyter-cache local-parallel)")
    started = time.perf_counter()
    executor = load_executor("local-parallel", open_execution_cache(app), logger=EXECUTOR_LOG)
    result = executor.run_and_cache(filter_pks=pending, timeout=env.mystnb_config.execution_timeout, allow_errors=False)
    left = sorted(Path(uri).stem for uri in [*result.excepted, *result.errored])
    LOGGER.info(
        f"analytic_reader: executed {len(result.succeeded)} of {len(pending)} chapters "
        f"in {time.perf_counter() - started:.1f} s" + (f"; myst-nb runs {', '.join(left)} again itself" if left else "")
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-before-read-docs", execute_in_parallel)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
