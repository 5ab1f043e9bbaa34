extensions = ["analytic_reader.sphinxext.loading"]
html_theme = "basic"
