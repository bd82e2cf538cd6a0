"""Every field hostile: one real build of a board whose every front-matter field, every registry
text value and one file name carry `<img src=x onerror=alert(1)>"'&`, read back per page kind.

The markup must arrive as text: no element and no attribute is created from it on any page, no
feed element, and the search data holds it as plain text. Each page kind also names the fields
it shows, and each must be found there as text, so a field that silently vanishes fails too.

A new front-matter field, registry text key or page kind must join this test: the guard tests
at the bottom compare it with fields.py, the registry's key lists and the built site.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from noticeboard.load.board import load_board
from noticeboard.load.fields import FIELDS
from noticeboard.load.registry import BODY_KEYS, BRANCH_KEYS, CATEGORY_KEYS
from noticeboard.load.registry_schedule import SCHEDULE_KEYS
from support.hostile import (
    ATTACHMENT,
    FILE_STEM,
    MARKUP_ATTACHMENT,
    MARKUP_FILE_STEM,
    OLD,
    TODAY,
    hostile,
    notice_text,
    write_board,
)
from support.search_fixture import REPO_ROOT

pytestmark = pytest.mark.build

NOTICE = f"notices/town/2026/{FILE_STEM}/index.html"
# Titles may also be shown in their full-width form (sanitize.plain_title, for the places where
# Material prints a title unescaped): written out here by hand, never computed.
FULL_WIDTH = {"title": "title＜img src=x onerror=alert(1)＞＂'＆"}

# Page kind -> (pages of that kind, the hostile values each of them must show as text).
FEEDBACK = [f"feedback.{k}" for k in ("phone", "email", "address", "person")]
PAGE_KINDS: dict[str, tuple[list[str], list[str]]] = {
    "notice": (
        [NOTICE],
        [
            "title",
            "number",
            "reviewed_by",
            "approved_by",
            *FEEDBACK,
            "tags",
            "branch.name",
            "category.name",
            "body.name",
            "corrections.note",
        ],
    ),
    "board": (["index.html"], ["title", "number", "branch.name", "category.name"]),
    "branch": (
        ["branches/index.html", "branches/town/index.html", "branches/town/2026/index.html"],
        ["branch.name"],
    ),
    "category": (
        [
            "categories/index.html",
            "categories/organisation/index.html",
            "categories/organisation/2026/index.html",
        ],
        ["category.name"],
    ),
    "archive": (["archive/index.html", "archive/2026/index.html"], []),
    "compliance": (["compliance/index.html", "compliance/town/index.html"], ["branch.name"]),
    "statistics": (["statistics/index.html"], ["branch.name"]),
}
# Extra values a single page must show (beyond its kind's list).
PAGE_EXTRAS = {
    "branches/town/index.html": ["title", *(f"branch.{f}" for f in FEEDBACK)],
    "branches/town/2026/index.html": ["title"],
    "categories/index.html": ["category.description"],
    "categories/organisation/index.html": ["category.description", "title"],
    "archive/2026/index.html": ["title"],
}
DATA_KINDS = ("search data", "feeds")
# Where each kind lives in the built site (its first URL segment): the guard's map.
SEGMENTS = {
    "notices": "notice",
    "index.html": "board",
    "branches": "branch",
    "categories": "category",
    "archive": "archive",
    "pagefind": "search data",
    "feeds": "feeds",
    "compliance": "compliance",
    "statistics": "statistics",
}
# Not page kinds: the theme's files, the sitemap, hand-written pages (docs/, checked for
# markup like every page but showing no field), the search page and the 404 page.
NOT_KINDS = {"assets", "sitemap.xml", "sitemap.xml.gz", "search", "404.html", "robots.txt"}


@pytest.fixture(scope="module")
def site(hostile_site: Path) -> Path:
    """The hostile board, built once per session (tests/browser/test_search_hostile.py too)."""
    return hostile_site


def soup_of(site: Path, rel: str) -> BeautifulSoup:
    path = site / rel
    assert path.is_file(), f"no page at {rel}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def made_from_markup(soup: BeautifulSoup) -> list[str]:
    """Elements and attributes the markup would create if it were not escaped."""
    found = []
    for tag in soup.find_all(True):
        if tag.name == "img" and tag.get("src") == "x":
            found.append(str(tag)[:120])
        for attr in tag.attrs:
            if attr.lower().startswith("on") or set(attr) & set("<>\"'&"):
                found.append(f"<{tag.name} {attr}=…>")
    return found


def page_problems(soup: BeautifulSoup, wanted: list[str]) -> list[str]:
    text = soup.get_text()
    problems = made_from_markup(soup)
    problems += [
        f"{key}: not shown as text"
        for key in wanted
        if hostile(key) not in text and FULL_WIDTH.get(key, hostile(key)) not in text
    ]
    if "&lt;img" in text or "&amp;" in text:
        problems.append("escaped twice: the reader sees entities")
    return problems


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_markup_arrives_as_text_on_every_page_kind(site: Path, kind: str) -> None:
    pages, wanted = PAGE_KINDS[kind]
    problems = {
        rel: page_problems(soup_of(site, rel), wanted + PAGE_EXTRAS.get(rel, [])) for rel in pages
    }
    assert {rel: p for rel, p in problems.items() if p} == {}


def test_the_hostile_notice_links_and_attachment_survive(site: Path) -> None:
    """The file names with markup reach their own pages: href values, not markup."""
    assert (site / NOTICE).is_file()
    assert (site / "notices/town/2026" / ATTACHMENT).is_file()
    links = [a["href"] for a in soup_of(site, "archive/2026/index.html").select("a[href]")]
    assert any(FILE_STEM in href or "n%3Cimg" in href for href in links), links


def test_no_page_of_the_site_gets_markup_from_a_value(site: Path) -> None:
    """Hand-written pages, the search page and 404 too: nothing may turn into markup."""
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    found = {}
    for page in pages:
        made = made_from_markup(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml"))
        if made:
            found[page.relative_to(site).as_posix()] = made
    assert found == {}


def test_file_names_with_markup_are_refused_at_their_line(tmp_path: Path) -> None:
    """Names go into web addresses: a notice or attachment named with markup stops the build
    with a path:line error instead of reaching a page."""
    root = write_board(tmp_path)
    year = root / "notices" / "town" / "2026"
    (year / f"{MARKUP_FILE_STEM}.md").write_text(OLD, encoding="utf-8")
    attaching = OLD.replace("reviewed_by:", f'attachments: ["{MARKUP_ATTACHMENT}"]\nreviewed_by:')
    (year / "attaching.md").write_text(attaching.replace("旧公示", "附件公示"), encoding="utf-8")
    (year / MARKUP_ATTACHMENT).write_text("a,b\n", encoding="utf-8")
    problems = load_board(root, TODAY).problems
    where = {(p.path, p.line, p.severity) for p in problems}
    assert (f"notices/town/2026/{MARKUP_FILE_STEM}.md", 1, "error") in where
    assert [p for p in problems if p.path == "notices/town/2026/attaching.md"]
    assert all(p.severity == "error" and p.line >= 1 for p in problems), problems


def _fragments(site: Path) -> list[dict]:
    out = []
    for path in sorted((site / "pagefind").glob("*/fragment/*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        out.append(json.loads(raw[raw.index(b"{") :]))
    return out


def test_search_data_holds_the_values_as_plain_text(site: Path) -> None:
    [fragment] = [f for f in _fragments(site) if f["meta"]["title"].startswith("title")]
    meta = fragment["meta"]
    expected = {
        "title": "title",
        "number": "number",
        "branch": "branch.name",
        "category": "category.name",
        "issuer": "body.name",
    }
    assert {k: meta.get(k) for k in expected} == {k: hostile(v) for k, v in expected.items()}
    # The index filters by id; the names reach the page only as labels in nb-filters.json.
    [branch_id] = fragment["filters"]["branch"]
    [category_id] = fragment["filters"]["category"]
    # Pagefind strips tags from what it indexes; the markup is still there, so it was text.
    content = re.sub(r"[\u200b\s]", "", fragment["content"])
    for key in ("title", "number", "body.name"):
        assert re.sub(r"\s", "", hostile(key)) in content, key
    doc = json.loads((site / "pagefind" / "nb-filters.json").read_text(encoding="utf-8"))
    values = {f["name"]: {v["id"]: v for v in f["values"]} for f in doc["filters"]}
    assert values["branch"][branch_id]["label"] == hostile("branch.name")
    assert values["branch"][branch_id]["count"] == 3
    assert values["category"][category_id]["label"] == hostile("category.name")


FEEDS = ["feeds/all.xml", "feeds/branch/town.xml", "feeds/category/organisation.xml"]


@pytest.mark.parametrize("feed", FEEDS)
def test_feeds_carry_the_values_as_text(site: Path, feed: str) -> None:
    data = (site / feed).read_bytes()
    tree = etree.fromstring(data)
    names = {etree.QName(el).localname for el in tree.iter() if isinstance(el.tag, str)}
    assert "img" not in names
    entry = next(e for e in feedparser.parse(data).entries if e.title.startswith("title"))
    assert entry.title == hostile("title")
    assert entry.title_detail.type == "text/plain"
    assert entry.author == hostile("body.name")
    assert hostile("number") in entry.summary
    assert entry.summary_detail.type == "text/plain"
    assert entry.link.endswith("/")


# --- guards: the test above must grow with the fields and the page kinds ---------------------


def test_the_hostile_notice_fills_every_field_of_fields_py() -> None:
    front = yaml.safe_load(notice_text().split("---\n")[1])
    assert set(front) == {f.key for f in FIELDS}
    for spec in FIELDS:
        if spec.subfields:
            value = front[spec.key]
            first = value[0] if isinstance(value, list) else value  # corrections: a list
            assert set(first) == {sub.key for sub in spec.subfields}, spec.key
    assert front["feedback"] == {k: hostile(f"feedback.{k}") for k in front["feedback"]}


def test_every_text_field_and_registry_value_is_checked_somewhere() -> None:
    """Every free-text value the board carries is asserted on at least one page kind."""
    shown = {key for _, wanted in PAGE_KINDS.values() for key in wanted}
    shown |= {key for extra in PAGE_EXTRAS.values() for key in extra}
    text_fields = {f.key for f in FIELDS if f.kind == "string" and not f.choices}
    # ids (must name a branch, category, notice, schedule entry or body) are not free text
    ids = {"branch", "category", "supersedes", "responds_to", "fulfils", "issuer"}
    assert text_fields - ids <= shown
    assert "tags" in shown and set(FEEDBACK) <= shown
    from support.hostile import REGISTRY

    registry_text = {
        "branch": ("name", "feedback"),
        "body": ("name", "feedback"),
        "category": ("name", "description"),
        "schedule": ("name",),
    }
    keys = {"branch": BRANCH_KEYS, "body": BODY_KEYS, "category": CATEGORY_KEYS}
    keys["schedule"] = SCHEDULE_KEYS
    for owner, texts in registry_text.items():
        for key in texts:
            assert key in keys[owner]
            assert f"{owner}.{key}" in REGISTRY, f"{owner}.{key} is not hostile"


def test_every_page_kind_of_the_built_site_is_checked(site: Path) -> None:
    docs = {p.name.removesuffix(".md") for p in (REPO_ROOT / "docs").iterdir()}
    top = {p.name for p in site.iterdir()} - NOT_KINDS - docs
    assert top - SEGMENTS.keys() == set(), "a new page kind: add it to PAGE_KINDS and SEGMENTS"
    assert set(SEGMENTS.values()) == set(PAGE_KINDS) | set(DATA_KINDS)
