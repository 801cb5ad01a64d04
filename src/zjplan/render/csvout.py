"""The Report as CSV: one row per target, every number in its own column.

UTF-8 with BOM so Excel reads the Chinese text; text cells that a spreadsheet would run
as a formula are neutralised, while numbers (negative ones too) stay numbers.
"""

from __future__ import annotations

from zjplan.csvtext import Cell, to_csv
from zjplan.model import Plan
from zjplan.report import METRICS, Report, TargetResult

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
    *NUMBERS,
    "pace_class",
    "exceeded",
    "owners",
    "miit_departments",
    "status_reason",
    "warnings",
)


def _row(r: TargetResult) -> list[Cell]:
    latest = r.latest
    return [
        r.id,
        r.section,
        r.name_zh,
        r.name_en,
        r.status,
        str(r.uncertain).lower(),
        str(r.stale).lower(),
        r.figure_age_days,
        r.grade,
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
        *(getattr(r, name) for name in NUMBERS),
        r.pace_class,
        str(r.exceeded).lower(),
        "、".join(r.owners),
        "、".join(r.miit_departments),
        r.status_reason,
        "; ".join(r.warnings),
    ]


def report_csv(report: Report, plan: Plan, lang: str) -> str:
    return "\ufeff" + to_csv(HEADER, [_row(r) for r in report.targets])
