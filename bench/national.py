"""The national case of `make bench` (issue "National scale"): a plan of 2,801 regions (a
province, 100 cities, 2,700 counties rolling up into them) with one file per county, at
two sizes: ~200,000 rows and 5.6 million. Each size gives `check` and `status` time and
peak memory, and the plain csv loop over the same files measured in the same run.

Run alone: `python bench/national.py [--quick]` (quick: the 200,000-row case only).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "ZJPLAN_TODAY": "2021-06-30"}  # as run.measure runs every command

CITIES, COUNTIES_EACH = 100, 27  # 2,700 counties
TARGETS = 40  # summed counts (家), quarterly: 5.6M rows reach 2012, before the bench's today
HEADER = ["target_id", "region", "as_of", "value", "unit", "source"]


def plan_text() -> str:
    lines = [
        "# A synthetic national plan for the benchmark: 2,801 regions, 40 summed targets.",
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
    quarter ends from 2000 (all before the bench's today, 2021-06-30: a figure dated in
    the future is an error, and 5.6M errors would measure the problem list), values
    rising. Written once; reused while the folder exists."""
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


SIZES = [("200k", 75), ("5.6M", 2075)]


def measure_all(
    results: dict[str, Any],
    quick: bool,
    repeat: int,
    measure_together: Callable[..., dict[str, Any]],
    loop: str,
) -> list[str]:
    """The csv loop, check and status on each size (200k only when quick), alternating
    round by round (run.measure_together); the sizes run."""
    zjplan = str(Path(sys.executable).parent / "zjplan")
    sizes = SIZES[:1] if quick else SIZES
    for label, per_county in sizes:
        plan, progress, rows = make(HERE / "out" / f"national-{label}", per_county)
        print(f"national: 2,801 regions, {rows:,} rows in 2,700 county files ({label})")
        times = 2 * repeat + 1 if label == "200k" else 1
        if label == "200k":  # the plan validated and cached, the files read once: warm
            for argv in ([zjplan, "check", "--plan", str(plan), str(progress)],
                         [sys.executable, "-c", loop, str(progress)]):  # fmt: skip
                subprocess.run(argv, capture_output=True, check=False, env=ENV)
        results |= measure_together([
            (f"csv.reader+float loop (national {label})",
             [sys.executable, "-c", loop, str(progress)]),
            (f"zjplan check (national {label})",
             [zjplan, "check", "--plan", str(plan), str(progress), "--format", "json"]),
            (f"zjplan status (national {label})",
             [zjplan, "status", "--plan", str(plan), "--progress", str(progress),
              "--format", "json"]),
        ], times, rows)  # fmt: skip
    return [label for label, _ in sizes]


def goals(results: dict[str, Any], sizes: list[str]) -> list[Any]:
    """The issue's goals for the national case, from this run's figures."""
    from run import Goal, paired

    found = []
    for label in sizes:
        loop = results[f"csv.reader+float loop (national {label})"]
        check = results[f"zjplan check (national {label})"]
        status = results[f"zjplan status (national {label})"]
        if label == "200k":
            share = 1 / paired(check, loop)  # check's throughput as a share of the loop's
            found.append(Goal("national 2,801 regions: check ≥ 0.4x the csv loop",
                              f"{share:.2f}x", "≥ 0.4x", share >= 0.4))  # fmt: skip
            times = paired(status, loop)
            found.append(Goal("national 2,801 regions: status ≤ 4x the loop's time",
                              f"{times:.1f}x", "≤ 4x", times <= 4))  # fmt: skip
            worst = max(check.peak_mb, status.peak_mb)
            found.append(Goal("national 2,801 regions: each < 1 GB", f"{worst:.0f} MB",
                              "< 1024 MB", worst < 1024))  # fmt: skip
        else:
            found.append(Goal("national 5.6M rows: check < 25 s and 1 GB",
                              f"{check.median:.1f} s, {check.peak_mb:.0f} MB",
                              "< 25 s, < 1024 MB",
                              check.median < 25 and check.peak_mb < 1024))  # fmt: skip
            found.append(Goal("national 5.6M rows: status < 30 s and 1.2 GB",
                              f"{status.median:.1f} s, {status.peak_mb:.0f} MB",
                              "< 30 s, < 1229 MB",
                              status.median < 30 and status.peak_mb < 1229))  # fmt: skip
            per_row = max(check.peak_mb, status.peak_mb) * 1024 * 1024 / check.rows
            found.append(Goal("national 5.6M rows: memory ≤ 220 bytes a row",
                              f"{per_row:.0f} B", "≤ 220 B", per_row <= 220))  # fmt: skip
    return found


if __name__ == "__main__":  # the national case alone: python bench/national.py [--quick]
    import run

    results: dict[str, Any] = {}
    quick = "--quick" in sys.argv
    ran = measure_all(results, quick, 1 if quick else 3, run.measure_together, run.CSV_LOOP)
    print("\ngoals")
    for g in goals(results, ran):
        print(f"  [{'met' if g.met else 'MISSED'}] {g.name}: {g.measured} (goal {g.target})")
