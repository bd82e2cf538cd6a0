"""The page cache never serves a stale page: change each input in turn and the page follows.

Each case starts from a built site and its warm cache, changes one input, rebuilds with that
cache, and checks (1) the change shows where it should and (2) every output file is
byte-identical to a build of the changed inputs from nothing (no cache).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from noticeboard.build_lock import BuildLock
from noticeboard.publish.page_cache import PageCache, fingerprint
from support.demo_build import build_site
from support.pagefind_files import fragments_text
from support.search_fixture import FIXTURE, REPO_ROOT

pytestmark = pytest.mark.build

TODAY = "2026-11-26"
NEW_MEMBER = "notices/yutao/2026/new-member/index.html"
OLD_DUES = "notices/yutao/2023/dues-q3/index.html"
BOARD = "index.html"  # the current board (urls.BOARD_URL)


def make_root(root: Path) -> Path:
    """The repository's mkdocs.yml, docs, overrides and hooks beside the search fixture."""
    root.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(
            REPO_ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copytree(FIXTURE / "notices", root / "notices")
    return root


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


# What tells a cached page apart: the new member's notice page, yutao's printable board.
NEW_MEMBER_PAGE = ("关于拟发展李某为预备党员的公示", 'data-nb-notice="')
YUTAO_BOARD = "打印：余套村党支部公开栏"


def cached_page(cache: Path, *marks: str) -> Path:
    """The one page entry in the page cache whose HTML holds every mark."""
    found = [
        entry
        for entry in cache.rglob("*.html")
        if all(mark in entry.read_text(encoding="utf-8") for mark in marks)
    ]
    assert len(found) == 1, found
    return found[0]


def text(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")
    return soup.get_text(" ", strip=True)


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A root built once: root/, its site and its cache, copied by each case."""
    base = tmp_path_factory.mktemp("page-cache")
    root = make_root(base / "root")
    with pytest.MonkeyPatch.context() as env:
        # as conftest sets it for each test: every NOTICEBOARD_* variable is part of the key
        env.setenv("NOTICEBOARD_LANG", "en")
        build_site(base / "site", root, TODAY, cache=base / "cache")
    assert any((base / "cache").rglob("*.html"))
    return base


def rebuild(warm: Path, tmp_path: Path, change: Callable[[Path], None], today: str = TODAY):
    """(incremental site, cold site) after `change` is applied to a copy of the warm root."""
    root = tmp_path / "root"
    shutil.copytree(warm / "root", root)
    shutil.copytree(warm / "cache", tmp_path / "cache")
    change(root)
    incremental = build_site(tmp_path / "site", root, today, cache=tmp_path / "cache")
    cold = build_site(tmp_path / "cold", root, today, cache=tmp_path / "cold-cache")
    first, second = files(incremental), files(cold)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    return incremental


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, path
    path.write_text(content.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("elsewhere", [False, True])
def test_a_cached_page_is_copied_not_rendered(warm: Path, tmp_path: Path, elsewhere: bool):
    """Proof that the cache is used at all: a marker planted in one entry reaches the site,
    also from a copy of the repository in another folder (the rebuild cases below use one)."""
    root = warm / "root"
    if elsewhere:
        root = tmp_path / "moved"
        shutil.copytree(warm / "root", root)
    cache = tmp_path / "cache"
    shutil.copytree(warm / "cache", cache)
    entry = cached_page(cache, *NEW_MEMBER_PAGE)
    planted = entry.read_text("utf-8").replace("<h1>", "<h1>缓存标记Q7", 1)
    entry.unlink()  # an entry stored as a copy, not as a link to a page in site/
    entry.write_text(planted, "utf-8")
    PageCache(entry.parents[1]).save_links({}, written=[entry.stem])
    site = build_site(tmp_path / "site", root, TODAY, cache=cache)
    assert "缓存标记Q7" in text(site, NEW_MEMBER)


def test_the_body_follows(warm: Path, tmp_path: Path):
    def change(root: Path) -> None:
        edit(root / "notices/yutao/2026/new-member.md", "现予公示。", "现予公示。正文改动标记B3。")

    assert "正文改动标记B3" in text(rebuild(warm, tmp_path, change), NEW_MEMBER)


def test_the_state_and_the_date_follow_today(warm: Path, tmp_path: Path):
    site = rebuild(warm, tmp_path, lambda root: None, today="2026-11-27")
    assert "已归档" in text(site, NEW_MEMBER)  # its period ended on the 26th, no `expires`
    # today's date is on the pages rendered every build, never on a notice's own page
    assert "本页生成于 2026年11月27日" in text(site, BOARD)
    assert "本页生成于" not in text(site, OLD_DUES)


def test_a_notice_starting_today_is_indexed_as_a_build_from_nothing_does(
    warm: Path, tmp_path: Path
):
    """The next day, with a notice that starts that day and an edited one: their texts are
    converted ahead (on_config) for the search index prepared early; the site, pagefind/
    included, is byte-identical to a build from nothing (`rebuild`), and no warning says the
    text converted ahead differs from the page's (the build is --strict)."""

    def change(root: Path) -> None:
        (root / "notices/yutao/2026/starts-today.md").write_text(
            "---\ntitle: 关于今日开始公示的通知\nbranch: yutao\ncategory: organisation\n"
            "disclosure: ad-hoc\nperiod: {start: 2026-11-27, end: 2026-12-03}\n"
            "reviewed_by: 余套村党支部委员会\n---\n"
            "## 一、事项\n\n今日开始标记D7，**请**各位党员_留意_。\n\n"
            "| 项目 | 金额 |\n|---|---:|\n| 党费 | 1,280.00 |\n\n- 第一条\n- 第二条\n",
            encoding="utf-8",
        )
        edit(root / "notices/yutao/2026/new-member.md", "现予公示。", "现予公示。预转标记E2。")

    root, cache = tmp_path / "root", tmp_path / "cache"
    shutil.copytree(warm / "root", root)
    shutil.copytree(warm / "cache", cache)
    change(root)
    run = mkdocs_build(root, tmp_path / "site", cache, "2026-11-27", "--strict", "-v")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "search index prepared from on_config (2 texts converted ahead)" in run.stderr
    cold = build_site(tmp_path / "cold", root, "2026-11-27", cache=tmp_path / "cold-cache")
    first, second = files(tmp_path / "site"), files(cold)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    text = fragments_text(tmp_path / "site" / "pagefind")
    assert "今日开始标记D7" in text and "预转标记E2" in text


def mkdocs_build(root: Path, site: Path, cache: Path, today: str, *options: str):
    """`mkdocs build` as build_site runs it, its outcome returned (not failed on)."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NOTICEBOARD_TODAY=today, NO_MKDOCS_2_WARNING="1", NOTICEBOARD_CACHE_DIR=str(cache))
    cmd = [sys.executable, "-m", "mkdocs", "build", *options, "-f", str(root / "mkdocs.yml")]
    return subprocess.run(
        [*cmd, "-d", str(site)], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_new_relation_follows(warm: Path, tmp_path: Path):
    def change(root: Path) -> None:
        source = root / "notices/yutao/2026/new-member.md"
        fixed = source.read_text(encoding="utf-8").replace(
            "title: 关于拟发展李某为预备党员的公示",
            "title: 关于拟发展李某为预备党员的更正公示\nsupersedes: yutao/2026/new-member",
        )
        (root / "notices/yutao/2026/new-member-fix.md").write_text(fixed, encoding="utf-8")

    site = rebuild(warm, tmp_path, change)
    assert "已被替代" in text(site, NEW_MEMBER)
    assert "更正公示" in text(site, NEW_MEMBER)


def test_the_registry_follows(warm: Path, tmp_path: Path):
    def change(root: Path) -> None:
        edit(root / "notices/_board.yml", "name: 余套村党支部", "name: 余套村党总支")

    assert "余套村党总支" in text(rebuild(warm, tmp_path, change), OLD_DUES)


def test_the_templates_follow(warm: Path, tmp_path: Path):
    def change(root: Path) -> None:
        edit(root / "overrides/partials/nb-built.html", "公示状态按", "模板标记T1公示状态按")

    assert "模板标记T1" in text(rebuild(warm, tmp_path, change), OLD_DUES)


def test_the_config_follows(warm: Path, tmp_path: Path):
    def change(root: Path) -> None:
        edit(root / "mkdocs.yml", "site_name: 党务公开栏", "site_name: 配置标记公开栏")

    assert "配置标记公开栏" in text(rebuild(warm, tmp_path, change), OLD_DUES)


def test_the_fingerprint_follows_the_code_and_every_shared_input(tmp_path: Path):
    package, templates = tmp_path / "package", tmp_path / "templates"
    package.mkdir()
    templates.mkdir()
    (package / "a.py").write_text("A = 1\n")
    (templates / "t.html").write_text("<p>x</p>\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")

    def now(settings: dict[str, str] | None = None) -> str:
        return fingerprint(package, [templates], [config], settings or {"site_url": "a"})

    seen = {now()}
    for path, content in (
        (package / "a.py", "A = 2\n"),
        (templates / "t.html", "<p>y</p>\n"),
        (config, "site_name: y\n"),
    ):
        path.write_text(content)
        seen.add(now())
    (package / "b.py").write_text("")
    seen.add(now())
    seen.add(now({"site_url": "b"}))
    assert len(seen) == 6
    assert now({"site_url": "b"}) == now({"site_url": "b"})


def test_a_printed_board_is_cached_and_follows_its_notices(warm: Path, tmp_path: Path):
    """A printable board is taken from the cache while its notices are unchanged (a marker
    planted in its entry shows), and an edited notice on it brings a fresh board."""
    cache = tmp_path / "cache"
    shutil.copytree(warm / "cache", cache)
    board = cached_page(cache, YUTAO_BOARD)
    board.write_text(board.read_text("utf-8").replace("<h1", "<h1 data-x=打印缓存P4", 1))
    site = build_site(tmp_path / "site", warm / "root", TODAY, cache=cache)
    assert "打印缓存P4" in (site / "branches/yutao/print/index.html").read_text("utf-8")

    def change(root: Path) -> None:
        edit(root / "notices/yutao/2026/new-member.md", "现予公示。", "现予公示。打印跟随标记F6。")

    assert "打印跟随标记F6" in text(
        rebuild(warm, tmp_path / "edit", change), "branches/yutao/print/index.html"
    )


def test_a_printed_board_shows_a_cached_notice_as_rendered(warm: Path, tmp_path: Path):
    """A printable board holds its notices' bodies: a notice copied from the cache (not
    rendered this build) still prints exactly as a rendered one, heading ids included."""

    def change(root: Path) -> None:
        edit(
            root / "notices/yutao/2026/new-member.md",
            "现予公示。",
            "现予公示。\n\n## 公示期间\n\n正文小节标记H5。",
        )

    rebuild(warm, tmp_path, change)  # the edited notice is rendered once and cached
    again = build_site(tmp_path / "again", tmp_path / "root", TODAY, cache=tmp_path / "cache")
    board = "branches/yutao/print/index.html"
    assert 'id="' in (again / board).read_text(encoding="utf-8").split("正文小节标记H5")[0][-400:]
    first, cold = files(again), files(tmp_path / "cold")
    assert [name for name in first if first[name] != cold.get(name)] == []


# -- site/ kept between builds (publish/site_keep.py) ---------------------------------------
def same_site(warm: Path, tmp_path: Path, change: Callable[[Path], None], today: str = TODAY):
    """(site rebuilt in place, inode of an unchanged page before and after) after `change`;
    the site rebuilt in place equals a build of the changed inputs from nothing."""
    root = tmp_path / "root"
    shutil.copytree(warm / "root", root)
    shutil.copytree(warm / "cache", tmp_path / "cache")
    site = tmp_path / "site"
    shutil.copytree(warm / "site", site)
    before = (site / OLD_DUES).stat().st_ino
    change(root)
    build_site(site, root, today, cache=tmp_path / "cache")
    cold = build_site(tmp_path / "cold", root, today, cache=tmp_path / "cold-cache")
    first, second = files(site), files(cold)
    assert sorted(first.keys() - second.keys()) == []
    assert sorted(second.keys() - first.keys()) == []
    assert [name for name in first if first[name] != second[name]] == []
    return site, before, (site / OLD_DUES).stat().st_ino


def test_an_unchanged_page_stays_in_site_and_an_edited_one_follows(warm: Path, tmp_path: Path):
    def change(root: Path) -> None:
        edit(root / "notices/yutao/2026/new-member.md", "现予公示。", "现予公示。原地标记S1。")

    site, before, after = same_site(warm, tmp_path, change)
    assert "原地标记S1" in text(site, NEW_MEMBER)
    assert before == after  # not deleted and written again: the same file


def test_a_removed_notice_leaves_site_and_stray_files_go(warm: Path, tmp_path: Path):
    def change(root: Path) -> None:
        (root / "notices/yutao/2026/new-member.md").unlink()
        stray = tmp_path / "site" / "notices" / "stray.html"  # the site copied for this case
        stray.write_text("旧文件", encoding="utf-8")

    site, _before, _after = same_site(warm, tmp_path, change)
    assert not (site / NEW_MEMBER).exists()
    assert not (site / NEW_MEMBER).parent.exists()
    assert not (site / "notices" / "stray.html").exists()


def test_the_next_day_leaves_an_unchanged_page_alone(warm: Path, tmp_path: Path):
    site, before, after = same_site(warm, tmp_path, lambda root: None, today="2026-11-27")
    assert before == after  # the nightly rebuild does not write 10,000 unchanged pages
    assert "已归档" in text(site, NEW_MEMBER)  # while the page whose state moved follows
    assert "本页生成于 2026年11月27日" in text(site, BOARD)


def test_a_half_finished_build_leaves_nothing_hidden(warm: Path, tmp_path: Path):
    def change(root: Path) -> None:
        left = tmp_path / "site" / ".nb-previous" / "notices"
        left.mkdir(parents=True)
        (left / "old.html").write_text("x", encoding="utf-8")

    site, _before, _after = same_site(warm, tmp_path, change)
    assert not (site / ".nb-previous").exists()


def test_a_printed_board_takes_a_cached_notice_body_from_the_cache(warm: Path, tmp_path: Path):
    """The body stored with a notice's page is what a printable board shows when the page is
    copied from the cache (not converted again): a marker planted there reaches the board."""
    cache = tmp_path / "cache"
    shutil.copytree(warm / "cache", cache)
    body = cached_page(cache, *NEW_MEMBER_PAGE).with_suffix(".body")
    body.write_text(body.read_text(encoding="utf-8") + "<p>正文缓存标记K9</p>", "utf-8")
    cached_page(cache, YUTAO_BOARD).unlink()  # the printable board itself is rendered again
    site = build_site(tmp_path / "site", warm / "root", TODAY, cache=cache)
    assert "正文缓存标记K9" in text(site, "branches/yutao/print/index.html")
    assert "正文缓存标记K9" not in text(site, NEW_MEMBER)


def test_only_a_notice_on_a_current_board_keeps_its_body(warm: Path, tmp_path: Path):
    """Printable boards show only notices on a current board, so only theirs are stored
    beside the page (one file fewer for every archived notice); an archived notice's board
    body, should it ever be wanted, is converted again."""
    cache = warm / "cache"
    bodies = sorted(cache.rglob("*.body"))
    pages = {entry.with_suffix(".html").read_text(encoding="utf-8") for entry in bodies}
    # on 2026-11-26: the new member's notice (active) and the town's duties (standing)
    assert len(bodies) == 2
    assert any(NEW_MEMBER_PAGE[0] in page for page in pages)
    assert any("镇党委组织机构和工作职责" in page for page in pages)
    assert not any("2023年第三季度党费" in page for page in pages)  # archived
    # the next day the new member's notice is archived: its page is rendered again, bodiless
    site_cache = tmp_path / "cache"
    shutil.copytree(cache, site_cache)
    build_site(tmp_path / "site", warm / "root", "2026-11-27", cache=site_cache)
    assert len(list(site_cache.rglob("*.body"))) == 1


def test_a_build_that_fails_after_the_index_started_ends_and_the_next_one_is_whole(
    warm: Path, tmp_path: Path
):
    """With every text known (a nightly), the search index starts in on_config; a build that
    fails later (here MkDocs itself, on a hand-written page's missing template) still ends with
    its own error (the index never waits on it), leaves nothing hidden in site/, and the next
    build of that site/ equals a build from nothing."""
    root, cache, site = tmp_path / "root", tmp_path / "cache", tmp_path / "site"
    shutil.copytree(warm / "root", root)
    shutil.copytree(warm / "cache", cache)
    shutil.copytree(warm / "site", site)
    broken = root / "docs" / "broken.md"
    broken.write_text("---\ntemplate: missing.html\n---\n\n# x\n", "utf-8")
    run = mkdocs_build(root, site, cache, "2026-11-27", "--strict")
    assert run.returncode != 0
    assert "missing.html" in run.stderr
    assert not (site / ".nb-previous").exists()
    broken.unlink()
    build_site(site, root, "2026-11-27", cache=cache)
    cold = build_site(tmp_path / "cold", root, "2026-11-27", cache=tmp_path / "cold-cache")
    first, second = files(site), files(cold)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_two_builds_of_one_board_at_once_wait_for_each_other(warm: Path, tmp_path: Path):
    """Builds started together in one repository (a maintainer's `make build` while the
    nightly runs) wait for each other instead of breaking each other half-way: while the
    board's lock is held (here by the test) neither gets on; released, both succeed, and the
    site equals a build from nothing."""
    root, cache, site = tmp_path / "root", tmp_path / "cache", tmp_path / "site"
    shutil.copytree(warm / "root", root)
    shutil.copytree(warm / "cache", cache)
    shutil.copytree(warm / "site", site)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NOTICEBOARD_TODAY="2026-11-27", NO_MKDOCS_2_WARNING="1")
    env.update(NOTICEBOARD_CACHE_DIR=str(cache))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-v"]
    cmd += ["-f", str(root / "mkdocs.yml"), "-d", str(site)]
    held = BuildLock(cache)
    held.acquire(lambda: pytest.fail("nothing else holds the lock"))
    try:
        runs = [
            subprocess.Popen(
                cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        time.sleep(3)
        assert [run.poll() for run in runs] == [None, None]  # both waiting
    finally:
        held.release()
    logs = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], logs
    assert all("another build of this board is running" in log for log in logs)
    cold = build_site(tmp_path / "cold", root, "2026-11-27", cache=tmp_path / "cold-cache")
    first, second = files(site), files(cold)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
