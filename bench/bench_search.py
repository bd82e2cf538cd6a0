"""Search at archive scale: Pagefind index time and what a phone downloads for a first query.

For N synthetic notices (deterministic Chinese text from a fixed vocabulary and seed) this
builds the search records through the package, writes the Pagefind bundle, then runs one
typical query (党费; then 第三季度 党员) in a fresh headless Chromium through the /search/
page's own script (overrides/assets/search.js: load Pagefind and the filter list, search, show
the first 10 results) and sums the bytes of every response Chromium saw.
Beside it: the size of the search_index.json Material's lunr search would ship for the same
notices (built with Material's own SearchIndex class, Chinese settings from its zh language).

Run: .venv/bin/python bench/bench_search.py [N ...]   (default 1000 10000)
Target: first query <= 300 KB uncompressed.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import random
import re
import resource
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import markdown
from material.plugins.search.plugin import SearchIndex
from playwright.sync_api import expect, sync_playwright

from noticeboard.model import Branch, Category, Notice, Registry
from noticeboard.publish.lifecycle import place
from noticeboard.publish.search_index import write_search_index
from noticeboard.publish.search_records import (
    filter_values,
    filters_document,
    record_states,
    search_records,
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SEED = 20261126
TODAY = date(2026, 11, 26)
QUERIES = ("党费", "第三季度 党员")
TARGET_BYTES = 300 * 1024
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VILLAGES = _words(
    "金铺 余套 新桥 柳塘 石门 高岗 东湖 西岭 南庄 北坝 黄泥 杨柳 桃园 青山 白沙 红星 长岭 "
    "双河 马鞍 龙泉"
)
CATEGORIES = ("组织建设", "财务公开", "党员发展", "党费收缴", "民主评议", "村务管理")
TOPICS = (
    "党费收缴情况",
    "发展党员",
    "预备党员转正",
    "民主评议党员结果",
    "村级财务收支",
    "集体资产处置",
    "低保评定",
    "基础设施建设项目",
    "三会一课开展情况",
    "主题党日活动",
    "村干部报酬",
    "惠农补贴发放",
)
VOCABULARY = _words(
    "支部委员会 党员大会 研究决定 按照 有关规定 现将 情况 公示 如下 本季度 应缴 实缴 党费 "
    "全体党员 按时 足额 缴纳 金额 合计 元 村集体 收入 支出 项目 资金 使用 监督 群众 意见 "
    "反映 联系 电话 地址 公示期 工作日 审核 上级党委 批准 入党申请人 积极分子 培养 考察 "
    "政治审查 谈话 预备期 转为 正式党员 评议 优秀 合格 基本合格 不合格 道路 硬化 水利 维修 "
    "采购 招标 合同 验收 补贴 发放 对象 名单 标准 户 人 月 年 第一 第二 第三 第四 季度 "
    "上半年 下半年 会议 记录 学习 教育 组织 生活会 批评 自我批评 整改 落实 民主 决策 程序 "
    "村民代表 会议 表决 通过 结果 有效 期间 欢迎 监督 举报 纪检 委员 书记 副书记 委员 选举 "
    "换届 任期 目标 考核 责任 清单 制度 建设 规范 管理 档案 台账"
)


@dataclass(frozen=True)
class Row:
    notices: int
    query: str
    index_seconds: float
    index_peak_rss: int
    bundle_files: int
    bundle_bytes: int
    requests: int
    first_query_bytes: int
    first_query_gzip: int
    results: int
    lunr_bytes: int
    lunr_gzip: int


def synthetic_board(count: int, seed: int = SEED) -> tuple[Registry, list[Notice]]:
    """`count` published notices across 20 village branches, 2015-2026, same text every run."""
    rng = random.Random(seed)
    branches = tuple(Branch(id=f"b{i:02d}", name=f"{v}村党支部") for i, v in enumerate(VILLAGES))
    categories = tuple(Category(id=f"c{i}", name=name) for i, name in enumerate(CATEGORIES))
    notices = []
    for i in range(count):
        branch = rng.choice(branches)
        category = rng.choice(categories)
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(4300))
        topic = rng.choice(TOPICS)
        paragraphs = [
            "，".join(
                "".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 7)))
                for _ in range(rng.randint(5, 10))
            )
            + "。"
            for _ in range(rng.randint(2, 5))
        ]
        table = "\n".join(
            ["| 项目 | 金额（元） |", "|---|---|"]
            + [f"| {rng.choice(VOCABULARY)} | {rng.randint(100, 99999)}.00 |" for _ in range(3)]
        )
        body = "\n\n".join([*paragraphs, table])
        nid = f"{branch.id}/{start.year}/n{i:05d}"
        notices.append(
            Notice(
                id=nid,
                title=f"{branch.name}{start.year}年{topic}公示",
                branch=branch.id,
                category=category.id,
                disclosure="periodic",
                start=start,
                end=start + timedelta(days=7),
                expires=start + timedelta(days=30),
                body=body,
                body_line=8,
                number=f"{branch.name[:2]}党〔{start.year}〕{i}号",
                reviewed_by=f"{branch.name}委员会",
            )
        )
    return Registry(branches=branches, categories=categories), notices


@dataclass
class _Page:
    """What Material's SearchIndex reads from an MkDocs page."""

    url: str
    title: str
    content: str
    meta: dict
    toc: tuple = ()


