"""The text `noticeboard new` writes: front matter with Chinese hints, and a 公示 body outline.

Pure: from a `NewNotice` to the file's text. The file must pass `noticeboard check` as written,
so whatever the writer has not given yet (the reviewer, the higher organisation's approval, a
feedback channel) makes it a draft, with a Chinese comment saying what to fill in before it can
be published. Drafts are checked but never published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import yaml

from noticeboard import urls
from noticeboard.i18n import _
from noticeboard.load.fields import FIELDS, PLACEHOLDER, Kind
from noticeboard.model import (
    DISCLOSURE_LABELS,
    Body,
    Branch,
    Category,
    Feedback,
    ScheduleEntry,
    effective_feedback,
    has_channel,
)
from noticeboard.publish.text import zh_date

# Fields the template writes itself (or explains in a draft note), never as a generic hint.
_WRITTEN = frozenset(
    {"title", "branch", "category", "disclosure", "period", "draft", "reviewed_by", "major"}
    | {"approved_by", "number", "feedback", "issuer"}
)
_FEEDBACK_LABELS = {"phone": "电话", "email": "邮箱", "address": "地址", "person": "联系人"}


@dataclass(frozen=True)
class NewNotice:
    """What the writer asked for on the command line, already checked against the registry."""

    title: str
    branch: Branch
    category: Category
    disclosure: str  # standing | periodic | ad-hoc
    start: date
    end: date | None  # None for standing notices
    length_zh: str | None = None  # how the period was given, e.g. "5个工作日" or "7天"
    reviewed_by: str | None = None
    major: bool = False
    approved_by: str | None = None
    number: str | None = None
    feedback: Feedback | None = None  # given on the command line; else the registry's applies
    schedule: tuple[ScheduleEntry, ...] = ()  # the registry's periodic duties for this branch
    issuer: Body | None = None  # a body of the branch issues it; None: the branch
    fulfils: tuple[str, str] | None = None  # (schedule entry id, the period in Chinese)
    inherited_feedback: Feedback | None = None  # the registry's channel for this category
    feedback_owner: str | None = None  # whose channel that is (the branch's or a body's name)

    @property
    def issuer_name(self) -> str:
        return self.issuer.name if self.issuer is not None else self.branch.name


@dataclass(frozen=True)
class DraftReason:
    """Why a new notice is written as a draft: a hint in the file (Chinese, like the file) and
    a line for the terminal (in the language of the messages)."""

    zh: str
    terminal: str

    def text(self) -> str:
        return self.terminal


def draft_reasons(notice: NewNotice) -> tuple[DraftReason, ...]:
    """What is still missing before the notice may be published (empty: publish as written)."""
    reasons = [
        DraftReason(
            "把正文中括号内的提示换成公示的实际内容",
            _("the body is an outline: replace the bracketed placeholder with the notice's text"),
        )
    ]
    if not notice.reviewed_by:
        reasons.append(
            DraftReason(
                "审核后填写 reviewed_by（审核人或审核机构），去掉该行行首的 #",
                _("no --reviewed-by: fill in reviewed_by after the review (审核)"),
            )
        )
    if notice.major and not notice.approved_by:
        reasons.append(
            DraftReason(
                "重大事项：上级党组织审批后，去掉 major 和 approved_by 行首的 # 并填写审批组织",
                _(
                    "--major without --approved-by: fill in approved_by once the higher "
                    "organisation approves (审批)"
                ),
            )
        )
    if effective_feedback(notice.feedback, notice.inherited_feedback) is None:
        reasons.append(
            DraftReason(
                "本支部未登记意见反馈渠道：请填写 feedback（电话、邮箱、地址或联系人）",
                _(
                    "branch '{branch}' has no feedback channel in {registry} "
                    "and none was given: fill in feedback (or give --feedback-phone etc.)"
                ).format(branch=notice.branch.id, registry=urls.REGISTRY_SOURCE),
            )
        )
    return tuple(reasons)


def yaml_scalar(value: str) -> str:
    """`value` as one YAML scalar that reads back as the same string (quoted when needed)."""
    dumped = yaml.safe_dump({"v": value}, allow_unicode=True, width=1_000_000)
    return dumped.removeprefix("v: ").rstrip("\n")


def render_notice(notice: NewNotice) -> str:
    """The whole file: front matter, then the body outline."""
    return f"---\n{front_matter(notice)}---\n\n{body(notice)}"


def _line(key: str, value: str, comment: str | None = None, indent: str = "") -> str:
    text = f"{indent}{key}: {value}" if value else f"{indent}{key}:"
    return f"{text}  # {comment}\n" if comment else f"{text}\n"


def front_matter(notice: NewNotice) -> str:
    reasons = draft_reasons(notice)
    out = [
        "# 以 # 开头的是说明，不会发布；去掉某行行首的 # 即启用该项。\n",
        _line("title", yaml_scalar(notice.title), "标题"),
        _line("branch", yaml_scalar(notice.branch.id), notice.branch.name),
        _line("category", yaml_scalar(notice.category.id), notice.category.name),
        _line(
            "disclosure",
            notice.disclosure,
            f"{DISCLOSURE_LABELS[notice.disclosure]}公开；可选 standing（长期）、periodic（定期）、"
            "ad-hoc（随时）",
        ),
        "period:\n",
        _line("start", notice.start.isoformat(), "公示开始日期", indent="  "),
    ]
    if notice.end is not None:
        note = f"公示截止日期，含当天（{notice.length_zh}）" if notice.length_zh else None
        out.append(_line("end", notice.end.isoformat(), note or "公示截止日期，含当天", "  "))
    else:
        out.append("  # 长期公开，不设截止日期\n")
    if notice.issuer is not None:
        out.append(
            _line("issuer", yaml_scalar(notice.issuer.id), f"发布单位：{notice.issuer.name}")
        )
    if notice.fulfils is not None:
        entry, period = notice.fulfils
        out.append(_line("fulfils", yaml_scalar(entry), f"完成定期公开事项：{period}"))
    if notice.number:
        out.append(_line("number", yaml_scalar(notice.number), "文号"))
    if notice.reviewed_by:
        out.append(_line("reviewed_by", yaml_scalar(notice.reviewed_by), "审核人或审核机构"))
    else:
        out.append(_line("# reviewed_by", "", "审核人或审核机构（必填，审核后填写）"))
    if notice.major and notice.approved_by:
        out.append(_line("major", "true", "重大事项"))
        out.append(_line("approved_by", yaml_scalar(notice.approved_by), "审批的上级党组织"))
    elif notice.major:
        out.append(_line("# major", "true", "重大事项"))
        out.append(_line("# approved_by", "", "审批的上级党组织（审批后填写）"))
    out.extend(_feedback_lines(notice))
    if reasons:
        out.append(_line("draft", "true", "草稿：检查但不发布。发布前："))
        out.extend(f"#   - {reason.zh}\n" for reason in reasons)
        out.append("#   然后删除 draft 这一行。\n")
    out.append("# 以下为可选项：\n")
    out.extend(_hint_lines(notice))
    return "".join(out)


def _feedback_lines(notice: NewNotice) -> list[str]:
    given = notice.feedback
    if has_channel(given):
        assert given is not None
        lines = ["feedback:  # 意见反馈渠道\n"]
        for key, label in _FEEDBACK_LABELS.items():
            value = getattr(given, key)
            if value:
                lines.append(_line(key, yaml_scalar(value), label, indent="  "))
        return lines
    inherited = notice.inherited_feedback
    if has_channel(inherited):
        assert inherited is not None
        channels = "，".join(
            f"{label} {getattr(inherited, key)}"
            for key, label in _FEEDBACK_LABELS.items()
            if getattr(inherited, key)
        )
        owner = notice.feedback_owner or notice.branch.name
        header = f"意见反馈渠道；不填则用{owner}登记的：{channels}"
    else:
        header = "意见反馈渠道（本支部未登记，须填写至少一项）"
    return [
        f"# feedback:  # {header}\n",
        *(f"#   {key}:  # {label}\n" for key, label in _FEEDBACK_LABELS.items()),
    ]


def _hint_lines(notice: NewNotice) -> list[str]:
    lines = []
    for spec in FIELDS:
        if spec.key in _WRITTEN:
            continue
        if spec.key == "expires" and notice.end is None:
            continue  # standing notices stay on the board; expires is rarely wanted
        if spec.key == "fulfils" and (not notice.schedule or notice.fulfils):
            continue  # nothing in the registry's schedule for this branch, or written above
        comment = spec.zh
        if spec.key in ("supersedes", "responds_to"):
            example = f"{notice.branch.id}/{notice.start.year}/原公示文件名"
        elif spec.key == "expires" and notice.end is not None:
            example = date(notice.end.year, 12, 31).isoformat()
        elif spec.key == "fulfils":
            example = notice.schedule[0].id
            comment += "：" + "、".join(f"{e.id}（{e.name}）" for e in notice.schedule)
        else:
            example = spec.example or ("[]" if spec.kind is Kind.STRING_LIST else "")
        lines.append(_line(f"# {spec.key}", example, comment))
    return lines


def body(notice: NewNotice) -> str:
    """A 公示 outline in Chinese: 正文, 公示期, 反馈方式, signed by the branch."""
    start = zh_date(notice.start)
    if notice.end is None:
        period_heading = "公开时间"
        period_text = f"自{start}起长期公开。"
    else:
        period_heading = "公示期"
        length = f"（{notice.length_zh}）" if notice.length_zh else ""
        period_text = f"{start}至{zh_date(notice.end)}{length}。"
    return (
        "## 正文\n\n"
        f"{PLACEHOLDER}\n\n"
        f"## {period_heading}\n\n{period_text}\n\n"
        "## 反馈方式\n\n"
        "如有意见或建议，请通过本公示所列的意见反馈渠道，以来电、来信或来访等方式向"
        f"{notice.feedback_owner or notice.branch.name}反映。"
        "反映情况应实事求是，请留下联系方式以便回复。\n\n"
        f"{notice.issuer_name}\n\n{start}\n"
    )
