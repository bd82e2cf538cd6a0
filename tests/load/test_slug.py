"""Slugs for new notices: the title in pinyin, safe in a web address, readable length."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.load.slug import FALLBACK, SLUG_MAX, free_slug, slugify

SLUG_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_chinese_title_becomes_toneless_pinyin_syllables() -> None:
    assert (
        slugify("关于发展李某某同志为预备党员的公示")
        == "guan-yu-fa-zhan-li-mou-mou-tong-zhi-wei-yu-bei-dang-yuan-de-gong-shi"
    )


def test_english_words_and_digits_are_kept_lowercase() -> None:
    assert slugify("2024年Q1党费 Report") == "2024-nian-q1-dang-fei-report"


def test_punctuation_separates_words_and_never_doubles_hyphens() -> None:
    assert slugify("《通知》——关于“三会一课”！") == "tong-zhi-guan-yu-san-hui-yi-ke"


def test_full_width_letters_and_digits_count_as_ascii() -> None:
    assert slugify("２０２４年ＡＢ") == "2024-nian-ab"


def test_accents_are_dropped_and_u_umlaut_is_v() -> None:
    assert slugify("Café 绿化") == "cafe-lv-hua"


def test_polyphones_are_read_from_the_word() -> None:
    # 行 is "hang" in 银行 but "xing" in 行动; 长 is "chang" in 长期
    assert slugify("银行 行动 长期") == "yin-hang-xing-dong-chang-qi"


def test_long_titles_are_cut_at_a_whole_syllable() -> None:
    title = "关于" + "村集体经济组织财务收支情况" * 10 + "的公示"
    full = slugify(title, max_length=10_000)
    slug = slugify(title)
    assert len(slug) <= SLUG_MAX
    assert len(slug) > SLUG_MAX - 8  # not cut much shorter than needed
    assert full.startswith(slug + "-")  # ends where a syllable ends


def test_a_single_overlong_word_is_cut_inside() -> None:
    assert slugify("x" * 100, max_length=20) == "x" * 20


def test_a_title_with_nothing_to_spell_gets_a_fallback() -> None:
    assert slugify("🎉！？") == FALLBACK


@settings(deadline=None)  # a loaded CI machine must not fail it
@given(st.text(max_size=200))
def test_every_slug_is_lowercase_ascii_words_joined_by_single_hyphens(title: str) -> None:
    slug = slugify(title)
    assert SLUG_SHAPE.match(slug), slug
    assert len(slug) <= SLUG_MAX


def test_free_slug_adds_the_first_free_number() -> None:
    taken = {"a", "a-2", "a-3"}
    assert free_slug("a", taken.__contains__) == "a-4"
    assert free_slug("b", taken.__contains__) == "b"
    assert free_slug("a", {"a"}.__contains__) == "a-2"
