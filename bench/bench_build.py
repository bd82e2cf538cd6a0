"""The full build at archive scale, against the same pages in bare MkDocs + Material.

For each N it writes N deterministic notices (seeded: same files every run) with realistic
bodies (headings, a table, lists, ~3.5 KB of Chinese) across 24 branches, 6 categories, every
disclosure type and state, with supersessions, replies, attachments and a few drafts, beside
this repository's mkdocs.yml, docs/, overrides/ and hooks/. In the same run it writes the same
bodies as plain pages of a bare MkDocs + Material site (nav pruned, no search, nothing of ours).

Measured, each the minimum of --runs runs (default 2):
  check       `noticeboard check` (console script, cold process): cold = empty read cache,
              warm = the read cache of the check just before (load/read_cache.py)
  build       `mkdocs build --strict` from nothing (no site/, no .cache/)
  peak RSS    of the MkDocs process and of the indexer (Pagefind's binary, a child of it)
  baseline    `mkdocs build` of the bare site
  index       time spent writing the Pagefind bundle inside the build
  1 notice    rebuild after one notice's body changed (site/ and .cache/ kept)
  nightly     rebuild with tomorrow's date and nothing else changed
  first query KB fetched by /search/'s own script for one query in Chromium (bench_search.py),
              as stored and gzipped file by file (what a static host sends)

    .venv/bin/python bench/bench_build.py                    # N = 1,000 5,000 10,000
    .venv/bin/python bench/bench_build.py --sizes 1000 --runs 2
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = 20261130
TODAY = date(2026, 11, 26)
SIZES = (1_000, 5_000, 10_000)
RATIO_TARGET = 1.5


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def enumerate_words(text: str) -> enumerate[str]:
    return enumerate(words(text))


BRANCHES = tuple(
    (f"v{i:02d}", f"{name}村党支部")
    for i, name in enumerate_words(
        "金铺 余套 新桥 柳塘 石门 高岗 东湖 西岭 南庄 北坝 黄泥 杨柳 桃园 青山 白沙 红星 "
        "长岭 双河 马鞍 龙泉 松林 竹园 梅山 荷塘"
    )
)
CATEGORIES = (
    ("organisation", "组织建设"),
    ("members", "党员发展"),
    ("dues", "党费收缴"),
    ("finance", "村级财务"),
    ("affairs", "村务管理"),
    ("appraisal", "民主评议"),
)
VOCABULARY = words(
    "支部委员会 党员大会 研究决定 按照 有关规定 现将 情况 公示 如下 本季度 应缴 实缴 党费 "
    "全体党员 按时 足额 缴纳 金额 合计 村集体 收入 支出 项目 资金 使用 监督 群众 意见 反映 "
    "联系 地址 公示期 工作日 审核 上级党委 批准 入党申请人 积极分子 培养 考察 政治审查 谈话 "
    "预备期 转为 正式党员 评议 优秀 合格 道路 硬化 水利 维修 采购 招标 合同 验收 补贴 发放 "
    "对象 名单 标准 会议 记录 学习 教育 组织 生活会 批评 整改 落实 民主 决策 程序 村民代表 "
    "表决 通过 结果 有效 期间 欢迎 举报 纪检 委员 书记 选举 换届 任期 目标 考核 责任 清单 "
    "制度 建设 规范 管理 档案 台账"
)
MARKDOWN_EXTENSIONS = """markdown_extensions:
  - tables
  - attr_list
  - md_in_html
  - admonition
  - toc:
      permalink: false
