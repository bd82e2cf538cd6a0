"""The attack catalogue (issue 10): what a pull request can carry, built for real, once per family.

Each family writes one small site holding all its cases, runs one `mkdocs build`, and every case
asserts on the output: no executable markup from the input (parsed with a real HTML parser),
no token of an unpublished notice, no personal number; inputs that cannot be published stop
the build with a clear `path:line` message naming them, and no traceback. (Build time is
measured in bench/bench_hostile.py, never here.)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.tiny_site import ENV, MKDOCS, write_site

pytestmark = [pytest.mark.build, pytest.mark.slow]

TODAY = "2024-06-15"
MARK = "NBX"  # every hostile payload carries MARK + its case number


def q(value: str) -> str:
    """A YAML scalar for any text: a JSON string is a valid YAML double-quoted scalar."""
    return json.dumps(value, ensure_ascii=False)


REGISTRY = """\
repository: private
branches:
  - id: town
    name: 镇党委
    feedback: {{phone: "0550-1234567"}}
  - id: jinpu
    name: 金铺村党支部
    parent: town
    feedback: {{address: 金铺村部}}
  - id: evil
    name: {branch_name}
    parent: town
    feedback: {{address: {branch_address}, person: {branch_person}, email: {branch_email}}}
categories:
  - id: organisation
    name: 组织建设
  - id: evilcat
    name: {category_name}
    description: {category_description}
"""


def notice(
    *,
    title: str = "关于发展李四同志为预备党员的公示",
    branch: str = "jinpu",
    category: str = "organisation",
    extra: str = "",
    body: str = "经支部委员会研究，现予公示。",
    start: str = "2024-06-12",
    reviewed_by: str = "支委会",
) -> str:
    return (
        f"---\ntitle: {q(title)}\nbranch: {branch}\ncategory: {category}\ndisclosure: ad-hoc\n"
        f"period: {{start: {start}, end: 2024-06-18}}\nreviewed_by: {q(reviewed_by)}\n"
        f"{extra}---\n{body}\n"
    )


@dataclass(frozen=True)
class Built:
    root: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def files(self) -> list[Path]:
        return sorted(p for p in self.site.rglob("*") if p.is_file()) if self.site.is_dir() else []


def build(root: Path, env: dict[str, str] | None = None) -> Built:
    write_site(root)
    done = subprocess.run(
        [MKDOCS, "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**ENV, "NOTICEBOARD_TODAY": TODAY, **(env or {})},
        timeout=600,
    )
    return Built(root, done.returncode, done.stdout + done.stderr)


def write(root: Path, files: dict[str, str | bytes], registry: str) -> Path:
    (root / "notices").mkdir(parents=True, exist_ok=True)
    (root / "notices" / "_board.yml").write_text(registry, encoding="utf-8")
    for rel, content in files.items():
        path = root / "notices" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


# -- what counts as executable markup ------------------------------------------------------------
_JS_URL = re.compile(
    r"^[\x00-\x20]*(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data)\s*:", re.I
)
_TEXT_ATTRIBUTES = {"title", "aria-label", "alt"}  # shown as text, never run
_DANGEROUS = {"script", "iframe", "object", "embed", "base", "form", "meta", "link", "style", "svg"}


def executable_from_input(html: str) -> list[str]:
    """Script elements, on* attributes and script URLs that carry a payload's marker, and any
    on* attribute or javascript: URL at all (the theme writes none)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}=…>")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href") and (
                _JS_URL.match(text)
            ):
                found.append(f"<{tag.name} {name}={text[:40]}>")
            if tag.name in _DANGEROUS and MARK in text and name not in _TEXT_ATTRIBUTES:
                found.append(f"<{tag.name}> with a payload in {name}")
        if tag.name in _DANGEROUS and MARK in tag.get_text():
            found.append(f"<{tag.name}> with a payload in its text")
    return found


def assert_no_executable_markup(built: Built) -> None:
    assert built.returncode == 0, built.output[-3000:]
    bad = {}
    for path in built.files():
        if path.suffix == ".html":
            found = executable_from_input(path.read_text(encoding="utf-8"))
            if found:
                bad[str(path.relative_to(built.site))] = found[:3]
        elif path.suffix == ".xml" and "feeds" in path.parts:
            for element in ET.parse(path).iter():  # well-formed; html content is re-checked
                if element.get("type") == "html" and element.text:
                    found = executable_from_input(element.text)
                    if found:
                        bad[f"{path.name}:{element.tag}"] = found[:3]
    assert not bad, bad


