"""`noticeboard remind`: one open GitHub issue per branch titled 待公开事项提醒, kept in step with
`noticeboard due` (created when something is due or overdue, updated, closed when nothing is).

GitHub notifies a mention only when an issue or comment is created, never when a body is edited,
so an update that brings something new (a new item, or a due item turned overdue) also posts a
comment mentioning the branch's maintainers with just the new lines. The body carries the keys of
its items in a hidden comment, so the next run can tell what is new.

The decision (`plan`) is pure; the GitHub call sits behind `IssueClient`, a small seam the tests
fill with a fake. The real client speaks the REST API with the workflow's GITHUB_TOKEN (the
workflow grants `issues: write` and nothing else).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from noticeboard.cli.ledger_args import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, load_duties
from noticeboard.i18n import _
from noticeboard.publish.duties import (
    DEFAULT_WITHIN,
    REMINDER_TITLE,
    BranchDuties,
    duty_items,
    mention_line,
)
from noticeboard.publish.duties import reminder_text as duty_text

MARKER = "<!-- noticeboard-reminder:{branch} -->"
ITEMS = re.compile(r"<!-- noticeboard-items:([^<>]*) -->")


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str


@dataclass(frozen=True)
class Action:
    kind: str  # create | update | comment | close
    branch: str
    title: str = ""
    body: str = ""
    number: int | None = None


class IssueClient(Protocol):
    def open_issues(self) -> list[Issue]: ...
    def create(self, title: str, body: str) -> int: ...
    def update(self, number: int, title: str, body: str) -> None: ...
    def comment(self, number: int, body: str) -> None: ...
    def close(self, number: int, comment: str) -> None: ...


def marker(branch: str) -> str:
    return MARKER.format(branch=branch)


def issue_title(d: BranchDuties) -> str:
    return f"{REMINDER_TITLE}：{d.name}"


def item_keys(body: str) -> set[str]:
    """The item keys a reminder's body recorded (none for a body from an older version)."""
    found = ITEMS.search(body)
    return set(found.group(1).split()) if found else set()


def news_comment(d: BranchDuties, lines: list[str]) -> str:
    head = [mention_line(d)] if d.maintainers else []
    return "\n".join([*head, "本提醒有新的事项：", *lines])


def plan(
    found: Iterable[BranchDuties],
    existing: list[Issue],
    today: date,
    within: int,
    site_url: str | None = None,
) -> list[Action]:
    """Exactly one open issue per branch with something due; none for a branch without."""
    actions: list[Action] = []
    for d in found:
        mine = sorted((i for i in existing if marker(d.branch) in i.body), key=lambda i: i.number)
        items = duty_items(d, today)
        keys = " ".join(k for k, _line in items)
        text = duty_text(d, today, within, site_url)
        body = f"{marker(d.branch)}\n<!-- noticeboard-items: {keys} -->\n{text}"
        title = issue_title(d)
        if d.empty:
            actions += [
                Action(
                    "close", d.branch, number=i.number, body="没有待公开或逾期的事项，本提醒关闭。"
                )
                for i in mine
            ]
            continue
        if not mine:
            actions.append(Action("create", d.branch, title, body))
            continue
        keep, *extra = mine
        if keep.body != body or keep.title != title:
            actions.append(Action("update", d.branch, title, body, keep.number))
            known = item_keys(keep.body)
            news = [line for k, line in items if k not in known]
            if news:
                actions.append(
                    Action("comment", d.branch, body=news_comment(d, news), number=keep.number)
                )
        actions += [
            Action("close", d.branch, number=i.number, body=f"与 #{keep.number} 重复，关闭。")
            for i in extra
        ]
    return actions


