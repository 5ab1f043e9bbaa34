"""The built book: strict builds of both editions, citations, downloads, links, solutions."""

from __future__ import annotations

import collections
import csv
import html as html_lib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import nbformat
import pytest

from analytic_reader import cli, load_corpus, validate_project
from analytic_reader.authoring.chapters import chapter_info, scaffold_source_chapter, toc_chapters
from analytic_reader.authoring.editions import make_student_source, strip_solutions
from analytic_reader.data.paths import ProjectPaths
from analytic_reader.data.readings import with_reading_names
from building import build_book, build_warnings
from repository import REPO_ROOT, copy_repository
from solutions import solution_texts
from tinyproject import add_sixth_source, append_csv_rows, fill_placeholders

pytestmark = pytest.mark.book
PATHS = ProjectPaths(REPO_ROOT)
CHAPTER_FILES = sorted((REPO_ROOT / "chapters").glob("*.md"))


def test_instructor_edition_builds_strictly_with_zero_warnings(instructor_build):
    result, html = instructor_build
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert build_warnings(result) == []
    assert (html / "chapters" / "intro.html").exists()


def test_student_edition_builds_strictly_with_zero_warnings(student_build):
    result, html = student_build
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert build_warnings(result) == []
    assert not (html / "chapters" / "instructor-guide.html").exists()


# --- Solutions: all of them in the instructor edition, none in the student edition ----------


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).lower())