# -- family 1: script injection through every field (one build) ---------------------------------
PAYLOADS = (
    '"><script>alert("{m}")</script>',
    "<img src=x onerror=alert('{m}')>",
    "' onmouseover='alert(\"{m}\")' x='",
    "</title><svg onload=alert('{m}')>",
    "&lt;script&gt;alert('{m}')&lt;/script&gt;",
    "javascript:alert('{m}')",
)
NOTICE_FIELDS = (
    "title",
    "number",
    "reviewed_by",
    "approved_by",
    "tags",
    "feedback.phone",
    "feedback.email",
    "feedback.address",
    "feedback.person",
)
BODIES = (
    "[点我](javascript:alert('{m}'))",
    "<a href=\"jav&#x09;ascript:alert('{m}')\">x</a>",
    "<p onclick=\"alert('{m}')\">x</p>",
    "<script>alert('{m}')</script>",
    '<iframe src="https://evil.example/{m}"></iframe>',
    "<svg><script>alert('{m}')</script></svg>",
    "<math><mi xlink:href=\"javascript:alert('{m}')\">x</mi></math>",
    "<style>*{{background:url(javascript:alert('{m}'))}}</style>",
    "<img src=x onerror=\"alert('{m}')\">",
    "![x](javascript:alert('{m}'))",
    "<a href=\"data:text/html,<script>alert('{m}')</script>\">x</a>",
    "<form action=\"javascript:alert('{m}')\"><button>x</button></form>",
    "<details open ontoggle=\"alert('{m}')\">x</details>",
    "{{: onclick=\"alert('{m}')\" }}\n段落",
)
XSS_CASES = (
    [(f, p) for f in NOTICE_FIELDS for p in PAYLOADS[:3]]
    + [
        ("title", PAYLOADS[3]),
        ("number", PAYLOADS[4]),
        ("feedback.email", PAYLOADS[5]),
    ]
    + [("body", b) for b in BODIES]
)


def _xss_notice(index: int, field: str, payload: str) -> str:
    value = payload.replace("{m}", f"{MARK}{index}")
    if field == "body":
        return notice(title=f"正文{index}", body=value)
    if field == "title":
        return notice(title=value)
    if field == "reviewed_by":
        return notice(title=f"审核{index}", reviewed_by=value)
    if field == "tags":
        return notice(title=f"标签{index}", extra=f"tags: [{q(value)}]\n")
    if field == "approved_by":
        return notice(title=f"审批{index}", extra=f"major: true\napproved_by: {q(value)}\n")
    if field.startswith("feedback."):
        key = field.split(".")[1]
        return notice(title=f"反馈{index}", extra=f"feedback: {{{key}: {q(value)}}}\n")
    return notice(title=f"字段{index}", extra=f"{field}: {q(value)}\n")


REGISTRY_XSS = {
    "branch_name": '金铺"><script>alert("NBXr1")</script>',
    "branch_address": "<img src=x onerror=alert('NBXr2')>",
    "branch_person": "</title><script>alert('NBXr3')</script>",
    "branch_email": "a@b.example\"onmouseover=\"alert('NBXr4')",
    "category_name": "</title><svg onload=alert('NBXr5')>",
    "category_description": "<script>alert('NBXr6')</script>",
}


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    files = {f"jinpu/2024/x{i}.md": _xss_notice(i, f, p) for i, (f, p) in enumerate(XSS_CASES)}
    files["evil/2024/e.md"] = notice(branch="evil", category="evilcat", title="登记表的值")
    registry = REGISTRY.format(**{k: q(v) for k, v in REGISTRY_XSS.items()})
    return build(write(tmp_path_factory.mktemp("xss"), files, registry))


def test_xss_site_has_no_executable_markup_anywhere(xss_site: Built) -> None:
    assert_no_executable_markup(xss_site)


