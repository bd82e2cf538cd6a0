"""Front-matter fields of a notice: one table drives both the checks and the JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    STRING = "string"
    DATE = "date"
    BOOL = "bool"
    PERIOD = "period"  # mapping {start, end}
    FEEDBACK = "feedback"  # mapping {phone, email, address, person}
    ID_OR_LIST = "id-or-list"  # one notice id or a list of them
    STRING_LIST = "string-list"


class Required(StrEnum):
    ALWAYS = "always"
    UNLESS_DRAFT = "unless-draft"
    IF_MAJOR = "if-major"
    NEVER = "never"


@dataclass(frozen=True)
class FieldSpec:
    key: str
    kind: Kind
    required: Required
    zh: str
    en: str
    choices: tuple[str, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    default: object = None


TITLE_MAX = 120
FEEDBACK_KEYS: tuple[str, ...] = ("phone", "email", "address", "person")
PERIOD_KEYS: tuple[str, ...] = ("start", "end")

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "title", Kind.STRING, Required.ALWAYS, "标题", "Title", min_length=1, max_length=TITLE_MAX
    ),
    FieldSpec(
        "branch",
        Kind.STRING,
        Required.ALWAYS,
        "发布党组织（编号或全称）",
        "Branch id or exact display name; must match the folder",
    ),
    FieldSpec(
        "category",
        Kind.STRING,
        Required.ALWAYS,
        "公开类别（编号或名称）",
        "Category id or exact display name",
    ),
    FieldSpec(
        "disclosure",
        Kind.STRING,
        Required.ALWAYS,
        "公开形式：长期、定期或随时",
        "Disclosure type",
        choices=("standing", "periodic", "ad-hoc", "长期", "定期", "随时"),
    ),
    FieldSpec(
        "period",
        Kind.PERIOD,
        Required.ALWAYS,
        "公示期：start 起、end 止（YYYY-MM-DD）",
        "Disclosure period; end is required unless standing",
    ),
    FieldSpec(
        "expires",
        Kind.DATE,
        Required.NEVER,
        "在公开栏展示至（默认为公示期止）",
        "Last day on the current board; defaults to period.end",
    ),
    FieldSpec("number", Kind.STRING, Required.NEVER, "文号", "Document number, unique"),
    FieldSpec(
        "reviewed_by", Kind.STRING, Required.UNLESS_DRAFT, "审核人或审核机构", "Who reviewed it"
    ),
    FieldSpec("major", Kind.BOOL, Required.NEVER, "是否重大事项", "A major matter", default=False),
    FieldSpec(
        "approved_by",
        Kind.STRING,
        Required.IF_MAJOR,
        "审批的上级党组织",
        "Who approved it (required when major)",
    ),
    FieldSpec(
        "scope",
        Kind.STRING,
        Required.NEVER,
        "公开范围：public 或 internal（党内公开）",
        "public or internal",
        choices=("public", "internal"),
        default="public",
    ),
    FieldSpec(
        "draft",
        Kind.BOOL,
        Required.NEVER,
        "草稿（不发布）",
        "Draft, never published",
        default=False,
    ),
    FieldSpec(
        "feedback",
        Kind.FEEDBACK,
        Required.NEVER,
        "意见反馈渠道（默认用支部的）",
        "Feedback channel; defaults to the branch's",
    ),
    FieldSpec(
        "supersedes",
        Kind.ID_OR_LIST,
        Required.NEVER,
        "本公示替代或更正的公示",
        "Id(s) of notices this one replaces",
    ),
    FieldSpec(
        "responds_to",
        Kind.STRING,
        Required.NEVER,
        "本公示答复的公示",
        "Id of the notice whose feedback this answers",
    ),
    FieldSpec(
        "fulfils",
        Kind.STRING,
        Required.NEVER,
        "本公示完成的定期公开事项",
        "Id of a schedule entry this notice satisfies",
    ),
    FieldSpec(
        "attachments",
        Kind.STRING_LIST,
        Required.NEVER,
        "附件（相对于本文件的路径）",
        "Attachment paths relative to the notice file",
    ),
    FieldSpec("tags", Kind.STRING_LIST, Required.NEVER, "标签", "Tags"),
)

FIELDS_BY_KEY: dict[str, FieldSpec] = {f.key: f for f in FIELDS}
