import yaml

from analytic_reader.authoring.editions import make_student_source, strip_solutions
from solutions import solution_texts

CHAPTER = """# A chapter

```{exercise}
:label: ex-one

Count the claims.
```

````{solution} ex-one
:label: sol-one
:class: dropdown

Group by source:

```python
corpus.claims.groupby("source_id").size()
```
The secret answer is 59.
````

:::{solution} ex-two
:label: sol-two
A colon-fenced secret.
:::

```{solution-start} ex-three
:label: sol-three
```

A gated secret, with code the build executes:

```{code-cell} python
print("secret code")
```

```{solution-end}
```

Closing prose.
"""


def test_strip_solutions_removes_every_solution_block_and_keeps_the_rest():
    stripped = strip_solutions(CHAPTER)
    assert "secret" not in stripped
    assert "Count the claims." in stripped and "Closing prose." in stripped
    assert "{solution" not in stripped and "code-cell" not in stripped


def test_solution_texts_lists_each_body_without_options():
    bodies = solution_texts(CHAPTER)
    assert len(bodies) == 3
    assert bodies[0].startswith("Group by source:") and bodies[0].endswith("The secret answer is 59.")
    assert bodies[1] == "A colon-fenced secret."
    assert bodies[2].startswith("A gated secret") and bodies[2].endswith('print("secret code")\n```')


def test_student_source_drops_solutions_and_the_pages_the_config_leaves_out(tmp_path):
    root = tmp_path / "book"
    (root / "chapters").mkdir(parents=True)
    (root / "chapters" / "one.md").write_text(CHAPTER, encoding="utf-8")
    (root / "chapters" / "instructor-guide.md").write_text("# Guide\n", encoding="utf-8")
    (root / "_config.yml").write_text(
        "title: Book\nstudent_edition:\n"
        "  leave_out: [chapters/instructor-guide]\n  title_suffix: ' (student edition)'\n",
        encoding="utf-8",
    )
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/one\nparts:\n  - caption: Teachers\n"
        "    chapters:\n      - file: chapters/instructor-guide\n",
        encoding="utf-8",
    )
    (root / "references.bib").write_text("", encoding="utf-8")
    out = make_student_source(root, tmp_path / "student")
    assert "secret" not in (out / "chapters" / "one.md").read_text(encoding="utf-8")
    assert not (out / "chapters" / "instructor-guide.md").exists()
    assert "instructor-guide" not in (out / "_toc.yml").read_text(encoding="utf-8")
    config = yaml.safe_load((out / "_config.yml").read_text(encoding="utf-8"))
    assert config == {"title": "Book (student edition)"}  # the edition's settings are not the copy's


def test_student_source_rewrites_only_changed_files(tmp_path):
    root = tmp_path / "book"
    (root / "chapters").mkdir(parents=True)
    (root / "chapters" / "one.md").write_text(CHAPTER, encoding="utf-8")
    (root / "_config.yml").write_text("title: Book\n", encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/one\n", encoding="utf-8")
    (root / "references.bib").write_text("", encoding="utf-8")
    out = make_student_source(root, tmp_path / "student")
    first = (out / "chapters" / "one.md").stat().st_mtime_ns
    make_student_source(root, out)
    assert (out / "chapters" / "one.md").stat().st_mtime_ns == first
