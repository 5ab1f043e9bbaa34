"""analytic_reader: load, check and present a small corpus of sources on one contested question.

The heavy parts (pandas) load on first use, so the Sphinx extensions in this package add nothing to
the start-up of every book build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analytic_reader.data.problems import DataError, Problem

if TYPE_CHECKING:
    from analytic_reader.authoring.project import validate_project
    from analytic_reader.data.corpus import Corpus, load_corpus

__all__ = ["STATIC_OUTPUTS", "Corpus", "DataError", "Problem", "load_corpus", "validate_project"]

#: Set in the environment of the kernels that execute the chapters for the published book
#: (``sphinxext.static_outputs``): interactive outputs then give their static rendition only (the toggles
#: of ``html.toggles`` as radio inputs, no widget), so that no widget state is saved into a page.
STATIC_OUTPUTS = "ANALYTIC_READER_STATIC_OUTPUTS"


def __getattr__(name: str) -> Any:
    if name in ("Corpus", "load_corpus"):
        from analytic_reader.data import corpus

        return getattr(corpus, name)
    if name == "validate_project":
        from analytic_reader.authoring import project

        return project.validate_project
    raise AttributeError(f"module 'analytic_reader' has no attribute {name!r}")
