"""Messages for people: English msgids in the code, Chinese (the default) from a gettext catalogue.

Branch staff read `check`, the build and the CLI in Chinese; `--lang en` (every command) or
`NOTICEBOARD_LANG=en` gives English. The catalogue is standard gettext, extracted with Babel:
`locale/zh/LC_MESSAGES/noticeboard.po` is the source (checked in); the `.mo` beside it is compiled
from it by `make messages`, by the install step of `make`, or here on first use when it is
missing or older than the `.po` (so a fresh clone or `pip install -e .` just works).

How to add a message (three steps; `tests/test_messages.py` fails until all are done):

1. Wrap the English text in `_()` where the message is made, with named `{placeholders}`
   filled by `.format()` *after* the call, never an f-string inside it (Babel extracts only
   literal text)::

       from noticeboard.i18n import _
       r.err("period.end", _("'{key}' ({end}) is before 'period.start' ({start})").format(
           key="period.end", end=f.end, start=f.start))

   Keep field names (`period.end`, `reviewed_by`) and values in placeholders or quotes exactly
   as written in the file: the Chinese text must name the same keys. End with a short
   suggestion of what to write instead. For text defined at import time (module constants),
   mark it with `N_()` and translate it with `_()` where it is used.
2. Run `make messages`: it extracts every msgid into the catalogue (sorted, no line numbers,
   so parallel branches merge cleanly) and compiles the `.mo`.
3. Open `hooks/noticeboard/locale/zh/LC_MESSAGES/noticeboard.po`, fill the empty `msgstr ""`
   of your new entries in plain Chinese with the same `{placeholders}`, run `make messages`
   again. A missing or fuzzy translation, a placeholder that differs, or an entry the code no
   longer uses fails the tests.

Never build a message from translated fragments in an order that only works in English; give
the translator the whole sentence. Never use `_` as a throwaway name (`*_`, `for _, x in`) in a
function of a module that imports it: the function's `_()` would then be that value.
Tests read the English msgids (tests/conftest.py sets NOTICEBOARD_LANG=en); a test that reads
the Chinese asks for the `chinese` fixture.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache
from pathlib import Path

LANG_ENV = "NOTICEBOARD_LANG"
DEFAULT_LANGUAGE = "zh"
LANGUAGES: tuple[str, ...] = ("zh", "en")
"""`zh` reads the catalogue; `en` is the msgids themselves."""
DOMAIN = "noticeboard"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_override: list[str] = []


class LanguageError(ValueError):
    """A language that is neither zh nor en (already a translated, user-facing message)."""


def parse_language(value: str, source: str) -> str:
    """`zh` or `en` from what a user wrote (`--lang`, the environment); else LanguageError."""
    cleaned = value.strip().lower()
    if cleaned in LANGUAGES:
        return cleaned
    raise LanguageError(
        _("{source}: unknown language '{value}'; write zh (Chinese, the default) or en").format(
            source=source, value=value
        )
    )


def environment_language() -> str:
    """The language NOTICEBOARD_LANG asks for (zh when unset); LanguageError when invalid."""
    raw = os.environ.get(LANG_ENV, "")
    return parse_language(raw, LANG_ENV) if raw.strip() else DEFAULT_LANGUAGE


def use_language(lang: str | None) -> None:
    """Fix the language for this process (the CLI's `--lang`); None goes back to the environment."""
    _override.clear()
    if lang is not None:
        _override.append(lang)


def current_language() -> str:
    """`--lang` if given, else NOTICEBOARD_LANG, else Chinese; never raises (see
    `environment_language` for the check that reports a bad value)."""
    if _override:
        return _override[0]
    raw = os.environ.get(LANG_ENV, "").strip().lower()
    return raw if raw in LANGUAGES else DEFAULT_LANGUAGE


def _(message: str) -> str:
    """The message in the current language."""
    return translations(current_language()).gettext(message)


def N_(message: str) -> str:
    """Marks text for extraction without translating it yet (module constants)."""
    return message


def po_path(lang: str = DEFAULT_LANGUAGE) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`: the compiled `.mo`, compiled afresh when missing or stale."""
    if lang == "en":
        return gettext.NullTranslations()
    po = po_path(lang)
    mo = po.with_suffix(".mo")
    if mo.is_file() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    data = compile_po(po)
    _store(mo, data)
    return gettext.GNUTranslations(io.BytesIO(data))


def compile_po(po: Path) -> bytes:
    """The `.mo` bytes of a `.po` (fuzzy entries left out, as `pybabel compile` does)."""
    from babel.messages.mofile import write_mo  # only when the .mo must be (re)built
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _store(mo: Path, data: bytes) -> None:
    """Write the compiled catalogue for next time; a read-only install just compiles again."""
    temporary = mo.with_name(f"{mo.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, mo)
    except OSError:
        temporary.unlink(missing_ok=True)
