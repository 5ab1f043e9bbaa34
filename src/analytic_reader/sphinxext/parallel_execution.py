"""Sphinx extension: execute the chapters the cache lacks side by side, while Sphinx reads the others.

myst-nb executes one notebook after another while reading, and most of that time is spent starting a
kernel and importing pandas. Here the chapters run side by side in worker threads (each in its own
kernel process), and Sphinx reads each one as soon as it is done, so reading overlaps execution. The
results go into myst-nb's own cache, so myst-nb then finds every chapter executed. A chapter that
fails is left out of the cache, so myst-nb runs it again and reports the error the usual way.

How many chapters run at once is ``analytic_reader_execution_workers`` in ``_config.yml`` (0: one per
core).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import nbformat
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution
from myst_nb.core.read import create_nb_reader
from sphinx.application import Sphinx
from sphinx.util import logging

from analytic_reader.sphinxext.execution_cache import open_execution_cache

LOGGER = logging.getLogger(__name__)


def executed(notebook: nbformat.NotebookNode, cwd: str, timeout: int) -> Any:
    """The result of executing ``notebook`` in a kernel of its own (its ``err`` is ``None`` on success)."""
    return single_nb_execution(notebook, cwd=cwd, allow_errors=False, timeout=timeout, meta_override=True)


def worker_count(app: Sphinx, jobs: int) -> int:
    """How many chapters run at once: the configured number (0: one per core), never more than ``jobs``."""
    return min(jobs, int(app.config.analytic_reader_execution_workers) or (os.cpu_count() or 1))


def execute_in_parallel(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Start executing, several at a time, the chapters about to be read that the cache lacks, and
    reorder ``docnames`` so that Sphinx reads the pages that need no execution first."""
    config = env.mystnb_config
    app.analytic_reader_jobs = {}
    # Under ``sphinx -j N`` Sphinx reads in forked processes, which would not see these worker threads;
    # there each process executes its own chapters through myst-nb, and this extension stands aside.
    if config.execution_mode != "cache" or len(docnames) < 2 or app.parallel > 1:
        return
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
            continue  # already cached
        except KeyError:
            pending.append((docname, path, reader.read_fmt, notebook))
    if len(pending) < 2:
        return
    # Longest first, so that no long chapter starts last and runs alone: code cells, then length.
    pending.sort(key=lambda job: (sum(c.cell_type == "code" for c in job[3].cells), len(str(job[3]))), reverse=True)
    workers = worker_count(app, len(pending))
    LOGGER.info(f"analytic_reader: executing {len(pending)} chapters, {workers} at a time")
    pool = ThreadPoolExecutor(max_workers=workers)
    for docname, path, read_fmt, notebook in pending:
        future = pool.submit(executed, notebook, str(path.parent), config.execution_timeout)
        app.analytic_reader_jobs[docname] = (future, path, read_fmt, notebook)
    app.analytic_reader_pool = (pool, cache, time.perf_counter(), len(pending))
    # Read the pages that need no execution first, then the chapters in the order they were started.
    docnames[:] = [d for d in docnames if d not in app.analytic_reader_jobs] + [job[0] for job in pending]


def wait_for_chapter(app: Sphinx, docname: str, source: list[str]) -> None:
    """Before Sphinx reads a chapter: wait for its execution, and put the result in the cache."""
    jobs = getattr(app, "analytic_reader_jobs", {})
    job = jobs.pop(docname, None)
    if job is None:
        return
    future, path, read_fmt, notebook = job
    pool, cache, started, count = app.analytic_reader_pool
    result = future.result()
    if result.err is None:
        record = cache.add_nb_to_project(str(path), read_data=read_fmt)
        cache.cache_notebook_bundle(
            CacheBundleIn(notebook, record.uri, data={"execution_seconds": result.time}),
            check_validity=False,
            overwrite=True,
        )
    if not jobs:
        pool.shutdown()
        LOGGER.info(f"analytic_reader: executed {count} chapters in {time.perf_counter() - started:.1f} s")


def stop_workers(app: Sphinx, exception: Exception | None) -> None:
    """After the build (or its failure): cancel what has not started, so no kernel outlives it."""
    pool = getattr(app, "analytic_reader_pool", None)
    if pool is not None:
        pool[0].shutdown(cancel_futures=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("analytic_reader_execution_workers", 0, "", types=[int])  # no effect on the output
    app.connect("env-before-read-docs", execute_in_parallel)
    app.connect("source-read", wait_for_chapter)
    app.connect("build-finished", stop_workers)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
