"""The engine's sentences in Chinese, for every format rendered with ``--lang zh``.

The engine explains itself in English (status_reason, why a number is undefined, its
warnings); those sentences are made from a few templates, and each is given here as a
pattern and its Chinese. A sentence no pattern knows is returned as it is (the test of
every zh format lists any that slips through).
"""

from __future__ import annotations

import functools
import re

PACE_WORDS = {
    "en": {"substantial": "substantial", "moderate": "moderate", "limited": "limited",
           "deterioration": "deterioration"},
    "zh": {"substantial": "明显进展", "moderate": "一定进展", "limited": "进展有限",
           "deterioration": "出现倒退"},
}  # fmt: skip
YES_NO = {"zh": ("是", "否"), "en": ("true", "false")}

_NUM = r"(-?[\d.e+]+)"
_DAY = r"(\d{4}-\d{2}-\d{2})"
# The engine's templates and their Chinese, compiled on first use (an English run never
# pays for them).
_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"no observation after the start and at or before the report date",
     "计划开始后、报告日前没有数据"),
    (rf"only figures from before the plan's start; latest {_NUM} at {_DAY}",
     r"只有计划开始前的数据；最近一次为\2的\1"),
    (rf"no figure for the final period \(from {_DAY}\); latest {_NUM} at {_DAY}",
     r"没有最后一期（\1起）的数据，无法作出最终结论；最近一次为\3的\2"),
    (r"the plan gives this region no allocation to judge against",
     "计划未给该地区分解任务，无从判断"),
    (r"not computed for a (\w+) target", r"此类目标（\1）不计算此项"),
    (r"needs a first and a latest figure, both above zero, at different dates",
     "需要不同日期的首末两个大于零的数据"),
    (rf"growing {_NUM}-fold in {_NUM} years is no rate", r"\2年增长\1倍，不能折算为增速"),
    (r"a growth target of 0% has no ratio", "增速目标为0%，无法计算比值"),
    (r"not computed for an annual_growth target \(a rate, not a level\)",
     "年均增速目标不计算此项（目标是速度而非水平）"),
    (r"the baseline is unknown", "基数未知"),
    (r"the target equals the baseline: no change is required", "目标等于基数，无需变化"),
    (r"the target equals the baseline", "目标等于基数"),
    (r"the progress share is undefined", "完成进度无法计算"),
    (r"the deadline has passed at the report date", "报告日已过期限"),
    (r"needs two points at different dates since the start",
     "需要计划开始后不同日期的两个数据"),
    (r"the baseline is dated at or after the deadline", "基数日期不早于期限"),
    (r"the required change is too steep to be a rate", "所需变化过大，无法折算为增速"),
    (r"a target of 0 has no growth rate", "目标为0，无增速"),
    (r"the baseline is zero", "基数为0"),
    (r"needs both the actual and the required growth rate", "需要实际增速和所需增速"),
    (rf"achieved at {_DAY} \({_NUM}\); the latest figure \({_NUM} at {_DAY}\) does not "
     r"show it", r"已于\1达成（\2）；最新数据（\4的\3）未体现"),
    (rf"the plan's baseline is {_NUM} at {_DAY}, but the data give {_NUM} for that date",
     r"计划给出的基数为\2的\1，但数据中该日为\3"),
    (r"sum of (\d+) cities", r"\1个市合计"),
    (rf"{_DAY}: the province reports {_NUM} but its cities add up to {_NUM} \((\d+) cities\)",
     r"\1：全省数据为\2，而各市（\4个）合计为\3"),
)  # fmt: skip


@functools.cache
def patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p), chinese) for p, chinese in _PATTERNS]


def translate(text: str, table: list[tuple[re.Pattern[str], str]]) -> str | None:
    """``text`` through the first pattern of ``table`` it matches whole; None when none does."""
    for pattern, chinese in table:
        found = pattern.fullmatch(text)
        if found:
            return found.expand(chinese)
    return None


def zh(text: str) -> str:
    """An engine sentence in Chinese (several, joined by '; ', each on its own)."""
    whole = translate(text, patterns())
    if whole is not None:
        return whole
    if "; " not in text:
        return text
    return "；".join(translate(part, patterns()) or part for part in text.split("; "))


def said(text: str | None, lang: str) -> str:
    """``text`` (an engine sentence) in the language asked for; '' for None."""
    if not text:
        return ""
    return zh(text) if lang == "zh" else text
