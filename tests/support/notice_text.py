"""Small valid notices that tests change one line at a time (each test states the change)."""

from __future__ import annotations

# A 发展党员 notice of jinpu in June 2024, with conftest's REGISTRY: no problem at all.
MEMBER_NOTICE = """\
---
title: 关于发展李四同志为中共预备党员的公示
branch: jinpu
category: organisation
disclosure: ad-hoc
period: {start: 2024-06-12, end: 2024-06-18}
reviewed_by: 金铺村党支部委员会
feedback: {phone: 0550-1234567}
---
现予公示。
"""
MEMBER_PATH = "jinpu/2024/new-member.md"
MEMBER_TODAY = "2024-06-15"

# The shortest valid notice, for the command-line tests (title, body and reviewer one word).
SHORT_NOTICE = """\
---
title: 公示
branch: jinpu
category: organisation
disclosure: ad-hoc
period: {start: 2024-06-12, end: 2024-06-18}
reviewed_by: 支委会
feedback: {address: 村部}
---
正文
"""
