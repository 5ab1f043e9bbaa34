"""analytic_reader: load, check and present a small corpus of sources on one contested question."""

from .problems import DataError, Problem
from .validate import Corpus, load_corpus, validate_project

__all__ = ["Corpus", "DataError", "Problem", "load_corpus", "validate_project"]
