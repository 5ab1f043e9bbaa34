extensions = ["analytic_reader.sphinxext.claims"]
