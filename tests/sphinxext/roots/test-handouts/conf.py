import os

extensions = ["analytic_reader.sphinxext.handouts"]
html_theme = "sphinx_book_theme"
exclude_patterns = ["pdf"]
# What `make pdf` passes (through ANALYTIC_READER_HANDOUTS): the folder of printed handouts.
analytic_reader_handouts = os.path.join(os.path.dirname(__file__), "pdf")
