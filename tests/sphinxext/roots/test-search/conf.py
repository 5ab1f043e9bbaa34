extensions = ["analytic_reader.sphinxext.search"]
