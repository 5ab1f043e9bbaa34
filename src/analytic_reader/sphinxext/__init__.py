"""The book's Sphinx extensions, one module per concern: ``notebooks`` (execution cache and notebook
downloads), ``claims`` (claim ids become checked links), ``glossary`` (first uses link to the glossary)
and ``a11y`` (repairs to the emitted HTML). Each is listed in ``_config.yml`` and tested on a tiny book.
"""