@pytest.mark.parametrize(("index", "case"), list(enumerate(XSS_CASES)), ids=lambda v: str(v)[:40])
def test_each_injected_field_reaches_its_page_as_text(xss_site: Built, index: int, case) -> None:
    """The page of the case exists (it was published, not dropped) and the payload's marker
    is there only as text or inside a harmless attribute."""
    page = xss_site.site / "notices" / "jinpu" / "2024" / f"x{index}" / "index.html"
    assert page.is_file(), xss_site.output[-2000:]
    html = page.read_text(encoding="utf-8")
    assert executable_from_input(html) == []
    field, _ = case
    if field != "body":
        assert f"{MARK}{index}" in BeautifulSoup(html, "html.parser").get_text() or field in (
            "feedback.phone",  # a phone is shown as written, dialled as digits
        )


@pytest.mark.parametrize("key", sorted(REGISTRY_XSS))
def test_each_registry_value_is_escaped(xss_site: Built, key: str) -> None:
    marker = REGISTRY_XSS[key].split("NBX")[1][:2]
    pages = [xss_site.site / "branches/evil/index.html", xss_site.site / "categories/index.html"]
    pages += [xss_site.site / "categories/evilcat/index.html", xss_site.site / "index.html"]
    pages += [xss_site.site / "notices/evil/2024/e/index.html"]
    shown = "".join(BeautifulSoup(p.read_text("utf-8"), "html.parser").get_text() for p in pages)
    assert f"NBX{marker}" in shown
    for page in pages:
        assert executable_from_input(page.read_text("utf-8")) == []


# -- family 2: what must stop the build (one build, every case named in its messages) ------------
def _attachment(name: str) -> str:
    return notice(title=f"附件 {name[:20]}", extra=f"attachments: [{q(name)}]\n")


REJECTED: dict[str, tuple[dict[str, str | bytes], str]] = {
    "md-attachment": ({"jinpu/2024/a1.md": _attachment("other.md")}, "a1.md"),
    "notice-attachment": ({"jinpu/2024/a2.md": _attachment("../2024/a1.md")}, "a2.md"),
    "other-branch": ({"jinpu/2024/a3.md": _attachment("../../town/2024/t.pdf")}, "a3.md"),
    "html-attachment": ({"jinpu/2024/a4.md": _attachment("x.html")}, "a4.md"),
    "svg-attachment": ({"jinpu/2024/a5.md": _attachment("x.svg")}, "a5.md"),
    "xml-attachment": ({"jinpu/2024/a6.md": _attachment("x.xml")}, "a6.md"),
    "js-attachment": ({"jinpu/2024/a7.md": _attachment("x.js")}, "a7.md"),
    "absolute-attachment": ({"jinpu/2024/a8.md": _attachment("/etc/passwd")}, "a8.md"),
    "quote-in-name": ({"jinpu/2024/a9.md": _attachment('a" onclick="x.pdf')}, "a9.md"),
    "long-name": ({"jinpu/2024/b1.md": _attachment("x" * 300 + ".pdf")}, "b1.md"),
    "upper-md": ({"jinpu/2024/b2.MD": notice(title="大写")}, "b2.MD"),
    "markdown-suffix": ({"jinpu/2024/b3.markdown": notice(title="长后缀")}, "b3.markdown"),
    "readme": ({"jinpu/2024/README.md": notice(title="说明")}, "README.md"),
    "index": ({"jinpu/2024/index.md": notice(title="索引")}, "index.md"),
    "space-name": ({"jinpu/2024/a b.md": notice(title="空格")}, "a b.md"),
    "hash-name": ({"jinpu/2024/a#b.md": notice(title="井号")}, "a#b.md"),
    "percent-name": ({"jinpu/2024/100%.md": notice(title="百分号")}, "100%.md"),
    "deep-div": (
        {"jinpu/2024/c1.md": notice(body='<div markdown="1">\n' * 400 + "x\n" + "</div>\n" * 400)},
        "c1.md",
    ),
    "nested-brackets": ({"jinpu/2024/c2.md": notice(body="[" * 12000 + "]" * 12000)}, "c2.md"),
    "link-parens": ({"jinpu/2024/c3.md": notice(body="[a](" * 6000)}, "c3.md"),
    "unclosed-style": ({"jinpu/2024/c4.md": notice(body="一\n\n<style>\n\n二")}, "c4.md"),
    "unclosed-comment": ({"jinpu/2024/c5.md": notice(body="一\n\n<!--\n\n二")}, "c5.md"),
    "bidi-title": ({"jinpu/2024/c6.md": notice(title="关于\u202e示公")}, "c6.md"),
    "invisible-title": ({"jinpu/2024/c7.md": notice(title="\u200b\u200b")}, "c7.md"),
    "supersede-circle": (
        {
            "jinpu/2024/d1.md": notice(title="甲", extra="supersedes: jinpu/2024/d2\n"),
            "jinpu/2024/d2.md": notice(title="乙", extra="supersedes: jinpu/2024/d1\n"),
        },
        "d1.md",
    ),
    "pii-spaces": ({"jinpu/2024/p1.md": notice(body="电话 139 1234 5678")}, "p1.md"),
    "pii-nbsp": ({"jinpu/2024/p2.md": notice(body="电话 139\u00a01234\u00a05678")}, "p2.md"),
    "pii-entities": (
        {"jinpu/2024/p3.md": notice(body="".join(f"&#{ord(c)};" for c in "13912345678"))},
        "p3.md",
    ),
    "pii-lines": ({"jinpu/2024/p4.md": notice(body="电话 139\n1234\n5678")}, "p4.md"),
    "pii-folded": (
        {"jinpu/2024/p5.md": notice(extra="feedback:\n  person: >\n    王 139\n    1234 5678\n")},
        "p5.md",
    ),
    "pii-csv": (
        {
            "jinpu/2024/p6.md": _attachment("名单.csv"),
            "jinpu/2024/名单.csv": "姓名,电话\n李四,139-1234-5678\n",
        },
        "名单.csv",
    ),
    "pii-file-name": ({"jinpu/2024/li-13912345678.md": notice(title="文件名")}, "li-13912345678"),
    "pii-id-dashes": (
        {"jinpu/2024/p7.md": notice(body="身份证 " + "-".join("11010519491231002X"))},
        "p7.md",
    ),
    "number-octal": ({"jinpu/2024/n1.md": notice(extra="number: 010\n")}, None),
}


