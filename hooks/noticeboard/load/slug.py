"""File names for new notices: a Chinese title spelt out in pinyin, safe in a web address.

pypinyin does the hard part (choosing the reading of polyphones from the words around them, e.g.
银行 → yin-hang); this module only keeps ASCII letters and digits, joins them with hyphens and
trims the result at a syllable boundary so addresses stay readable on a phone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

SLUG_MAX = 80
"""Longest slug written, in characters; longer ones are cut at the last whole syllable."""

FALLBACK = "notice"
_WORD = re.compile(r"[a-z0-9]+")


def _ascii_words(text: str) -> list[str]:
    """Lowercase ASCII words of non-Chinese text: accents dropped (café → cafe), rest split."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _WORD.findall(plain.lower())


def slugify(title: str, max_length: int = SLUG_MAX) -> str:
    """`关于发展李某某同志为预备党员的公示` → `guan-yu-fa-zhan-li-mou-mou-tong-zhi-wei-yu-bei-…`.

    Each Chinese character becomes one toneless syllable; English words and digits are kept
    (lowercased); everything else separates words. Full-width letters and digits count as
    ASCII. Never empty: a title with nothing to spell gives `notice`.
    """
    # Imported here: its dictionaries take 0.18 s to load, which every other command (a
    # `check` among them) would pay for nothing.
    from pypinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", title)
    words: list[str] = []
    # v_to_u=False spells ü as "v" (绿 → lv), the usual ASCII form.
    for piece in lazy_pinyin(text, v_to_u=False):
        words.extend(_ascii_words(piece))
    return _trim(words, max_length) or FALLBACK


def _trim(words: list[str], max_length: int) -> str:
    kept: list[str] = []
    length = -1  # the first word needs no hyphen before it
    for word in words:
        if length + 1 + len(word) > max_length:
            break
        kept.append(word)
        length += 1 + len(word)
    if not kept and words:  # a single word longer than the limit: cut inside it
        return words[0][:max_length]
    return "-".join(kept)


def free_slug(slug: str, taken: Callable[[str], bool]) -> str:
    """`slug`, or `slug-2`, `slug-3`, … : the first that `taken` says is free."""
    if not taken(slug):
        return slug
    number = 2
    while taken(f"{slug}-{number}"):
        number += 1
    return f"{slug}-{number}"
