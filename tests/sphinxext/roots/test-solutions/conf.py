extensions = [
    "sphinx_togglebutton",
    "sphinx_exercise",
    "analytic_reader.sphinxext.solutions",
    "analytic_reader.sphinxext.exercises",
]
html_theme = "sphinx_book_theme"
