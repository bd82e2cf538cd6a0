"""Which pages of a built site the gates look at: every page, or a spread that covers each kind."""

from __future__ import annotations

from pathlib import Path

# Pages every quality gate checks whatever the spread picks: the board in columns, a branch page
# (columns, print link), its printable board and the guide with its generated label table.
ALWAYS_CHECKED = (
    "index.html",
    "branches/jinpu/index.html",
    "branches/jinpu/print/index.html",
    "guide/index.html",
)


def with_always_checked(site_dir: Path, chosen: list[Path]) -> list[Path]:
    """`chosen` plus the ALWAYS_CHECKED pages the site has."""
    extra = [site_dir / rel for rel in ALWAYS_CHECKED if (site_dir / rel).is_file()]
    return sorted(set(chosen) | set(extra))


def html_pages(site_dir: Path) -> list[Path]:
    """Every HTML file the build wrote, in a stable order."""
    return sorted(site_dir.rglob("*.html"))


def url_path(site_dir: Path, page: Path) -> str:
    """The URL path a browser uses for `page`: `/`, `/notices/a/2026/x/`, `/404.html`."""
    rel = page.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel.removesuffix("index.html")
    return "/" + rel


def _kind(site_dir: Path, page: Path) -> tuple[str, int]:
    """Pages of one kind share their first URL segment and their depth (`notices`, 4)."""
    parts = page.relative_to(site_dir).parts
    return (parts[0] if len(parts) > 1 else parts[0].removesuffix(".html"), len(parts))


def representative(site_dir: Path, pages: list[Path], per_kind: int = 2) -> list[Path]:
    """The first and last pages of every kind: the home page, each listing kind and its
    children, a few notices, each hand-written page. Grows by itself as new kinds land."""
    kinds: dict[tuple[str, int], list[Path]] = {}
    for page in pages:
        kinds.setdefault(_kind(site_dir, page), []).append(page)
    chosen: list[Path] = []
    for group in kinds.values():
        picks = group if len(group) <= per_kind else [*group[: per_kind - 1], group[-1]]
        chosen.extend(picks)
    return sorted(set(chosen))


def spread(site_dir: Path, pages: list[Path], limit: int) -> list[Path]:
    """Every page when there are at most `limit`; else every kind plus an even stride of the
    rest, so a big archive is still checked across its whole range."""
    if len(pages) <= limit:
        return pages
    chosen = set(representative(site_dir, pages))
    rest = [p for p in pages if p not in chosen]
    room = max(limit - len(chosen), 0)
    chosen.update(rest[i * len(rest) // room] for i in range(min(room, len(rest))))
    return sorted(chosen)
