"""The project's data, read and checked: paths, problems, CSV records, the codebook, sources and seeds,
claims, ratings, readings, the bibliography, the ledger, forecasts, events, the glossary and the
coding, and ``corpus`` which loads them all. Nothing here produces HTML.
"""
