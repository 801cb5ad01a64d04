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
    "comparator",
    "value",
    "unit",
    "measure",
    "baseline",
    "latest_value",
    "latest_as_of",
    "latest_region",
    "latest_source",
    *NUMBERS,
    "pace_class",
    "exceeded",
    "nearly_met",
    "owners",
    "miit_departments",
)


def _row(r: TargetResult) -> list[Cell]:
    latest = r.latest
    return [
        r.id,
        r.section,
        r.name_zh,
        r.name_en,
        r.status,
        r.comparator,
        r.value,
        r.unit,
        r.measure,
        r.baseline,
        latest.value if latest else None,
        latest.as_of.isoformat() if latest else None,
        latest.region if latest else None,
        latest.source if latest else None,
        *(getattr(r, name) for name in NUMBERS),
        r.pace_class,
        str(r.exceeded).lower(),
        str(r.nearly_met).lower(),
        "、".join(r.owners),
        "、".join(r.miit_departments),
    ]


def report_csv(report: Report, plan: Plan, lang: str) -> str:
    return "\ufeff" + to_csv(HEADER, [_row(r) for r in report.targets])
