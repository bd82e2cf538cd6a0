"""Template output that is the same on many pages, rendered once per build and reused.

- Material's navigation sidebar on notice pages. Every notice page sits at the same depth
  (`notices/<branch>/<year>/<name>/`) and none is in the nav, so Material's nav
  (`partials/nav.html`: the site's sections, with relative links) comes out the same on each:
  0.35 ms of Jinja per page, 3.5 s of a build from nothing at 10,000 notices. `notice.html`
  asks for it through `nb_shared_nav()`.
- A notice's line on a listing (`partials/nb-item.html`): each notice is on several listings
  (its branch's, its category's, the archive's, by year), each line the same at one depth.
  `listing.html` asks for it through `nb_item(item)`.
- Material's interface words (`lang.t(key)`, about 20 a page): the same on every page.
  `partials/language.html` asks for them through `nb_translate(key)`.

Each is rendered with the first asking page's context and kept for the other pages at the
same depth: a page's depth is all their relative links depend on, and no nav item is active on
a page outside the nav. What is kept is the template's own output, autoescaped as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

# The nav as base.html includes it: with the `lang` helpers Material's partials use.
_NAV = '{% import "partials/language.html" as lang with context %}{% include "partials/nav.html" %}'
_ITEM = "partials/nb-item.html"


def page_depth(url: str) -> int:
    """How many folders deep a page's URL is (`notices/a/2026/b/` is 4)."""
    return url.strip("/").count("/") + 1 if url.strip("/") else 0


def _depth(context: Context) -> int:
    return page_depth(str(getattr(context.get("page"), "url", "")))


def shared_nav(store: dict[int, Markup]) -> Callable[[Context], Markup]:
    """The Jinja global that renders the nav once per depth into `store` (one build's)."""

    @pass_context
    def nav(context: Context) -> Markup:
        depth = _depth(context)
        if depth not in store:
            template = context.environment.from_string(_NAV)
            store[depth] = Markup(template.render(context.get_all()))
        return store[depth]

    return nav


def shared_item(
    store: dict[tuple[int, int], tuple[object, Markup]],
) -> Callable[[Context, object], Markup]:
    """The Jinja global that renders a listing line once per item and depth into `store`
    (one build's). An item is one object per notice for the whole build (`SiteBuilder.item`);
    it is kept beside its line, so its id is never another's."""

    @pass_context
    def item(context: Context, value: object) -> Markup:
        key = (id(value), _depth(context))
        found = store.get(key)
        if found is None or found[0] is not value:
            template = context.environment.get_template(_ITEM)
            found = store[key] = (
                value,
                Markup(template.render({**context.get_all(), "item": value})),
            )
        return found[1]

    return item


def translations(env: Environment, language: str) -> Callable[[str], str]:
    """Material's `lang.t(key)` (its partials/language.html), asked once per key: the word in
    the theme's `language`, else in English, else the key."""
    own = env.get_template(f"partials/languages/{language}.html").module
    fallback = env.get_template("partials/languages/en.html").module

    @cache
    def translate(key: str) -> str:
        found: str = own.t(key) or fallback.t(key) or key  # type: ignore[attr-defined]
        return found  # Markup as the macro gave it: escaped as before, or not

    return translate
