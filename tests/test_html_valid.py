"""Both built editions are valid HTML according to the Nu HTML checker (vnu.jar, the W3C validator's engine).

The checker is the npm package vnu-jar, pinned in js/package.json and installed into js/node_modules by
tools/install_js.py (`make js`, which `make test` runs first); it runs on the
system's Java (Debian's default-jre-headless; .ci/run installs it). Without java or the jar the test
skips, except when CI is set, where it fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from building import in_ci
from repository import REPO_ROOT

pytestmark = pytest.mark.book

VNU_JAR = REPO_ROOT / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command() -> list[str]:
    """``java -jar vnu.jar`` with its options, or skip (locally) / fail (in CI) saying what is missing."""
    java = shutil.which("java")
    if java and VNU_JAR.is_file():
        # Errors only (no warnings or info), as JSON on stdout; one run checks every file given.
        return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
    missing = []
    if not java:
        missing.append("java is not installed (Debian: `apt-get install default-jre-headless`; .ci/run does this)")
    if not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR.relative_to(REPO_ROOT)} is missing (`make js` installs js/)")
    message = "The Nu HTML checker cannot run: " + "; ".join(missing)
    if in_ci():
        pytest.fail(message + " [CI is set: the HTML check must run]", pytrace=False)
    pytest.skip(message)


def shown(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def nu_errors(command: list[str], html: Path) -> list[str]:
    """Every error the checker reports on the edition in ``html``, as ``page:line: message``."""
    pages = sorted(html.rglob("*.html"))
    assert pages, f"no .html file in {html}"
    result = subprocess.run([*command, *map(str, pages)], capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError, TypeError):
        pytest.fail(
            f"the Nu HTML checker gave no JSON report (exit {result.returncode}): "
            f"{(result.stdout + result.stderr)[-2000:]}",
            pytrace=False,
        )
    errors = []
    for message in messages:
        url = message.get("url", "")
        page = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else None
        line = message.get("firstLine", message.get("lastLine", "?"))
        where = f"{shown(page)}:{line}" if page else (url or shown(html))
        errors.append(f"{where}: {message.get('type', 'error')}: {message.get('message', message)}")
    if result.returncode != 0 and not errors:
        pytest.fail(f"the Nu HTML checker failed (exit {result.returncode}): {result.stderr[-2000:]}", pytrace=False)
    return errors


def test_both_editions_are_valid_html_by_the_nu_checker(instructor_build, student_build):
    """Every .html file of both editions, the redirect stub and anything copied into _static included."""
    editions = {"instructor": instructor_build, "student": student_build}
    for name, (result, _html) in editions.items():
        assert result.returncode == 0, f"the {name} edition did not build: {(result.stdout + result.stderr)[-2000:]}"
    command = vnu_command()
    errors = [error for _result, html in editions.values() for error in nu_errors(command, html)]
    assert not errors, f"{len(errors)} HTML error(s) found by the Nu HTML checker:\n" + "\n".join(errors)
