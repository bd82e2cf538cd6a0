"""Reading a notice or registry file: bytes to text, and front matter apart from the body.

MkDocs swallows front-matter YAML errors, so noticeboard parses files itself and keeps the line
of every key for its messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from noticeboard.i18n import _
from noticeboard.load.yamldoc import InvalidDate, SourceError, YamlDoc, parse_yaml

__all__ = [
    "FrontMatterDoc",
    "InvalidDate",
    "SourceError",
    "YamlDoc",
    "decode",
    "guess_encoding",
    "parse_yaml",
    "split_front_matter",
]


def decode(raw: bytes, name: str = "FILE") -> str:
    """UTF-8 text with a BOM and CRLF accepted; anything else gets an error naming the encoding.

    `name` is the file's path as the user sees it, for the conversion command in the message.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(
            _("the file is UTF-16 text, not UTF-8: {hint}").format(
                hint=_convert_hint("UTF-16", name)
            ),
            1,
        )
    if b"\x00" in raw:
        raise SourceError(
            _("this is a binary file, not a Markdown notice; notices are .md text files"), 1
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = guess_encoding(raw)
        if guess:
            message = _(
                "the file is not UTF-8 text; it looks like {encoding} (common on Chinese "
                "Windows): {hint}"
            ).format(encoding=guess, hint=_convert_hint(guess.split("/")[-1], name))
        else:
            message = _(
                "the file is not UTF-8 text and its encoding is unknown; "
                "re-save it as 'UTF-8' in your editor"
            )
        raise SourceError(message, line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _convert_hint(encoding: str, name: str) -> str:
    return _(
        "convert it with `iconv -f {encoding} -t UTF-8 {name} > {name}.utf8 && "
        "mv {name}.utf8 {name}`, or re-save it as 'UTF-8' in your editor"
    ).format(encoding=encoding, name=name)


def guess_encoding(raw: bytes) -> str | None:
    """The Chinese legacy encoding that decodes `raw` into CJK text, if any."""
    for label, codec in (("GBK/GB18030", "gb18030"), ("Big5", "big5")):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            return label
    return None


# The line that closes the front matter: `---` or `...`, then nothing but spaces (a line is cut
# at "\n" only, as str.rstrip() would leave "---" of it).
_CLOSING = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)


@dataclass
class FrontMatterDoc:
    meta: YamlDoc
    body: str
    body_line: int


def split_front_matter(text: str) -> FrontMatterDoc:
    """Split `---` YAML front matter from the Markdown body (text already decoded).

    The front matter is a first line `---` and the lines up to the next `---` (or `...`);
    the rest, untouched, is the body. Found by one search from the start: the body's lines
    are never split (a notice is mostly body)."""
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != "---":
        raise SourceError(
            _(
                "the file has no front matter: it must start with a line '---', then the fields "
                "(title, branch, category, …), then another '---'"
            ),
            1,
        )
    closing = _CLOSING.search(text, first_end + 1) if first_end >= 0 else None
    if closing is not None:
        start, pos = first_end + 1, closing.start()
        meta = parse_yaml(text[start : pos - 1] if pos > start else "", offset=2)
        end = closing.end()  # at the line's "\n", or the end of the text
        body_line = text.count("\n", start, pos) + 3
        return FrontMatterDoc(meta, text[end + 1 :], body_line)
    raise SourceError(
        _("the front matter is not closed: add a line '---' after the last field"),
        text.count("\n") + 1,
    )
