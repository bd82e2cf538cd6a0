"""The registry's `schedule`: the periodic disclosures each branch owes."""

from __future__ import annotations

from typing import Any

from noticeboard.i18n import _
from noticeboard.load.registry_reader import RegistryReader, check_id, named_entries
from noticeboard.load.yamldoc import whole_number
from noticeboard.model import SCHEDULE_EVERY, ScheduleEntry

SCHEDULE_KEYS = ("id", "name", "every", "within_days", "branches", "category", "since")


def read_schedule(
    r: RegistryReader, value: Any, branch_ids: set[str], category_ids: set[str]
) -> list[ScheduleEntry]:
    out: list[ScheduleEntry] = []
    seen: set[str] = set()
    entries = named_entries(r, value, "schedule", SCHEDULE_KEYS, required=False)
    for where, item, id_, name in entries:
        every = item.get("every")
        ok = True
        if every not in SCHEDULE_EVERY:
            r.err(
                f"{where}.every" if "every" in item else where,
                _("'{key}' must be one of {choices}").format(
                    key=f"{where}.every", choices=", ".join(SCHEDULE_EVERY)
                ),
            )
            ok = False
        within = item.get("within_days")
        if whole_number(within) is None:
            r.err(
                f"{where}.within_days" if "within_days" in item else where,
                _("'{key}' must be a whole number of days, 0 or more").format(
                    key=f"{where}.within_days"
                ),
            )
            ok = False
        raw_branches = item.get("branches", "all")
        branches: tuple[str, ...] | None = None
        if raw_branches != "all":
            if not isinstance(raw_branches, list) or not all(
                isinstance(b, str) for b in raw_branches
            ):
                r.err(f"{where}.branches", _("'branches' must be 'all' or a list of branch ids"))
                ok = False
            else:
                unknown = [b for b in raw_branches if b not in branch_ids]
                if unknown:
                    r.err(
                        f"{where}.branches",
                        _("unknown branch id(s) {ids}; known ids: {known}").format(
                            ids=", ".join(unknown), known=", ".join(sorted(branch_ids))
                        ),
                    )
                    ok = False
                branches = tuple(raw_branches)
        category = r.text(item, "category", f"{where}.category", required=False)
        if category is not None and category not in category_ids:
            r.err(
                f"{where}.category",
                _("unknown category id '{value}'; known ids: {known}").format(
                    value=category, known=", ".join(sorted(category_ids))
                ),
            )
            ok = False
        if every == "standing" and category is None:
            r.err(
                where,
                _("'{where}' is standing: name the 'category' whose notice must be up").format(
                    where=where
                ),
            )
            ok = False
        since = r.day(item, "since", f"{where}.since")
        good_id = check_id(r, id_, where, seen)
        if good_id and name and ok and isinstance(within, int):
            out.append(ScheduleEntry(good_id, name, str(every), within, branches, category, since))
    return out
