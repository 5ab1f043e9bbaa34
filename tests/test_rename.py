"""Renaming a reading: the prose names readings only through roles, so a label edit changes every page
and ``rename-reading`` rewrites an id everywhere it is written; a reading named by hand is refused."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analytic_reader.authoring.prose import hand_named_readings, prose_problems
from analytic_reader.authoring.rename import renamed_files
from analytic_reader.data.paths import ProjectPaths
from tinyproject import messages

READINGS = {"linked": ("Linked theaters", "linked"), "fraying": ("Fraying partnership", "fraying")}

CHAPTER = """---
learning:
  objectives:
    - Weigh the source against the {reading}`fraying` reading
  minutes: 5
  prerequisites: []
---

# A chapter

The {reading}`linked` reading, or {reading-label}`fraying` in full, counts
{glue:text}`against_fraying` claims against the {reading}`fraying` one ({glue:text}`weight_against_fraying`,
{glue:text}`both_linked_fraying`). The ties are fraying, the source says, and its title
is “a fraying reading of the axis”. The `fraying-axis-01` claim is another source's.

```{code-cell} python
figures = book.glue_figures(corpus, "tiny")
```
"""


def test_reading_roles_and_plain_words_pass_the_check():
    assert hand_named_readings(CHAPTER, READINGS) == []
    assert messages(prose_problems("chapters/a.md", CHAPTER, set(), set(), set(), "", READINGS)) == []


@pytest.mark.parametrize(
    "written, role",
    [
        ("Against Fraying partnership, nothing.", "{reading-label}`fraying`"),
        ("A linked proponent would answer.", "{reading}`linked`"),
        ("The fraying-leaning sources.", "{reading}`fraying`"),
        ("the Fraying reading says", "{reading}`fraying`"),
    ],
)
def test_a_reading_named_by_hand_in_the_prose_is_refused_with_the_role_to_write(written, role):
    found = messages(
        prose_problems("chapters/a.md", CHAPTER + "\n" + written + "\n", set(), set(), set(), "", READINGS)
    )
    line = CHAPTER.count("\n") + 2
    assert (
        len(found) == 1
        and found[0].startswith(f"chapters/a.md:{line}: reading: names the reading")
        and role in found[0]
    )


def test_a_reading_named_by_hand_in_the_front_matter_or_in_code_is_refused():
    text = CHAPTER.replace("{reading}`fraying` reading\n", "fraying reading\n").replace(
        'book.glue_figures(corpus, "tiny")', 'ratings[ratings.reading_id == "fraying"]'
    )
    found = messages(prose_problems("chapters/a.md", text, set(), set(), set(), "", READINGS))
    assert found[0].startswith("chapters/a.md:4: reading: names the reading “fraying reading” by hand")
    assert found[1].startswith('chapters/a.md:17: reading: code names the reading "fraying"')
    assert len(found) == 2


def test_a_role_naming_no_reading_is_refused():
    found = messages(prose_problems("chapters/a.md", "The {reading}`frayed` one.\n", set(), set(), set(), "", READINGS))
    assert found == ["chapters/a.md:1: reading: 'frayed' is not in data/readings.yml; use one of 'linked', 'fraying'"]


def test_renaming_rewrites_the_readings_file_the_id_columns_the_roles_and_the_glue_names(tiny_project):
    (tiny_project / "chapters").mkdir()
    (tiny_project / "chapters" / "a.md").write_text(CHAPTER, encoding="utf-8")
    changed = {
        path.relative_to(tiny_project).as_posix(): text
        for path, text in renamed_files(ProjectPaths(tiny_project), "fraying", "transactional").items()
    }
    assert set(changed) == {"data/readings.yml", "data/ratings.csv", "data/sources.csv", "chapters/a.md"}
    assert "reading_id: transactional" in changed["data/readings.yml"]
    assert (
        "versus: transactional" in changed["data/readings.yml"]
        and "versus: fraying" not in changed["data/readings.yml"]
    )
    assert "tiny-02,transactional,consistent" in changed["data/ratings.csv"]
    assert ",transactional," in changed["data/sources.csv"].splitlines()[1]  # the source's lean
    chapter = changed["chapters/a.md"]
    assert "{reading}`transactional` reading" in chapter and "{reading-label}`transactional`" in chapter
    assert "{glue:text}`against_transactional`" in chapter and "`weight_against_transactional`" in chapter
    assert "`both_linked_transactional`" in chapter
    # Plain words, quotations and other sources' ids are left as they are.
    assert "The ties are fraying" in chapter and "a fraying reading of the axis" in chapter
    assert "`fraying-axis-01`" in chapter


@pytest.mark.parametrize(
    "old, new, says",
    [
        ("frayed", "x", "'frayed' is not a reading"),
        ("fraying", "linked", "'linked' is taken"),
        ("fraying", "A B", "not a valid id"),
    ],
)
def test_the_rename_command_refuses_an_unknown_taken_or_invalid_id_in_one_line_and_writes_nothing(
    tiny_project, old, new, says
):
    before = (tiny_project / "data" / "readings.yml").read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "analytic_reader", "rename-reading", old, new, "--root", str(tiny_project)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and says in result.stderr
    assert (tiny_project / "data" / "readings.yml").read_text(encoding="utf-8") == before
