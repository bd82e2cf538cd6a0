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
