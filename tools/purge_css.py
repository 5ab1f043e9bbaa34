#!/usr/bin/env python3
"""Regenerate ``assets/css/theme-subset.css``: the theme's and extensions' stylesheets, less the rules
no page of the book uses, as one file.

Why: the stylesheets that pydata-sphinx-theme, sphinx-book-theme and the Sphinx extensions put in
every page's head are about 550 KB (the theme's alone is 397 KB: all of Bootstrap, all of Font
Awesome's icon classes), all render-blocking: on the slow link of ``tools/first_paint.py`` (1.6
Mbit/s) that is nearly 3 s before anything is shown. The book uses about a fifth of it.

How: PurgeCSS (npm ``purgecss``, pinned in ``js/package.json`` beside the test tools) keeps every rule
whose selectors name only classes, ids, tags and attributes that occur in the content: every built
page, every script the site ships (so classes that the theme's or Bootstrap's scripts add keep their
rules), the themes' templates, the book's templates, chapters and package source. Classes that
Bootstrap builds from pieces (``bs-tooltip-top``…) and state classes are kept by ``SAFELIST``.

Why a committed file rather than a build step: no maintained tool on PyPI does this (the few there
were last released in 2021-22), and ``make book`` must need only Python. The result is deterministic
(same inputs, same file), its header records the digest of every stylesheet it was made from, and two
tests guard it: ``test_theme_subset_is_current`` (unit: the installed stylesheets are the ones it was
made from, so a theme upgrade cannot go unnoticed) and ``test_theme_subset_covers_the_book`` (after a
build: regenerating it would add no rule). When either fails, rerun::

    make book && python tools/purge_css.py            # rewrites assets/css/theme-subset.css
    python tools/purge_css.py --check [SITE_DIR]      # exit 1, listing the rules missing, if stale

``SITE_DIR`` defaults to ``_build/html``; it must be a build of the current sources.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from analytic_reader.sphinxext.loading import SUBSET_SOURCES

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "assets" / "css" / "theme-subset.css"
PURGECSS = ROOT / "js" / "node_modules" / ".bin" / "purgecss"
#: The subset's place in the site, relative to _static (``url()``s are rewritten for it).
TARGET_DIR = "css"

#: The stylesheets folded into the subset, as paths under the site's ``_static``, in the order the
#: pages linked them (the cascade depends on it): the extension's own list, which drops them from the
#: pages. ``mystnb.css`` stands for the site's hashed ``mystnb.<sha256>.css``.
SOURCES = SUBSET_SOURCES

#: Classes and attributes that scripts compose at run time or that only states give: kept whatever
#: the content says. Bootstrap's tooltips, dropdowns and collapses, the theme's dialogs and scroll states.
SAFELIST = {
    "standard": ["show", "showing", "hiding", "fade", "collapsing", "active", "disabled", "focus-visible"],
    "deep": [],
    "greedy": [
        r"^bs-tooltip",
        r"^bs-popover",
        r"^tooltip",
        r"^popover",
        r"^dropdown",
        r"^collaps",
        r"data-bs-",
        r"data-theme",
        r"data-mode",
        r"^pst-",
        r"^search-button",
        r"^sd-tab",
    ],
}

_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_COMMENT = re.compile(r"/\*(?!!)[\s\S]*?\*/")


def static_file(static: Path, name: str) -> Path:
    if name == "mystnb.css":
        matches = sorted(static.glob("mystnb.*.css"))
        if len(matches) != 1:
            raise SystemExit(f"purge_css: expected one mystnb.<hash>.css in {static}, found {len(matches)}")
        return matches[0]
    return static / name


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def content_globs(site: Path) -> list[str]:
    return [
        f"{site}/**/*.html",
        f"{site}/_static/**/*.js",
        f"{ROOT}/assets/templates/*.html",
        f"{ROOT}/assets/scripts/*.js",
        f"{ROOT}/chapters/*.md",
        f"{ROOT}/src/analytic_reader/**/*.py",
    ]


def rebase_urls(css: str, source: str) -> str:
    """``url()``s relative to ``_static/<source>`` made relative to ``_static/css/``."""
    folder = source.split("/")[:-1]

    def fix(match: re.Match) -> str:
        quote, url = match.group(1), match.group(2)
        if re.match(r"^(data:|[a-z]+:|/|#)", url):
            return match.group(0)
        resolved = list(folder)
        for part in url.split("/"):
            if part == "..":
                resolved = resolved[:-1]
            elif part != ".":
                resolved.append(part)
        return f"url({quote}../{'/'.join(resolved)}{quote})"

    return _URL.sub(fix, css)


def purge(site: Path) -> str:
    """The subset for the built site ``site``, as text."""
    static = site / "_static"
    if not PURGECSS.exists():
        raise SystemExit("purge_css: js/node_modules has no purgecss; run `make js` first")
    files = [static_file(static, name) for name in SOURCES]
    with tempfile.TemporaryDirectory(prefix="purge-css-") as scratch:
        out = Path(scratch) / "out"
        out.mkdir()
        config = Path(scratch) / "purgecss.config.cjs"
        safelist = {
            "standard": [f"/{p}/" if p.startswith("^") else json.dumps(p) for p in SAFELIST["standard"]],
            "greedy": [f"/{p}/" for p in SAFELIST["greedy"]],
        }
        config.write_text(
            "module.exports = {\n"
            f"  css: {json.dumps([str(f) for f in files])},\n"
            f"  content: {json.dumps(content_globs(site))},\n"
            "  fontFace: true,\n  keyframes: true,\n  rejected: false,\n"
            f"  safelist: {{standard: [{', '.join(safelist['standard'])}], "
            f"greedy: [{', '.join(safelist['greedy'])}]}},\n"
            "};\n",
            encoding="utf-8",
        )
        result = subprocess.run(
            [str(PURGECSS), "--config", str(config), "--output", str(out)], capture_output=True, text=True
        )
        if result.returncode != 0:
            raise SystemExit(f"purge_css: purgecss failed: {result.stderr.strip()[-2000:]}")
        parts = []
        for name, path in zip(SOURCES, files):
            css = (out / path.name).read_text(encoding="utf-8")
            css = css.replace('@charset "UTF-8";', "")
            css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
            css = _COMMENT.sub("", css)
            css = re.sub(r"\n\s*\n+", "\n", css).strip()
            parts.append(f"/* {name} (sha256 {digest(path)}) */\n{rebase_urls(css, name)}\n")
    versions = ", ".join(f"{p} {v}" for p, v in installed_versions().items())
    header = (
        '@charset "UTF-8";\n'
        "/* GENERATED by tools/purge_css.py from the stylesheets below, less the rules no page uses\n"
        f" * ({versions}). Do not edit: rerun the tool (see its docstring). */\n"
    )
    return header + "".join(parts)


def installed_versions() -> dict[str, str]:
    from importlib.metadata import version

    names = ("pydata-sphinx-theme", "sphinx-book-theme", "Sphinx", "myst-nb", "sphinx-design", "sphinx-exercise")
    return {name: version(name) for name in names}


def recorded_digests(text: str) -> dict[str, str]:
    """``{source: digest}`` from a subset's section headers."""
    return dict(re.findall(r"^/\* (\S+\.css) \(sha256 ([0-9a-f]{16})\) \*/$", text, re.M))


