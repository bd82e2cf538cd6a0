"""Who a build is for: the public site (default) or, from a private repository only, the
members' site (党内) that also shows notices with `scope: internal`."""

from __future__ import annotations

import os
from collections.abc import Mapping

from noticeboard import urls
from noticeboard.i18n import _

AUDIENCE_ENV = "NOTICEBOARD_AUDIENCE"
PUBLIC = "public"
MEMBERS = "members"
REPOSITORY_KINDS: tuple[str, ...] = ("public", "private")


class AudienceError(ValueError):
    """A NOTICEBOARD_AUDIENCE the registry does not allow; the message says why."""


def resolve_audience(repository: str, environ: Mapping[str, str] | None = None) -> str:
    """`members` only when asked for and the registry says `repository: private`."""
    env = os.environ if environ is None else environ
    raw = env.get(AUDIENCE_ENV, "").strip()
    if raw in ("", PUBLIC):
        return PUBLIC
    if raw != MEMBERS:
        raise AudienceError(
            _("{env}: '{value}' is not an audience; write public (the default) or members").format(
                env=AUDIENCE_ENV, value=raw
            )
        )
    if repository != "private":
        raise AudienceError(
            _(
                "{env}=members builds the members' site with internal notices, which only a "
                "private repository may do: {registry} must say 'repository: private'"
            ).format(env=AUDIENCE_ENV, registry=urls.REGISTRY_SOURCE)
        )
    return MEMBERS
