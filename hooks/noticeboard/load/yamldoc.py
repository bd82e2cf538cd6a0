"""YAML to data, with the line of every key, safely: no aliases, no crash on deep nesting.

libyaml does the parsing when the document is shallow enough for its recursive C composer;
anything deeper goes to the pure-Python loader, which fails cleanly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from noticeboard.i18n import N_, _


class SourceError(ValueError):
    """A file that cannot be read as a notice; carries the 1-based line of the problem."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class InvalidDate(str):
    """A scalar YAML reads as a timestamp but no calendar has (`2024-13-45`): kept as text."""


def _scalar(constructor: Any, node: yaml.Node) -> yaml.ScalarNode:
    """`node` as a scalar; any other node gets PyYAML's own "expected a scalar node" error."""
    if not isinstance(node, yaml.ScalarNode):
        constructor.construct_scalar(node)  # raises ConstructorError
        raise TypeError(node)  # pragma: no cover - construct_scalar always raised
    return node


# A timestamp's value is a function of its text, and dates repeat from notice to notice: each
# text is constructed once (dates, datetimes and InvalidDate are immutable).
_TIMESTAMPS_KEPT = 20_000
_timestamps: dict[str, object] = {}


def _lenient_timestamp(constructor: Any, node: yaml.Node) -> object:
    """`constructor` is the loader (PyYAML's stubs cannot type a constructor shared by the C
    and the Python loader)."""
    node = _scalar(constructor, node)
    value = _timestamps.get(node.value)
    if value is not None:
        return value
    try:
        value = yaml.constructor.SafeConstructor.construct_yaml_timestamp(constructor, node)
    except (ValueError, OverflowError):
        value = InvalidDate(node.value)
    if len(_timestamps) < _TIMESTAMPS_KEPT:
        _timestamps[node.value] = value
    return value


class WrittenInt(int):
    """A YAML 1.1 integer that remembers how it was written: `010` is 8 and `12:30` is 750 to
    YAML, but a document number or a tag must keep the text the writer typed."""

    written: str


class WrittenFloat(float):
    """A YAML float that remembers how it was written (`1.10`, `1e3`, `.nan`)."""

    written: str


def _written_int(constructor: Any, node: yaml.Node) -> object:
    node = _scalar(constructor, node)
    value = WrittenInt(yaml.constructor.SafeConstructor.construct_yaml_int(constructor, node))
    value.written = str(node.value)
    return value


def _written_float(constructor: Any, node: yaml.Node) -> object:
    node = _scalar(constructor, node)
    value = WrittenFloat(yaml.constructor.SafeConstructor.construct_yaml_float(constructor, node))
    value.written = str(node.value)
    return value


_PLAIN_DECIMAL = re.compile(r"[+-]?(?:0|[1-9][0-9]*)\Z")


