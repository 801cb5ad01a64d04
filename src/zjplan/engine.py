"""The gap engine: judge every target as ../shared/METHOD.md describes. Pure, no I/O.

Time is measured in days and converted to years of 365 days (the worked example of
METHOD.md: 24000 over 550 days ≈ 15927 a year). The report's date E is ``as_of`` when
given, else the date of the latest observation in the data; a target's own figure x is
its latest at or before E, at date t. The deadline has passed when E > D.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, assert_never, cast

from zjplan.comparators import kind
from zjplan.gcpause import paused_gc
from zjplan.model import Plan, Region, Target
from zjplan.numbers import STATE_OF_VALUE
from zjplan.progress import Observation, Progress
from zjplan.progress.store import VECTOR_ROWS, Store, target_runs
from zjplan.report import (
    METRICS,
    HistoryPoint,
    Latest,
    PaceClass,
    Report,
    Status,
    TargetResult,
    summarize,
)
from zjplan.series import AS_OF, Point, Series, group, province_series_of_store, series_for

YEAR = 365.0
AT_RISK_FLOOR = -0.10
NEARLY_MET = 0.9


def years(start: date, end: date) -> float:
    return (end.toordinal() - start.toordinal()) / YEAR


def least_squares_at(points: Sequence[tuple[float, float]], x: float) -> float | None:
    """The least-squares line through ``points`` read at ``x``; None when it is not defined."""
    if len(points) < 2:
        return None
    mean_x = math.fsum(p[0] for p in points) / len(points)
    mean_y = math.fsum(p[1] for p in points) / len(points)
    sxx = math.fsum((p[0] - mean_x) ** 2 for p in points)
    if sxx == 0:
        return None
    sxy = math.fsum((p[0] - mean_x) * (p[1] - mean_y) for p in points)
    return mean_y + sxy / sxx * (x - mean_x)


def pace_class(ratio: float) -> PaceClass:
    if ratio >= 0.95:
        return "substantial"
    if ratio >= 0.60:
        return "moderate"
    if ratio >= 0:
        return "limited"
    return "deterioration"


class _Judge:
    """Computes one target's numbers, recording why each undefined one is undefined."""

    def __init__(self, target: Target, report_date: date | None) -> None:
        self.t = target
        self.report_date = report_date
        self.undefined: dict[str, str] = {}

    def why(self, name: str, reason: str) -> None:
        self.undefined.setdefault(name, reason)

    def judge(
        self,
        series: list[Point],
        goal: float | None,
        warnings: list[str],
        share: float | None = None,
    ) -> TargetResult:
        t = self.t
        known = [p for p in series if self.report_date is None or p.as_of <= self.report_date]
        last = known[-1] if known else None
        S, D = t.start, t.deadline
        b = 0.0 if t.measure == "new" else (t.baseline.value if t.baseline else None)
        nums: dict[str, float | None] = dict.fromkeys(METRICS)
        exceeded = nearly_met = False
        state: str | None = None
        status: Status
        if last is None:
            status = "no_data"
            for name in nums:
                self.why(name, "no observation at or before the report date")
        else:
            x, when = last.value, last.as_of
            nums["elapsed_share"] = min(max(years(S, when) / years(S, D), 0.0), 1.0)
            if t.is_numeric and goal is not None:
                self.numbers(nums, known, x, when, goal, b)
            elif t.is_numeric:
                for name in nums:
                    if name != "elapsed_share":
                        self.why(name, "the plan gives this region no allocation to judge against")
            else:
                for name in nums:
                    if name not in kind(t.comparator).formulas:
                        self.why(name, f"not computed for a {t.comparator} target")
            if kind(t.comparator).reading == "state":
                state = STATE_OF_VALUE.get(x, "not_started")
            status, exceeded, nearly_met = self.status(x, goal, nums, state)
            if self.report_date and years(when, self.report_date) > 1:
                warnings = [
                    *warnings,
                    f"the latest figure ({when}) is over a year older than the report date",
                ]
        # The engine made every value itself: build without re-validating (84,000 history
        # points for 1,000 targets cost 0.8 s to validate and added nothing).
        return TargetResult.model_construct(
            id=t.id,
            section=t.section,
            name_zh=t.name_zh,
            name_en=t.name_en,
            status=status,
            comparator=t.comparator,
            value=goal,
            tolerance=t.tolerance,
            top=t.top,
            unit=t.unit,
            measure=t.measure,
            aggregate=t.aggregate,
            start=S,
            deadline=D,
            baseline=b,
            latest=None
            if last is None
            else Latest.model_construct(
                value=last.value,
                as_of=last.as_of,
                region=last.region,
                source=last.source,
                file=last.file,
                line=last.line,
            ),
            milestone_state=state,
            pace_class=None if nums["pace_ratio"] is None else pace_class(nums["pace_ratio"]),
            share_of_province=share,
            exceeded=exceeded,
            nearly_met=nearly_met,
            points=len(known),
            owners=t.owners,
            miit_departments=t.miit_departments,
            task=t.task,
            undefined={k: v for k, v in self.undefined.items() if nums.get(k) is None},
            warnings=warnings,
            history=[HistoryPoint(p.as_of, p.value, p.source) for p in known],
            **cast(dict[str, Any], nums),
        )

    def numbers(
        self,
        nums: dict[str, float | None],
        known: list[Point],
        x: float,
        when: date,
        goal: float,
        b: float | None,
    ) -> None:
        t = self.t
        S, D = t.start, t.deadline
        T = goal
        nums["attainment"] = x / T
        if b is None:
            nums["progress_share"] = x / T
            self.why("time_distance_years", "the baseline is unknown")
            self.why("cagr_required", "the baseline is unknown")
        elif b == T:
            self.why("progress_share", "the target equals the baseline")
        else:
            nums["progress_share"] = (x - b) / (T - b)
        if nums["progress_share"] is not None and nums["elapsed_share"] is not None:
            nums["schedule_gap"] = nums["progress_share"] - nums["elapsed_share"]
        else:
            self.why("schedule_gap", "the progress share is undefined")
        nums["gap"] = gap = max(T - x, 0.0)
        left = years(when, D)
        if left > 0:
            nums["required_per_year"] = gap / left
        else:
            self.why("required_per_year", "no time is left before the deadline")
        # The series since the start; a known baseline counts as a point at the start.
        path = [(float(S.toordinal()), b)] if b is not None else []
        path += [(float(p.as_of.toordinal()), p.value) for p in known if p.as_of >= S]
        nums["projection"] = least_squares_at(path, float(D.toordinal()))
        if nums["projection"] is None:
            self.why("projection", "needs two points at different dates since the start")
        if len(path) >= 2 and path[0][1] > 0 and x > 0 and path[-1][0] > path[0][0]:
            span = (path[-1][0] - path[0][0]) / YEAR
            nums["cagr_actual"] = (x / path[0][1]) ** (1 / span) - 1
        else:
            self.why(
                "cagr_actual",
                "needs a first and a latest figure, both above zero, at different dates",
            )
        if b is not None and b > 0:
            nums["cagr_required"] = (T / b) ** (1 / years(S, D)) - 1
        elif b is not None:
            self.why("cagr_required", "the baseline is zero")
        actual, required = nums["cagr_actual"], nums["cagr_required"]
        if actual is not None and required:
            nums["pace_ratio"] = actual / abs(required)
        else:
            self.why("pace_ratio", "needs both the actual and the required growth rate")
        if b is not None and b != T:
            on_path = (x - b) / (T - b) * years(S, D)
            nums["time_distance_years"] = on_path - years(S, when)
        elif b is not None:
            self.why("time_distance_years", "the target equals the baseline")

    def status(
        self, x: float, goal: float | None, nums: dict[str, float | None], state: str | None
    ) -> tuple[Status, bool, bool]:
        t = self.t
        past = self.report_date is not None and self.report_date > t.deadline
        comparator = t.comparator
        match comparator:
            case "milestone":
                if state == "done":
                    return "achieved", False, False
                if past:
                    return "missed", False, False
                half_gone = (nums["elapsed_share"] or 0) > 0.5
                behind = state == "not_started" and half_gone
                return ("behind" if behind else "on_track"), False, False
            case "rank_top":
                if t.top is not None and x <= t.top:
                    return "achieved", False, False
                return ("missed" if past else "behind"), False, False
            case "about" | "at_least" | "reach":
                if goal is None:
                    return "unallocated", False, False
                tolerance = t.tolerance or 0.0 if comparator == "about" else 0.0
                threshold = goal * (1 - tolerance)
                if x >= threshold:
                    return "achieved", x > goal * (1 + tolerance) and tolerance > 0, False
            case _:
                assert_never(comparator)
        if past:
            return "missed", False, (nums["attainment"] or 0) >= NEARLY_MET
        gap, projection = nums["schedule_gap"], nums["projection"]
        if (gap is not None and gap >= 0) or (projection is not None and projection >= threshold):
            return "on_track", False, False
        if gap is not None and gap >= AT_RISK_FLOOR:
            return "at_risk", False, False
        return "behind", False, False


