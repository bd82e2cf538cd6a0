"""Atom feeds of the published notices: one for the whole board, one per branch and category.

Pure: placed notices + registry + site URL in, `{relative path: bytes}` out. Every timestamp in
a feed comes from the notices (or today, for an empty feed), never from the build clock, so two
builds with the same inputs and the same today write byte-identical feeds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from noticeboard import urls
from noticeboard.model import DISCLOSURE_LABELS, Registry
from noticeboard.publish.body import excerpt, plain_text
from noticeboard.publish.lifecycle import Placed
from noticeboard.publish.text import iso_period

FEED_SIZE = 50
SUMMARY_CHARS = 200
ATOM_TYPE = "application/atom+xml"
DEFAULT_SITE_NAME = "党务公开栏"
# Characters XML 1.0 cannot carry at all; lxml refuses them, so they are dropped from text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def build_feeds(
    placed: Mapping[str, Placed],
    registry: Registry,
    site_url: str,
    today: date,
    site_name: str = DEFAULT_SITE_NAME,
    texts: Mapping[str, str] | None = None,
) -> dict[str, bytes]:
    """Every feed of the site, by path relative to the site root.

    `placed` must hold published notices only (`Board.placed()`), so drafts, internal and
    upcoming notices cannot reach a feed. `site_url` is the absolute URL of the site root.
    `texts` holds bodies as plain text by notice id when the caller has them (the pages' own
    render); a notice missing from it is converted here.
    """
    texts = texts or {}
    base = urls.absolute(site_url, "")
    zone = ZoneInfo(registry.timezone)
    newest_first = sorted(placed.values(), key=lambda p: p.notice.id)
    newest_first.sort(key=lambda p: p.notice.start, reverse=True)

    def make(path: str, title: str, listing: str, keep: Callable[[Placed], bool]) -> bytes:
        chosen = [p for p in newest_first if keep(p)][:FEED_SIZE]
        return _atom(path, title, base + listing, chosen, registry, base, zone, today, texts)

    all_feed = urls.ALL_FEED_URL
    feeds = {all_feed: make(all_feed, site_name, urls.BOARD_URL, lambda p: True)}
    for b in registry.branches:
        path = urls.branch_feed_url(b.id)
        title = f"{b.name} · 党务公开"
        feeds[path] = make(path, title, urls.branch_url(b.id), _in_branch(b.id))
    for c in registry.categories:
        path = urls.category_feed_url(c.id)
        title = f"{c.name} · {site_name}"
        feeds[path] = make(path, title, urls.category_url(c.id), _in_category(c.id))
    return feeds


def _in_branch(branch_id: str) -> Callable[[Placed], bool]:
    return lambda p: p.notice.branch == branch_id


def _in_category(category_id: str) -> Callable[[Placed], bool]:
    return lambda p: p.notice.category == category_id


def _atom(
    path: str,
    title: str,
    listing_url: str,
    chosen: Iterable[Placed],
    registry: Registry,
    base: str,
    zone: ZoneInfo,
    today: date,
    texts: Mapping[str, str],
) -> bytes:
    chosen = list(chosen)
    fg = FeedGenerator()
    fg.id(base + path)
    fg.title(_xml_text(title))
    fg.language("zh")
    fg.link(href=base + path, rel="self", type=ATOM_TYPE)
    fg.link(href=listing_url, rel="alternate", type="text/html")
    # feedgen stamps its own version into <generator>; name ours so a feedgen upgrade alone
    # does not change every feed.
    fg.generator("noticeboard")
    newest = max((p.notice.start for p in chosen), default=today)
    fg.updated(_midnight(newest, zone))
    for p in chosen:
        _add_entry(fg, p, registry, base, zone, texts.get(p.notice.id))
    atom: bytes = fg.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return atom


def _add_entry(
    fg: FeedGenerator,
    placed: Placed,
    registry: Registry,
    base: str,
    zone: ZoneInfo,
    text: str | None,
) -> None:
    notice = placed.notice
    branch = registry.branch(notice.branch)
    category = registry.category(notice.category)
    branch_name = branch.name if branch else notice.branch
    issuer = registry.issuer_name(notice.branch, notice.issuer)
    url = base + urls.notice_url(notice.id)
    entry = fg.add_entry(order="append")
    entry.id(url)
    entry.title(_xml_text(notice.title))
    entry.link(href=url, rel="alternate", type="text/html")
    entry.published(_midnight(notice.start, zone))
    entry.updated(_midnight(notice.start, zone))
    entry.author(name=_xml_text(issuer))
    entry.category(
        term=notice.category,
        label=_xml_text(category.name if category else notice.category),
        scheme=base + urls.CATEGORIES_URL,
    )
    entry.summary(_summary(placed, branch_name if issuer == branch_name else issuer, text))


def _summary(placed: Placed, branch_name: str, text: str | None = None) -> str:
    """`【state】 branch · number · disclosure, period. excerpt` as plain text."""
    notice = placed.notice
    facts = [branch_name]
    if notice.number:
        facts.append(notice.number)
    facts.append(f"{DISCLOSURE_LABELS.get(notice.disclosure, notice.disclosure)}公开")
    facts.append(f"公示期 {iso_period(notice.start, notice.end)}")
    head = f"【{placed.label}】" + " · ".join(facts) + "。"
    if text is None:
        excerpt_text = plain_excerpt(notice.body, SUMMARY_CHARS)
    else:
        excerpt_text = excerpt(" ".join(_xml_text(text).split()), SUMMARY_CHARS)
    return _xml_text(f"{head} {excerpt_text}" if excerpt_text else head)


def plain_excerpt(body: str, limit: int = SUMMARY_CHARS) -> str:
    """The first `limit` characters of a Markdown body as plain text, with `…` if cut.

    The words the notice page shows (`body.plain_text`), so no markup or raw HTML from the
    notice reaches a feed reader, and no character XML cannot carry.
    """
    return excerpt(" ".join(_xml_text(plain_text(body)).split()), limit)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    """A day as a timestamp: its first moment in the board's timezone (+08:00 by default)."""
    return datetime.combine(day, time(0, 0), tzinfo=zone)
