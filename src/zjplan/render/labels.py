"""Words, symbols and colours for statuses, in English and Chinese.

Symbols are narrow in every terminal (East Asian width N or Na), so CJK columns align;
each status has a word beside its symbol, so it reads without colour too.
"""

from __future__ import annotations

STATUS_STYLE = {
    "achieved": ("✔", "bold green"),
    "on_track": ("✓", "green"),
    "at_risk": ("!", "bold yellow"),
    "behind": ("✗", "bold red"),
    "missed": ("✘", "bold white on red"),
    "no_data": ("?", "dim"),
    "unallocated": ("-", "dim"),
}
# The same status colours as hex, for pages and charts.
STATUS_HEX = {
    "achieved": "#1a7f37",
    "on_track": "#2da44e",
    "at_risk": "#bf8700",
    "behind": "#cf222e",
    "missed": "#82071e",
    "no_data": "#6e7781",
    "unallocated": "#6e7781",
}
STATUS_WORDS = {
    "en": {
        "achieved": "achieved",
        "on_track": "on track",
        "at_risk": "at risk",
        "behind": "behind",
        "missed": "missed",
        "no_data": "no data",
        "unallocated": "unallocated",
    },
    "zh": {
        "achieved": "已达成",
        "on_track": "正常推进",
        "at_risk": "有风险",
        "behind": "滞后",
        "missed": "未完成",
        "no_data": "无数据",
        "unallocated": "未分解",
    },
}

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
        "nearly_met": "nearly met",
        "exceeded": "exceeded",
        "rank": "rank",
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
        "nearly_met": "基本完成",
        "exceeded": "超额",
        "rank": "排名",
    },
}


def status_word(status: str, lang: str) -> str:
    symbol, _ = STATUS_STYLE[status]
    return f"{symbol} {STATUS_WORDS[lang][status]}"
