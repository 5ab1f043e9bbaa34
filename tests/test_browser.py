"""The browser tests' own harness (``tests/browser.py``): where Chromium is missing, they skip on a
developer's machine and fail under CI."""

from __future__ import annotations

import pytest

import browser


def test_browser_tests_skip_without_chromium_locally_but_fail_in_ci(monkeypatch):
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        browser.chromium_path()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        browser.chromium_path()
