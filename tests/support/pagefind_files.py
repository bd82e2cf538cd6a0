"""Reading a written Pagefind bundle in tests: what its results show, what its filters hold."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from noticeboard.publish.pagefind_bundle import read_cbor

SIGNATURE = b"pagefind_dcd"


def fragments_text(folder: Path) -> str:
    """What the bundles under `folder` show in results (Pagefind puts U+200B between words)."""
    return "".join(
        gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
        for p in sorted(folder.rglob("fragment/*.pf_fragment"))
    ).replace("\u200b", "")


def meta_of(bundle: Path) -> list[Any]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return read_cbor(bundle / f"pagefind.{entry['languages']['zh']['hash']}.pf_meta")


def filter_of(bundle: Path, name: str) -> dict[str, list[str]]:
    """A filter of the bundle as value -> the URLs of its pages, read the way Pagefind's
    script reads it: the meta names the filter file, whose page numbers index the meta's
    page list, whose fragments give each page's URL."""
    meta = meta_of(bundle)
    urls = []
    for page_hash, _words in meta[1]:
        raw = gzip.decompress((bundle / "fragment" / f"{page_hash}.pf_fragment").read_bytes())
        urls.append(json.loads(raw[len(SIGNATURE) :])["url"])
    (file_hash,) = [file_hash for filter_name, file_hash in meta[3] if filter_name == name]
    data = read_cbor(bundle / "filter" / f"{file_hash}.pf_filter")
    assert data[0] == name
    return {value: sorted(urls[i] for i in pages) for value, pages in data[1]}
