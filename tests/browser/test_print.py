"""Printing with Chromium's own PDF output: a notice, a finance table, a very wide table, a
branch's whole board, and the demo's ledger (/compliance/). Pages are counted with pypdf;
clipping is checked in print media.

The fixture site is written here: a registry with three groups and four small notices.
Set NB_PRINT_PDFS=<dir> to keep the PDFs (to look at them, e.g. with pdftoppm).
"""

from __future__ import annotations

import io
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from pypdf import PdfReader

from support.demo_build import REPO_ROOT, build_site
from support.server import serve, site_path

pytestmark = [pytest.mark.browser, pytest.mark.build]

TODAY = "2026-11-26"
OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
HOOK = Path(__file__).resolve().parents[2] / "hooks" / "noticeboard_hooks.py"

REGISTRY = """\
timezone: Asia/Shanghai
groups:
  - {id: party, name: 党务公开}
  - {id: affairs, name: 村务公开}
  - {id: finance, name: 财务公开}
branches:
  - id: jinpu
    name: 金铺村党支部
    feedback: {phone: "0550-5203118", address: 金铺村党群服务中心, person: 村务监督委员会}
categories:
  - {id: organisation, name: 组织建设, group: party}
  - {id: affairs, name: 村务公开, group: affairs}
  - {id: finance, name: 村级财务公开, group: finance}
"""


def notice(title: str, category: str, disclosure: str, start: str, end: str, body: str) -> str:
    head = (
        f"---\ntitle: {title}\nbranch: jinpu\ncategory: {category}\ndisclosure: {disclosure}\n"
        f"period: {{start: {start}, end: {end}}}\nexpires: 2026-12-31\n"
        "reviewed_by: 金铺村党支部委员会\n---\n"
    )
    return head + textwrap.dedent(body)


FINANCE_ROWS = "\n".join(
    f"| {i} | 支出项目{i} | {i * 1234}.00 | 2026-0{1 + i % 9}-1{i} | 经办人{i} | 已审核 |"
    for i in range(1, 9)
)
WIDE_HEAD = "| " + " | ".join(f"第{i}项明细" for i in range(1, 17)) + " |"
WIDE_RULE = "|" + "---|" * 16
WIDE_ROW = "| " + " | ".join(f"{i * 1111}.00" for i in range(1, 17)) + " |"
NOTICES = {
    "jinpu/2026/member.md": notice(
        "关于发展李某某同志为中共预备党员的公示", "organisation", "ad-hoc",
        "2026-11-23", "2026-11-27", "经支部委员会研究，拟发展李某某同志为预备党员，现予公示。\n",
    ),
    "jinpu/2026/finance-q3.md": notice(
        "金铺村2026年第三季度财务收支公开", "finance", "periodic", "2026-10-12", "2026-10-21",
        "根据村级财务公开制度，现将本季度支出明细公开如下。\n\n"
        "| 序号 | 项目 | 金额（元） | 日期 | 经办人 | 审核情况 |\n"
        "|---|---|---|---|---|---|\n" + FINANCE_ROWS + "\n\n本季度收支经村务监督委员会审核。\n",
    ),
    "jinpu/2026/wide.md": notice(
        "金铺村2026年惠民补贴发放明细", "affairs", "ad-hoc", "2026-11-20", "2026-11-30",
        f"各项补贴发放明细如下。\n\n{WIDE_HEAD}\n{WIDE_RULE}\n{WIDE_ROW}\n{WIDE_ROW}\n",
    ),
    "jinpu/2024/old.md": notice(
        "早已归档的公示ARCHIVED-MARK", "organisation", "ad-hoc", "2024-01-02", "2024-01-08",
        "已归档。\n",
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("print-repo")
    (root / "notices").mkdir()
    (root / "notices" / "_board.yml").write_text(REGISTRY, encoding="utf-8")
    old = NOTICES["jinpu/2024/old.md"].replace("expires: 2026-12-31\n", "")
    for rel, text in {**NOTICES, "jinpu/2024/old.md": old}.items():
        (root / "notices" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "notices" / rel).write_text(text, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# 关于本站\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 测试公开栏\nsite_url: https://example.org/board/\ndocs_dir: docs\n"
        "plugins: []\n"
        f"theme:\n  name: material\n  language: zh\n  font: false\n  custom_dir: {OVERRIDES}\n"
        f"hooks:\n  - {HOOK}\n",
        encoding="utf-8",
    )
    return build_site(root / "site", root, TODAY)


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site, "/board/") as url:
        yield url


# PDF text comes back in the fonts' radical forms (⾦, ⻚) with spaces between runs; NFKC
# folds the Kangxi radicals, this table the simplified ones NFKC leaves alone.
_RADICALS = str.maketrans(
    "⻚⻓⻔⻅⻋⻢⻛⻜⻉⻆⻩⻬⻣⻘⻝⻤⻥⻦⻨⻮⻳⻰⺠",
    "页长门见车马风飞贝角黄齐骨青食鬼鱼鸟麦齿龟龙民",
)


def page_texts(reader: PdfReader) -> list[str]:
    """Each page's text, comparable with what the page says: radicals folded, no whitespace."""
    out = []
    for page in reader.pages:
        text = unicodedata.normalize("NFKC", page.extract_text()).translate(_RADICALS)
        out.append(re.sub(r"\s+", "", text))
    return out


def pdf_of(browser, url: str) -> PdfReader:
    """What 'Print → Save as PDF' gives: the page's own @page sizes and margin boxes."""
    page = browser.new_page()
    page.goto(url, wait_until="load")
    data = page.pdf(prefer_css_page_size=True, display_header_footer=False)
    page.close()
    keep = os.environ.get("NB_PRINT_PDFS")
    if keep:
        name = urlsplit(url).path.strip("/").replace("/", "-") or "board"
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / f"{name}.pdf").write_bytes(data)
    return PdfReader(io.BytesIO(data))


def sizes_mm(reader: PdfReader) -> list[tuple[int, int]]:
    """Each page's (width, height) in whole millimetres."""
    return [
        (round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72 * 25.4))
        for p in reader.pages
    ]


PORTRAIT, LANDSCAPE = (210, 297), (297, 210)
# The content box of a sheet in CSS px (96/in) after the print margins (18 mm left and right).
PORTRAIT_WIDTH, LANDSCAPE_WIDTH = round((210 - 36) / 25.4 * 96), round((297 - 36) / 25.4 * 96)


def clipped(browser, url: str, width: int) -> list[str]:
    """Elements whose content is wider than their box in print media (text cut off)."""
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    found = page.evaluate(
        """() => [...document.querySelectorAll('article *, .nb-boardprint *')]
          .filter(e => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1
                       && getComputedStyle(e).display !== 'inline')
          .map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""
    )
    page.close()
    return found


def test_a_short_notice_prints_on_one_a4_portrait_page(browser, base: str) -> None:
    reader = pdf_of(browser, base + "notices/jinpu/2026/member/")
    assert sizes_mm(reader) == [PORTRAIT]
    (text,) = page_texts(reader)
    assert "第1页共1页" in text
    assert "金铺村党支部" in text and "2026年11月23日" in text  # the 落款
    assert "意见反馈" in text and "扫码查看网上原文" in text  # feedback and QR at the end


def test_a_finance_notice_with_a_six_column_table_fits_one_portrait_page(browser, base) -> None:
    url = base + "notices/jinpu/2026/finance-q3/"
    reader = pdf_of(browser, url)
    assert sizes_mm(reader) == [PORTRAIT]
    (text,) = page_texts(reader)
    for cell in ("审核情况", "支出项目8", "9872.00", "经办人8"):  # the last column and row
        assert cell in text
    assert clipped(browser, url, PORTRAIT_WIDTH) == []


def test_a_very_wide_table_turns_the_page_landscape_and_is_not_cut(browser, base) -> None:
    url = base + "notices/jinpu/2026/wide/"
    reader = pdf_of(browser, url)
    assert set(sizes_mm(reader)) == {LANDSCAPE}
    text = "".join(page_texts(reader))
    assert "第16项明细" in text and "17776.00" in text  # the last column printed
    assert clipped(browser, url, LANDSCAPE_WIDTH) == []


def test_a_long_notice_numbers_its_pages(browser, base: str, site: Path) -> None:
    # the wide notice repeated until it spills: every page says which of how many it is
    page = browser.new_page()
    page.goto(base + "notices/jinpu/2026/finance-q3/", wait_until="load")
    page.evaluate(
        "() => { const b = document.querySelector('.nb-body');"
        " b.innerHTML = b.innerHTML.repeat(6); }"
    )
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    page.close()
    count = len(reader.pages)
    assert count >= 2
    for n, text in enumerate(page_texts(reader), start=1):
        assert f"第{n}页共{count}页" in text


def test_the_branch_board_prints_a_cover_then_each_current_notice_on_its_own_sheet(
    browser, base: str
) -> None:
    url = base + "branches/jinpu/print/"
    reader = pdf_of(browser, url)
    texts = page_texts(reader)
    assert len(texts) == 4, [t[:60] for t in texts]  # cover + three current notices, each one sheet
    for t in texts:  # each sheet's header: the branch and the date printed
        assert "金铺村党支部公开栏" in t and "2026年11月26日打印" in t
    cover = texts[0]
    assert (
        "扫码查看本支部网上公开栏" in cover and "https://example.org/board/branches/jinpu/" in cover
    )
    # grouped by column, in the registry's order
    assert cover.index("党务公开") < cover.index("村务公开") < cover.index("财务公开")
    assert "发展李某某" in texts[1] and "惠民补贴" in texts[2] and "第三季度财务" in texts[3]
    assert sizes_mm(reader) == [PORTRAIT, PORTRAIT, LANDSCAPE, PORTRAIT]
    assert not any("ARCHIVED-MARK" in t for t in texts)  # nothing off the current board
    assert clipped(browser, url, PORTRAIT_WIDTH) == [] or all(
        "nb-notice--wide" in c for c in clipped(browser, url, PORTRAIT_WIDTH)
    )


# Draws an inline SVG of the page into a canvas (Chromium's own SVG rasteriser, as a printer
# driver gets it) and returns the red channel of each pixel: black and white, so one is enough.
_RASTERISE = """async ([selector, side]) => {
  const svg = new XMLSerializer().serializeToString(document.querySelector(selector));
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff'; g.fillRect(0, 0, side, side);
  g.drawImage(img, 0, 0, side, side);
  const rgba = g.getImageData(0, 0, side, side).data;
  return Array.from({length: side * side}, (_, i) => rgba[i * 4]);
}"""


def qr_code_read(browser, url: str, selector: str) -> tuple[str | None, str]:
    """What a phone reads from the first QR code `selector` of the page in print media, and the
    URL printed beside it."""
    page = browser.new_page()
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    side = 296  # 8 pixels a module at 37 modules
    pixels = page.evaluate(_RASTERISE, [selector + " svg", side])
    printed = page.locator(selector + " .nb-qr__url").first.inner_text()
    page.close()
    image = memoryview(bytearray(pixels)).cast("B", (side, side))
    found = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return (found.text if found else None), printed


@pytest.mark.parametrize(
    ("path", "selector", "expected"),
    [
        ("notices/jinpu/2026/member/", ".nb-qr", "https://example.org/board/notices/jinpu/2026/member/"),
        ("branches/jinpu/print/", ".nb-qr", "https://example.org/board/branches/jinpu/"),
    ],
)  # fmt: skip
def test_the_printed_qr_code_reads_as_the_url_printed_beside_it(
    browser, base: str, path: str, selector: str, expected: str
) -> None:
    read, printed = qr_code_read(browser, base + path, selector)
    assert read == printed == expected


def test_the_branch_page_links_its_printable_board(browser, base: str, site: Path) -> None:
    page = browser.new_page()
    page.goto(base + "branches/jinpu/")
    link = page.get_by_role("link", name="打印本支部公开栏")
    link.click()
    assert page.url == base + "branches/jinpu/print/"
    page.close()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "branches/jinpu/" in sitemap and "/print/" not in sitemap


@pytest.fixture(scope="module")
def demo_base(built_site: Path) -> Iterator[str]:
    with serve(built_site, site_path(REPO_ROOT / "mkdocs.yml")) as url:
        yield url


def test_the_ledger_prints_every_branch_and_column_in_words_on_a4(browser, demo_base) -> None:
    """On screen each matrix scrolls inside its own region; on paper nothing may be cut off, and
    with the colours gone every cell still says what it is, in black."""
    url = demo_base + "compliance/"
    reader = pdf_of(browser, url)
    assert set(sizes_mm(reader)) <= {PORTRAIT, LANDSCAPE}
    text = "".join(page_texts(reader))
    assert "公开台账" in text
    for branch in ("金铺镇党委", "金铺村党支部", "余营村党支部"):  # first, second, last rows
        assert branch in text
    for words in (
        "第4季度",
        "按时",
        "逾期8天",
        "未公开",
        "待公开(剩50天)",
    ):  # NFKC: half-width brackets
        assert words in text, words
    assert "下载台账" not in text  # the CSV link is for the screen
    page = browser.new_page(viewport={"width": PORTRAIT_WIDTH, "height": 1000})
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    found = page.evaluate(
        """() => {
          const article = document.querySelector('article').getBoundingClientRect();
          const tables = [...document.querySelectorAll('table.nb-ledger')];
          const cells = [...document.querySelectorAll('td.nb-cell')].map(getComputedStyle);
          return {
            tables: tables.length,
            wider: tables.filter(t => t.getBoundingClientRect().right > article.right + 1).length,
            colours: [...new Set(cells.map(c => c.color))],
            backgrounds: [...new Set(cells.map(c => c.backgroundColor))],
          };
        }"""
    )
    page.close()
    assert found["tables"] == 5 and found["wider"] == 0
    assert found["colours"] == ["rgb(0, 0, 0)"]
    assert found["backgrounds"] == ["rgba(0, 0, 0, 0)"]
