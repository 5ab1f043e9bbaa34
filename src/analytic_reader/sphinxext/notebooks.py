"""Sphinx extension: keep the execution cache honest, and offer each chapter as an executed
notebook (``.ipynb``) for download.

The cache (``execute_notebooks: cache``) keys on a chapter's code only. Our chapters' outputs also
depend on the data, the seeds, the bibliography and this package, so when any of those changes
the cache is dropped and every chapter re-executes: a stale table must never reach the book.

On a cache hit, myst-nb writes ``_build/jupyter_execute/<page>.ipynb`` without outputs, so that
file cannot be offered as is. This extension merges the cached outputs back
into it, writes the result to ``_sources/<page>.ipynb`` and lets the theme's download menu offer
it. If a chapter has no cached execution (execution turned off), the notebook is offered
unexecuted, on purpose, and says so in its metadata. Its first cell checks that it runs inside the
project, and otherwise stops with one line saying what to do (``READER_CHECK_CELL``).

The kernels that execute the chapters for the book run with ``STATIC_OUTPUTS`` set, so the toggles
give their static HTML (radio inputs) and no widget state is saved into the pages; a reader who
reruns a notebook in JupyterLab gets the ipywidgets toggle instead.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging

from analytic_reader import STATIC_OUTPUTS
from analytic_reader.authoring.myst import exercises, front_matter
from analytic_reader.data.fingerprint import data_fingerprint
from analytic_reader.data.manifest import DATA_INPUTS

LOGGER = logging.getLogger(__name__)


def cache_path(app: Sphinx) -> Path:
    """Where myst-nb keeps the execution cache, by myst-nb's own rule (``nb_execution_cache_path``, else
    ``.jupyter_cache`` beside the output folder), so that this extension drops and reads the cache
    myst-nb really uses. Readable from ``config-inited`` on, before the environment exists."""
    configured = getattr(app.config, "nb_execution_cache_path", "")
    return Path(configured).resolve() if configured else Path(app.outdir).parent.joinpath(".jupyter_cache").resolve()


def _cache(app: Sphinx) -> Any:
    """The build's jupyter-cache, opened once per build rather than once per page. An open database
    cannot be pickled, so it lives on ``app`` for this process, not on ``env``."""
    if getattr(app, "analytic_reader_cache", None) is None:
        from jupyter_cache import get_cache

        app.analytic_reader_cache = get_cache(str(cache_path(app)))
    return app.analytic_reader_cache


#: The first cell of every downloadable notebook. A notebook downloaded from the published book is
#: opened far from the project; its chapter's first real cell would fail with a long ImportError or
#: FileNotFoundError traceback. This cell stops first, with one line that says what to do.
#: ``_render_traceback_`` is how IPython lets an exception print itself: one line, no traceback. It
#: also compares the fingerprint of the data it finds with that of the data it was built from
#: (``data.fingerprint``), so that it never reruns silently against another copy of the project.
READER_CHECK_CELL = """\
# This chapter reruns inside the project it comes from (its package, data/, seeds/ and chapters/),
# with the data it was built from (their fingerprint is below).
BUILT_FROM = "{fingerprint}"


class ProjectNeeded(Exception):
    def _render_traceback_(self):
        return [f"ProjectNeeded: {{self}}"]


try:
    from analytic_reader.data.fingerprint import data_fingerprint
    from analytic_reader.data.project_root import find_project_root

    found = find_project_root()
except (ImportError, FileNotFoundError):
    raise ProjectNeeded(
        "this notebook needs the project: get it, run `make lab` in its folder (README, “Rerun a chapter”), "
        "and open this notebook from its chapters/ folder (or set ANALYTIC_READER_ROOT to the project's folder)"
    ) from None
if data_fingerprint(found) != BUILT_FROM:
    raise ProjectNeeded(
        f"this notebook was built from other data (fingerprint {{BUILT_FROM}}) than the project it found at "
        f"{{found}} ({{data_fingerprint(found)}}): open it from the chapters/ folder of the copy it came from, "
        "or download it again from a book built from this copy"
    )
"""


def executed_notebook(app: Sphinx, pagename: str) -> nbformat.NotebookNode | None:
    """The page's notebook with the outputs of its cached execution merged in."""
    source = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not source.exists():
        return None
    notebook = nbformat.read(source, as_version=4)
    try:
        _, notebook = _cache(app).merge_match_into_notebook(notebook)
        notebook.metadata["analytic_reader"] = {"executed": True}
    except Exception:  # no cache, or no match: offer the notebook unexecuted, and say so
        notebook.metadata["analytic_reader"] = {
            "executed": False,
            "note": "Offered unexecuted: run it in JupyterLab (make lab) to see the outputs.",
        }
    return notebook


