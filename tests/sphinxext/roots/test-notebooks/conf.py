# Every extension that takes part in executing the chapters; each test loads only its own (confoverrides).
extensions = [
    "myst_nb",
    "analytic_reader.sphinxext.cache_invalidation",
    "analytic_reader.sphinxext.parallel_execution",
    "analytic_reader.sphinxext.static_outputs",
    "analytic_reader.sphinxext.notebook_downloads",
]
nb_execution_mode = "cache"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build", "data"]
