extensions = ["myst_nb", "analytic_reader.sphinxext.notebooks"]
nb_execution_mode = "cache"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build", "data"]
