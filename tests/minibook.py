"""A tiny book for the slow build tests: the tiny project's data (one source, two claims) with the real
book's configuration, stylesheet, templates and extensions, and three short chapters that use what the
real chapters use (learning box, claims table, reading toggle, exercises, claim links, the instructor
guide). It builds in seconds, so tests can build it many times."""

from __future__ import annotations

import shutil
from pathlib import Path

from repository import REPO_ROOT
from tinyproject import write_project

JUPYTEXT = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""

FRONT = (
    JUPYTEXT.removesuffix("---\n")
    + """learning:
  objectives:
    - {objective}
  minutes: 10
  prerequisites: []
---
"""
)

SETUP = """```{code-cell} python
:tags: [remove-input]
from analytic_reader import book

corpus = book.load()
book.learning_box(corpus, "%s")
```
"""

CHAPTERS = {
    "intro": FRONT.format(objective="Meet the tiny corpus")
    + "\n# Introduction\n\n"
    + SETUP % "intro"
    + """
The claim `tiny-01` is the first of the corpus.

```{exercise}
:label: ex-intro-one

Count the claims.
```

```{solution-start} ex-intro-one
:label: sol-intro-one
:class: dropdown
```

```{code-cell} python
print(len(corpus.claims))
```

```{solution-end}
```
""",
    "tiny": FRONT.format(objective="Read the tiny source against the {reading}`fraying` reading")
    + "\n(chapter-tiny)=\n# The tiny source\n\n"
    + SETUP % "tiny"
    + """
```{code-cell} python
:tags: [remove-input]
book.source_card(corpus, "tiny")
```

```{code-cell} python
:tags: [remove-input]
book.claims_table(corpus, "tiny")
```

Each claim is rated against the {reading}`linked` reading and against {reading-label}`fraying`.

```{code-cell} python
:tags: [remove-input]
book.reading_toggle(corpus, "tiny")
```
""",
    "instructor-guide": JUPYTEXT + "\n# Instructor guide\n\n```{code-cell} python\n:tags: [remove-input]\n"
    "from analytic_reader import book\n\nbook.instructor_table(book.load())\n```\n",
}
TOC = "format: jb-book\nroot: chapters/intro\nchapters:\n  - file: chapters/tiny\n  - file: chapters/instructor-guide\n"


def write_minibook(root: Path) -> Path:
    write_project(root)
    config = (REPO_ROOT / "_config.yml").read_text(encoding="utf-8")
    (root / "_config.yml").write_text(config, encoding="utf-8")
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    (root / "chapters").mkdir(exist_ok=True)
    for name, text in CHAPTERS.items():
        (root / "chapters" / f"{name}.md").write_text(text, encoding="utf-8")
    shutil.copytree(REPO_ROOT / "assets", root / "assets")
    return root
