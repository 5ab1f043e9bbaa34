"""The code passes the linter and formatter that ``make check`` runs (ruff, configured in pyproject.toml)."""

import subprocess

from building import BIN
from repository import REPO_ROOT

RUFF = BIN / "ruff"


def test_code_passes_ruff_lint_and_format_check():
    for command in (["check", "--output-format", "concise"], ["format", "--check"]):
        result = subprocess.run(
            [str(RUFF), *command, "src", "tests", "tools"], cwd=REPO_ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