def apply(client: IssueClient, actions: list[Action]) -> list[str]:
    """Carry out the plan; returns one line per action for the log."""
    done = []
    for a in actions:
        if a.kind == "create":
            number = client.create(a.title, a.body)
            done.append(f"created #{number} for {a.branch}")
        elif a.kind == "update" and a.number is not None:
            client.update(a.number, a.title, a.body)
            done.append(f"updated #{a.number} for {a.branch}")
        elif a.kind == "comment" and a.number is not None:
            client.comment(a.number, a.body)
            done.append(f"commented on #{a.number} for {a.branch}")
        elif a.kind == "close" and a.number is not None:
            client.close(a.number, a.body)
            done.append(f"closed #{a.number} for {a.branch}")
    return done


class GitHubIssues:
    """The REST API of one repository (`owner/name`), authenticated with a token."""

    def __init__(self, repo: str, token: str, api: str = "https://api.github.com") -> None:
        self.base = f"{api.rstrip('/')}/repos/{repo}"
        self.token = token

    def _call(self, method: str, path: str, payload: dict[str, object] | None = None) -> object:
        import urllib.request  # here: HTTP and TLS cost every other command 10 ms to import

        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=json.dumps(payload).encode() if payload is not None else None,
            headers={
                "Authorization": f"Bearer {self.token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "noticeboard-reminders",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def open_issues(self) -> list[Issue]:
        found: list[Issue] = []
        for page in range(1, 50):
            batch = self._call("GET", f"/issues?state=open&per_page=100&page={page}")
            if not isinstance(batch, list) or not batch:
                break
            found += [
                Issue(int(i["number"]), str(i.get("title") or ""), str(i.get("body") or ""))
                for i in batch
                if "pull_request" not in i
            ]
        return found

    def create(self, title: str, body: str) -> int:
        made = self._call("POST", "/issues", {"title": title, "body": body})
        return int(made["number"]) if isinstance(made, dict) else 0

    def update(self, number: int, title: str, body: str) -> None:
        self._call("PATCH", f"/issues/{number}", {"title": title, "body": body})

    def comment(self, number: int, body: str) -> None:
        self._call("POST", f"/issues/{number}/comments", {"body": body})

    def close(self, number: int, comment: str) -> None:
        self.comment(number, comment)
        self._call("PATCH", f"/issues/{number}", {"state": "closed", "state_reason": "completed"})


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "remind",
        help=_("keep one open GitHub issue per branch with what is due (the reminder workflow)"),
    )
    parser.add_argument("--today", help=_("as of this day (YYYY-MM-DD)"))
    parser.add_argument("--within", type=int, default=DEFAULT_WITHIN, metavar="N")
    parser.add_argument(
        "--repo", default=os.environ.get("GITHUB_REPOSITORY"), help=_("owner/name on GitHub")
    )
    parser.add_argument("--site-url", default=None, help=_("the public site, for links"))
    parser.add_argument(
        "--dry-run", action="store_true", help=_("print the plan; change nothing on GitHub")
    )
    parser.set_defaults(func=run, client=None)


def run(args: argparse.Namespace) -> int:
    work = load_duties(args, "remind")
    if isinstance(work, int):
        return work
    client: IssueClient | None = args.client
    if client is None and not args.dry_run:
        token = os.environ.get("GITHUB_TOKEN")
        if not args.repo or not token:
            print(
                "noticeboard remind: "
                + _(
                    "set GITHUB_TOKEN and --repo OWNER/NAME (or GITHUB_REPOSITORY), "
                    "or use --dry-run"
                ),
                file=sys.stderr,
            )
            return EXIT_USAGE
        client = GitHubIssues(
            args.repo, token, os.environ.get("GITHUB_API_URL", "https://api.github.com")
        )
    try:
        existing = client.open_issues() if client is not None else []
        actions = plan(work.found, existing, work.today, work.within, args.site_url)
        if client is None:
            for a in actions:
                print(f"{a.kind} {a.branch} {a.title}".rstrip())
            return EXIT_OK
        for line in apply(client, actions):
            print(line)
    except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
        print(f"noticeboard remind: GitHub: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK
