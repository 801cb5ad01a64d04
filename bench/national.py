"""The national case of `make bench` (issue "National scale"): a plan of 2,801 regions (a
province, 100 cities, 2,700 counties rolling up into them) with one file per county, at
two sizes: ~200,000 rows and 5.6 million. Each size gives `check` and `status` time and
peak memory, and the plain csv loop over the same files measured in the same run.

Run alone: `python bench/national.py [--quick]` (quick: the 200,000-row case only).
"""

from __future__ import annotations

import csv
import sys
from datetime import date, timedelta
from pathlib import Path

CITIES, COUNTIES_EACH = 100, 27  # 2,700 counties
TARGETS = 20  # summed counts (家), quarterly
HEADER = ["target_id", "region", "as_of", "value", "unit", "source"]


def plan_text() -> str:
    lines = [
        "# A synthetic national plan for the benchmark: 2,801 regions, 20 summed targets.",
        "plan: {doc_number: BENCH-NATIONAL, title: 全国县级基准, issuer: bench,",
        "       issued: 2021-03-01, start: 2000-01-01, deadline: 2030-12-31}",
        "regions:",
        "  - {name: 全国, short: 全国, pinyin: Quanguo, level: province}",
    ]
    for c in range(CITIES):
        lines.append(
            f"  - {{name: 市{c:03d}, short: 市{c:03d}, pinyin: Shi, id: c{c:03d}, level: city}}"
        )
        for k in range(COUNTIES_EACH):
            lines.append(
                f"  - {{name: 市{c:03d}县{k:02d}, short: 县{c:03d}{k:02d}, pinyin: Xian,"
                f" id: c{c:03d}-x{k:02d}, level: county, parent: 市{c:03d}}}"
            )
    lines.append("targets:")
    for t in range(TARGETS):
        lines.append(
            f"  - {{id: t{t:02d}, section: '1', name_zh: 指标{t:02d}, comparator: at_least,"
            f" value: 1000000, unit: 家, measure: cumulative, aggregate: sum, quote: q}}"
        )
    return "\n".join(lines) + "\n"


def make(folder: Path, per_county: int) -> tuple[Path, Path, int]:
    """The plan and one file per county of ``per_county`` rows: each target at successive
    quarter ends, values rising. Written once; reused while the folder exists."""
    plan, progress = folder / "plan.yaml", folder / "progress"
    rows = CITIES * COUNTIES_EACH * per_county
    if plan.exists() and progress.exists():
        return plan, progress, rows
    progress.mkdir(parents=True, exist_ok=True)
    plan.write_text(plan_text(), encoding="utf-8")
    quarters = -(-per_county // TARGETS)
    ends = [_quarter_end(date(2000, 3, 31), q) for q in range(quarters)]
    for c in range(CITIES):
        for k in range(COUNTIES_EACH):
            region = f"c{c:03d}-x{k:02d}"
            with (progress / f"{region}.csv").open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow(HEADER)
                for j in range(per_county):
                    q, t = divmod(j, TARGETS)
                    writer.writerow(
                        [f"t{t:02d}", region, ends[q].isoformat(), 10 + q, "家", "bench"]
                    )
    return plan, progress, rows


def _quarter_end(first: date, n: int) -> date:
    month = first.month + 3 * n
    year, month = first.year + (month - 1) // 12, (month - 1) % 12 + 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


if __name__ == "__main__":  # the data alone, for a quick look
    here = Path(__file__).resolve().parent / "out"
    print(make(here / "national-200k", 75)[1:], file=sys.stderr)
