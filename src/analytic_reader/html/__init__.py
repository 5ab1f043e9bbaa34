"""Everything the reader sees as HTML: tables, the highlighted full texts, the reading toggles and the
chart. All escaping happens here.
"""