def add_notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if doctree is None or not str(context.get("sourcename", "")).endswith((".md", ".md.txt")):
        return
    notebook = executed_notebook(app, pagename)
    if notebook is None:
        return
    fingerprint = data_fingerprint(Path(app.srcdir))
    check = nbformat.v4.new_code_cell(
        READER_CHECK_CELL.format(fingerprint=fingerprint), metadata={"tags": ["reader-check"]}
    )
    notebook.metadata.setdefault("analytic_reader", {})["data_fingerprint"] = fingerprint
    notebook.cells.insert(0, check)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


STAMP_NAME = ".analytic-reader-inputs"


def _teaching_metadata(text: str) -> str:
    """What other chapters' outputs read from a chapter: its front matter and how many exercises it has
    (the learning boxes and the instructor guide are generated from them). Prose edits are left out, so
    they do not re-execute every chapter."""
    return repr(front_matter(text)) + f"\nexercises: {len(exercises(text))}"


def inputs_digest(book_root: Path) -> str:
    """SHA-256 over what chapter outputs depend on besides their code: data (with the codings), seeds,
    bib, the package, and the chapters' front matter and exercise counts."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    files = [(path.relative_to(package.parent), path) for path in sorted(package.rglob("*.py"))]
    for name in DATA_INPUTS:
        found = [book_root / name] if (book_root / name).is_file() else sorted((book_root / name).rglob("*"))
        files += [(path.relative_to(book_root), path) for path in found if path.is_file()]
    for name, path in files:
        digest.update(name.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for chapter in sorted(book_root.glob("chapters/*.md")):
        digest.update(chapter.name.encode() + b"\0" + _teaching_metadata(chapter.read_text(encoding="utf-8")).encode())
    return digest.hexdigest()


def _stamp(app: Sphinx) -> Path:
    return Path(app.outdir).parent / STAMP_NAME


def drop_stale_cache(app: Sphinx, config: Any) -> None:
    """Before anything executes: if the inputs changed since the last build, drop the cache."""
    stamp = _stamp(app)
    current = inputs_digest(Path(app.srcdir))
    app.env_inputs_changed = not stamp.exists() or stamp.read_text(encoding="utf-8").strip() != current
    cache = cache_path(app)
    if app.env_inputs_changed and cache.exists():
        LOGGER.info("analytic_reader: data, seeds or package changed; re-executing every chapter")
        shutil.rmtree(cache)


def outdated_notebooks(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """Re-read every notebook chapter when the inputs changed (their outputs depend on them)."""
    if not getattr(app, "env_inputs_changed", False):
        return []
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".md") and doc.startswith("chapters/")]


def record_inputs(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        _stamp(app).write_text(inputs_digest(Path(app.srcdir)) + "\n", encoding="utf-8")


def _execute(notebook: nbformat.NotebookNode, cwd: str, timeout: int) -> Any:
    from jupyter_cache.executors.utils import single_nb_execution

    return single_nb_execution(notebook, cwd=cwd, allow_errors=False, timeout=timeout, meta_override=True)


def execute_in_parallel(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Start executing, several at a time, the chapters about to be read that the cache lacks.

    myst-nb executes one notebook after another while reading, and most of that time is spent
    starting a kernel and importing pandas. Here the chapters run side by side in worker threads
    (each in its own kernel process), and Sphinx reads each one as soon as it is done (see
    ``wait_for_chapter``), so reading overlaps execution. A chapter that fails is left out of the
    cache, so myst-nb runs it again and reports the error the usual way.
    """
    config = env.mystnb_config
    app.analytic_reader_jobs = {}
    # Under ``sphinx -j N`` Sphinx reads in forked processes, which would not see these worker threads;
    # there each process executes its own chapters through myst-nb, and this extension stands aside.
    if config.execution_mode != "cache" or len(docnames) < 2 or app.parallel > 1:
        return
    from myst_nb.core.read import create_nb_reader

    cache = _cache(app)
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
    workers = min(len(pending), int(os.environ.get("ANALYTIC_READER_WORKERS", 0)) or (os.cpu_count() or 1))
    LOGGER.info(f"analytic_reader: executing {len(pending)} chapters, {workers} at a time")
    pool = ThreadPoolExecutor(max_workers=workers)
    for docname, path, read_fmt, notebook in pending:
        future = pool.submit(_execute, notebook, str(path.parent), config.execution_timeout)
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
    from jupyter_cache.base import CacheBundleIn

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
    pool = getattr(app, "analytic_reader_pool", None)
    if pool is not None:
        pool[0].shutdown(cancel_futures=True)


def setup(app: Sphinx) -> dict[str, Any]:
    # Every kernel the build starts inherits this: the chapters' toggles give static HTML only.
    os.environ[STATIC_OUTPUTS] = "1"
    app.connect("config-inited", drop_stale_cache)
    app.connect("env-before-read-docs", execute_in_parallel)
    app.connect("source-read", wait_for_chapter)
    app.connect("build-finished", stop_workers)
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("build-finished", record_inputs)
    # Runs before the theme builds its header buttons (priority 500), so the menu offers the notebook.
    app.connect("html-page-context", add_notebook_download, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