@pytest.fixture(scope="module")
def rejected_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    files: dict[str, str | bytes] = {"jinpu/2024/good.md": notice(title="正常公示")}
    files["town/2024/t.pdf"] = b"%PDF"
    for case_files, _ in REJECTED.values():
        files.update(case_files)
    registry = REGISTRY.format(**{k: q(f"值{i}") for i, k in enumerate(REGISTRY_XSS)})
    root = write(tmp_path_factory.mktemp("rejected"), files, registry)
    for name in ("x.html", "x.svg", "x.xml", "x.js", "other.md"):
        (root / "notices/jinpu/2024" / name).write_text("<script>alert(1)</script>")
    (root / "notices/jinpu/2024/e1.md").symlink_to(root / "notices/jinpu/2024/good.md")
    (root / "notices/jinpu/2025").symlink_to(root / "notices/jinpu/2024", target_is_directory=True)
    loop = root / "notices/jinpu/2024"
    (loop / "loop.pdf").symlink_to(loop / "loop2.pdf")
    (loop / "loop2.pdf").symlink_to(loop / "loop.pdf")
    (loop / "e2.md").write_text(_attachment("loop.pdf"), encoding="utf-8")
    with open(os.path.join(os.fsencode(loop), b"\xff\xfe.md"), "wb") as handle:
        handle.write(notice(title="乱码文件名").encode())
    return build(root)


def test_rejected_inputs_stop_the_build_without_a_traceback(rejected_site: Built) -> None:
    assert rejected_site.returncode != 0
    assert "Traceback" not in rejected_site.output
    assert not (rejected_site.site / "index.html").exists()


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_each_rejected_input_is_named_at_its_file(rejected_site: Built, case: str) -> None:
    _, named = REJECTED[case]
    lines = [line for line in rejected_site.output.splitlines() if re.match(r"^notices/\S", line)]
    if named is None:  # accepted as written: no message about it
        assert not [line for line in lines if "n1.md" in line]
    else:
        assert [line for line in lines if named in line.split(":")[0]], rejected_site.output[-4000:]


