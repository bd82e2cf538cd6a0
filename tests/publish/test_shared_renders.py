"""Renders shared by many pages (the notice pages' nav, listing lines): once per depth and
build, the same as each page's own."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment
from markupsafe import Markup

from noticeboard.publish.shared_renders import page_depth, shared_item, shared_nav, translations

TEMPLATES = {
    "partials/language.html": "{% macro t(key) %}[{{ key }}]{% endmacro %}",
    # what a nav depends on: the page's place (relative links), the `lang` helpers, the config
    "partials/nav.html": '<nav>{{ lang.t("nav") }} {{ site }} {{ count() }} {{ page.url }}</nav>',
    "page.html": "{{ nb_shared_nav() }}",
}


def environment(store: dict[int, Markup]) -> tuple[Environment, list[int]]:
    calls: list[int] = []
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    env.globals["count"] = lambda: calls.append(1) or len(calls)
    env.globals["nb_shared_nav"] = shared_nav(store)
    return env, calls


def render(env: Environment, url: str, site: str = "党务公开栏") -> str:
    return env.get_template("page.html").render(page=SimpleNamespace(url=url), site=site)


def test_the_nav_is_rendered_once_for_the_pages_at_one_depth():
    store: dict[int, Markup] = {}
    env, calls = environment(store)
    first = render(env, "notices/jinpu/2026/a/")
    assert first == "<nav>[nav] 党务公开栏 1 notices/jinpu/2026/a/</nav>"
    assert render(env, "notices/yutao/2025/b/") == first  # kept: rendered once
    assert len(calls) == 1
    assert render(env, "branches/jinpu/") != first  # another depth: rendered for it
    assert len(calls) == 2 and sorted(store) == [2, 4]


def test_what_it_keeps_is_escaped_like_the_rest_of_the_page():
    env, _calls = environment({})
    assert "<script>" not in render(env, "notices/a/2026/b/", site="<script>x</script>")


def test_depth_counts_folders():
    assert [page_depth(u) for u in ("", "/", "search/", "notices/a/2026/b/")] == [0, 0, 1, 4]


ITEM_TEMPLATES = {
    "partials/nb-item.html": "{% autoescape true %}<li>{{ item.title }} {{ count() }}"
    " {{ page.url }}</li>{% endautoescape %}",
    "listing.html": "{% for item in items %}{{ nb_item(item) }}{% endfor %}",
}


def item_environment() -> tuple[Environment, list[int]]:
    calls: list[int] = []
    env = Environment(loader=DictLoader(ITEM_TEMPLATES), autoescape=True)
    env.globals["count"] = lambda: calls.append(1) or len(calls)
    env.globals["nb_item"] = shared_item({})
    return env, calls


def listing(env: Environment, url: str, items: list[object]) -> str:
    return env.get_template("listing.html").render(page=SimpleNamespace(url=url), items=items)


def test_a_listing_line_is_rendered_once_per_item_and_depth_and_escaped():
    env, calls = item_environment()
    a, b = SimpleNamespace(title="<b>甲</b>"), SimpleNamespace(title="乙")
    branch = listing(env, "branches/jinpu/", [a, b])
    assert branch == "<li>&lt;b&gt;甲&lt;/b&gt; 1 branches/jinpu/</li><li>乙 2 branches/jinpu/</li>"
    assert listing(env, "categories/dues/", [b, a]) == (
        "<li>乙 2 branches/jinpu/</li><li>&lt;b&gt;甲&lt;/b&gt; 1 branches/jinpu/</li>"
    )  # the same lines, kept
    assert len(calls) == 2
    # another depth renders its own; an equal but other item object is another item
    assert "categories/dues/2025/" in listing(env, "categories/dues/2025/", [a])
    other = SimpleNamespace(title="<b>甲</b>")
    assert "4 branches/yutao/" in listing(env, "branches/yutao/", [other])
    assert len(calls) == 4


def _material_envs() -> tuple[Environment, Environment]:
    """Material's templates alone, and with this project's overrides in front (as MkDocs
    loads them), with MkDocs' own environment settings."""
    import material
    from jinja2 import FileSystemLoader

    theme = Path(material.__file__).parent / "templates"
    overrides = Path(__file__).parents[2] / "overrides"
    plain = Environment(loader=FileSystemLoader([str(theme)]), auto_reload=False)
    ours = Environment(loader=FileSystemLoader([str(overrides), str(theme)]), auto_reload=False)
    return plain, ours


_ALL_WORDS = '{% import "partials/language.html" as lang with context %}{{ lang.t(key) }}'


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_interface_word_is_the_one_materials_own_lookup_gives(language: str) -> None:
    """overrides/partials/language.html answers `lang.t` from a table built once per key
    (`translations`): for every key Material knows, and one it does not, the same words."""
    plain, ours = _material_envs()
    ours.globals["nb_translate"] = translations(ours, language)
    config = {"theme": {"language": language}}
    english = (Path(plain.loader.searchpath[0]) / "partials/languages/en.html").read_text()
    keys = re.findall(r'^  "([a-z.]+)":', english, re.MULTILINE)
    assert len(keys) > 50 and "search.result.none" in keys
    for key in [*keys, "no.such.key"]:
        mine = ours.from_string(_ALL_WORDS).render(config=config, key=key)
        assert mine == plain.from_string(_ALL_WORDS).render(config=config, key=key), key
    assert ours.from_string(_ALL_WORDS).render(config=config, key="search.result.none") == (
        "没有找到符合条件的结果" if language == "zh" else "No matching documents"
    )
