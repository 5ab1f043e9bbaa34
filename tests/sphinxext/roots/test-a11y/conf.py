extensions = ["sphinx_exercise", "analytic_reader.sphinxext.a11y"]
html_theme = "sphinx_book_theme"