def whole_number(value: object, minimum: int = 0) -> int | None:
    """`value` as a whole number of at least `minimum`, else None. An integer YAML 1.1 reads
    from another spelling (`010` is 8, `1:30` is 90, `0x10`, `1_000`) is refused, never taken
    silently as a number the writer did not type; so are booleans and fractions."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        return None
    if isinstance(value, WrittenInt) and not _PLAIN_DECIMAL.match(value.written):
        return None
    return int(value)


def scalar_text(value: object) -> str:
    """A number's text as written in the file, anything else's str()."""
    if isinstance(value, WrittenInt | WrittenFloat):
        return value.written
    return str(value)


class _PySafeLoader(yaml.SafeLoader):
    """Pure-Python loader: slower, but fails with RecursionError (not a crash) on deep nesting."""


_CONSTRUCTORS = (
    ("tag:yaml.org,2002:timestamp", _lenient_timestamp),
    ("tag:yaml.org,2002:int", _written_int),
    ("tag:yaml.org,2002:float", _written_float),
)
for _tag, _constructor in _CONSTRUCTORS:
    _PySafeLoader.add_constructor(_tag, _constructor)

_PLAIN_TAGS_KEPT = 20_000
_RESOLVE: Any = yaml.resolver.Resolver.resolve  # untyped in PyYAML's stubs

if yaml.__with_libyaml__:

    class _FastSafeLoader(yaml.CSafeLoader):
        """libyaml parser: about ten times faster; only used for shallow documents."""

        # The tag of a plain scalar is a function of its text alone (the implicit resolvers'
        # patterns; no path resolvers are set), and keys and many values repeat from file to
        # file: each text is resolved once.
        _plain_tags: ClassVar[dict[str, str]] = {}

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is not yaml.ScalarNode or not implicit[0]:
                return _RESOLVE(self, kind, value, implicit)
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = _RESOLVE(self, kind, value, implicit)
                if len(self._plain_tags) < _PLAIN_TAGS_KEPT:
                    self._plain_tags[value] = tag
            return tag

    for _tag, _constructor in _CONSTRUCTORS:
        _FastSafeLoader.add_constructor(_tag, _constructor)
    _FAST: type = _FastSafeLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _FAST = _PySafeLoader

# libyaml's composer recurses in C and crashes the interpreter on very deep nesting; any
# document that might nest deeper than this goes to the pure-Python loader instead.
_MAX_FAST_DEPTH = 64
_FLOW = re.compile(r"[][{}]")


def _may_nest_deeply(text: str) -> bool:
    """A cheap upper bound on nesting: block depth grows with the indentation-and-indicator
    prefix of a line, flow depth with unclosed brackets (quoted ones count too: safe side)."""
    least = _MAX_FAST_DEPTH - text.count("[") - text.count("{")  # the shortest deep prefix
    if least > 0 and not _has_prefix(text, least):
        return False
    depth = deepest = 0
    for bracket in _FLOW.findall(text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    prefix = max(map(len, _LINE_PREFIX.findall(text)), default=0)
    return prefix + deepest + 1 > _MAX_FAST_DEPTH


_LINE_PREFIX = re.compile(r"^[ \t?:-]*", re.MULTILINE)
_LONG_PREFIXES: dict[int, re.Pattern[str]] = {}


def _has_prefix(text: str, length: int) -> bool:
    """Whether a line's indentation-and-indicator prefix is `length` characters or more (one
    search, not a list of every line's prefix)."""
    pattern = _LONG_PREFIXES.get(length)
    if pattern is None:
        pattern = _LONG_PREFIXES[length] = re.compile(f"^[ \\t?:-]{{{length}}}", re.MULTILINE)
    return pattern.search(text) is not None


@dataclass
class YamlDoc:
    """Parsed YAML with the line of each key, as dotted paths (`period.start`).

    `duplicates` lists keys written twice (path, line of the repeat): YAML keeps only the last.
    """

    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    first_line: int = 1
    duplicates: list[tuple[str, int]] = field(default_factory=list)


def _record_lines(node: yaml.Node, prefix: str, doc: YamlDoc, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            path = f"{prefix}{key_node.value}"
            line = key_node.start_mark.line + offset
            if path in doc.lines:
                doc.duplicates.append((path, line))
            else:
                doc.lines[path] = line
            _record_lines(value_node, path + ".", doc, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix[:-1]}[{index}]" if prefix else f"[{index}]"
            doc.lines.setdefault(path, item.start_mark.line + offset)
            _record_lines(item, path + ".", doc, offset)


def _reject_aliases(node: yaml.Node, offset: int) -> None:
    """Anchors and aliases have no use in a notice and are how YAML bombs explode.

    An alias is the same node object met twice; walking in document order meets the anchor
    first, so the repeat is the alias, reported at the line of the key that holds it.
    """
    stack: list[tuple[yaml.Node, int]] = [(node, node.start_mark.line)]
    seen: set[int] = set()
    while stack:
        current, line = stack.pop()
        if id(current) in seen:
            raise SourceError(
                _(
                    "YAML anchors and aliases (&name, *name) are not allowed here; "
                    "write the value out in full"
                ),
                line + offset,
            )
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.append((value, key.start_mark.line))
                stack.append((key, key.start_mark.line))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, line) for item in reversed(current.value))


