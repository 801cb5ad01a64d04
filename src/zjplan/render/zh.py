"""Chinese words the renderers share (pace classes, yes and no), and translate(), which
render/zh_problems.py still uses for the readers' problem messages until they move into
the catalogue of zjplan.wording as the engine's sentences have."""

from __future__ import annotations

import re

PACE_WORDS = {
    "en": {"substantial": "substantial", "moderate": "moderate", "limited": "limited",
           "deterioration": "deterioration"},
    "zh": {"substantial": "明显进展", "moderate": "一定进展", "limited": "进展有限",
           "deterioration": "出现倒退"},
}  # fmt: skip
YES_NO = {"zh": ("是", "否"), "en": ("true", "false")}


def translate(text: str, table: list[tuple[re.Pattern[str], str]]) -> str | None:
    """``text`` through the first pattern of ``table`` it matches whole; None when none does."""
    for pattern, chinese in table:
        found = pattern.fullmatch(text)
        if found:
            return found.expand(chinese)
    return None
