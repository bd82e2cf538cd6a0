"""The page cache's store (publish/page_cache.PageCache): pages by key, the notices' texts in
parts, of which a change rewrites only its own."""

from __future__ import annotations

from pathlib import Path

from noticeboard.publish.page_cache import TEXTS, Entry, PageCache, PageWriter


def test_texts_round_trip_and_only_a_changed_part_is_written(tmp_path: Path):
    cache = PageCache(tmp_path)
    texts = {"aa01": "甲", "aa02": "乙", "bb01": "丙", "cc01": "丁"}
    cache.save_texts(texts, {})
    assert cache.texts() == texts
    parts = {p.name: p.stat().st_mtime_ns for p in (tmp_path / TEXTS).iterdir()}
    assert sorted(parts) == ["aa.json", "bb.json", "cc.json"]

    changed = {**texts, "bb01": "丙改"}
    del changed["cc01"]
    cache.save_texts(changed, cache.texts())
    assert cache.texts() == changed
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / TEXTS).iterdir()}
    assert sorted(after) == ["aa.json", "bb.json"]  # cc's only text is gone, and its part
    assert after["aa.json"] == parts["aa.json"]  # untouched: not written again
    assert after["bb.json"] != parts["bb.json"]


def test_a_damaged_part_is_left_out_and_keep_only_spares_the_texts(tmp_path: Path):
    cache = PageCache(tmp_path)
    cache.save_texts({"aa01": "甲", "bb01": "乙"}, {})
    (tmp_path / TEXTS / "bb.json").write_text("{not json", encoding="utf-8")
    (tmp_path / TEXTS / "cc.json").write_text('["a list"]', encoding="utf-8")
    assert cache.texts() == {"aa01": "甲"}
    cache.put("aa01", Entry("<p>页</p>", "<p>正文</p>"))
    cache.put("dd01", Entry("<p>旧页</p>"))
    cache.keep_only(["aa01"])
    assert cache.get("aa01") == "<p>页</p>" and cache.body("aa01") == "<p>正文</p>"
    assert cache.get("dd01") is None
    assert (tmp_path / TEXTS / "aa.json").is_file()


def test_the_writer_stores_pages_handed_over_and_keeps_them(tmp_path: Path):
    cache = PageCache(tmp_path / "pages")
    writer = PageWriter(cache)
    writer.put("ab" * 32, Entry("<p>页一</p>", body="<p>正文</p>"))
    writer.put("cd" * 32, Entry("<p>页二</p>"))
    writer.finish(keep=True)
    assert cache.get("ab" * 32) == "<p>页一</p>" and cache.body("ab" * 32) == "<p>正文</p>"
    assert cache.get("cd" * 32) == "<p>页二</p>"


def test_a_build_that_warned_takes_its_pages_out_again(tmp_path: Path):
    cache = PageCache(tmp_path / "pages")
    cache.put("ef" * 32, Entry("<p>上次的</p>"))  # another build's: left alone
    writer = PageWriter(cache)
    writer.put("ab" * 32, Entry("<p>页一</p>", body="<p>正文</p>"))
    writer.finish(keep=False)
    assert cache.get("ab" * 32) is None and cache.body("ab" * 32) is None
    assert cache.get("ef" * 32) == "<p>上次的</p>"
    assert [p.name for p in (tmp_path / "pages").rglob("*") if p.is_file()] == ["ef" * 32 + ".html"]


def test_a_page_that_cannot_be_written_is_not_kept_and_the_build_goes_on(tmp_path: Path):
    blocked = tmp_path / "pages"
    blocked.write_text("not a folder", encoding="utf-8")
    writer = PageWriter(PageCache(blocked))
    writer.put("ab" * 32, Entry("<p>页一</p>"))
    writer.finish(keep=True)  # no error: the cache is best effort
    assert PageCache(blocked).get("ab" * 32) is None


def site_page(site: Path, name: str, html: str) -> Path:
    page = site / name / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html, encoding="utf-8")
    return page


