"""Front-matter fields of a notice: one table drives the checks, the JSON Schema and `new`.

The validator (`notices.py`) reads keys, kinds and requirements from here; `schema.py` turns the
same table into JSON Schema; `template.py` writes the Chinese hints of `noticeboard new` from
`zh` and `example`. Add a field here and all three follow.
"""

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
    COUNT = "count"  # a whole number >= 0
    CORRECTIONS = "corrections"  # a list of {date, note}


class Required(StrEnum):
    ALWAYS = "always"
    UNLESS_DRAFT = "unless-draft"
    IF_MAJOR = "if-major"
    UNLESS_STANDING = "unless-standing"  # period.end: a standing notice has no end
    NEVER = "never"


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter key. `zh`/`en` describe it to writers (hints, schema titles);
    `example` is the value shown in a commented hint; `subfields` are a mapping's keys."""

    key: str
    kind: Kind
    required: Required
    zh: str
    en: str
    choices: tuple[str, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    default: object = None
    example: str | None = None
    subfields: tuple[FieldSpec, ...] = ()


TITLE_MAX = 120
PLACEHOLDER_MARK = "（在此填写"
"""How every placeholder `noticeboard new` writes begins; a published notice that still has
one in its title or body is an error (the check looks for this mark, so edit both together)."""
PLACEHOLDER = (
    f"{PLACEHOLDER_MARK}公示内容：公示事项、基本情况和依据。发布前删除本段括号内的提示。）"
)
STANDING_VALUES: tuple[str, ...] = ("standing", "长期")
"""The disclosure values (English and Chinese) that mean standing: no period.end."""

CORRECTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("date", Kind.DATE, Required.ALWAYS, "更正日期", "Day of the change"),
    FieldSpec("note", Kind.STRING, Required.ALWAYS, "更正说明", "What was changed and why"),
)
CORRECTION_KEYS: tuple[str, ...] = tuple(f.key for f in CORRECTION_FIELDS)

PERIOD_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("start", Kind.DATE, Required.ALWAYS, "公示开始日期", "First day of the period"),
    FieldSpec(
        "end",
        Kind.DATE,
        Required.UNLESS_STANDING,
        "公示截止日期（长期公开不填）",
        "Last day of the period, inclusive; not for standing notices",
    ),
)
FEEDBACK_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("phone", Kind.STRING, Required.NEVER, "联系电话", "Phone", example="0550-1234567"),
    FieldSpec("email", Kind.STRING, Required.NEVER, "电子邮箱", "Email"),
    FieldSpec("address", Kind.STRING, Required.NEVER, "来信来访地址", "Postal or visiting address"),
    FieldSpec("person", Kind.STRING, Required.NEVER, "联系人", "Contact person"),
)
PERIOD_KEYS: tuple[str, ...] = tuple(f.key for f in PERIOD_FIELDS)
FEEDBACK_KEYS: tuple[str, ...] = tuple(f.key for f in FEEDBACK_FIELDS)

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
        subfields=PERIOD_FIELDS,
    ),
    FieldSpec(
        "expires",
        Kind.DATE,
        Required.NEVER,
        "在公开栏展示至（默认为公示期止）",
        "Last day on the current board; defaults to period.end",
    ),
    FieldSpec(
        "number",
        Kind.STRING,
        Required.NEVER,
        "文号（全站唯一）",
        "Document number, unique",
        example="金党〔2026〕1号",
    ),
    FieldSpec(
        "reviewed_by",
        Kind.STRING,
        Required.UNLESS_DRAFT,
        "审核人或审核机构",
        "Who reviewed it",
        example="支部委员会",
    ),
    FieldSpec(
        "major",
        Kind.BOOL,
        Required.NEVER,
        "是否重大事项（是则须填 approved_by）",
        "A major matter",
        default=False,
        example="true",
    ),
    FieldSpec(
        "approved_by",
        Kind.STRING,
        Required.IF_MAJOR,
        "审批的上级党组织",
        "Who approved it (required when major)",
        example="镇党委",
    ),
    FieldSpec(
        "scope",
        Kind.STRING,
        Required.NEVER,
        "公开范围：public 或 internal（党内公开）",
        "public or internal",
        choices=("public", "internal"),
        default="public",
        example="internal",
    ),
    FieldSpec(
        "draft",
        Kind.BOOL,
        Required.NEVER,
        "草稿（不发布）",
        "Draft, never published",
        default=False,
        example="true",
    ),
    FieldSpec(
        "feedback",
        Kind.FEEDBACK,
        Required.NEVER,
        "意见反馈渠道（默认用支部的）",
        "Feedback channel; defaults to the branch's",
        subfields=FEEDBACK_FIELDS,
    ),
    FieldSpec(
        "supersedes",
        Kind.ID_OR_LIST,
        Required.NEVER,
        "本公示替代或更正的公示（编号即 notices/ 下的路径，不含 .md）",
        "Id(s) of notices this one replaces",
    ),
    FieldSpec(
        "responds_to",
        Kind.STRING,
        Required.NEVER,
        "本公示答复其意见的公示",
        "Id of the notice whose feedback this answers",
    ),
    FieldSpec(
        "fulfils",
        Kind.ID_OR_LIST,
        Required.NEVER,
        "本公示完成的定期公开事项（见 _board.yml 的 schedule；可写 事项@期间，如 @2026Q3）",
        "Schedule entry this notice satisfies: ENTRY or ENTRY@PERIOD (2026, 2026H1, 2026Q3, "
        "2026-07); a list is allowed",
    ),
    FieldSpec(
        "corrections",
        Kind.CORRECTIONS,
        Required.NEVER,
        "发布后的更正记录：每条写 date 和 note",
        "Every change made after publication: a list of {date, note}",
        subfields=CORRECTION_FIELDS,
    ),
    FieldSpec(
        "opinions_received",
        Kind.COUNT,
        Required.NEVER,
        "公示期内收到的意见条数（公示期满后填写）",
        "Opinions received during the period (whole number, recorded after it ends)",
        example="0",
    ),
    FieldSpec(
        "issuer",
        Kind.STRING,
        Required.NEVER,
        "发布单位（落款；默认为本党组织，也可以是登记表中本村的 bodies，如村民委员会）",
        "Who issues it: the branch (default) or one of its bodies in the registry",
        example="cwh",
    ),
    FieldSpec(
        "attachments",
        Kind.STRING_LIST,
        Required.NEVER,
        "附件（相对于本文件的路径）",
        "Attachment paths relative to the notice file",
        example="[附件.pdf]",
    ),
    FieldSpec("tags", Kind.STRING_LIST, Required.NEVER, "标签", "Tags", example="[发展党员]"),
)

FIELDS_BY_KEY: dict[str, FieldSpec] = {f.key: f for f in FIELDS}
