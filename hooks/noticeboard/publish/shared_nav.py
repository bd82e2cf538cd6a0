"""Material's navigation sidebar, rendered once per build for all the pages that share it.

Every notice page sits at the same depth (`notices/<branch>/<year>/<name>/`) and none is in the
nav, so Material's nav (`partials/nav.html`: the site's sections, with relative links) comes out
the same on each: 0.35 ms of Jinja per page, 3.5 s of a build from nothing at 10,000 notices.
`notice.html` asks for it through `nb_shared_nav()`; it is rendered with the first such page's
context and kept for the others at the same depth (a page's depth is all its relative links
depend on, and no item is active on a page outside the nav).
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

# The nav as base.html includes it: with the `lang` helpers Material's partials use.
_NAV = '{% import "partials/language.html" as lang with context %}{% include "partials/nav.html" %}'


def page_depth(url: str) -> int:
    """How many folders deep a page's URL is (`notices/a/2026/b/` is 4)."""
    return url.strip("/").count("/") + 1 if url.strip("/") else 0


def shared_nav(store: dict[int, Markup]) -> Callable[[Context], Markup]:
    """The Jinja global that renders the nav once per depth into `store` (one build's)."""

    @pass_context
    def nav(context: Context) -> Markup:
        page = context.get("page")
        depth = page_depth(str(getattr(page, "url", "")))
        if depth not in store:
            template = context.environment.from_string(_NAV)
            store[depth] = Markup(template.render(context.get_all()))
        return store[depth]

    return nav
