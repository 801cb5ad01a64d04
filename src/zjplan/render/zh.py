"""Chinese words the renderers share: pace classes, yes and no."""

from __future__ import annotations

PACE_WORDS = {
    "en": {"substantial": "substantial", "moderate": "moderate", "limited": "limited",
           "deterioration": "deterioration"},
    "zh": {"substantial": "明显进展", "moderate": "一定进展", "limited": "进展有限",
           "deterioration": "出现倒退"},
}  # fmt: skip
YES_NO = {"zh": ("是", "否"), "en": ("true", "false")}
