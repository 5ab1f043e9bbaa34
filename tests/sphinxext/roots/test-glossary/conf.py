extensions = ["analytic_reader.sphinxext.glossary"]