def rules(css: str) -> set[tuple[str, str, str]]:
    """Every (at-rule context, one selector, declarations) of a stylesheet: a rule with a selector list
    counts once per selector, so that two subsets can be compared whatever lists PurgeCSS trimmed."""
    css = _COMMENT.sub("", css)
    found: set[tuple[str, str, str]] = set()

    def walk(text: str, context: str) -> None:
        i, n = 0, len(text)
        while i < n:
            brace = _find(text, "{", i)
            if brace < 0:
                return
            prelude = text[i:brace].strip()
            end = _matching(text, brace)
            body = text[brace + 1 : end]
            semicolon = prelude.rfind(";")
            if semicolon >= 0:  # statements before the rule (@charset, @import)
                prelude = prelude[semicolon + 1 :].strip()
            if prelude.startswith("@") and not prelude.startswith(("@font-face", "@page")):
                walk(body, f"{context} {prelude}".strip())
            else:
                declarations = " ".join(body.split())
                for selector in _split_selectors(prelude):
                    found.add((context, " ".join(selector.split()), declarations))
            i = end + 1

    walk(css, "")
    return found


def _find(text: str, char: str, start: int) -> int:
    quote = None
    for i in range(start, len(text)):
        c = text[i]
        if quote:
            if c == "\\":
                continue
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == char:
            return i
    return -1


def _matching(text: str, brace: int) -> int:
    depth, quote, i = 0, None, brace
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text)


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for c in prelude:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
    return [p.strip() for p in [*parts, current] if p.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=ROOT / "_build" / "html", type=Path)
    parser.add_argument("--check", action="store_true", help="report rules the committed subset lacks")
    args = parser.parse_args(argv)
    subset = purge(args.site.resolve())
    if not args.check:
        OUTPUT.write_text(subset, encoding="utf-8")
        print(f"purge_css: wrote {OUTPUT.relative_to(ROOT)} ({len(subset.encode()):,} B)")
        return 0
    committed = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    missing = sorted(rules(subset) - rules(committed))
    stale = {k: v for k, v in recorded_digests(subset).items() if recorded_digests(committed).get(k) != v}
    for source, value in stale.items():
        print(f"purge_css: {source} changed (sha256 {value}) since the subset was made")
    for context, selector, _ in missing[:40]:
        print(f"purge_css: missing rule {context + ' ' if context else ''}{selector}")
    if missing or stale:
        print(f"purge_css: {OUTPUT.relative_to(ROOT)} is stale; rerun `python tools/purge_css.py`")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
