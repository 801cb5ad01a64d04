"""Words, symbols and colours for statuses, in English and Chinese.

Symbols are narrow in every terminal (East Asian width N or Na), so CJK columns align;
each status has a word beside its symbol, so it reads without colour too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zjplan.statuses import HEX, STYLE, WORDS

if TYPE_CHECKING:
    from zjplan.report import TargetResult

# Each status's symbol and style, colour and words: the status table's (statuses.py).
STATUS_STYLE = STYLE
STATUS_HEX = HEX
STATUS_WORDS = WORDS

LABELS = {
    "en": {
        "id": "id",
        "name": "target",
        "goal": "goal",
        "latest": "latest",
        "progress": "progress | 序时",
        "gap": "gap",
        "status": "status",
        "owners": "owners",
        "summary": "Summary",
        "owner": "owner (责任单位)",
        "as_of": "as of",
        "region": "region",
        "exceeded": "exceeded",
        "rank": "rank",
        "stale": "stale",
        "uncertain": "uncertain",
        "warnings": "Warnings",
        "failing": "failing",
        "progress_share": "progress",
        "required": "required / year",
        "projection": "projection at the deadline",
        "pace": "pace",
        "no_data_list": "Targets without figures",
        "place": "place among the cities",
        "share": "share of the province",
        "since": "since",
        "moved": "Moved since",
        "only_schedule": "the figure is unchanged: only 序时进度 moved on",
        "then": "then",
        "now": "now",
        "change": "change",
        "no_figure_then": "no figure then",
        "unchanged": "Unchanged since {day}.",
    },
    "zh": {
        "id": "编号",
        "name": "指标",
        "goal": "目标",
        "latest": "最新值",
        "progress": "进度 | 序时",
        "gap": "差距",
        "status": "状态",
        "owners": "责任单位",
        "summary": "汇总",
        "owner": "责任单位",
        "as_of": "截至",
        "region": "地区",
        "exceeded": "超额",
        "rank": "排名",
        "stale": "数据较旧",
        "uncertain": "存疑",
        "warnings": "提示",
        "failing": "未通过",
        "progress_share": "完成进度",
        "required": "每年需完成",
        "projection": "到期预测",
        "pace": "推进速度",
        "no_data_list": "暂无数据的指标",
        "place": "在各市中排名",
        "share": "占全省比重",
        "since": "对比",
        "moved": "较上期变化",
        "only_schedule": "数据未更新，仅序时进度推进",
        "then": "上期",
        "now": "本期",
        "change": "变化",
        "no_figure_then": "上期无数据",
        "unchanged": "与上期（{day}）相比没有变化。",
    },
}


# The final grade after the deadline (目标责任制考核).
GRADE_WORDS = {
    "en": {"met": "met", "nearly_met": "nearly met", "not_met": "not met"},
    "zh": {"met": "完成", "nearly_met": "基本完成", "not_met": "未完成"},
}
# How a bound or a round figure is written before its number.
QUALIFIER_MARKS = {
    "en": {"exact": "", "at_least": "≥", "at_most": "≤", "about": "~"},
    "zh": {"exact": "", "at_least": "超过", "at_most": "不到", "about": "约"},
}


def status_word(status: str, lang: str) -> str:
    symbol, _ = STATUS_STYLE[status]
    return f"{symbol} {STATUS_WORDS[lang][status]}"


def verdict(r: TargetResult, lang: str, symbol: bool = True) -> str:
    """The status as every format prints it, once: ``✗ behind? · stale``, ``✘ 未达成 · 基本完成``.
    An uncertain status (the figure is a bound) gets ``?`` (存疑); a stale figure, ``stale``
    (数据较旧); after the deadline, the grade."""
    labels = LABELS[lang]
    text = status_word(r.status, lang) if symbol else STATUS_WORDS[lang][r.status]
    if r.uncertain:
        text += "?" if lang == "en" else f"({labels['uncertain']})"
    extra = []
    if r.grade is not None:
        extra.append(GRADE_WORDS[lang][r.grade])
    if r.exceeded:
        extra.append(labels["exceeded"])
    if r.stale:
        extra.append(labels["stale"])
    return " · ".join([text, *extra])


def colon(lang: str) -> str:
    """A label's colon: full-width in Chinese text (汇总：), ': ' in English."""
    return "：" if lang == "zh" else ": "


def counted(label: str, n: int, lang: str) -> str:
    """'需关注（9）', 'Needs attention (9)': Chinese brackets in Chinese text."""
    return f"{label}（{n}）" if lang == "zh" else f"{label} ({n})"
