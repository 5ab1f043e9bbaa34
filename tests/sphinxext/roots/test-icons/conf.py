extensions = ["analytic_reader.sphinxext.icons"]
html_theme = "sphinx_book_theme"
