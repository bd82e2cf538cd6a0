"""Reading one notice file into a `Notice`, with every per-file problem found on the way.

The steps: bytes to text (`source`), front matter to typed fields (`fieldtypes`), then, unless
the notice is a draft, the publication rules (`noticerules`) and the privacy scan (`privacy`).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from noticeboard import urls
from noticeboard.files import Stamp, stamp_from, stamp_of
from noticeboard.i18n import _
from noticeboard.load import notice_resolve as resolve
from noticeboard.load.body_limits import body_problems
from noticeboard.load.cross_rules import CrossFacts
from noticeboard.load.field_types import Fields, read_fields, type_name
from noticeboard.load.fields import PLACEHOLDER_MARK
from noticeboard.load.notice_resolve import NoticePlace, Unfound, locate_attachment
from noticeboard.load.notice_rules import PUBLICATION_RULES
from noticeboard.load.privacy import yaml_findings
from noticeboard.load.reporter import Reporter
from noticeboard.load.source import FrontMatterDoc, SourceError, decode, split_front_matter
from noticeboard.model import Attachment, Notice, Registry
from noticeboard.problems import Problem, error


@dataclass(frozen=True)
class NoticeRead:
    """One file read: the Notice (None on any error), its problems, and, for a non-draft,
    the facts the cross-notice rules need (present even when the file has errors)."""

    notice: Notice | None
    problems: list[Problem]
    facts: CrossFacts | None = None
    # The attachments it names, each with what was found there: the only other files a
    # reading depends on (their place, size and, for the privacy scan, content).
    attachments: tuple[AttachmentSeen, ...] = ()

    def attachments_unchanged(self, file: Path, root: Path) -> bool:
        """Whether every attachment this reading named is still as it was then."""
        place = NoticePlace(file, root / urls.NOTICES_DIR, ())
        return all(attachment_seen(place, seen.path) == seen for seen in self.attachments)


@dataclass(frozen=True)
class AttachmentSeen:
    """An attachment path as a reading found it: where it led and, for a file, its size and
    modification time (a changed file has another time, so its content is read again)."""

    path: str
    found: Attachment | Unfound
    stamp: Stamp | None


def attachment_seen(place: NoticePlace, path: str) -> AttachmentSeen:
    found = locate_attachment(place, path)
    file = place.notices_dir / found.path if isinstance(found, Attachment) else None
    return AttachmentSeen(path, found, stamp_of(file) if file is not None else None)


def read_notice_file(
    file: Path, root: Path, registry: Registry | None, data: bytes | None = None
) -> NoticeRead:
    """Read and check one notice (its bytes `data` when already read, see `notice_bytes`).
    A draft gets the syntax checks only; it comes back as a Notice when complete enough."""
    rel = relative(file, root)
    try:
        text = decode(_read_bytes(file)[0] if data is None else data, rel)
        doc = split_front_matter(text)
    except SourceError as exc:
        return NoticeRead(None, [error(rel, exc.line, exc.message)])
    except OSError as exc:
        message = _("cannot read the file: {reason}").format(reason=exc.strerror or exc)
        return NoticeRead(None, [error(rel, 1, message)])
    r = Reporter(rel, doc.meta.lines, doc.meta.first_line)
    for key, line in doc.meta.duplicates:
        r.err_at(
            line,
            _("'{key}' is written twice (first on line {first}); keep one").format(
                key=key, first=r.line(key)
            ),
            key,
        )
    meta = doc.meta.data
    if meta is None:
        r.err("", _("the front matter is empty: add title, branch, category, disclosure, period"))
        return NoticeRead(None, r.problems)
    if not isinstance(meta, dict):
        r.err(
            "",
            _("the front matter must be 'key: value' lines, not {kind}").format(
                kind=type_name(meta)
            ),
        )
        return NoticeRead(None, r.problems)
    fields = read_fields(r, meta)
    if fields.scope == "internal" and registry is not None and registry.repository == "public":
        r.err(
            "scope",
            _(
                "notices for Party members only (scope: internal) must not be committed to a "
                "public repository: {registry} says 'repository: public', so anyone can "
                "read this file; commit it to the Party organisation's private repository "
                "(repository: private) and delete it here"
            ).format(registry=urls.REGISTRY_SOURCE),
        )
    place = NoticePlace(file, root / urls.NOTICES_DIR, _id_parts(rel))
    # Before the rules read them: a file changed meanwhile has a newer time than recorded.
    seen = tuple(attachment_seen(place, path) for path in fields.attachments)
    facts = None
    if not fields.draft:
        for rule in PUBLICATION_RULES:
            rule(r, fields, registry, place)
        _privacy(r, text, meta)
        _placeholder(r, fields, doc)
        for problem in body_problems(doc.body):
            r.err_at(doc.body_line + problem.line - 1, problem.message, "body")
        facts = _facts(rel, place, fields, registry, doc.meta.lines)
    notice = _assemble(place, fields, registry, doc) if not r.problems else None
    return NoticeRead(notice, r.problems, facts, attachments=seen)


def _facts(
    rel: str, place: NoticePlace, f: Fields, registry: Registry | None, lines: dict[str, int]
) -> CrossFacts:
    return CrossFacts(
        rel=rel,
        id="/".join(place.parts),
        branch=resolve.branch_id(f, registry),
        category=resolve.category_id(f, registry),
        scope=f.scope,
        number=f.number,
        supersedes=f.supersedes,
        responds_to=f.responds_to,
        fulfils=f.fulfils,
        feedback=f.feedback,
        lines=lines,
    )


MAX_NOTICE_BYTES = 2_000_000


def notice_bytes(file: Path) -> bytes | None:
    """The file's bytes when it is a readable notice-sized regular file, else None (then
    `read_notice_file` reads it and says what is wrong)."""
    found = stamped_bytes(file)
    return None if found is None else found[0]


def stamped_bytes(file: Path) -> tuple[bytes, Stamp] | None:
    """`notice_bytes`, with the stamp of the file as opened, taken before its bytes were read
    (the read cache's rule: a file changed meanwhile has a newer time than recorded); `stat`
    before the open took 0.1 s at 10,000 files."""
    try:
        return _read_bytes(file)
    except (SourceError, OSError):
        return None


def _not_regular() -> SourceError:
    return SourceError(
        _(
            "this is not a regular file (a link to a device or a folder?); "
            "replace it with a .md file"
        ),
        1,
    )


def _read_bytes(file: Path) -> tuple[bytes, Stamp]:
    """The file's bytes and stamp (`files.stamp_of`, from the open file); a device, pipe or
    runaway file (e.g. a link to /dev/zero) is refused.

    Opened first, then asked what it is (one path lookup, not two: 10,000 of them count), and
    opened without waiting, so a named pipe is refused rather than waited on."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        if not file.is_file():  # a dangling link, say
            raise _not_regular() from None
        raise
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise _not_regular()
        if found.st_size > MAX_NOTICE_BYTES:
            raise _too_large()
        # One read of the size it has (a read of MAX + 1 set up 2 MB for each 4 KB notice);
        # a byte more tells that it has grown since, then the rest is read to its end.
        data = os.read(fd, found.st_size + 1)
        while len(data) > found.st_size and len(data) <= MAX_NOTICE_BYTES:
            more = os.read(fd, 1 << 16)
            if not more:
                break
            data += more
    finally:
        os.close(fd)
    if len(data) > MAX_NOTICE_BYTES:
        raise _too_large()
    return data, stamp_from(found)


def _too_large() -> SourceError:
    return SourceError(
        _(
            "the file is larger than {size} MB: a notice is text; "
            "put tables and scans in attachments"
        ).format(size=MAX_NOTICE_BYTES // 1_000_000),
        1,
    )


def relative(file: Path, root: Path) -> str:
    """`file`'s path from `root`, with '/' (string work: pathlib is slow at 10,000 files)."""
    prefix = str(root) + os.sep
    path = str(file)
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return file.relative_to(root).as_posix()


def _id_parts(rel: str) -> tuple[str, ...]:
    """`notices/jinpu/2024/x.md` → ('jinpu', '2024', 'x')."""
    notice_id = urls.notice_id_of(rel)
    return tuple(notice_id.split("/")) if notice_id else ()


def _placeholder(r: Reporter, fields: Fields, doc: FrontMatterDoc) -> None:
    """The outline `noticeboard new` writes must be replaced before a notice is published."""
    if fields.title and PLACEHOLDER_MARK in fields.title:
        r.err(
            "title",
            _(
                "'title' still has the template's placeholder '{mark}…）'; write the real title"
            ).format(mark=PLACEHOLDER_MARK),
        )
    at = doc.body.find(PLACEHOLDER_MARK)
    if at >= 0:
        r.err_at(
            doc.body_line + doc.body.count("\n", 0, at),
            _(
                "the body still has the template's placeholder '{mark}…）'; replace it with the "
                "notice's content (or keep 'draft: true' until it is written)"
            ).format(mark=PLACEHOLDER_MARK),
            "body",
        )


def _privacy(r: Reporter, text: str, meta: dict[str, Any]) -> None:
    """Scan the file's own lines (exact line numbers), then the parsed strings for numbers
    written with YAML escapes that only appear once parsed; those get their key's line."""
    for finding, key in yaml_findings(text, meta):
        if key is None:
            r.err_at(finding.line, finding.message(), "privacy")
        else:
            r.err(key, finding.message())


def _assemble(
    place: NoticePlace, f: Fields, registry: Registry | None, doc: FrontMatterDoc
) -> Notice | None:
    """The Notice, from the checked fields; a draft never lists attachments (never published)."""
    branch = resolve.branch_id(f, registry)
    category = resolve.category_id(f, registry)
    if not (f.title and branch and category and f.disclosure and f.start):
        return None
    expires = f.expires if f.expires else (None if f.disclosure == "standing" else f.end)
    return Notice(
        id="/".join(place.parts),
        title=f.title,
        branch=branch,
        category=category,
        disclosure=f.disclosure,
        start=f.start,
        end=f.end,
        expires=expires,
        body=doc.body,
        body_line=doc.body_line,
        number=f.number,
        reviewed_by=f.reviewed_by,
        major=f.major,
        approved_by=f.approved_by,
        scope=f.scope,
        draft=f.draft,
        feedback=f.feedback,
        supersedes=f.supersedes,
        responds_to=f.responds_to,
        fulfils=f.fulfils,
        corrections=f.corrections,
        opinions_received=f.opinions_received,
        attachments=() if f.draft else resolve.attachments(f, place),
        tags=f.tags,
        issuer=resolve.issuer_id(f, registry),
        lines=doc.meta.lines,  # the facts share it: pickled once (nothing changes it now)
    )