def lunr_index_json(notices: list[Notice]) -> bytes:
    """search_index.json as Material's search plugin writes it (zh settings, no jieba)."""
    index = SearchIndex(
        lang=["zh"],
        separator=r"[\s\u200b\u3000\-、。，．？！；]+",
        pipeline=["stemmer"],
        fields={"title": {"boost": 1e3}, "text": {"boost": 1e0}, "tags": {"boost": 1e6}},
    )
    for n in notices:
        html = markdown.markdown(f"# {n.title}\n\n{n.body}", extensions=["tables", "toc"])
        index.add_entry_from_context(_Page(f"notices/{n.id}/", n.title, html, {}))
    return index.generate_search_index(None).encode("utf-8")


# The /search/ page's own markup and script (overrides/assets/search.js), nothing else.
HARNESS = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>bench</title>
</head><body>
<form id="nb-search" data-pagefind="pagefind/pagefind.js">
<input id="nb-search-q" name="q"><fieldset id="nb-search-filters" hidden></fieldset></form>
<p id="nb-search-status"></p><ol id="nb-search-results"></ol>
<button id="nb-search-more" type="button" hidden></button>
<script type="module" src="search.js"></script></body></html>
"""
SEARCH_JS = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "search.js"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def first_query(
    site: Path, query: str, filters: dict[str, str] | None = None
) -> tuple[dict[str, int], int]:
    """Serve `site`, run one query through search.js (no query and `filters`: one browse); the
    files fetched (path -> bytes), hits."""
    (site / "bench.html").write_text(HARNESS, encoding="utf-8")
    (site / "search.js").write_bytes(SEARCH_JS.read_bytes())
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context()

            def seen(response) -> None:
                path = unquote(urlsplit(response.url).path).lstrip("/")
                if path != "bench.html":
                    fetched[path] = len(response.body())

            context.on("response", seen)
            page = context.new_page()
            wanted = urlencode({"q": query, **(filters or {})} if query else filters or {})
            page.goto(f"http://127.0.0.1:{server.server_port}/bench.html?{wanted}")
            status = page.locator("#nb-search-status")
            expect(status).to_contain_text("找到", timeout=120_000)
            text = status.inner_text()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    found = re.search(r"找到 (\d+) 条", text)
    return fetched, int(found.group(1)) if found else 0


def measure(count: int) -> list[Row]:
    registry, notices = synthetic_board(count)
    placed = place(notices, TODAY)
    records = search_records(placed, registry)
    filters = filters_document(filter_values(placed, registry))
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        site = Path(tmp)
        started = time.perf_counter()
        bundle = write_search_index(
            records, site, filters, states=record_states(placed), today=TODAY
        )
        index_seconds = time.perf_counter() - started
        # Children so far: the Pagefind services of this and smaller runs (Chromium starts later).
        peak_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        files = [p for p in bundle.rglob("*") if p.is_file()]
        lunr = lunr_index_json(notices)
        rows = []
        for query in QUERIES:
            fetched, results = first_query(site, query)
            gz = sum(len(gzip.compress((site / path).read_bytes(), 9)) for path in fetched)
            rows.append(
                Row(
                    notices=count,
                    query=query,
                    index_seconds=index_seconds,
                    index_peak_rss=peak_rss,
                    bundle_files=len(files),
                    bundle_bytes=sum(p.stat().st_size for p in files),
                    requests=len(fetched),
                    first_query_bytes=sum(fetched.values()),
                    first_query_gzip=gz,
                    results=results,
                    lunr_bytes=len(lunr),
                    lunr_gzip=len(gzip.compress(lunr, 9)),
                )
            )
        return rows


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def table(rows: list[Row]) -> str:
    lines = [
        f"Target: first query <= {kb(TARGET_BYTES)} uncompressed (a fresh browser each query).",
        "",
        "| notices | query | Pagefind index time | Pagefind peak RSS | bundle (files / size) "
        "| first query: requests | first query uncompressed | first query gzip | hits "
        "| lunr search_index.json | lunr gzip | within target |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.notices:,} | {r.query} | {r.index_seconds:.1f} s | "
            f"{r.index_peak_rss / 1024 / 1024:,.0f} MB | {r.bundle_files:,} / "
            f"{r.bundle_bytes / 1024 / 1024:.1f} MB | {r.requests} | {kb(r.first_query_bytes)} "
            f"| {kb(r.first_query_gzip)} | {r.results:,} | {kb(r.lunr_bytes)} "
            f"| {kb(r.lunr_gzip)} | {'yes' if r.first_query_bytes <= TARGET_BYTES else 'NO'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    counts = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [1000, 10000]
    print(table([row for n in counts for row in measure(n)]))


if __name__ == "__main__":
    main()