def test_a_page_written_as_stored_is_kept_as_a_link_to_the_file_in_site(tmp_path: Path):
    cache = PageCache(tmp_path / "pages")
    writer = PageWriter(cache)
    site = tmp_path / "site"
    # handed over before MkDocs writes it, as on_post_page does
    writer.put("ab" * 32, Entry("<p>页一</p>", body="<p>正文</p>"), site / "a" / "index.html")
    first = site_page(site, "a", "<p>页一</p>")
    writer.put("cd" * 32, Entry("<p>页二</p>"), site / "b" / "index.html")
    second = site_page(site, "b", "<p>页二</p>")
    writer.finish(keep=True)
    assert cache.get("ab" * 32) == "<p>页一</p>" and cache.body("ab" * 32) == "<p>正文</p>"
    assert cache.get("cd" * 32) == "<p>页二</p>"
    entries = {p.name: p for p in (tmp_path / "pages").glob("*/*.html")}
    assert entries["ab" * 32 + ".html"].samefile(first)  # one file, two names: no copy
    assert entries["cd" * 32 + ".html"].samefile(second)
    assert PageCache(tmp_path / "pages").get("cd" * 32) == "<p>页二</p>"  # the next build's


def test_a_linked_page_changed_in_site_afterwards_is_not_used(tmp_path: Path):
    cache = PageCache(tmp_path / "pages")
    writer = PageWriter(cache)
    writer.put("ab" * 32, Entry("<p>页一</p>"), tmp_path / "site" / "a" / "index.html")
    page = site_page(tmp_path / "site", "a", "<p>页一</p>")
    writer.finish(keep=True)
    with page.open("w", encoding="utf-8") as edit:  # in place, as a minifier might
        edit.write("<p>被改过的页一</p>")
    assert PageCache(tmp_path / "pages").get("ab" * 32) is None
    page.unlink()  # site/ emptied since: the entry is still the changed one
    assert PageCache(tmp_path / "pages").get("ab" * 32) is None


def test_a_link_no_finished_build_recorded_is_not_used(tmp_path: Path):
    cache = PageCache(tmp_path / "pages")
    page = site_page(tmp_path / "site", "a", "<p>页一</p>")
    assert cache.link("ab" * 32, page) is not None  # then the build was killed: never saved
    assert PageCache(tmp_path / "pages").get("ab" * 32) is None
    cache.save_links({"ab" * 32: cache.link("ab" * 32, page)})  # type: ignore[dict-item]
    assert PageCache(tmp_path / "pages").get("ab" * 32) == "<p>页一</p>"


def test_a_page_that_cannot_be_linked_is_stored_as_a_copy(tmp_path: Path):
    cache = PageCache(tmp_path / "pages")
    writer = PageWriter(cache)
    # MkDocs wrote nothing there (an empty page, or site/ elsewhere)
    writer.put("ab" * 32, Entry("<p>页一</p>", body="<p>正文</p>"), tmp_path / "nowhere.html")
    writer.finish(keep=True)
    again = PageCache(tmp_path / "pages")
    assert again.get("ab" * 32) == "<p>页一</p>" and again.body("ab" * 32) == "<p>正文</p>"
    assert again.links() == {}


def test_a_build_that_warned_takes_its_links_out_and_leaves_site_alone(tmp_path: Path):
    cache = PageCache(tmp_path / "pages")
    writer = PageWriter(cache)
    writer.put("ab" * 32, Entry("<p>页一</p>", body="<p>正文</p>"), tmp_path / "site/a/index.html")
    page = site_page(tmp_path / "site", "a", "<p>页一</p>")
    writer.finish(keep=False)
    assert cache.get("ab" * 32) is None and cache.body("ab" * 32) is None
    assert [p for p in (tmp_path / "pages").rglob("*") if p.is_file()] == []
    assert page.read_text(encoding="utf-8") == "<p>页一</p>"


def test_keep_only_forgets_the_links_of_pages_dropped(tmp_path: Path):
    cache = PageCache(tmp_path / "pages")
    site = tmp_path / "site"
    stamps = {key: cache.link(key, site_page(site, key[:2], key)) for key in ("ab" * 32, "cd" * 32)}
    cache.save_links(stamps)  # type: ignore[arg-type]
    cache.keep_only(["ab" * 32])
    again = PageCache(tmp_path / "pages")
    assert list(again.links()) == ["ab" * 32]
    assert again.get("ab" * 32) == "ab" * 32 and again.get("cd" * 32) is None