def parse_yaml(text: str, offset: int = 1) -> YamlDoc:
    """Safe-load one YAML document; `offset` is the file line of the text's first line."""
    loader_class = _PySafeLoader if _may_nest_deeply(text) else _FAST
    loader = None
    try:
        loader = loader_class(text)
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(None, {}, offset)
        if "&" in text or "*" in text:
            _reject_aliases(node, offset)
        doc = YamlDoc(None, {}, offset)
        _record_lines(node, "", doc, offset)
        doc.data = _construct(loader, node) if loader_class is _FAST else None
        if doc.data is None:
            doc.data = loader.construct_document(node)
    except SourceError:
        raise
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + offset
        raise SourceError(
            _(
                "the file contains the control character {character}, which YAML does not "
                "allow; delete it (it is often invisible: retype the line)"
            ).format(character=repr(exc.character)),
            line,
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else offset
        problem = exc.problem or exc.context or "invalid YAML"
        source_lines = text.split("\n")
        at = line - offset
        nearby = {n + offset: source_lines[n] for n in (at - 1, at) if 0 <= n < len(source_lines)}
        explained = _explain(problem, line, nearby)
        raise SourceError(
            _("the YAML is not valid: {problem}").format(problem=explained), line
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(
            _("the YAML is not valid: {problem}").format(problem=exc), offset
        ) from None
    except RecursionError:
        raise SourceError(
            _("the YAML is nested too deeply to be a notice; write plain 'key: value' lines"),
            offset,
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # e.g. an integer with thousands of digits
        raise SourceError(
            _("the YAML has a value that cannot be read: {problem}").format(problem=exc), offset
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALARS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)


class _Unusual(Exception):
    """A node `_construct` leaves to PyYAML."""


def _construct(loader: Any, node: yaml.Node) -> Any:
    """What `loader.construct_document(node)` gives, for a tree of plain mappings, lists and
    scalars (every notice), without PyYAML's bookkeeping of each node (a third of a notice's
    YAML time); None for anything else (merge keys, sets, a key that is not a scalar, a tag of
    one's own), which PyYAML then constructs, or rejects, itself. Aliases were refused before.
    """
    try:
        return _node(loader, node)
    except _Unusual:
        return None


def _node(loader: Any, node: yaml.Node) -> Any:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            return node.value
        if tag in _SCALARS:
            return loader.yaml_constructors[tag](loader, node)
    elif isinstance(node, yaml.MappingNode) and tag == _MAP:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Unusual
            mapping[_node(loader, key_node)] = _node(loader, value_node)
        return mapping
    elif isinstance(node, yaml.SequenceNode) and tag == _SEQ:
        return [_node(loader, item) for item in node.value]
    raise _Unusual


_PARSER_WORDS: dict[str, str] = {
    "mapping values are not allowed here": N_(
        "a colon followed by a space is not allowed here (in a title, put the whole title in "
        "double quotes)"
    ),
    "could not find expected ':'": N_("a line has no ':' after its key"),
    "found a tab character that violates indentation": N_("a tab is used for indentation"),
    "found character '\\t' that cannot start any token": N_("a tab is used for indentation"),
    "did not find expected key": N_("a line is indented differently from the keys around it"),
    "did not find expected node content": N_("a value is missing or a bracket is not closed"),
    "did not find expected ',' or ']'": N_("a list in [ ] is not closed with ']'"),
    "did not find expected ',' or '}'": N_("a mapping in curly brackets is not closed"),
    "found unexpected end of stream": N_("a quote is opened but never closed"),
}
"""libyaml's commonest complaints, in the language of the messages (others stay as it says)."""


def _explain(problem: str, line: int, nearby: dict[int, str]) -> str:
    """The parser's words, with the likely fix for the mistakes staff make most.

    `nearby` holds the reported line and the one before it (file line → text): libyaml often
    reports a mistake on the line after it.
    """
    if problem in _PARSER_WORDS:
        problem = _(_PARSER_WORDS[problem])
    elif "\t" in nearby.get(line, "") and "cannot start any token" in problem:
        tab = _PARSER_WORDS["found a tab character that violates indentation"]
        problem = _(tab)  # libyaml leaves the character out of this one
    if "\t" in nearby.get(line, ""):
        return _("{problem} (this line has a tab: indent with two spaces, not tabs)").format(
            problem=problem
        )
    for number, text in sorted(nearby.items()):
        if "：" in text.split("#")[0]:
            return _(
                "{problem} (line {number} has a full-width colon '：'; after a key write "
                "':' and a space)"
            ).format(problem=problem, number=number)
    if "unhashable" in problem:
        return _("{problem} (a key must be a plain word such as 'title')").format(problem=problem)
    return problem