@pytest.mark.parametrize(
    "named",
    ["notices/jinpu/2025", "e1.md", "e2.md", "\\xff\\xfe.md"],
    ids=["symlinked-year", "symlinked-notice", "attachment-loop", "non-utf8-name"],
)
def test_file_system_tricks_are_named(rejected_site: Built, named: str) -> None:
    assert named in rejected_site.output


# -- family 3: what must leave no trace (one public build, one members' build) ------------------
SECRETS = {
    "draft": notice(title="草稿", extra="draft: true\n", body="TOKENDRAFT1"),
    "internal": notice(title="党内", extra="scope: internal\n", body="TOKENINTERNAL2"),
    "upcoming": notice(title="预告", start="2024-06-16", body="TOKENUPCOMING3"),
    "internal-title": notice(title="TOKENINTERNAL4", extra="scope: internal\n"),
    "internal-attachment": notice(
        title="党内附件", extra="scope: internal\nattachments: [TOKENINTERNAL5.pdf]\n"
    ),
}


def _leak_root(tmp: Path) -> Path:
    files: dict[str, str | bytes] = {f"jinpu/2024/{k}.md": v for k, v in SECRETS.items()}
    files["jinpu/2024/public.md"] = notice(title="公开", body="TOKENPUBLIC0")
    files["jinpu/2024/TOKENINTERNAL5.pdf"] = b"%PDF TOKENINTERNAL5"
    registry = REGISTRY.format(**{k: q(f"值{i}") for i, k in enumerate(REGISTRY_XSS)})
    return write(tmp, files, registry)


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(_leak_root(tmp_path_factory.mktemp("public")))


@pytest.fixture(scope="module")
def members_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(
        _leak_root(tmp_path_factory.mktemp("members")), {"NOTICEBOARD_AUDIENCE": "members"}
    )


def _everything(built: Built) -> bytes:
    assert built.returncode == 0, built.output[-3000:]
    return (
        b"\n".join(p.read_bytes() for p in built.files())
        + "\n".join(str(p) for p in built.files()).encode()
    )


@pytest.mark.parametrize("case", sorted(SECRETS))
def test_unpublished_notice_leaves_no_token(public_site: Built, case: str) -> None:
    token = re.search(rb"TOKEN[A-Z]+\d", SECRETS[case].encode()).group()
    everything = _everything(public_site)
    assert b"TOKENPUBLIC0" in everything
    assert token not in everything


def test_members_site_shows_internal_notices_marked(members_site: Built) -> None:
    everything = _everything(members_site)
    assert b"TOKENINTERNAL2" in everything and b"TOKENINTERNAL4" in everything
    assert b"TOKENDRAFT1" not in everything and b"TOKENUPCOMING3" not in everything
    page = members_site.site / "notices/jinpu/2024/internal/index.html"
    assert "党内公开" in BeautifulSoup(page.read_text("utf-8"), "html.parser").get_text()


def test_members_site_from_a_public_repository_is_refused(tmp_path: Path) -> None:
    root = _leak_root(tmp_path)
    registry = (root / "notices/_board.yml").read_text("utf-8").replace("repository: private\n", "")
    (root / "notices/_board.yml").write_text(registry, "utf-8")
    for name in ("internal", "internal-title", "internal-attachment"):
        (root / f"notices/jinpu/2024/{name}.md").unlink()
    built = build(root, {"NOTICEBOARD_AUDIENCE": "members"})
    assert built.returncode != 0 and "repository: private" in built.output
    assert "Traceback" not in built.output


# -- family 4: a bad today (each fails at once, before reading any notice) ----------------------
@pytest.mark.parametrize("today", ["2024-13-01", "1969-12-31", "2106-02-08", "9999-12-31"])
def test_bad_today_is_a_clear_error_blamed_on_its_source(tmp_path: Path, today: str) -> None:
    root = _leak_root(tmp_path)
    built = build(root, {"NOTICEBOARD_TODAY": today})
    assert built.returncode != 0
    assert "Traceback" not in built.output
    assert "NOTICEBOARD_TODAY" in built.output and "_board.yml:1" not in built.output