def evaluate(
    plan: Plan,
    observations: Iterable[Observation] | Progress,
    as_of: date | None = None,
    region: str | None = None,
) -> Report:
    """Judge every target of ``plan`` on ``observations`` at ``as_of`` (default: latest data).

    ``observations`` may be the Progress that read_progress returned: then each target's
    figures are made from the stored columns one target at a time, so a million rows
    never exist as tuples at once. ``region`` is a region's name (any alias); a city is
    judged against its allocation when the plan gives one, else its figures and share of
    the province are shown.
    """
    found = plan.find_region(region) if region else plan.province
    if found is None:
        raise ValueError(f"{region!r} is not a region of the plan")
    with paused_gc():
        return _evaluate(plan, observations, as_of, found)


def _by_target(
    observations: Iterable[Observation] | Progress, as_of: date | None
) -> tuple[Mapping[str, list[Observation]], date | None]:
    """Each target's observations (sorted by date, at or before ``as_of``), and the date of
    the latest of them all."""
    if isinstance(observations, Progress) and observations.store is not None:
        store, rows = observations.store, observations.rows
        last = as_of.toordinal() if as_of else None
        if last is not None:
            rows = [i for i in rows if store.day[i] <= last]
        latest = max(map(store.day.__getitem__, rows), default=None)
        lazy = _LazyTargets(store, rows)
        return lazy, as_of or (store.date(latest) if latest is not None else None)
    plain = observations.observations if isinstance(observations, Progress) else observations
    by_target = group(o for o in plain if as_of is None or o.as_of <= as_of)
    report_date = as_of or max(
        (items[-1].as_of for items in by_target.values() if items), default=None
    )
    return by_target, report_date


class _LazyTargets(Mapping[str, list[Observation]]):
    """Targets' observations made from the store on demand, one target at a time."""

    def __init__(self, store: Store, rows: Sequence[int]) -> None:
        self.store = store
        self.rows = rows
        self.runs = {tid: (start, stop) for tid, start, stop in target_runs(store, rows)}
        self.large = len(rows) >= VECTOR_ROWS  # the province's series come from the columns

    def __getitem__(self, target_id: str) -> list[Observation]:
        start, stop = self.runs[target_id]
        items = self.store.observations(self.rows[start:stop])
        items.sort(key=AS_OF)
        return items

    def __iter__(self) -> Iterator[str]:
        return iter(self.runs)

    def __len__(self) -> int:
        return len(self.runs)


def _evaluate(
    plan: Plan, observations: Iterable[Observation] | Progress, as_of: date | None, found: Region
) -> Report:
    by_target, report_date = _by_target(observations, as_of)
    city = None if found.level == "province" else found.name
    province: Mapping[str, Series] | None = None
    if city is None and isinstance(by_target, _LazyTargets) and by_target.large:
        province = province_series_of_store(plan, by_target.store, by_target.rows)
    results = []
    for target in plan.targets:
        if province is not None:  # the province's view only: no city's items are needed
            items: list[Observation] = []
            series, warnings = province.get(target.id) or ([], [])
        else:
            items = by_target.get(target.id, [])
            series, warnings = series_for(plan, target, items, city)
        judge = _Judge(target, report_date)
        if city is None:
            results.append(judge.judge(series, target.value, warnings))
            continue
        share = None
        if series and target.aggregate == "sum":
            totals, _ = series_for(plan, target, items)
            last = series[-1]
            total = next((p.value for p in reversed(totals) if p.as_of <= last.as_of), None)
            share = last.value / total if total else None
        goal = target.allocations.get(city)
        if not target.is_numeric:
            goal = target.value
        results.append(judge.judge(series, goal, warnings, share))
    return Report.model_construct(
        plan=plan.plan.doc_number,
        as_of=report_date,
        region=found.name,
        targets=results,
        summary=summarize(results),
    )