"""


# -- the synthetic repository ---------------------------------------------------------------
def registry_text() -> str:
    lines = ["timezone: Asia/Shanghai", "branches:", "  - id: town", "    name: 金铺镇党委"]
    lines += ["    feedback: {phone: 0550-5201001, address: 镇党群服务中心}"]
    for bid, name in BRANCHES:
        lines += [f"  - id: {bid}", f"    name: {name}", "    parent: town"]
        lines += [f"    feedback: {{phone: 0550-52{int(bid[1:]):02d}118, person: 村务监督委员会}}"]
    lines += ["categories:"]
    lines += [f"  - id: {cid}\n    name: {name}" for cid, name in CATEGORIES]
    return "\n".join(lines) + "\n"


def sentence(rng: random.Random) -> str:
    return "，".join(
        "".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 6)))
        for _ in range(rng.randint(3, 6))
    )


def body_text(rng: random.Random) -> str:
    """About 3.5 KB: a lead, two headed sections, a table and a list, and a closing line."""
    parts = [sentence(rng) + "。" for _ in range(2)]
    parts += ["## 一、基本情况", sentence(rng) + "。" + sentence(rng) + "。"]
    rows = [f"| {rng.choice(VOCABULARY)} | {rng.randint(100, 99999)}.00 | {sentence(rng)[:12]} |"]
    rows += [
        f"| {rng.choice(VOCABULARY)} | {rng.randint(100, 99999)}.00 | {sentence(rng)[:12]} |"
        for _ in range(rng.randint(3, 6))
    ]
    parts.append("\n".join(["| 项目 | 金额（元） | 说明 |", "|---|---:|---|", *rows]))
    parts += ["## 二、具体事项", "\n".join(f"- {sentence(rng)}；" for _ in range(4))]
    parts += ["\n".join(f"{i}. {sentence(rng)}。" for i in range(1, 4))]
    parts += ["### 附注", sentence(rng) + "。" + sentence(rng) + "。"]
    parts.append("公示期间如有意见，请通过下方渠道反映。")
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Synthetic:
    nid: str
    text: str
    body: str
    attachment: str | None


def notices(count: int) -> list[Synthetic]:
    """Every branch, category, disclosure type and state; supersessions, replies, attachments."""
    rng = random.Random(SEED)
    made: list[Synthetic] = []
    last_of_branch: dict[str, str] = {}
    for i in range(count):
        bid, bname = BRANCHES[i % len(BRANCHES)] if i % 25 else ("town", "金铺镇党委")
        cid = CATEGORIES[rng.randrange(len(CATEGORIES))][0]
        # Mostly past years (archived), the last weeks active/closed, a few days ahead upcoming.
        start = TODAY - timedelta(days=int(rng.expovariate(1 / 900)) % 4000 - 5)
        kind = ("ad-hoc", "periodic", "standing")[0 if i % 7 else (1 if i % 3 else 2)]
        if i % 11 == 0:
            kind = "periodic"
        front = [
            "---",
            f"title: {bname}关于{''.join(rng.choice(VOCABULARY) for _ in range(3))}的公示",
            f"branch: {bid}",
            f"category: {cid}",
            f"disclosure: {kind}",
            "period:",
            f"  start: {start.isoformat()}",
        ]
        if kind != "standing":
            front.append(f"  end: {(start + timedelta(days=rng.choice((5, 7, 15)))).isoformat()}")
            if kind == "periodic":
                front.append(f"expires: {(start + timedelta(days=90)).isoformat()}")
        front += [f"number: {bname[:2]}党〔{start.year}〕{i}号", f"reviewed_by: {bname}委员会"]
        nid = f"{bid}/{start.year}/n{i:05d}"
        previous = last_of_branch.get(bid)
        if previous and previous.split("/")[1] <= str(start.year):
            if i % 50 == 3:
                front.append(f"supersedes: {previous}")
            elif i % 40 == 7:
                front.append(f"responds_to: {previous}")
        attachment = None
        if i % 20 == 5:
            attachment = f"n{i:05d}-明细.csv"
            front.append(f"attachments: [{attachment}]")
        if i % 97 == 13:
            front.append("draft: true")
        front += [f"tags: [{rng.choice(VOCABULARY)}]", "---", ""]
        body = body_text(rng)
        made.append(Synthetic(nid, "\n".join(front) + body + "\n", body, attachment))
        if i % 97 != 13:
            last_of_branch[bid] = nid
    return made


def write_repo(root: Path, made: list[Synthetic]) -> None:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    # the package's bytecode, as `make` writes it in a clone (Makefile: COMPILE)
    compileall.compile_dir(root / "hooks" / "noticeboard", quiet=1)
    (root / "notices").mkdir()
    (root / "notices" / "_board.yml").write_text(registry_text(), encoding="utf-8")
    for n in made:
        path = root / "notices" / f"{n.nid}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(n.text, encoding="utf-8")
        if n.attachment:
            (path.parent / n.attachment).write_text("项目,金额\n党费,1280.00\n", encoding="utf-8")


def write_bare(root: Path, made: list[Synthetic]) -> None:
    """The same bodies as plain Material pages: nav pruned to the home page, no search."""
    (root / "mkdocs.yml").write_text(
        "site_name: bare\nsite_url: https://example.org/bare/\nuse_directory_urls: true\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        "  features: [navigation.prune]\nplugins: []\n"
        + MARKDOWN_EXTENSIONS
        + "nav:\n  - index.md\nnot_in_nav: |\n  /notices/\n",
        encoding="utf-8",
    )
    docs = root / "docs"
    (docs / "notices").mkdir(parents=True)
    (docs / "index.md").write_text("# bare\n", encoding="utf-8")
    for n in made:
        path = docs / "notices" / f"{n.nid}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {n.nid}\n\n{n.body}\n", encoding="utf-8")


# -- running and measuring ------------------------------------------------------------------
# MkDocs run in a child Python that reports its own peak RSS (MkDocs), the indexer's and the time
# spent indexing. The indexer's peak is that of each run of Pagefind's binary as /usr/bin/time
# sees it: RUSAGE_CHILDREN would also count git and the QR worker, and Linux gives a child started
# from MkDocs MkDocs' own peak at its exec (the old memory's high-water mark is kept), so the
# binary is started from the small `time` process instead.
_RUNNER = r"""
import json, resource, subprocess, sys, tempfile, time, types
import noticeboard.mkdocs_adapter as adapter
from mkdocs.__main__ import cli
spent = [0.0]
indexer = [0]
try:
    import noticeboard.publish.search_index as search_index
