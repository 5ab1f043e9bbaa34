"""The project's inputs, named once: what a book is built from, what chapter outputs depend on, and
what is never an input.

Three consumers must agree on these lists, and drift between them is silent: the student edition
copies exactly the book's files (``authoring.editions``); a change to the data inputs re-executes
every chapter (``sphinxext.cache_invalidation``) and changes the fingerprint a downloaded notebook
checks (``data.fingerprint``); and every copy of the project (tests, benchmarks) leaves out the build
outputs and tool caches.
"""

from __future__ import annotations

#: The files and folders a book is built from (the student edition copies exactly these).
BOOK_FILES = ("_config.yml", "_toc.yml", "references.bib")
BOOK_DIRS = ("chapters", "data", "seeds", "assets")

#: What chapter outputs depend on besides their own code: a change re-executes every chapter.
DATA_INPUTS = ("data", "seeds", "references.bib")

#: Build outputs and tool caches: never an input, left out of every copy of the project.
NOT_INPUTS = (
    ".venv",
    "_build",
    ".git",
    "node_modules",
    ".pytest_cache",
    ".hypothesis",
    "__pycache__",
    ".ipynb_checkpoints",
    ".jupyter_cache",
)
