"""The Report as CSV: one row per target, every number in its own column.

UTF-8 with BOM so Excel reads the Chinese text; text cells that a spreadsheet would run
as a formula are neutralised, while numbers (negative ones too) stay numbers.
"""

from __future__ import annotations

from zjplan.csvtext import Cell, to_csv
from zjplan.model import Plan
from zjplan.render.labels import GRADE_WORDS, STATUS_WORDS
from zjplan.render.words import owners_text
from zjplan.render.zh import PACE_WORDS, YES_NO
from zjplan.report import METRICS, Report, TargetResult
from zjplan.wording import say

NUMBERS = (*METRICS, "share_of_province")
HEADER = (
    "id",
    "section",
    "name_zh",
    "name_en",
    "status",
    "uncertain",
    "stale",
    "figure_age_days",
    "grade",
    "comparator",
    "value",
    "unit",
    "measure",
    "baseline",
    "baseline_as_of",
    "latest_qualifier",
    "latest_value",
    "latest_as_of",
    "latest_region",
    "latest_source",
    "cities_reported",
    "cities_expected",
    "cities_missing",
    *NUMBERS,
    "pace_class",
    "exceeded",
    "owners",
    "miit_departments",
    "status_reason",
    "warnings",
)


def _coverage(r: TargetResult) -> list[Cell]:
    """A sum's coverage: cities reported, expected, and the missing ones by name."""
    c = r.latest.coverage if r.latest is not None else None
    if c is None:
        return [None, None, None]
    return [c.reported, c.expected, "、".join(c.missing) or None]


def _row(r: TargetResult, lang: str = "en") -> list[Cell]:
    """One target's cells; with zh, the words a person reads (statuses, yes/no, reasons) in
    Chinese, the codes (comparator, measure, qualifier) as they are."""
    latest = r.latest
    yes, no = YES_NO[lang]
    status = STATUS_WORDS[lang][r.status] if lang == "zh" else r.status
    return [
        r.id,
        r.section,
        r.name_zh,
        r.name_en,
        status,
        yes if r.uncertain else no,
        yes if r.stale else no,
        r.figure_age_days,
        (GRADE_WORDS[lang][r.grade] if lang == "zh" else r.grade) if r.grade else None,
        r.comparator,
        r.value,
        r.unit,
        r.measure,
        r.baseline,
        r.baseline_as_of.isoformat() if r.baseline_as_of else None,
        latest.qualifier if latest else None,
        latest.value if latest else None,
        latest.as_of.isoformat() if latest else None,
        latest.region if latest else None,
        latest.source if latest else None,
        *_coverage(r),
        *(getattr(r, name) for name in NUMBERS),
        PACE_WORDS[lang][r.pace_class] if r.pace_class else None,
        yes if r.exceeded else no,
        owners_text(r.owners, r.owners_now, "zh"),
        "、".join(r.miit_departments),
        say(r.status_reason, lang) or None,
        ("；" if lang == "zh" else "; ").join(say(w, lang) for w in r.warnings),
    ]


SINCE = ("since_as_of", "since_status", "since_value", "change", "movement")
# Column names in Chinese for --lang zh (the English ones are the stable names scripts use).
HEADER_ZH = {
    "id": "指标编号", "section": "章节", "name_zh": "指标名称", "name_en": "英文名称",
    "status": "状态", "uncertain": "存疑", "stale": "数据较旧", "figure_age_days": "数据天数",
    "grade": "考核等级", "comparator": "目标类型", "value": "目标值", "unit": "单位",
    "measure": "口径", "baseline": "基数", "baseline_as_of": "基数日期",
    "latest_qualifier": "最新值限定", "latest_value": "最新值", "latest_as_of": "最新值日期",
    "latest_region": "最新值地区", "latest_source": "来源", "cities_reported": "已报市数",
    "cities_expected": "应报市数", "cities_missing": "未报的市", "attainment": "达成率",
    "progress_share": "完成进度", "elapsed_share": "序时进度", "schedule_gap": "进度差",
    "gap": "差距", "required_per_year": "每年需完成", "projection": "到期预测",
    "cagr_actual": "实际年均增速", "cagr_required": "所需年均增速", "pace_ratio": "速度比",
    "time_distance_years": "时间距离(年)", "share_of_province": "占全省比重",
    "pace_class": "推进速度", "exceeded": "超额", "owners": "责任单位",
    "miit_departments": "对接司局", "status_reason": "状态说明", "warnings": "提示",
    "since_as_of": "对比日期", "since_status": "上期状态", "since_value": "上期值",
    "change": "变化", "movement": "变动",
}  # fmt: skip


MOVEMENT_ZH = {
    "better": "好转",
    "worse": "变差",
    "same": "不变",
    "new": "新增数据",
    "lost": "数据缺失",
}


def _since(r: TargetResult, lang: str) -> list[Cell]:
    s = r.since
    if s is None:
        return [None] * len(SINCE)
    if lang == "zh":
        status, movement = STATUS_WORDS["zh"][s.status], MOVEMENT_ZH[s.movement]
        return [s.as_of.isoformat(), status, s.value, s.change, movement]
    return [s.as_of.isoformat(), s.status, s.value, s.change, s.movement]


def report_csv(report: Report, plan: Plan, lang: str) -> str:
    header = HEADER + (SINCE if report.since is not None else ())
    since = report.since is not None
    rows = [_row(r, lang) + (_since(r, lang) if since else []) for r in report.targets]
    if lang == "zh":
        header = tuple(HEADER_ZH.get(name, name) for name in header)
    return "\ufeff" + to_csv(header, rows)
