"""Reading a notice or registry file: bytes to text, front matter to data with line numbers.

MkDocs swallows front-matter YAML errors, so noticeboard parses files itself and keeps the line
of every key for its messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

_LIKELY_ENCODINGS = ("gb18030", "big5", "utf-16")


class SourceError(ValueError):
    """A file that cannot be read as a notice; carries the 1-based line of the problem."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def decode(raw: bytes) -> str:
    """UTF-8 text with a BOM and CRLF accepted; anything else gets an error naming the encoding."""
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("this is a binary file, not a Markdown notice")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = guess_encoding(raw)
        hint = (
            f"it looks like {guess.upper()}; convert it with "
            f"`iconv -f {guess.upper()} -t UTF-8 FILE > FILE.new` or save it as "
            "'UTF-8' in your editor"
            if guess
            else "save it as 'UTF-8' in your editor"
        )
        raise SourceError(f"the file is not UTF-8 text: {hint}", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def guess_encoding(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for name in _LIKELY_ENCODINGS[:2]:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            return name
    return None


@dataclass
class YamlDoc:
    """Parsed YAML with the line of each key, as dotted paths (`period.start`)."""

    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    first_line: int = 1


def _record_lines(node: yaml.Node, prefix: str, lines: dict[str, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            path = f"{prefix}{key_node.value}"
            lines.setdefault(path, key_node.start_mark.line + offset)
            _record_lines(value_node, path + ".", lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix[:-1]}[{index}]" if prefix else f"[{index}]"
            lines.setdefault(path, item.start_mark.line + offset)
            _record_lines(item, path + ".", lines, offset)


def _reject_aliases(node: yaml.Node, offset: int) -> None:
    """Anchors and aliases have no use in a notice and are how YAML bombs explode."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            raise SourceError(
                "YAML anchors and aliases (&name, *name) are not allowed here; "
                "write the value out in full",
                current.start_mark.line + offset,
            )
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def parse_yaml(text: str, offset: int = 1) -> YamlDoc:
    """Safe-load one YAML document; `offset` is the file line of the text's first line."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(None, {}, offset)
        _reject_aliases(node, offset)
        lines: dict[str, int] = {}
        _record_lines(node, "", lines, offset)
        data = loader.construct_document(node)
    except SourceError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else offset
        problem = exc.problem or exc.context or "invalid YAML"
        raise SourceError(f"the YAML is not valid: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"the YAML is not valid: {exc}", offset) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # e.g. a timestamp like 2024-13-45 that YAML recognises but Python cannot build
        raise SourceError(f"the YAML has a value that cannot be read: {exc}", offset) from None
    finally:
        loader.dispose()
    return YamlDoc(data, lines, offset)


@dataclass
class FrontMatterDoc:
    meta: YamlDoc
    body: str
    body_line: int


def split_front_matter(text: str) -> FrontMatterDoc:
    """Split `---` YAML front matter from the Markdown body (text already decoded)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise SourceError(
            "the file has no front matter: it must start with a line '---', then the fields "
            "(title, branch, category, …), then another '---'",
            1,
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            meta_text = "\n".join(lines[1:index])
            meta = parse_yaml(meta_text, offset=2)
            body = "\n".join(lines[index + 1 :])
            return FrontMatterDoc(meta, body, index + 2)
    raise SourceError(
        "the front matter is not closed: add a line '---' after the last field", len(lines)
    )
