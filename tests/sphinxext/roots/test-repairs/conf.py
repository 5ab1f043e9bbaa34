# The defects the repair extensions fix, on one page: a title with markup, two exercises and a solution
# (repeated ids), a bibliography (roles), a root document that is not "index" (redirect), and the theme
# (its unescaped titles and its macro files). Each test loads one repair alone (confoverrides).
extensions = [
    "sphinx_exercise",
    "sphinxcontrib.bibtex",
    "analytic_reader.sphinxext.safe_titles",
    "analytic_reader.sphinxext.bibliography_roles",
    "analytic_reader.sphinxext.exercise_ids",
    "analytic_reader.sphinxext.index_redirect",
    "analytic_reader.sphinxext.theme_macros",
]
html_theme = "sphinx_book_theme"
root_doc = "start"
project = "Tiny repairs"
html_title = "Tiny repairs"
bibtex_bibfiles = ["refs.bib"]
