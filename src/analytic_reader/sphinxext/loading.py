"""Sphinx extension: what a page's head makes the browser fetch before it can show anything.

On the slow link the book is measured on (``tools/first_paint.py``: 1.6 Mbit/s, 150 ms, uncompressed,
no cache) the first paint waits for every stylesheet in the head and for every script there without
``defer``, and everything else fetched meanwhile shares the same 200 KB/s. Two changes, each per page:

- Stylesheets: the theme's and the extensions' (about 550 KB: Bootstrap and Font Awesome's icon
  classes whole, Sphinx's basic theme, pygments, sphinx-design…) are replaced by one file,
  ``css/theme-subset.css`` (``assets/css``), the same rules less those no page uses, in the same order
  (made by ``tools/purge_css.py``, which reads ``SUBSET_SOURCES``). The two the theme links itself,
  outside ``css_files``, are dropped by the template override (``assets/templates/layout.html``). The
  book's own ``css/reader.css`` and the icons' ``icons.css`` stay as they are, after it.
- Scripts: every script file gets ``defer``: deferred scripts still run in document order, before
  ``DOMContentLoaded``, so the order the theme and the extensions rely on holds, but the parser no
  longer stops for them. The exception is ``documentation_options.js`` (319 bytes), which defines the
  ``DOCUMENTATION_OPTIONS`` that inline scripts in the head assign to at once; and the search page,
  whose template adds Sphinx's search scripts without ``defer`` after them.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

#: The subset's place under ``_static`` (it is copied there from ``assets/css``).
SUBSET = "css/theme-subset.css"
#: The stylesheets folded into the subset, under ``_static``, in the order pages linked them. The
#: first two are linked by the theme's template (``theme.css`` is only ``@import "../basic.css"``);
#: ``mystnb.css`` stands for myst-nb's hashed ``mystnb.<sha256>.css``.
SUBSET_SOURCES = (
    "basic.css",
    "styles/pydata-sphinx-theme.css",
    "pygments.css",
    "styles/sphinx-book-theme.css",
    "togglebutton.css",
    "copybutton.css",
    "mystnb.css",
    "exercise.css",
    "sphinx-design.min.css",
)
#: Scripts left without ``defer``: inline scripts right after them use what they define.
UNDEFERRED = ("documentation_options.js",)
_MYSTNB = re.compile(r"^mystnb\.[0-9a-f]+\.css$")


def folded(filename: str) -> bool:
    """Whether a stylesheet (``_static/…``, as pages' contexts name them) is one of the subset's sources."""
    name = filename.removeprefix("_static/")
    return name in SUBSET_SOURCES or bool(_MYSTNB.match(name))


def rewrite_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if context.get("css_files") is not None:
        context["css_files"] = [c for c in context["css_files"] if not folded(str(getattr(c, "filename", c)))]
    if pagename == "search":
        # The search page's template writes Sphinx's search scripts after the page's scripts, without
        # defer: they call doctools.js's functions as they run, so the scripts before them stay as they are.
        return
    # New objects, not the builder's: they are shared by every page (and immutable in Sphinx 7.4).
    context["script_files"] = [deferred(js) for js in context.get("script_files") or []]


def deferred(js: Any) -> Any:
    """A script file with ``defer``, unless it has ``async``/``defer``, is a module or inline, or is one of
    ``UNDEFERRED``; anything else as it is."""
    filename = getattr(js, "filename", None)
    attributes = getattr(js, "attributes", None)
    if not isinstance(js, _JavaScript) or not filename or attributes is None:
        return js
    if str(filename).endswith(UNDEFERRED) or attributes.get("type") == "module":
        return js
    if any(attributes.get(key) for key in ("defer", "async")):
        return js
    return _JavaScript(filename, priority=js.priority, **{**attributes, "defer": "defer"})


def setup(app: Sphinx) -> dict[str, Any]:
    # First in the head (extensions' stylesheets have priority 500, html_css_files 800): the other
    # stylesheets were written against the theme's rules, and come after them as before.
    app.add_css_file(SUBSET, priority=100)
    # Late, so that every extension has added its files to the page's context.
    app.connect("html-page-context", rewrite_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
