"""myst-nb's execution cache as this package's extensions see it: where it is, and one open handle.

Three extensions use the cache (``cache_invalidation`` drops it, ``parallel_execution`` fills it,
``notebook_downloads`` reads outputs from it). They must all use the folder myst-nb really uses, found
by myst-nb's own rule, or one would drop or read a cache nobody writes. Not an extension itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_cache import get_cache
from sphinx.application import Sphinx


def execution_cache_path(app: Sphinx) -> Path:
    """Where myst-nb keeps the execution cache: ``nb_execution_cache_path``, else ``.jupyter_cache``
    beside the output folder. Readable from ``config-inited`` on, before the environment exists."""
    configured = getattr(app.config, "nb_execution_cache_path", "")
    return Path(configured).resolve() if configured else Path(app.outdir).parent.joinpath(".jupyter_cache").resolve()


def open_execution_cache(app: Sphinx) -> Any:
    """The build's jupyter-cache, opened once per build rather than once per page. An open database
    cannot be pickled, so it lives on ``app`` for this process, not on ``env``."""
    if getattr(app, "analytic_reader_cache", None) is None:
        app.analytic_reader_cache = get_cache(str(execution_cache_path(app)))
    return app.analytic_reader_cache
