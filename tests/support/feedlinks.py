"""Feeds that pages advertise with <link rel="alternate" type="application/atom+xml">."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

ATOM_LINK = 'link[rel~="alternate"][type="application/atom+xml"]'


def advertised_feeds(site_dir: Path, base: str) -> list[tuple[Path, str, Path | None]]:
    """(page, href, file in site_dir or None when it points outside the site) for each link.

    `base` is the URL path the site is served under (`/noticeboard/`); hrefs may be relative,
    root-relative or absolute URLs.
    """
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        here = urljoin(base, page.relative_to(site_dir).as_posix())
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for link in soup.select(ATOM_LINK):
            target = urlsplit(urljoin(here, link.get("href", ""))).path
            inside = target.startswith(base)
            found.append(
                (
                    page,
                    link.get("href", ""),
                    site_dir / target.removeprefix(base) if inside else None,
                )
            )
    return found


def broken_feed_links(site_dir: Path, base: str) -> list[str]:
    return [
        f"{page.relative_to(site_dir)}: {href}"
        for page, href, file in advertised_feeds(site_dir, base)
        if file is None or not file.is_file()
    ]
