"""A line break after every block of generated HTML, so that its text keeps its words apart.

The HTML built here is written without whitespace between its elements (``<td>source</td><td>
published</td>``). A browser lays the cells out apart, but whatever reads the page's *text* does not:
Sphinx's search index strips the tags of a raw HTML output and indexes "sourcepublished" as one word,
and its search page cuts result snippets from the text as well. A line break after each closing block
tag (and after ``<br>``) changes nothing on screen, since whitespace between blocks is not rendered.
"""

from __future__ import annotations

import re

#: Elements whose end is the end of a block of text (never ``pre``, whose line breaks would show).
BLOCKS = (
    "blockquote|caption|dd|details|div|dl|dt|fieldset|figcaption|figure|h[1-6]|label|legend|li|nav|ol|p|"
    "section|summary|table|tbody|td|tfoot|th|thead|tr|ul"
)
_END_OF_BLOCK = re.compile(rf"(</(?:{BLOCKS})>|<br\s*/?>)(?=<)", re.IGNORECASE)


def spaced_blocks(html: str) -> str:
    """``html`` with a line break after each block that another element follows directly."""
    if "<pre" in html.lower():
        return html  # a literal block's text must stay as it is
    return _END_OF_BLOCK.sub("\\1\n", html)
