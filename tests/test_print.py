"""Print: the PDF handouts printed from the built book carry every claim and every reading, and the
student edition's handouts no solution."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from analytic_reader import load_corpus
from building import in_ci
from repository import REPO_ROOT
from solutions import solution_texts


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("edition", ["instructor_build", "student_build"])
def test_pdf_handouts_carry_every_claim_and_every_reading_and_students_get_no_solution(
    chromium, request, edition, tmp_path
):
    if not shutil.which("pdftotext"):
        if in_ci():
            pytest.fail("pdftotext (poppler-utils) is missing and CI is set")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    from pdf import print_pages

    _, html = request.getfixturevalue(edition)
    corpus = load_corpus()
    labels = [str(label) for label in corpus.readings["label"]]
    for name in ("growing-ties", "weighing-the-readings"):
        (handout,) = print_pages(html, tmp_path, [name], browser=chromium)
        text = " ".join(
            subprocess.run(["pdftotext", str(handout), "-"], capture_output=True, text=True, check=True).stdout.split()
        )
        if name != "weighing-the-readings":
            missing = [c for c in corpus.claims.index if c.startswith(name) and c not in text]
            assert missing == [], f"{name} handout lacks {missing}"
        info = subprocess.run(["pdfinfo", str(handout)], capture_output=True, text=True, check=True).stdout
        pages, limit = (
            int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)),
            (25 if name.startswith("weighing") else 20),
        )
        assert pages <= limit, f"the {name} handout runs to {pages} A4 pages (at most {limit})"
        for label in labels:
            assert f"Reading: {label}" in text, f"{name} handout lacks the {label} view"
        solutions = solution_texts((REPO_ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8"))
        prose = [" ".join(s.split("```")[0].split())[:60] for s in solutions]
        found = [p for p in prose if p and p in text]
        if edition == "student_build":
            assert found == [], f"student handout of {name} contains solution text: {found[0]!r}"
        else:
            assert found, f"instructor handout of {name} lacks its solutions"
