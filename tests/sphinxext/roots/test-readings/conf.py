extensions = ["analytic_reader.sphinxext.readings"]
