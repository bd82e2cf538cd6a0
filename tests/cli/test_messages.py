"""Messages: Chinese by default from the gettext catalogue, English on request, all translated."""

from __future__ import annotations

import io
import os
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from noticeboard import i18n
from noticeboard.cli.main import main
from support.cli import console_script, in_process
from support.notice_text import SHORT_NOTICE as GOOD

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "hooks" / "noticeboard"


def code_msgids() -> set[str]:
    """Every msgid in the package, extracted the way `make messages` does (babel.cfg)."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(
        str(PACKAGE), method_map, options_map, keywords={"_": None, "N_": None}
    )
    return {msgid for _file, _line, msgid, _comments, _context in found}


def catalogue() -> dict[str, tuple[str, bool]]:
    with i18n.po_path().open("rb") as handle:
        po = read_po(handle)
    return {m.id: (m.string, m.fuzzy) for m in po if m.id}


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_message_in_the_code_has_a_chinese_translation() -> None:
    used, po = code_msgids(), catalogue()
    assert used, "extraction found no messages: babel.cfg no longer matches the package"
    untranslated = sorted(m for m in used if not po.get(m, ("", False))[0] or po[m][1])
    assert not untranslated, (
        "messages without a (non-fuzzy) Chinese translation: run `make messages`, then fill "
        "their msgstr in hooks/noticeboard/locale/zh/LC_MESSAGES/noticeboard.po:\n"
        + "\n".join(untranslated)
    )


def test_the_catalogue_holds_no_message_the_code_no_longer_uses() -> None:
    stale = sorted(set(catalogue()) - code_msgids())
    assert not stale, "run `make messages` to drop these from the catalogue:\n" + "\n".join(stale)


def test_translations_keep_the_placeholders_of_their_msgid() -> None:
    wrong = {
        msgid: text
        for msgid, (text, _fuzzy) in catalogue().items()
        if text and fields(text) != fields(msgid)
    }
    assert not wrong, f"placeholders differ between msgid and msgstr: {wrong}"


def test_a_missing_or_stale_mo_is_compiled_from_the_po(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "zh" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "noticeboard.po"
    po.write_text('msgid "hello"\nmsgstr "你好"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        assert i18n.translations("zh").gettext("hello") == "你好"
        assert (folder / "noticeboard.mo").is_file()
        po.write_text('msgid "hello"\nmsgstr "您好"\n', encoding="utf-8")
        os.utime(folder / "noticeboard.mo", ns=(0, 0))  # older than the edited .po
        i18n.translations.cache_clear()
        assert i18n.translations("zh").gettext("hello") == "您好"
    finally:
        i18n.translations.cache_clear()


@pytest.fixture
def run(monkeypatch, capsys):
    """`noticeboard ARGS` in this process from `cwd` on 2024-06-15, NOTICEBOARD_LANG unset
    unless `env` sets it (the autouse fixture's English is what these tests must not get)."""
    call = in_process(monkeypatch, capsys)
    return lambda args, cwd, **env: call(args, cwd, {**PLAIN_ENV, **env})


PLAIN_ENV: dict[str, str | None] = {"NOTICEBOARD_TODAY": "2024-06-15", "NOTICEBOARD_LANG": None}


def test_the_console_script_speaks_chinese_without_being_asked(repo) -> None:
    """The installed script in a fresh process: no language state left by another test."""
    done = console_script(["check"], repo({"jinpu/2024/ok.md": GOOD}), PLAIN_ENV)
    assert done.returncode == 0, done.stderr
    assert "已检查 1 篇公示：0 个错误，0 个警告" in done.stderr


def test_messages_are_chinese_by_default(run, repo) -> None:
    done = run(["check"], repo({"jinpu/2024/ok.md": GOOD}))
    assert done.returncode == 0
    assert "已检查 1 篇公示：0 个错误，0 个警告" in done.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--lang", "en", "check"], {}),
        (["check", "--lang", "en"], {}),
        (["check", "--lang=en"], {}),
        (["check"], {"NOTICEBOARD_LANG": "en"}),
        (["check", "--lang", "en"], {"NOTICEBOARD_LANG": "zh"}),
    ],
)
def test_english_on_request(run, repo, args: list[str], env: dict[str, str]) -> None:
    done = run(args, repo({"jinpu/2024/ok.md": GOOD}), **env)
    assert done.returncode == 0, done.stderr
    assert "checked 1 notice(s): 0 error(s), 0 warning(s)" in done.stderr


def test_chinese_on_request_overrides_the_environment(repo, capsys) -> None:
    root = repo({"jinpu/2024/ok.md": GOOD})
    assert main(["--root", str(root), "check", "--lang", "zh"]) == 0
    assert "已检查 1 篇公示" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "env", "source"),
    [
        (["check", "--lang", "xx"], {}, "--lang"),
        (["--lang=fr", "new"], {}, "--lang"),
        (["check"], {"NOTICEBOARD_LANG": "klingon"}, "NOTICEBOARD_LANG"),
    ],
)
def test_an_unknown_language_is_a_usage_error_in_chinese(run, repo, args, env, source) -> None:
    done = run(args, repo({"jinpu/2024/ok.md": GOOD}), **env)
    assert done.returncode == 2
    assert f"{source}：不支持的语言" in done.stderr
    assert "请写 zh（中文，默认）或 en（英文）" in done.stderr
    assert "Traceback" not in done.stderr


def test_help_is_translated(capsys) -> None:
    os.environ.pop("NOTICEBOARD_LANG", None)  # the autouse fixture restores it
    assert main(["check", "--help"]) == 0
    assert "按这一天检查（YYYY-MM-DD）" in capsys.readouterr().out


def test_the_compiled_catalogue_matches_the_po() -> None:
    compiled = i18n.compile_po(i18n.po_path())
    from gettext import GNUTranslations

    table = GNUTranslations(io.BytesIO(compiled))
    for msgid, (text, _fuzzy) in catalogue().items():
        assert table.gettext(msgid) == text


def test_argparse_speaks_chinese_too_and_is_restored(capsys, chinese) -> None:
    import argparse
    import gettext

    assert main(["check", "--format", "xml"]) == 2
    err = capsys.readouterr().err
    assert "用法：noticeboard check" in err
    assert "noticeboard check：错误：参数 --format：无效的选项 'xml'" in err
    assert argparse._ is gettext.gettext  # only while `noticeboard` parses its arguments
    assert main(["check", "--format", "xml", "--lang", "en"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
