"""JSON Schema (draft 2020-12) of a notice's front matter, generated from `fields.FIELDS`.

Editors such as VS Code (with the YAML extension) use it to complete keys and flag mistakes as
staff type. It mirrors the validator: the same keys, kinds and requirements, and the rules that
JSON Schema can express (if/then for drafts, major matters and standing notices). What needs
the file system or other notices (folders, attachments, links, unique numbers, end >= start)
stays with `noticeboard check`. Dates are strings here, as YAML editors see them.

Blank values (`number:` with nothing after it) are accepted where the key is optional, because
the validator treats them as absent. The schema holds every notice to the contract's table
(title, branch, … required; reviewed_by unless a draft); `check` is more lenient with drafts,
which it checks for syntax only. YAML-only distinctions (a quoted date, a date with a time) are
invisible to JSON Schema and left to `check` too.
"""

from __future__ import annotations

from typing import Any

from noticeboard.load.fields import FIELDS, STANDING_VALUES, FieldSpec, Kind, Required
from noticeboard.model import Registry

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
NOT_BLANK = r"\S"

Schema = dict[str, Any]

# The validator reads text from strings and from numbers YAML produced (`number: 12`).
_TEXT: Schema = {"type": ["string", "number"]}
_DATE: Schema = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
# Lists of text (tags, attachments, ids) take whole numbers too; one item may stand alone.
_LIST_ITEM: Schema = {"type": ["string", "integer"]}
_LIST: Schema = {"type": "array", "items": _LIST_ITEM}


def front_matter_schema(registry: Registry | None = None) -> Schema:
    """The schema; with a registry, branch, category and fulfils also list the known values."""
    choices = _registry_choices(registry) if registry is not None else {}
    return {
        "$schema": DIALECT,
        "title": "公示头部信息（front matter）",
        "description": "Front matter of a notice: notices/<branch-id>/<year>/<slug>.md. "
        "noticeboard check applies further rules (folders, attachments, links, dates in order).",
        "type": "object",
        "properties": {spec.key: _field(spec, choices) for spec in FIELDS},
        "required": [spec.key for spec in FIELDS if spec.required is Required.ALWAYS],
        "additionalProperties": False,
        "allOf": _conditions(choices),
    }


def _registry_choices(registry: Registry) -> dict[str, list[str]]:
    """Accepted values per key: ids first, then the exact display names."""
    choices = {
        "branch": [b.id for b in registry.branches] + [b.name for b in registry.branches],
        "category": [c.id for c in registry.categories] + [c.name for c in registry.categories],
    }
    if registry.schedule:
        choices["fulfils"] = [s.id for s in registry.schedule]
    return {key: list(dict.fromkeys(values)) for key, values in choices.items() if values}


def _value(spec: FieldSpec, choices: dict[str, list[str]]) -> Schema:
    """The schema of a present, non-blank value of `spec`."""
    if spec.key == "fulfils" and spec.key in choices:
        # ENTRY or ENTRY@PERIOD (2026, 2026H1, 2026Q3, 2026-07), one or a list
        names = "|".join(choices[spec.key])  # schedule ids are slugs: no regex characters
        one = {"type": "string", "pattern": f"^({names})(@[0-9]{{4}}(H[12]|Q[1-4]|-[01][0-9])?)?$"}
        return {"anyOf": [one, {"type": "array", "items": one}]}
    if spec.key in choices:
        return {"type": "string", "enum": choices[spec.key]}
    if spec.choices:
        return {"type": "string", "enum": list(spec.choices)}
    match spec.kind:
        case Kind.STRING:
            schema: Schema = dict(_TEXT)
            if spec.required is not Required.NEVER:
                schema.update(minLength=max(spec.min_length or 1, 1), pattern=NOT_BLANK)
            if spec.max_length is not None:
                schema["maxLength"] = spec.max_length
            return schema
        case Kind.DATE:
            return dict(_DATE)
        case Kind.BOOL:
            return {"type": "boolean"}
        case Kind.COUNT:
            return {"type": "integer", "minimum": 0}
        case Kind.CORRECTIONS:
            return {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {sub.key: _value(sub, {}) for sub in spec.subfields},
                    "required": [s.key for s in spec.subfields],
                    "additionalProperties": False,
                },
            }
        case Kind.PERIOD | Kind.FEEDBACK:
            return {
                "type": "object",
                "properties": {sub.key: _field(sub, {}) for sub in spec.subfields},
                "required": [s.key for s in spec.subfields if s.required is Required.ALWAYS],
                "additionalProperties": False,
            }
        case Kind.ID_OR_LIST:
            return {"anyOf": [{"type": "string"}, _LIST]}
        case Kind.STRING_LIST:
            return {"anyOf": [_LIST_ITEM, _LIST]}
    raise ValueError(f"no JSON Schema for field kind {spec.kind}")  # pragma: no cover


def _field(spec: FieldSpec, choices: dict[str, list[str]]) -> Schema:
    """A property with its titles; blank allowed unless the field is always required."""
    value = _value(spec, choices)
    if spec.required is not Required.ALWAYS:
        value = {"anyOf": [value, {"type": "null"}]}
    schema: Schema = {"title": spec.zh, "description": spec.en, **value}
    if spec.default is not None:
        schema["default"] = spec.default
    return schema


def _when_true(key: str) -> Schema:
    return {"properties": {key: {"const": True}}, "required": [key]}


def _conditions(choices: dict[str, list[str]]) -> list[Schema]:
    """The requirements that depend on another key, as if/then/else."""
    rules: list[Schema] = []
    for spec in FIELDS:
        must_have = {"required": [spec.key], "properties": {spec.key: _value(spec, choices)}}
        if spec.required is Required.UNLESS_DRAFT:
            rules.append({"if": _when_true("draft"), "else": must_have})
        elif spec.required is Required.IF_MAJOR:
            rules.append({"if": _when_true("major"), "then": must_have})
        for sub in spec.subfields:
            if sub.required is Required.UNLESS_STANDING:
                rules.append(
                    {
                        "if": {
                            "properties": {"disclosure": {"enum": list(STANDING_VALUES)}},
                            "required": ["disclosure"],
                        },
                        "else": {
                            "properties": {
                                spec.key: {
                                    "required": [sub.key],
                                    "properties": {sub.key: _value(sub, {})},
                                }
                            }
                        },
                    }
                )
    return rules
