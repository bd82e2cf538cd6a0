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

It also lists one more word-index chunk in the meta, last: a chunk for the empty word, holding
no word (`_empty_word_chunk`). A search without words (browsing by filters: `search(null)`)
asks for the chunk of the word "", finds none in Pagefind 1.5.2's own list and then loads every
chunk the bundle has (7.9 MB at 10,000 notices, for a search that reads none of them). With
this chunk listed, that search finds it and loads it alone (a few dozen bytes). No word of a
query is "", so a query never picks it where a real chunk would do (the list is searched in
order, this one last).

A bundle can also take filters it was not indexed with (`with_filters`): the ones that change
from day to day (a notice's state) are added to a kept bundle at each build, as one more filter
file and a new meta and entry file, so the index itself never has to be built again for them.
A filter file names pages by their position in the meta's page list; `page_urls` reads which
page is where from the fragments, once, when the bundle is indexed.
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
_META_PAGES = 1
_META_CHUNKS = 2
_META_FILTERS = 3
_META_SORTS = 4
_FILTER_VALUES = 1
ENTRY = "pagefind-entry.json"


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


def _entry(bundle: Path) -> dict[str, Any]:
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    if not isinstance(entry, dict) or not isinstance(entry.get("languages"), dict):
        raise BundleFormatError(f"{ENTRY}: unexpected layout")
    return entry


def meta_name(hash_: str) -> str:
    return f"pagefind.{hash_}.pf_meta"


def _meta(bundle: Path, info: dict[str, Any]) -> tuple[Path, list[Any]]:
    """A language's meta file and its content, checked for the fields this module uses."""
    path = bundle / meta_name(info["hash"])
    meta = read_cbor(path)
    try:
        fields = (_META_PAGES, _META_CHUNKS, _META_FILTERS, _META_SORTS)
        if not all(isinstance(meta[i], list) for i in fields):
            raise TypeError
    except (IndexError, TypeError):
        raise BundleFormatError(f"{path.name}: unexpected layout") from None
    return path, meta


def _dump_entry(entry: dict[str, Any]) -> bytes:
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _empty_word_chunk(bundle: Path, language: str) -> list[str]:
    """Write the index chunk of the empty word (no word in it); its entry in the meta's chunk
    list, `[from, to, name]`."""
    data = pack([[]])
    name = _name(language, data, 7)
    (bundle / "index").mkdir(exist_ok=True)
    (bundle / "index" / f"{name}.pf_index").write_bytes(data)
    return ["", "", name]


def normalise_bundle(bundle: Path) -> None:
    """Rewrite the filter, meta and entry files of `bundle` in a stable order, in place."""
    entry = _entry(bundle)
    for language, info in sorted(entry["languages"].items()):
        meta_path, meta = _meta(bundle, info)
        filters = meta[_META_FILTERS]
        sorts = meta[_META_SORTS]
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
        meta[_META_CHUNKS] = [*meta[_META_CHUNKS], _empty_word_chunk(bundle, language)]
        data = pack(meta)
        meta_hash = _name(language, data, 10)
        meta_path.unlink()
        (bundle / meta_name(meta_hash)).write_bytes(data)
        info["hash"] = meta_hash
    (bundle / ENTRY).write_bytes(_dump_entry(entry))


def page_urls(bundle: Path) -> dict[str, list[str]]:
    """Each language's page URLs in the order of its meta's page list (the positions filter
    files use), from the pages' fragments."""
    found: dict[str, list[str]] = {}
    for language, info in sorted(_entry(bundle)["languages"].items()):
        _path, meta = _meta(bundle, info)
        urls: list[str] = []
        for page in meta[_META_PAGES]:
            raw = gzip.decompress((bundle / "fragment" / f"{page[0]}.pf_fragment").read_bytes())
            if not raw.startswith(SIGNATURE):
                raise BundleFormatError(f"{page[0]}.pf_fragment: no Pagefind signature")
            urls.append(str(json.loads(raw[len(SIGNATURE) :])["url"]))
        found[language] = urls
    return found


def with_filters(
    bundle: Path, pages: dict[str, list[str]], filters: dict[str, dict[str, str]]
) -> dict[str, bytes]:
    """The files that give the bundle in `bundle` more filters, by path in the bundle: the new
    filter files, a meta file that lists them too, and an entry file naming that meta. The
    rest of the bundle is used as it is (its own meta and entry files are not).

    `pages` is `page_urls(bundle)`; `filters` maps each new filter's name to a value per page
    URL (one value each; a page missing from it has none). A filter the bundle already has is
    replaced."""
    entry = _entry(bundle)
    files: dict[str, bytes] = {}
    for language, info in sorted(entry["languages"].items()):
        _path, meta = _meta(bundle, info)
        urls = pages.get(language, [])
        if len(urls) != len(meta[_META_PAGES]):
            raise BundleFormatError(f"{language}: the page list does not match the bundle")
        listed = [pair for pair in meta[_META_FILTERS] if pair[0] not in filters]
        for name, by_url in sorted(filters.items()):
            values: dict[str, list[int]] = {}
            for position, url in enumerate(urls):
                if url in by_url:
                    values.setdefault(by_url[url], []).append(position)
            data = pack([name, sorted([value, found] for value, found in values.items())])
            hash_ = _name(language, data, 12)
            files[f"filter/{hash_}.pf_filter"] = data
            listed.append([name, hash_])
        meta = [*meta[:_META_FILTERS], sorted(listed), *meta[_META_FILTERS + 1 :]]
        data = pack(meta)
        meta_hash = _name(language, data, 10)
        files[meta_name(meta_hash)] = data
        info["hash"] = meta_hash
    files[ENTRY] = _dump_entry(entry)
    return files