except ImportError:
    search_index = None
def measured_run(args, capture_output=False, text=False, check=False, **kwargs):
    with tempfile.NamedTemporaryFile() as peak:
        timed = ["/usr/bin/time", "-f", "%M", "-o", peak.name, *map(str, args)]
        done = subprocess.run(timed, capture_output=True, text=text, **kwargs)
        indexer[0] = max(indexer[0], int(open(peak.name).read().split()[-1]) * 1024)
    return subprocess.CompletedProcess(args, done.returncode, done.stdout, done.stderr)
if search_index is not None and hasattr(search_index, "subprocess"):
    search_index.subprocess = types.SimpleNamespace(run=measured_run, PIPE=subprocess.PIPE)
if hasattr(adapter, "write_search_index"):
    inner = adapter.write_search_index
    def timed(*args, **kwargs):
        began = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - began
    adapter.write_search_index = timed
code = 0
try:
    cli(sys.argv[2:], standalone_mode=False)
except SystemExit as exc:
    code = exc.code or 0
except Exception as exc:
    print(exc, file=sys.stderr)
    code = 1
with open(sys.argv[1], "w") as out:
    json.dump({
        "rc": code,
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "children": indexer[0],
        "index": spent[0],
    }, out)
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    mkdocs_rss: int
    indexer_rss: int
    index_seconds: float


def mkdocs_build(root: Path, today: date, ours: bool = True) -> Run:
    env = {**os.environ, "NOTICEBOARD_TODAY": today.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        args = [str(BIN / "python"), "-c", _RUNNER, report.name, "build", "-q"]
        args += ["--strict"] if ours else []
        began = time.perf_counter()
        done = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - began
        facts = json.loads(Path(report.name).read_text() or "{}")
    if done.returncode or facts.get("rc"):
        raise SystemExit(f"mkdocs build failed in {root}:\n{done.stdout}{done.stderr}")
    return Run(seconds, facts["self"], facts["children"], facts["index"])


def check_seconds(root: Path, cache: Path) -> float:
    """`noticeboard check` in a fresh process, its read cache in `cache`."""
    env = {**os.environ, "NOTICEBOARD_CACHE_DIR": str(cache)}
    began = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "noticeboard"), "check", "--today", TODAY.isoformat()],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    seconds = time.perf_counter() - began
    if done.returncode:
        raise SystemExit(f"noticeboard check failed:\n{done.stdout[-2000:]}{done.stderr}")
    return seconds


def first_query_kb(site: Path, browse: bool = False) -> tuple[float, float]:
    """KB /search/'s script fetches for one query (党费), or with `browse` for one browse (the
    first branch, no query), in a fresh Chromium (bench_search.py): as the files lie in site/,
    and gzipped file by file as a static host sends text (Pagefind's own files are gzip inside
    already and barely shrink)."""
    spec = importlib.util.spec_from_file_location("bench_search", REPO / "bench/bench_search.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_search"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    if browse:
        document = json.loads((site / "pagefind/nb-filters.json").read_text(encoding="utf-8"))
        (branches,) = [f["values"] for f in document["filters"] if f["name"] == "branch"]
        fetched, _hits = module.first_query(site, "", {"branch": branches[0]["id"]})
    else:
        fetched, _hits = module.first_query(site, "党费")
    gzipped = sum(len(gzip.compress((site / path).read_bytes(), 9)) for path in fetched)
    for name in ("bench.html", "search.js"):
        (site / name).unlink(missing_ok=True)
    return sum(fetched.values()) / 1024, gzipped / 1024


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


@dataclass(frozen=True)
class Row:
    notices: int
    check: float
    check_warm: float
    build: Run
    baseline: float
    site_mb: float
    first_query_kb: float
    first_query_gzip_kb: float
    first_browse_kb: float
    one_notice: float
    nightly: float


def measure(count: int, runs: int, work: Path) -> Row:
    made = notices(count)
    ours, bare = work / f"ours-{count}", work / f"bare-{count}"
    ours.mkdir()
    bare.mkdir()
    write_repo(ours, made)
    write_bare(bare, made)
    edited = ours / "notices" / f"{made[len(made) // 2].nid}.md"
    original = edited.read_text(encoding="utf-8")
    checks, warm_checks, builds, baselines, singles, nightlies = [], [], [], [], [], []
    for attempt in range(runs):
        read_cache = work / f"check-cache-{count}-{attempt}"
        checks.append(check_seconds(ours, read_cache))  # cold: an empty read cache
        warm_checks.append(check_seconds(ours, read_cache))  # warm: the run before's
        shutil.rmtree(bare / "site", ignore_errors=True)
        baselines.append(mkdocs_build(bare, TODAY, ours=False).seconds)
        for stale in ("site", ".cache"):
            shutil.rmtree(ours / stale, ignore_errors=True)
        builds.append(mkdocs_build(ours, TODAY))
        nightlies.append(mkdocs_build(ours, TODAY + timedelta(days=1)).seconds)
        edited.write_text(original + f"\n补充说明第{attempt + 1}条。\n", encoding="utf-8")
        singles.append(mkdocs_build(ours, TODAY + timedelta(days=1)).seconds)
        edited.write_text(original, encoding="utf-8")
    shutil.rmtree(ours / "site", ignore_errors=True)
    mkdocs_build(ours, TODAY)
    site = ours / "site"
    fetched = first_query_kb(site)
    browsed = first_query_kb(site, browse=True)
    return Row(
        notices=sum(1 for n in made if "draft: true" not in n.text),
        check=min(checks),
        check_warm=min(warm_checks),
        build=Run(
            min(b.seconds for b in builds),
            min(b.mkdocs_rss for b in builds),
            min(b.indexer_rss for b in builds),
            min(b.index_seconds for b in builds),
        ),
        baseline=min(baselines),
        site_mb=folder_mb(site),
        first_query_kb=fetched[0],
        first_query_gzip_kb=fetched[1],
        first_browse_kb=browsed[0],
        one_notice=min(singles),
        nightly=min(nightlies),
    )


def table(rows: list[Row], runs: int) -> str:
    mb = 1024 * 1024
    lines = [
        f"Each figure is the minimum of {runs} run(s). Targets at 10,000: build <= "
        f"{RATIO_TARGET}x baseline, every process <= 1 GB, check <= 2 s, one-notice and "
        "nightly rebuild <= 10 s, first query <= 300 KB.",
        "",
        "| notices (published) | check cold | check warm | build | MkDocs peak RSS "
        "| indexer peak RSS | baseline | ratio | ms/notice | site | index | first query "
        "| first query gzip | first browse | 1-notice rebuild | nightly |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.notices:,} | {r.check:.2f} s | {r.check_warm:.2f} s | {r.build.seconds:.1f} s "
            f"| {r.build.mkdocs_rss / mb:,.0f} MB | {r.build.indexer_rss / mb:,.0f} MB "
            f"| {r.baseline:.1f} s | {r.build.seconds / r.baseline:.2f}x "
            f"| {r.build.seconds / r.notices * 1000:.2f} | {r.site_mb:,.0f} MB "
            f"| {r.build.index_seconds:.1f} s | {r.first_query_kb:,.0f} KB "
            f"| {r.first_query_gzip_kb:,.0f} KB | {r.first_browse_kb:,.0f} KB "
            f"| {r.one_notice:.1f} s | {r.nightly:.1f} s |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv if argv is not None else [])
    print("### Full build vs bare MkDocs + Material\n")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for size in args.sizes:
            rows.append(measure(size, args.runs, Path(tmp)))
    print(table(rows, args.runs))
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
