"""The book's Sphinx extensions, one module per concern, each listed in ``_config.yml`` and tested on
a tiny book of its own (``tests/sphinxext/roots/``).

Executing the chapters: ``cache_invalidation`` (drop the execution cache when the data changes),
``parallel_execution`` (run the uncached chapters side by side), ``static_outputs`` (the kernels give
static HTML), ``notebook_downloads`` (each chapter as an executed ``.ipynb``); ``execution_cache`` is
the helper they share, not an extension.
Linking the prose: ``claims`` (claim ids become checked links), ``glossary`` (first uses link to the
glossary).
Repairing what other extensions emit: ``safe_titles`` (the theme's titles escaped),
``bibliography_roles`` (bibliography entries as list items), ``exercise_ids`` (sphinx-exercise's ids
made unique), ``index_redirect`` (a complete ``index.html``), ``theme_macros`` (the themes' macro
files out of the site).
The page's furniture: ``icons`` (a small icon stylesheet instead of the icon script), ``handouts``
(printed handouts in the download menu).
"""