def windows(text: str, size: int = 8) -> set[str]:
    tokens = words(text)
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def solution_fingerprints() -> dict[str, set[str]]:
    """For each solution: its 8-word runs that appear nowhere else in the book's sources or data."""
    elsewhere = set()
    sources = [
        *CHAPTER_FILES,
        *(p for p in REPO_ROOT.joinpath("data").rglob("*") if p.is_file()),  # codings too: Appendix B offers them
        *REPO_ROOT.joinpath("seeds").glob("*.txt"),
        *REPO_ROOT.joinpath("src").rglob("*.py"),  # the package's own words (view notes, captions)
    ]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        elsewhere |= windows(strip_solutions(text) if path.suffix == ".md" else text)
    claim_ids = [
        p.split(",", 1)[0] for p in (REPO_ROOT / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    id_words = {word for claim_id in claim_ids for word in words(claim_id)}
    prints = {}
    for path in CHAPTER_FILES:
        for number, body in enumerate(solution_texts(path.read_text(encoding="utf-8")), start=1):
            # A run of claim ids alone (“coordinate fronts 06 coordinate fronts 16 …”) is in every generated table.
            # Inline code (claim ids, column names) is the data's, not the solution's own words.
            body = re.sub(r"`[^`\n]*`", " ", body)
            runs = {run for run in windows(body) - elsewhere if not set(run.split()) <= id_words}
            prints[f"{path.stem} solution {number}"] = runs
    return prints


def build_text(html: Path) -> str:
    """The words of every file a reader can fetch from a build: pages, search index, sources, notebooks."""
    chunks = []
    for path in html.rglob("*"):
        if (
            path.is_file()
            and path.suffix in (".html", ".js", ".md", ".txt", ".ipynb", ".json")
            and "_static" not in path.parts
        ):
            chunks.append(" ".join(words(path.read_text(encoding="utf-8", errors="replace"))))
    return " " + " \n ".join(chunks) + " "


def contains(text: str, run: str) -> bool:
    """Whole-word match of an 8-word run (``text`` is padded with spaces by ``build_text``)."""
    return f" {run} " in text


def test_every_solution_is_in_the_instructor_edition(instructor_build):
    prints = solution_fingerprints()
    assert len(prints) >= 3 * 9
    text = build_text(instructor_build[1])
    for name, runs in prints.items():
        assert runs, f"{name} has no text of its own to look for"
        assert any(contains(text, run) for run in runs), f"{name} is missing from the instructor edition"


def test_no_solution_text_is_in_the_student_edition(student_build):
    text = build_text(student_build[1])
    leaks = [name for name, runs in solution_fingerprints().items() if any(contains(text, run) for run in runs)]
    assert leaks == [], f"solution text found in the student edition: {leaks}"


# --- Citations, downloads, the instructor guide ---------------------------------------------

CITE = re.compile(r"\{cite(?::[pt])?\}`([^`]+)`")


def cited_keys(text: str) -> set[str]:
    return {key.strip() for match in CITE.findall(text) for key in match.split(",")}


def test_every_source_chapter_cites_its_own_source(instructor_build):
    corpus = load_corpus()
    for source_id, bibkey in corpus.sources["bibkey"].items():
        text = (REPO_ROOT / "chapters" / f"{source_id}.md").read_text(encoding="utf-8")
        assert bibkey in cited_keys(text), f"chapters/{source_id}.md does not cite {bibkey}"
        page = (instructor_build[1] / "chapters" / f"{source_id}.html").read_text(encoding="utf-8")
        assert 'href="bibliography.html#id' in page or "bibliography.html#" in page


def test_bibliography_lists_every_cited_entry(instructor_build):
    corpus = load_corpus()
    cited = set().union(*(cited_keys(p.read_text(encoding="utf-8")) for p in CHAPTER_FILES))
    assert cited <= set(corpus.bibliography), f"cited but not in references.bib: {cited - set(corpus.bibliography)}"
    page = " ".join(words((instructor_build[1] / "chapters" / "bibliography.html").read_text(encoding="utf-8")))
    for key in cited:
        title = " ".join(words(corpus.bibliography[key]["title"]))
        assert title in page, f"{key} is cited but not listed in the bibliography"


def test_each_chapter_page_offers_its_executed_notebook(instructor_build):
    html = instructor_build[1]
    notebooks = [p for p in CHAPTER_FILES if "kernelspec:" in p.read_text(encoding="utf-8")]
    assert len(notebooks) == len(CHAPTER_FILES) - 1  # all but the bibliography, which has no code
    for path in notebooks:
        page = (html / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert f"_sources/chapters/{path.stem}.ipynb" in page, f"{path.stem}: no notebook download"
        notebook = nbformat.read(html / "_sources" / "chapters" / f"{path.stem}.ipynb", as_version=4)
        assert notebook.metadata["analytic_reader"]["executed"] is True
        assert notebook.cells[0].metadata["tags"] == ["reader-check"]  # runs first, outputs nothing in the project
        code = [c for c in notebook.cells[1:] if c.cell_type == "code"]
        assert all(c.outputs for c in code), f"{path.stem}: the downloadable notebook lacks outputs"


def test_data_chapter_offers_the_data_files(instructor_build):
    html = instructor_build[1]
    page = (html / "chapters" / "appendix-data.html").read_text(encoding="utf-8")
    for name in ("claims.csv", "sources.csv"):
        links = re.findall(rf'href="(\.\./_downloads/[^"]+/{name})"', page)
        assert links, f"no download link for {name}"
        target = (html / "chapters" / links[0]).resolve()
        assert target.read_bytes() == (REPO_ROOT / "data" / name).read_bytes()


def test_instructor_guide_table_matches_the_chapters(instructor_build):
    page = (instructor_build[1] / "chapters" / "instructor-guide.html").read_text(encoding="utf-8")
    table = page[page.index('class="ar-table ar-guide"') :]
    rows = re.findall(r"<tr>(.*?)</tr>", table[: table.index("</table>")], re.DOTALL)[1:]
    expected = [chapter_info(PATHS, n) for n in toc_chapters(PATHS) if n not in ("instructor-guide", "bibliography")]
    assert len(rows) == len(expected)
    for row, info in zip(rows, expected):
        cells = [html_lib.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", row, re.DOTALL)]
        assert cells[0] == info.title
        readings = load_corpus().readings
        assert cells[1] == "; ".join(with_reading_names(o, readings) for o in info.objectives)  # roles resolved
        assert "{reading" not in cells[1]
        assert cells[2] == str(info.minutes)
        assert cells[4] == str(info.exercises)
        assert f'<a href="{info.name}.html">' in row  # the title links to the chapter
        assert "](" not in cells[3], "prerequisites are shown as links, not as raw markdown"


# --- Links: every internal link and anchor resolves; external links are listed ---------------


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for key in ("href", "src"):
            if attributes.get(key) and tag in ("a", "img", "link", "script"):
                self.links.append(attributes[key])


def crawl(html: Path) -> tuple[list[str], list[str], int]:
    """Broken internal links, every external link, and how many internal links were checked.

    Every view of every toggle is in its page (radio inputs), so the page's HTML is all there is to
    follow; a few lines of standard library, no crawler to install."""
    pages = {p: LinkParser() for p in html.rglob("*.html") if "_static" not in p.parts}
    for path, parser in pages.items():
        parser.feed(path.read_text(encoding="utf-8"))
    broken, external, checked = [], set(), 0
    for path, parser in pages.items():
        base = path.relative_to(html).as_posix()
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto"):
                if parts.scheme != "mailto" and not parts.netloc:
                    broken.append(f"{base}: malformed external link {link}")
                external.add(link)
                continue
            if parts.scheme or link.startswith("//"):
                if parts.scheme not in ("data", "javascript"):
                    broken.append(f"{base}: unexpected link {link}")
                continue
            checked += 1
            target_url, fragment = urldefrag(urljoin(base, link))
            target_url = urlsplit(target_url).path
            target = html / unquote(target_url) if target_url else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{base}: {link} -> missing file")
            elif fragment and target in pages and unquote(fragment) not in pages[target].ids:
                broken.append(f"{base}: {link} -> missing anchor #{fragment}")
    return broken, sorted(external), checked


def test_every_internal_link_and_anchor_resolves_and_external_links_are_reported(instructor_build, student_build):
    report = []
    for name, (_, html) in (("instructor", instructor_build), ("student", student_build)):
        broken, external, checked = crawl(html)
        assert checked > 500, f"only {checked} internal links found in the {name} edition: is the crawler blind?"
        assert broken == [], "\n".join(broken[:30])
        report.append(f"# {name} edition: {checked} internal links and anchors resolve; {len(external)} external links")
        report += [f"{name}\t{link}" for link in external]
    out = REPO_ROOT / "_build" / "external-links.txt"
    out.write_text("\n".join(report) + "\n", encoding="utf-8")


# --- Any number of readings: a third one, added in a copy, builds both editions -----------------


def build_both_editions_strictly(copy: Path) -> tuple[Path, Path]:
    """Build the instructor and student editions of a copy of the book; both must pass the strict build."""
    result, html = build_book(copy)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert build_warnings(result) == []
    student = make_student_source(copy, copy / "_build" / "student-src")
    student_result, student_html = build_book(student, copy / "_build" / "student")
    assert student_result.returncode == 0, (student_result.stdout + student_result.stderr)[-3000:]
    assert build_warnings(student_result) == []
    return html, student_html


HEDGED = """  - reading_id: hedged
    label: Hedged partnership
    thesis: >-
      Each state keeps the other at arm's length while using it: cooperation in some channels, with
      each side hedging against the other in the rest.
    concedes:
      - Each side uses the other where it is cheap.
    distinguishing_questions:
      - versus: linked
        question: Does each side keep open options that the other would object to?
      - versus: fraying
        question: Does each side keep cooperating while it hedges?
      - versus: coupled
        question: Does each side hedge against the other rather than simply limit its help?
    refuted_by:
      - Either side gives up its hedges.
"""


# --- Claim ids in the prose are checked links ----------------------------------------------------


def test_claim_ids_in_prose_link_to_their_rows(instructor_build):
    page = (instructor_build[1] / "chapters" / "weighing-the-readings.html").read_text(encoding="utf-8")
    assert 'href="growing-ties.html#row-growing-ties-04"' in page


def test_an_unknown_claim_id_in_prose_fails_the_strict_build(tmp_path):
    copy = copy_repository(tmp_path / "book")
    # One chapter is enough to see the check (the build fails anyway); it keeps the test fast.
    (copy / "_toc.yml").write_text("format: jb-book\nroot: chapters/intro\n", encoding="utf-8")
    intro = copy / "chapters" / "intro.md"
    intro.write_text(
        intro.read_text(encoding="utf-8").replace(
            "## The question", "## The question\n\nSee `growing-ties-99` for more.\n", 1
        ),
        encoding="utf-8",
    )
    result, _ = build_book(copy)
    assert result.returncode != 0
    assert any("claim id 'growing-ties-99' is not in data/claims.csv" in line for line in build_warnings(result))


# --- Reference pages: timeline and glossary, generated from the data, searchable ----------------


def test_timeline_and_glossary_pages_are_built_from_the_data_in_both_editions(instructor_build, student_build):
    corpus = load_corpus()
    for _, html in (instructor_build, student_build):
        timeline = (html / "chapters" / "timeline.html").read_text(encoding="utf-8")
        assert timeline.count("<tr") == len(corpus.events) + 1
        glossary = (html / "chapters" / "glossary.html").read_text(encoding="utf-8")
        for term in corpus.glossary["term"]:
            assert html_lib.escape(term, quote=False) in glossary, term
        index = (html / "searchindex.js").read_text(encoding="utf-8")
        assert "zolfaghar" in index.lower()


def test_first_use_of_a_glossary_term_links_to_its_entry(instructor_build):
    page = (instructor_build[1] / "chapters" / "dangerous-alliance.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<a class="reference internal" href="glossary.html#([^"]+)">'
        r'<span class="ar-glossary-term">([^<]+)</span></a>',
        page,
    )
    assert links, "no glossary links on the page"
    terms = [text for _, text in links]
    assert len(terms) == len(set(terms)), "each term links once per page"


# --- Adding a source, end to end: both editions build and every link resolves --------------------


def scrambled(name: str) -> str:
    """A new name for a reading that shares no word with the old one, keeps its first letter (the
    tables' marks) and its length (the layout), and can be mapped back: its vowels become x."""
    return re.sub(r"[aeiou]", "x", name)


def test_a_sixth_source_and_a_fourth_reading_then_every_reading_renamed_build_both_editions_with_nothing_stale(
    tmp_path, instructor_build
):
    """The ways the book grows and changes, in one copy (one pair of builds): a reading added by data
    alone (``readings.yml`` and its ratings), a source added by data and one scaffolded chapter, then
    every reading renamed as the README says (each id with ``rename-reading``, each label and short
    label edited in ``readings.yml``). Both editions build strictly; no page names a reading by its old
    name; every figure the source chapters glue about a reading is what the unrenamed book glues; the
    new source is in the explorer, the practice page and its own self-checks."""
    copy = copy_repository(tmp_path / "book")
    readings = copy / "data" / "readings.yml"
    last = load_corpus(copy).reading_ids[-1]
    readings.write_text(readings.read_text(encoding="utf-8").rstrip("\n") + "\n" + HEDGED, encoding="utf-8")
    with (copy / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        # Each claim with the proposition it restates (its own id when it stands alone): one rating each.
        claims = {row["claim_id"]: row["proposition"] or row["claim_id"] for row in csv.DictReader(handle)}
    # The new reading is rated as the last one is, so that it changes no claim's standing against the
    # others (a claim against every reading stays against all): the renamed book's figures about the old
    # readings must then be the unrenamed book's.
    with (copy / "data" / "ratings.csv").open(encoding="utf-8", newline="") as handle:
        as_last = {row["claim_id"]: row["rating"] for row in csv.DictReader(handle) if row["reading_id"] == last}
    rows = [
        {
            "claim_id": claim,
            "reading_id": "hedged",
            "rating": as_last[claim],
            "rationale": "A test rating for the fourth reading.",
        }
        for claim in claims
    ]
    for name in ("ratings.csv", "coding/first.csv", "coding/second.csv"):
        append_csv_rows(copy / "data" / name, rows)
    add_sixth_source(copy)  # rated against all readings
    fill_placeholders(scaffold_source_chapter(ProjectPaths(copy), "mutual-alibi"))
    corpus = load_corpus(copy)
    assert list(corpus.readings.index)[-1] == "hedged" and "mutual-alibi" in corpus.sources.index

    # Rename every reading: ids with the command, labels and short labels by hand in readings.yml.
    old_names = {}
    for reading in corpus.readings.itertuples():
        old_names[str(reading.reading_id)] = (str(reading.label), str(reading.short_label))
        assert cli.main(["rename-reading", reading.reading_id, scrambled(reading.reading_id), "--root", str(copy)]) == 0
    text = readings.read_text(encoding="utf-8")
    for label, short_label in old_names.values():
        text = text.replace(f"label: {label}\n", f"label: {scrambled(label)}\n")
        text = text.replace(f"short_label: {short_label}\n", f"short_label: {scrambled(short_label)}\n")
    readings.write_text(text, encoding="utf-8")
    renamed = load_corpus(copy)
    assert list(renamed.readings.index) == [scrambled(r) for r in old_names]
    assert list(renamed.readings["label"]) == [scrambled(label) for label, _ in old_names.values()]
    assert validate_project(copy) == []
    hedged = scrambled("Hedged partnership")

    html, student_html = build_both_editions_strictly(copy)

    # Labels as the role writes them (a source's headline may use the same words in title case), and short
    # labels where they name a reading, in any case.
    old_words = [re.escape(label) for label, _ in old_names.values()] + [
        rf"(?i:\b{re.escape(short)}(?:\s+(?:readings?|proponents?|thesis)\b|-(?:leaning|side)\b))"
        for _, short in old_names.values()
    ]
    stale = re.compile("|".join(old_words))
    coders_words = sorted(
        {
            text
            for name, column in [
                ("ratings.csv", "rationale"),
                ("coding/first.csv", "rationale"),
                ("coding/second.csv", "rationale"),
                ("coding/adjudication.csv", "reason"),
            ]
            for row in csv.DictReader((copy / "data" / name).open(encoding="utf-8"))
            for text in [row[column]]
            if text
        }
        | {json.dumps(text)[1:-1] for text in renamed.ratings["rationale"]},
        key=len,
        reverse=True,
    )
    for folder in (html, student_html):
        broken, _, checked = crawl(folder)
        assert broken == [], "\n".join(broken[:30])
        texts = (folder / "chapters" / "appendix-texts.html").read_text(encoding="utf-8")
        assert 'id="claim-mutual-alibi-01"' in texts and 'id="text-mutual-alibi"' in texts
        chapter = (folder / "chapters" / "growing-ties.html").read_text(encoding="utf-8")
        assert chapter.count(f"{hedged}: <strong>") == len([c for c in claims if c.startswith("growing-ties")])
        assert f"Reading: {hedged}" in chapter  # the fourth view, in the page itself
        weighing = (folder / "chapters" / "weighing-the-readings.html").read_text(encoding="utf-8")
        assert "mutual-alibi" in weighing and hedged in weighing and "fig-reading-balance" in weighing
        # The new source is in the explorer, the practice page and its chapter's self-checks.
        explorer = (folder / "chapters" / "explore.html").read_text(encoding="utf-8")
        assert explorer.count('<th scope="row"><a href="mutual-alibi.html#row-mutual-alibi-') == len(
            renamed.claims[renamed.claims["source_id"] == "mutual-alibi"]
        )
        assert '"mutual-alibi-01"' in (folder / "chapters" / "practice.html").read_text(encoding="utf-8")
        new_chapter = (folder / "chapters" / "mutual-alibi.html").read_text(encoding="utf-8")
        assert 2 <= new_chapter.count('<fieldset class="ar-selfcheck">') <= 4
        # No page names a reading by its old name: not the prose, the learning boxes, the tables, the
        # toggles or the glued figures. (The sources' words in quotations, and the coders' rationales, which
        # are their own words kept as written, may use the same words.)
        for page in sorted(folder.rglob("*.html")):
            words = html_lib.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
            for rationale in coders_words:
                words = words.replace(rationale, " ")
            words = re.sub(r"“[^”]*”", " ", words)
            found = stale.search(words)
            assert not found, (
                f"{page.relative_to(folder)}: still says {found.group(0)!r}: "
                f"…{words[found.start() - 200 : found.end() + 50]}"
            )

    # Every figure a source chapter glues about a reading is what the unrenamed book glues for it.
    original = instructor_build[1].parent / "jupyter_execute" / "chapters"
    grown = html.parent / "jupyter_execute" / "chapters"
    unmap = {scrambled(word): word for pair in old_names.values() for word in pair} | {
        scrambled(reading_id): reading_id for reading_id in old_names
    }
    for source_id in corpus.sources.index.drop("mutual-alibi"):
        before = json.loads((original / f"{source_id}.glue.json").read_text(encoding="utf-8"))
        after = json.loads((grown / f"{source_id}.glue.json").read_text(encoding="utf-8"))
        for name, output in before.items():
            if not set(name.split("_")) & set(old_names) - {"hedged"}:
                continue  # not a figure about a reading
            new_name = "_".join(scrambled(part) if part in old_names else part for part in name.split("_"))
            value = after[new_name]["data"]["text/plain"]
            for new_word, old_word in unmap.items():
                value = value.replace(new_word, old_word)
            assert value == output["data"]["text/plain"], (
                f"{source_id}: {name} was {output['data']['text/plain']}, now {value}"
            )

    # The fast tests that read the project pass on the grown project too: none is hard-wired to five
    # sources or two readings. (The others build their own tiny projects, whatever this one holds.)
    own_projects = ("test_sphinxext", "test_authoring", "test_records", "test_editions", "test_style")
    fast = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "not book and not browser", "-p", "no:cacheprovider"]
        + ["-k", "not fifty_megabyte"]  # a generated file of its own: nothing of this project's in it
        + [f"--ignore=tests/{name}.py" for name in own_projects],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert fast.returncode == 0, fast.stdout[-4000:]


def test_no_page_of_either_edition_repeats_an_id(instructor_build, student_build):
    repeated = []
    for _, html in (instructor_build, student_build):
        for page in sorted(html.rglob("*.html")):
            if "_static" in page.parts:
                continue
            ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
            repeated += [f"{page.relative_to(html)}: {name}" for name, n in collections.Counter(ids).items() if n > 1]
    assert repeated == [], "\n".join(repeated[:20])
