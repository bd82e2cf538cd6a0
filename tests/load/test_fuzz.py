"""No input, however broken, makes the read path raise: only Problems come out."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from noticeboard.load.board import load_board
from noticeboard.load.notice_file import read_notice_file
from noticeboard.load.registry import read_registry
from noticeboard.problems import Problem

NOTICE_PATH = "notices/jinpu/2024/fuzz.md"
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = [
    "title", "branch", "category", "disclosure", "period", "start", "end", "expires", "number",
    "reviewed_by", "major", "approved_by", "scope", "draft", "feedback", "phone", "supersedes",
    "responds_to", "fulfils", "attachments", "tags", "timezone", "branches", "categories",
    "schedule", "id", "name", "parent", "every", "within_days", "1", "~", "true", "2024-01-01",
]  # fmt: skip
NASTY = [
    "", "~", "2024-06-01", "2024-13-45", "2024-02-30", "'2024-06-01'", "2024/06/01",
    "2024-06-01 25:61:61", "2024-06-01T10:00:00+08:00", "9" * 5000, "1e999", "-.inf", ".nan",
    "0x1F", "0o17", "true", "是", "[]", "{}", "[a, [b, {c: d}]]", "{a: [1, 2}", "&a [*a, *a]",
    "*nope", "!!binary aGVsbG8=", "!!python/object/apply:os.system ['true']", "!!set {a, b}",
    "!!omap [a: 1]", "? [a, b]", "|", ">-", "'unclosed", '"\\x00\\uDFFF"', "\t", "- - - x",
    "13812345678", "１３８１２３４５６７８", "11010519491231002X", "../../../etc/passwd",
    "/dev/zero", "jinpu", "金铺村党支部", "all", "quarter", "Asia/Shanghai", "../../x",
    "\u2028", "\ufeff", "---", "...", "%YAML 1.1", "@", "`", ": :", "[" * 300, "{a: " * 100,
]  # fmt: skip


def _line(draw_key: str, value: str, indent: int, dash: bool) -> str:
    return " " * indent + ("- " if dash else "") + f"{draw_key}: {value}"


yaml_lines = st.lists(
    st.builds(
        _line,
        st.sampled_from(KEYS) | st.text(max_size=8),
        st.sampled_from(NASTY) | st.text(max_size=20),
        st.integers(0, 6),
        st.booleans(),
    ),
    max_size=25,
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import REGISTRY

    base = tmp_path_factory.mktemp("fuzz")
    (base / "notices/jinpu/2024").mkdir(parents=True)
    (base / "notices/_board.yml").write_text(REGISTRY, encoding="utf-8")
    return base


def _check_notice(root: Path, data: bytes) -> None:
    from noticeboard.load.registry import read_registry as reg

    file = root / NOTICE_PATH
    file.write_bytes(data)
    registry, _ = reg(root)
    read = read_notice_file(file, root, registry)
    notice, problems = read.notice, read.problems
    assert all(isinstance(p, Problem) and p.line >= 1 for p in problems)
    assert notice is None or not problems
    result = load_board(root, "2024-06-15")  # the cross-notice rules too
    assert all(isinstance(p, Problem) for p in result.problems)


def _check_registry(root: Path, data: bytes) -> None:
    (root / "notices/_board.yml").write_bytes(data)
    registry, problems = read_registry(root)
    assert all(isinstance(p, Problem) and p.line >= 1 for p in problems)
    assert registry is not None or problems
    assert all(isinstance(p, Problem) for p in load_board(root, "2024-06-15").problems)


@FUZZ
@given(st.binary(max_size=400))
def test_notice_bytes(root, data):
    _check_notice(root, b"---\n" + data)


@pytest.mark.slow  # 120 generated notices: 3-6 s, too long for `make test-fast`
@FUZZ
@given(yaml_lines, st.text(max_size=60), st.booleans())
def test_notice_yamlish(root, lines, body, crlf):
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    if crlf:
        text = text.replace("\n", "\r\n")
    _check_notice(root, text.encode("utf-8", "surrogatepass"))


@pytest.mark.slow  # 120 generated registries: 2-4 s
@FUZZ
@given(yaml_lines)
def test_registry_yamlish(root, lines):
    from conftest import REGISTRY

    try:
        _check_registry(root, "\n".join(lines).encode("utf-8", "surrogatepass"))
    finally:
        (root / "notices/_board.yml").write_text(REGISTRY, encoding="utf-8")


@FUZZ
@given(st.binary(max_size=300))
def test_registry_bytes(root, data):
    from conftest import REGISTRY

    try:
        _check_registry(root, data)
    finally:
        (root / "notices/_board.yml").write_text(REGISTRY, encoding="utf-8")


BOMBS = {
    "billion-laughs": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
              for i in range(9)),
    "deep-flow": "title: " + "[" * 100_000 + "]" * 100_000,
    "deep-block": "".join(" " * i + f"k{i}:\n" for i in range(3000)),
    "deep-dashes": "title:\n" + "- " * 20_000 + "x",
    "huge-int": "number: " + "9" * 100_000,
    "huge-float": "number: 1" + "0" * 400 + ".5e99999",
    "many-keys": "".join(f"k{i}: v\n" for i in range(20_000)),
    "list": "- title\n- branch\n",
    "scalar": "just text",
    "non-string-keys": "1: a\n2024-01-01: b\ntrue: c\n~: d\n? [a, b]\n: e\n",
    "weird-timestamps": "period: {start: 2024-13-45, end: 0000-00-00}\nexpires: 2024-06-01 99:99\n",
    "tabs": "title:\t公示\n\tbranch: jinpu\n",
    "python-tag": "title: !!python/object/apply:os.system ['echo hi']\n",
}  # fmt: skip
# The bombs that take seconds of YAML parsing each: `make test-fast` leaves them to `make test`.
SLOW_BOMBS = {"deep-flow", "many-keys"}
BOMB_PARAMS = [
    pytest.param(text, id=name, marks=[pytest.mark.slow] if name in SLOW_BOMBS else [])
    for name, text in BOMBS.items()
]


@pytest.mark.parametrize("text", BOMB_PARAMS)
def test_hostile_front_matter(root, text):
    _check_notice(root, f"---\n{text}\n---\nbody\n".encode())
    file = root / NOTICE_PATH
    problems = read_notice_file(file, root, None).problems
    assert problems, "every hostile input above is an error"


@pytest.mark.parametrize("text", BOMB_PARAMS)
def test_hostile_registry(root, text):
    from conftest import REGISTRY

    try:
        _check_registry(root, text.encode())
    finally:
        (root / "notices/_board.yml").write_text(REGISTRY, encoding="utf-8")


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"---", b"---\n", b"\r\n\r\n", b"\x00"])
def test_empty_and_tiny_files(root, data):
    _check_notice(root, data)
    problems = read_notice_file(root / NOTICE_PATH, root, None).problems
    assert len(problems) == 1
