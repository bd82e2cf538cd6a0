"""Make a Pagefind bundle byte-reproducible: same records in, same files out.

Pagefind (1.5.2, `pagefind/src/index/mod.rs`) keeps filter values in a hash map seeded at
random per run, so each `filter/*.pf_filter` lists its values in a different order every build;
the file is named by its content hash, `pagefind.<hash>.pf_meta` lists those names (and the
filters themselves in hash-map order), and `pagefind-entry.json` names the meta file. The word
index and the fragments are already stable.

After indexing, this rewrites the filter files with their values sorted, names them by a hash of
the new content, rewrites the meta file with its filters and sorts in name order, and points the
entry file at it. The browser reads these files by the names the meta and entry give, never by
checking a hash. Each file is `gzip("pagefind_dcd" + CBOR)`; the CBOR is re-encoded by cbor2,
which writes the same canonical form as Pagefind's minicbor (definite lengths, shortest ints).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
# Index of each field in Pagefind's CBOR arrays (`index_metadata.rs`, `index_filter.rs`).
_META_FILTERS = 3
_META_SORTS = 4
_FILTER_VALUES = 1


class BundleFormatError(RuntimeError):
    """The bundle is not in the shape this Pagefind version writes (a Pagefind upgrade)."""


def read_cbor(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BundleFormatError(f"{path.name}: no Pagefind signature")
    return cbor2.loads(raw[len(SIGNATURE) :])


def pack(data: Any) -> bytes:
    """Pagefind's file format, with a gzip header that carries no time or file name."""
    return gzip.compress(SIGNATURE + cbor2.dumps(data), compresslevel=9, mtime=0)


def _name(language: str, content: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(content).hexdigest()[:length]}"


def sorted_filter(data: list[Any]) -> list[Any]:
    """`[filter, [[value, [pages…]], …]]` with its values in value order."""
    values = sorted(data[_FILTER_VALUES], key=lambda value: value[0])
    return [*data[:_FILTER_VALUES], values, *data[_FILTER_VALUES + 1 :]]


def normalise_bundle(bundle: Path) -> None:
    """Rewrite the filter, meta and entry files of `bundle` in a stable order, in place."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_cbor(meta_path)
        try:
            filters = meta[_META_FILTERS]
            sorts = meta[_META_SORTS]
        except (IndexError, TypeError):
            raise BundleFormatError(f"{meta_path.name}: unexpected layout") from None
        renamed: list[list[str]] = []
        for name, old_hash in filters:
            old = bundle / "filter" / f"{old_hash}.pf_filter"
            data = pack(sorted_filter(read_cbor(old)))
            new_hash = _name(language, data, 12)
            old.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            renamed.append([name, new_hash])
        meta[_META_FILTERS] = sorted(renamed)
        meta[_META_SORTS] = sorted(sorts, key=lambda sort: sort[0])
        data = pack(meta)
        meta_hash = _name(language, data, 10)
        meta_path.unlink()
        (bundle / f"pagefind.{meta_hash}.pf_meta").write_bytes(data)
        info["hash"] = meta_hash
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )
