"""The gap engine: judge every target as ../shared/METHOD.md describes. Pure, no I/O.

Time is measured in days and converted to years of 365 days (the worked example of
METHOD.md: 24000 over 550 days ≈ 15927 a year). The report's date E is ``as_of`` when
given, else the end of the reporting period holding the median of the targets' latest
figure dates (report_date); a target's own figure x is
its latest at or before E, at date t. The final verdict is due when E ≥ D, on figures at
or before D.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import compress
from typing import Any, NamedTuple, assert_never, cast

from zjplan.base import replace
from zjplan.comparators import kind
from zjplan.gcpause import paused_gc
from zjplan.model import FREQUENCY_MONTHS, Plan, Region, Target
from zjplan.numbers import STATE_OF_VALUE, Qualifier
from zjplan.progress import Observation, Progress
from zjplan.progress.store import VECTOR_ROWS, Store, target_runs
from zjplan.report import (
    METRICS,
    SEVERITY,
    BaselineFrom,
    Carried,
    Coverage,
    Grade,
    HistoryPoint,
    LaterFigure,
    Latest,
    PaceClass,
    Report,
    ReportDate,
    Status,
    TargetResult,
    summarize,
)
from zjplan.rollup import roll_up, roll_up_store
from zjplan.series import (
    AS_OF,
    MISMATCH,
    Point,
    Series,
    city_series,
    group,
    period_end,
    province_series_of_store,
    series_for,
)
from zjplan.series import Coverage as SeriesCoverage
from zjplan.wording import said_params, says

YEAR = 365.0
AT_RISK_FLOOR = -0.10
NEARLY_MET = 0.9
TIE = 1e-9  # a schedule gap this close to 0 is 0 (rounding of 序时进度 and the share)


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


# The lower bounds of substantial, moderate and limited: on the pace ratio R (METHOD.md), and
# on the CAGR of a monitored indicator (the no-target thresholds, as sdg-build applies them).
RATIO_CLASSES = (0.95, 0.60, 0.0)
MONITOR_CLASSES = (0.015, 0.005, 0.0)


def pace_class(value: float, bounds: tuple[float, float, float] = RATIO_CLASSES) -> PaceClass:
    substantial, moderate, limited = bounds
    if value >= substantial:
        return "substantial"
    if value >= moderate:
        return "moderate"
    if value >= limited:
        return "limited"
    return "deterioration"


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; a month's end stays a month's end (2019-06-30 + 6
    months = 2019-12-31), another day is clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if at_end else min(day.day, last))


def growth_rate(ratio: float, span_years: float) -> float | None:
    """ratio^(1/span) − 1, or None when it is no finite number (a huge rise over one day)."""
    try:
        rate = math.exp(math.log(ratio) / span_years) - 1
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    return rate if math.isfinite(rate) else None


def finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


class Baseline(NamedTuple):
    """The b of METHOD.md: its value, its own date, and where it came from."""

    value: float
    as_of: date
    source: BaselineFrom


class _Judge:
    """Computes one target's numbers, recording why each undefined one is undefined."""

    def __init__(
        self,
        target: Target,
        report_date: date | None,
        band: float,
        indicator: str | None = None,
        owners_now: list[str] | None = None,
    ) -> None:
        self.t = target
        self.report_date = report_date
        self.band = band  # an about figure's half-width, as a share
        self.months = FREQUENCY_MONTHS[target.frequency]
        self.city = False  # judged for a city: its allocation is a level, never a change
        self.upper = target.upper  # a range's upper end (none for a city's allocation)
        self.indicator = indicator  # a milestone's: the id its figures are written under
        self.owners_now = owners_now or []
        self.undefined: dict[str, str] = {}
        self.reason: str | None = None  # why the data support no more than the status
        self.broken_at: date | None = None  # sustained: the first figure that failed
        self.years_short: list[int] = []
        self.years_missing: list[int] = []

    def why(self, name: str, reason: str) -> None:
        self.undefined.setdefault(name, reason)

    def baseline(self, before: list[Point], own_plan_baseline: bool) -> Baseline | None:
        """b: 0 for 新增; else the plan's baseline (the province's view only), else the latest
        figure at or before the start."""
        t = self.t
        if t.figures == "change":
            return self.change_base()
        if t.measure == "new":
            return Baseline(0.0, t.start, "new")
        if own_plan_baseline and t.baseline is not None:
            return Baseline(t.baseline.value, t.baseline.as_of, "plan")
        if before:
            return Baseline(before[-1].value, before[-1].as_of, "data")
        return None

    def change_base(self) -> Baseline:
        """b of a target whose figures are changes: the plan's, else an index of 100 at S."""
        t = self.t
        if t.baseline is not None:
            return Baseline(t.baseline.value, t.baseline.as_of, "plan")
        return Baseline(100.0, t.start, "index")

    def levels(self, series: list[Point]) -> tuple[list[Point], dict[date, float]]:
        """Changes since the baseline (figures: change) as the levels they make, b·(1 +
        c/100), or b + c in points; and each date's change as published."""
        b = self.change_base().value
        points = self.t.points
        changes: dict[date, float] = {}
        levels = []
        for p in series:
            changes[p.as_of] = p.value
            level = b + p.value if points else b * (1 + p.value / 100)
            band = None if p.band is None else (p.band if points else abs(b) * p.band / 100)
            levels.append(p._replace(value=level, band=band))
        return levels, changes

    def meets(self, x: float, goal: float | None) -> bool:
        """Whether a figure x meets the goal (its band, for between within), whatever the
        date: achieved_before's, sustained's and annual's test of one figure."""
        reading = kind(self.t.comparator).reading
        state = STATE_OF_VALUE.get(x, "not_started") if reading == "state" else None
        return self.status(x, goal, dict.fromkeys(METRICS), state)[0] == "achieved"

    def certainly(self, p: Point, goal: float | None) -> bool | None:
        """True when p meets the goal for certain, False when it fails it for certain, None
        when its qualifier leaves it open (a lower bound below a rising goal)."""
        met = self.meets(p.value, goal)
        rises = self.t.way != "falls"
        good = ("exact", "at_least" if rises else "at_most")
        bad = ("exact", "at_most" if rises else "at_least")
        if met and p.qualifier in good and not p.shaky:
            return True
        if not met and p.qualifier in bad and not p.shaky:
            return False
        return None

    def judge(
        self,
        series: list[Point],
        goal: float | None,
        warnings: list[str],
        share: float | None = None,
        city: bool = False,
    ) -> TargetResult:
        t = self.t
        E = self.report_date
        changes: dict[date, float] = {}
        if t.figures == "change":
            series, changes = self.levels(series)
        known = [p for p in series if E is None or p.as_of <= E]
        S, D = t.start, t.deadline
        past = self.past
        before = [p for p in known if p.as_of <= S]
        # At or after the deadline a target is judged on figures at or before it only: an
        # interim deadline (2020 of a plan running to 2022) on its own final figure.
        since = [p for p in known if p.as_of > S and (not past or p.as_of <= D)]
        if t.measure == "annual":  # each year's flow, dated at the year's end
            since = [p for p in since if (p.as_of.month, p.as_of.day) == (12, 31)]
        self.city = city
        if city:
            self.upper = None
        base = self.baseline(before, not city) if kind(t.comparator).numeric else None
        written = goal
        goal = self.level(goal, base)
        warnings = [*warnings, *self.baseline_warnings(before, base)]
        last = since[-1] if since else None
        nums: dict[str, float | None] = dict.fromkeys(METRICS)
        exceeded = uncertain = False
        state: str | None = None
        status: Status
        if last is None:
            status = "no_data"
            reason = says("no-figure-in-period")
            if t.measure == "annual" and any(p.as_of > S for p in known):
                reason = says("no-year-end-figure")  # mid-year figures of a yearly flow
            later = [p for p in known if p.as_of > D] if past else []
            if later:
                reason = says(
                    "only-after-deadline", deadline=D, x=later[-1].value, day=later[-1].as_of
                )
            elif before:
                reason = says("only-before-start", x=before[-1].value, day=before[-1].as_of)
            for name in nums:
                self.why(name, reason)
            self.reason = reason
        else:
            x = last.value
            if kind(t.comparator).reading == "state":
                state = STATE_OF_VALUE.get(x, "not_started")
            nums, status, exceeded = self.assess(x, since, goal, base, state)
            uncertain = self.is_uncertain(last.qualifier, x, since, goal, base, status)
            uncertain = uncertain or (last.shaky and status not in ("no_data", "unallocated"))
            uncertain = uncertain or self.baseline_doubt(x, since, written, base, state, status)
            if status in ("behind", "missed") and self.upper is not None and self.left_band(x):
                self.reason = says("above-band", x=x, upper=self.upper)
            if status == "no_data" and self.reason is None:  # a rate with no figure to rest on
                self.reason = self.undefined.get("pace_ratio") or self.undefined.get("cagr_actual")
            if (status != "achieved" or uncertain) and t.measure != "annual":
                earlier = self.achieved_before(since[:-1], goal)
                if earlier is not None and self.keeps_achievement():
                    status, uncertain = "achieved", False
                    warnings = [
                        *warnings,
                        says(
                            "achieved-earlier", day=earlier.as_of, value=earlier.value, x=x,
                            last=last.as_of,
                        ),
                    ]  # fmt: skip
                elif earlier is not None:  # a level: the latest figure decides
                    warnings = [
                        *warnings,
                        says(
                            "met-earlier", day=earlier.as_of, value=earlier.value, x=x,
                            last=last.as_of,
                        ),
                    ]  # fmt: skip
            # The final window is (D − one reporting period, D]: a figure a period before
            # the deadline is not the final one (annual: 2019-12-31 for 2020-12-31).
            final = add_months(D, -self.months)
            kept = status == "achieved" and self.keeps_achievement()  # met for good
            if t.measure == "annual":
                status, uncertain = self.yearly(since, goal)
                self.undefine_for_annual(nums)
            elif past and not kept and last.as_of <= final:
                status, uncertain = "no_data", False
                self.reason = says("no-final-figure", final=final, x=x, day=last.as_of)
            if t.sustained:
                status, uncertain = self.held(since, goal, status, uncertain)
        # Staleness at the report date; at or after the deadline, at the deadline.
        at = min(E, D) if E is not None else None
        age = (at - last.as_of).days if at is not None and last is not None else None
        stale = last is not None and at is not None and add_months(last.as_of, 2 * self.months) < at
        grade, level_ratio = self.grade(status, nums, since, base, goal)
        uncertain = uncertain or level_ratio  # a 基本完成 on one figure's level ratio
        stretch = self.level(t.stretch, base) if t.stretch is not None and not city else None
        stretch_met = None
        if stretch is not None and last is not None:
            stretch_met = self.certainly(last, stretch) is True
        # The engine made every value itself: built, not validated (84,000 history points
        # for 1,000 targets cost 0.8 s to validate and added nothing).
        return TargetResult(
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
            baseline=base.value if base else None,
            baseline_as_of=base.as_of if base else None,
            baseline_from=base.source if base else None,
            frequency=t.frequency,
            latest=None
            if last is None
            else Latest(
                value=last.value,
                as_of=last.as_of,
                region=last.region,
                source=last.source,
                file=last.file,
                line=last.line,
                qualifier=last.qualifier,
                coverage=coverage_of(last.coverage),
                change=changes.get(last.as_of),
            ),
            milestone_state=state,
            pace_class=self.monitor_class(nums["cagr_actual"])
            if t.comparator == "monitor"
            else (None if nums["pace_ratio"] is None else pace_class(nums["pace_ratio"])),
            share_of_province=share,
            exceeded=exceeded,
            grade=grade,
            stale=stale,
            figure_age_days=age,
            uncertain=uncertain,
            status_reason=self.reason,
            failing=SEVERITY.get(status, -1) >= SEVERITY["behind"] and not uncertain,
            points=len(since),
            owners=t.owners,
            miit_departments=t.miit_departments,
            task=t.task,
            undefined=(
                undefined := {k: v for k, v in self.undefined.items() if nums.get(k) is None}
            ),
            warnings=warnings,
            params=said_params(
                {
                    "status_reason": self.reason,
                    "latest.source": last.source if last is not None else None,
                    **{f"undefined.{k}": v for k, v in undefined.items()},
                    **{f"warnings.{i}": w for i, w in enumerate(warnings)},
                }
            ),
            history=[HistoryPoint(p.as_of, p.value, p.source, p.qualifier) for p in known],
            upper=self.upper,
            within=t.within,
            percentage_points=t.points,
            figures=t.figures,
            binding=t.binding,
            strive=t.strive,
            stretch=stretch,
            stretch_met=stretch_met,
            part_of=t.part_of,
            indicator=self.indicator,
            baseline_qualifier=(
                t.baseline.qualifier
                if base and base.source == "plan" and t.baseline is not None
                else "exact"
            ),
            sustained=t.sustained,
            broken_at=self.broken_at,
            years_short=self.years_short,
            years_missing=self.years_missing,
            owners_now=self.owners_now,
            **cast(dict[str, Any], nums),
        )

    @property
    def past(self) -> bool:
        """Whether the report date is at or after the deadline: the final verdict is due."""
        return self.report_date is not None and self.report_date >= self.t.deadline

    def baseline_doubt(
        self,
        x: float,
        since: list[Point],
        written: float | None,
        base: Baseline | None,
        state: str | None,
        status: Status,
    ) -> bool:
        """Whether an approximate baseline (约7.5万亿元) leaves the status open: judged again
        with b at either end of the plan's about band (a change_by's T moves with it)."""
        t = self.t
        if base is None or base.source != "plan" or t.baseline is None:
            return False
        if t.baseline.qualifier == "exact" or status in ("no_data", "unallocated"):
            return False
        for end in (base.value * (1 - self.band), base.value * (1 + self.band)):
            moved = base._replace(value=end)
            if self.assess(x, since, self.level(written, moved), moved, state)[1] != status:
                return True
        return False

    def held(
        self, since: list[Point], goal: float | None, status: Status, uncertain: bool
    ) -> tuple[Status, bool]:
        """sustained (保持在…): broken at the first figure at or before min(E, D) that fails
        the goal for certain (then behind, and missed at the deadline); unbroken, on track
        before the deadline and achieved at it (uncertain when a figure may have failed)."""
        if status == "no_data" or not since:
            return status, uncertain
        doubtful = False
        for p in since:
            verdict = self.certainly(p, goal)
            if verdict is False:
                self.broken_at = p.as_of
                self.reason = says("broken", x=p.value, day=p.as_of, goal=goal or 0.0)
                return ("missed" if self.past else "behind"), False
            doubtful = doubtful or verdict is None
        return ("achieved" if self.past else "on_track"), doubtful or uncertain

    def yearly(self, since: list[Point], goal: float | None) -> tuple[Status, bool]:
        """measure annual (每年): every complete year since the start, to min(E, D), has its
        own year-end figure. Before the deadline on track while none fell short (behind
        once one did); at it achieved only if every year met the goal, no_data if a year
        has no figure, else missed."""
        t = self.t
        until = min(self.report_date, t.deadline) if self.report_date else t.deadline
        years = [y for y in range(t.start.year, t.deadline.year + 1)
                 if t.start < date(y, 12, 31) <= until]  # fmt: skip
        by_year = {p.as_of.year: p for p in since}
        doubtful = False
        for y in years:
            p = by_year.get(y)
            verdict = self.certainly(p, goal) if p is not None else None
            if p is None:
                self.years_missing.append(y)
            elif verdict is False:
                self.years_short.append(y)
            doubtful = doubtful or (p is not None and verdict is None)
        listed = "、".join(map(str, self.years_short or self.years_missing))
        if self.years_short:
            self.reason = says("years-short", years=listed)
            return ("missed" if self.past else "behind"), False
        if self.past and self.years_missing:
            self.reason = says("years-missing", years=listed)
            return "no_data", False
        if self.years_missing:
            self.reason = says("years-missing", years=listed)
        return ("achieved" if self.past else "on_track"), doubtful or bool(self.years_missing)

    def undefine_for_annual(self, nums: dict[str, float | None]) -> None:
        """A yearly flow has no path to a level: no progress share, 序时进度, projection or
        growth rates (METHOD.md)."""
        for name in METRICS:
            if name not in ("attainment", "gap"):
                nums[name] = None
                self.undefined[name] = says("annual-flow")

    def left_band(self, x: float) -> bool:
        """Whether x is above a band's upper end (between with within: true)."""
        return self.t.within and self.upper is not None and x > self.upper

    def keeps_achievement(self) -> bool:
        """Whether a goal met once stays met: counts that cannot fall (新增, 累计) and a task
        marked done. A level, a share, an index or a rank is judged on its latest figure."""
        return self.t.cannot_fall or self.t.comparator == "milestone"

    def achieved_before(self, earlier: list[Point], goal: float | None) -> Point | None:
        """The first earlier figure since the start that meets the goal for certain (the day
        a count that cannot fall was achieved)."""
        for p in earlier:
            implied = ("exact", "at_most") if self.t.way == "falls" else ("exact", "at_least")
            if self.meets(p.value, goal) and p.qualifier in implied:  # a bound past it too
                return p
        return None

    def baseline_warnings(self, before: list[Point], base: Baseline | None) -> list[str]:
        """The plan's baseline against a figure of the data at the same date."""
        if base is None or base.source != "plan":
            return []
        same = [p for p in before if p.as_of == base.as_of]
        if same and abs(same[-1].value - base.value) > MISMATCH * abs(base.value):
            return [says("baseline-differs", plan=base.value, day=base.as_of, data=same[-1].value)]
        return []

    def grade(
        self,
        status: Status,
        nums: dict[str, float | None],
        since: list[Point],
        base: Baseline | None,
        goal: float | None,
    ) -> tuple[Grade | None, bool]:
        """完成 / 基本完成 / 未完成 at or after the deadline; none before, or without data;
        and whether a 基本完成 rests on one figure's level ratio (then it is uncertain).
        基本完成 grades the change made against the change required (≥ 0.9 of it, in the
        target's direction), as 目标责任制考核 does, never the level ratio: an intensity
        held at 100 against a cut to 90 made none of its change."""
        if not self.past or status not in ("achieved", "missed"):
            return None, False
        if status == "achieved":
            return "met", False
        t = self.t
        above = bool(since) and self.left_band(since[-1].value)
        if self.broken_at is not None or t.measure == "annual" or above:
            return "not_met", False  # a floor broken, a year short, a band left: no 基本完成
        made, level_ratio = self.change_made(nums, since, base, goal)
        if (made or 0) >= NEARLY_MET:
            return "nearly_met", level_ratio
        return "not_met", False

    def change_made(
        self,
        nums: dict[str, float | None],
        since: list[Point],
        base: Baseline | None,
        goal: float | None,
    ) -> tuple[float | None, bool]:
        """The share of the required change made, for 基本完成, and whether it is only a
        level ratio: the progress share; for a rate, the actual rate against the required
        one; ranks, tasks and (new) `annual` targets are met or not. Without a baseline, a
        count's attainment, else the first figure since the start as the baseline (two
        figures or more; one figure gives the level ratio, marked so)."""
        t = self.t
        if t.comparator == "annual_growth":
            return nums["pace_ratio"], False
        if not t.is_numeric or kind(t.comparator).reading != "number" or goal is None:
            return None, False
        if base is not None:
            return nums["progress_share"], False
        if t.counts_things or t.cannot_fall:
            return nums["attainment"], False
        if len(since) < 2:
            return (nums["attainment"], True) if since else (None, False)
        first, x = since[0].value, since[-1].value
        d = -1.0 if t.way == "falls" else 1.0
        if d * (goal - first) <= 0:  # the first figure met the goal: no change was required
            return None, False  # of it, and a level that fell back from there is not nearly met
        return (x - first) / (goal - first), False

    def assess(
        self,
        x: float,
        since: list[Point],
        goal: float | None,
        base: Baseline | None,
        state: str | None,
    ) -> tuple[dict[str, float | None], Status, bool]:
        """The numbers and the status for a latest figure x (the band ends of an about
        figure are assessed the same way)."""
        t = self.t
        nums: dict[str, float | None] = dict.fromkeys(METRICS)
        when = since[-1].as_of
        S, D = t.start, t.deadline
        nums["elapsed_share"] = min(max(years(S, when) / years(S, D), 0.0), 1.0)
        if t.is_numeric and (goal is not None or t.comparator == "monitor"):
            self.numbers(nums, since, x, when, goal or 0.0, base)
        elif t.is_numeric:
            for name in nums:
                if name != "elapsed_share":
                    self.why(name, says("no-allocation"))
        else:
            for name in nums:
                if name not in kind(t.comparator).formulas:
                    self.why(name, says("not-computed-for", comparator=t.comparator))
        status, exceeded = self.status(x, goal, nums, state)
        return nums, status, exceeded

    def is_uncertain(
        self,
        qualifier: Qualifier,
        x: float,
        since: list[Point],
        goal: float | None,
        base: Baseline | None,
        status: Status,
    ) -> bool:
        """Whether the figure's qualifier fails to imply the status (METHOD.md): a lower
        bound implies achieved or on track only, an upper bound the reverse, an about
        figure a status only when both ends of its band give it."""
        if qualifier == "exact" or status in ("no_data", "unallocated"):
            return False
        if self.t.way == "falls":  # a lower bound on a figure that must fall: the reverse
            swapped: dict[Qualifier, Qualifier] = {"at_least": "at_most", "at_most": "at_least"}
            qualifier = swapped.get(qualifier, qualifier)
        good = status in ("achieved", "on_track")
        if qualifier == "at_least":
            return not good
        if qualifier == "at_most":
            return good
        ends = []
        # A sum's band is its about parts' bands added (an exact city's figure has none);
        # a single figure's is the plan's share of it.
        half = since[-1].band if since[-1].band is not None else abs(x) * self.band
        for end in (x - half, x + half):
            moved = [*since[:-1], since[-1]._replace(value=end)]
            ends.append(self.assess(end, moved, goal, base, None)[1])
        return not ends[0] == ends[1] == status

    def numbers(
        self,
        nums: dict[str, float | None],
        since: list[Point],
        x: float,
        when: date,
        goal: float,
        base: Baseline | None,
    ) -> None:
        """The numbers of METHOD.md, read in the target's direction (d = 1 rising, −1
        falling): progress (x − b)/(T − b) either way, gap d·(T − x) never below 0."""
        t = self.t
        D = t.deadline
        E = self.report_date or when
        T = goal
        d = -1.0 if t.way == "falls" else 1.0
        b = base.value if base else None
        # Every point at its own date: the baseline at its date, then the figures since S.
        path = [(float(base.as_of.toordinal()), base.value)] if base is not None else []
        path += [(float(p.as_of.toordinal()), p.value) for p in since]
        first_day, first = path[0]
        span = (when.toordinal() - first_day) / YEAR
        if first > 0 and x == 0 and span > 0:
            nums["cagr_actual"] = -1.0  # a fall to zero: −100%, in the series' direction
        elif first > 0 and x > 0 and span > 0:
            nums["cagr_actual"] = growth_rate(x / first, span)
            if nums["cagr_actual"] is None:
                self.why("cagr_actual", says("fold-no-rate", fold=x / first, years=span))
        else:
            self.why(
                "cagr_actual",
                says("needs-two-positive")
                + (" (a zero or sign-changing value has no growth rate)" if span > 0 else ""),
            )
        if t.comparator == "monitor":
            return  # a direction and no target: the CAGR is all there is to judge
        if t.comparator == "annual_growth":
            rate = T / 100  # g, the size of the rate; d gives its way (年均下降: a fall)
            nums["cagr_required"] = d * rate
            actual = nums["cagr_actual"]
            if actual is not None and rate:
                nums["pace_ratio"] = nums["attainment"] = finite(d * actual / rate)
            elif not rate:
                self.why("pace_ratio", says("zero-growth-target"))
            for name in METRICS:
                if name not in kind(t.comparator).formulas:
                    self.why(name, says("rate-not-level"))
            return
        if T != 0 and (d > 0 or x != 0):
            nums["attainment"] = x / T if d > 0 else T / x
        else:
            self.why("attainment", says("target-is-zero") if T == 0 else says("figure-is-zero"))
        if b is None:
            if T != 0:
                nums["progress_share"] = x / T if d > 0 else None
            if nums["progress_share"] is None:
                self.why("progress_share", says("baseline-unknown"))
            self.why("time_distance_years", says("baseline-unknown"))
            self.why("cagr_required", says("baseline-unknown"))
        elif b == T or (t.comparator == "between" and self.upper is not None and b >= T):
            # (a range whose baseline already meets its lower end has no distance to cover)
            self.why("progress_share", says("target-is-baseline"))
        else:
            nums["progress_share"] = (x - b) / (T - b)
        if nums["progress_share"] is not None and nums["elapsed_share"] is not None:
            nums["schedule_gap"] = nums["progress_share"] - nums["elapsed_share"]
        else:
            self.why("schedule_gap", says("progress-undefined"))
        nums["gap"] = gap = max(d * (T - x), 0.0)
        left = years(E, D)
        if left > 0:
            nums["required_per_year"] = gap / left
        else:
            self.why("required_per_year", says("deadline-passed"))
        nums["projection"] = finite(least_squares_at(path, float(D.toordinal())))
        if nums["projection"] is None:
            self.why("projection", says("needs-two-points"))
        if base is not None and base.as_of >= D:
            self.why("cagr_required", says("baseline-after-deadline"))
        elif base is not None and base.value > 0 and T > 0:
            nums["cagr_required"] = growth_rate(T / base.value, years(base.as_of, D))
            if nums["cagr_required"] is None:
                self.why("cagr_required", says("too-steep"))
        elif base is not None:
            self.why(
                "cagr_required",
                says("zero-target-no-rate") if T <= 0 else says("baseline-zero"),
            )
        actual, required = nums["cagr_actual"], nums["cagr_required"]
        if actual is not None and required:
            nums["pace_ratio"] = finite(d * actual / abs(required))
        elif required == 0:
            self.why("pace_ratio", says("target-is-baseline-no-change"))
        else:
            self.why("pace_ratio", says("needs-both-rates"))
        if base is not None and base.value != T:
            on_path = (x - base.value) / (T - base.value) * years(base.as_of, D)
            nums["time_distance_years"] = on_path - years(base.as_of, when)
        elif base is not None:
            self.why("time_distance_years", says("target-is-baseline"))

    def level(self, goal: float | None, base: Baseline | None) -> float | None:
        """The level T a figure is judged against: the value (or the city's allocation);
        for change_by, b·(1 ± value/100), or b ± value in percentage points."""
        if goal is None or self.t.comparator != "change_by" or self.city:
            return goal
        if base is None:
            return None
        sign = -1.0 if self.t.direction == "down" else 1.0
        if self.t.points:
            return base.value + sign * goal
        return base.value * (1 + sign * goal / 100)

    def status(
        self, x: float, goal: float | None, nums: dict[str, float | None], state: str | None
    ) -> tuple[Status, bool]:
        t = self.t
        past = self.past
        comparator = t.comparator
        falls = t.way == "falls"
        threshold = goal
        match comparator:
            case "milestone":
                if state == "done":
                    return "achieved", False
                if past:
                    return "missed", False
                # Half the period gone at the report's date E, not at the state's own date
                # (METHOD.md): a task reported 未启动 early is behind once E passes half.
                E = self.report_date
                gone = years(t.start, E) / years(t.start, t.deadline) if E else None
                half_gone = (gone if gone is not None else nums["elapsed_share"] or 0) > 0.5
                behind = state == "not_started" and half_gone
                return ("behind" if behind else "on_track"), False
            case "rank_top":
                if t.top is not None and x <= t.top:
                    return "achieved", False
                return ("missed" if past else "behind"), False
            case "about" | "at_least" | "reach":
                if goal is None:
                    return "unallocated", False
                tolerance = t.tolerance or 0.0 if comparator == "about" else 0.0
                threshold = goal * (1 - tolerance)
                if x >= threshold:
                    return "achieved", x > goal * (1 + tolerance) and tolerance > 0
            case "between":
                if goal is None:
                    return "unallocated", False
                if x >= goal:
                    if self.left_band(x):  # a band to stay inside: above it is not met
                        return ("missed" if past else "behind"), False
                    return "achieved", self.upper is not None and x > self.upper
            case "at_most" | "change_by":
                if goal is None:
                    return "unallocated", False
                if (x <= goal) if falls else (x >= goal):
                    return "achieved", False
            case "annual_growth":
                ratio = nums["pace_ratio"]
                if ratio is None:
                    return "no_data", False
                tolerance = t.tolerance or 0.0  # g%左右: met within g·(1 ± tolerance)
                if ratio >= 1 - tolerance - TIE:
                    exceeded = tolerance > 0 and ratio > 1 + tolerance
                    return ("achieved" if past else "on_track"), exceeded
                if past:
                    return "missed", False
                return ("at_risk" if ratio >= NEARLY_MET * (1 - tolerance) else "behind"), False
            case "monitor":
                found = self.monitor_class(nums["cagr_actual"])
                if found is None:
                    return "no_data", False
                by_class: dict[PaceClass, Status] = {
                    "substantial": "on_track",
                    "moderate": "on_track",
                    "limited": "at_risk",
                    "deterioration": "behind",
                }
                return by_class[found], False
            case _:
                assert_never(comparator)
        if past:
            return "missed", False
        gap, projection = nums["schedule_gap"], nums["projection"]
        projected = (
            projection is not None
            and threshold is not None
            and (projection <= threshold if falls else projection >= threshold)
        )
        if (gap is not None and gap >= -TIE) or projected:  # an exact tie is on schedule
            return "on_track", False
        if gap is not None and gap >= AT_RISK_FLOOR:
            return "at_risk", False
        return "behind", False

    def monitor_class(self, cagr: float | None) -> PaceClass | None:
        """sdg-build's no-target thresholds on the CAGR, read in the indicator's direction."""
        if cagr is None:
            return None
        return pace_class(-cagr if self.t.way == "falls" else cagr, MONITOR_CLASSES)


MISSING_NAMED = 20  # cities a coverage names as missing; the rest are counted


def coverage_of(found: SeriesCoverage | None) -> Coverage | None:
    """A sum's coverage as the report carries it."""
    if found is None:
        return None
    return Coverage(
        reported=len(found.reported),
        expected=found.expected,
        carried=[Carried(city=c, as_of=d) for c, d in found.carried],
        missing=list(found.missing[:MISSING_NAMED]),
        missing_count=len(found.missing),
    )


def unreported(
    plan: Plan, day: date | None, sums: list[Point], by_target: Mapping[str, list[Observation]]
) -> list[str]:
    """The cities that sent no figure of any summed target for the period of ``day`` (none
    when no summed target was ever summed from cities). Asked of the figures themselves
    (``by_target``: at or before ``day``), a county's for its city: a sum the province's
    own figure replaced keeps no record of the cities that sent theirs."""
    if day is None or not sums:
        return []
    months = FREQUENCY_MONTHS[plan.plan.frequency]
    period = period_end(day, months)
    start = date(period.year, period.month - months + 1, 1)
    summed = [t.id for t in plan.targets if t.aggregate == "sum"]
    sent: set[str] = set()
    if isinstance(by_target, _LazyTargets):  # from the columns: no row made a tuple
        store, first = by_target.store, start.toordinal()
        names = store.region_names
        for target_id in summed:
            begin, stop = by_target.runs.get(target_id, (0, 0))
            rows = by_target.rows[begin:stop]
            recent = map(first.__le__, map(store.day.__getitem__, rows))
            sent.update(
                names[r] for r in set(compress(map(store.region.__getitem__, rows), recent))
            )
    else:
        for target_id in summed:
            sent.update(o[1] for o in by_target.get(target_id, []) if o[2] >= start)
    counties = plan.county_parent
    sent = {counties.get(name, name) for name in sent}
    return [r.name for r in plan.regions if r.level == "city" and r.name not in sent]


def evaluate(
    plan: Plan,
    observations: Iterable[Observation] | Progress,
    as_of: date | None = None,
    region: str | None = None,
    today: date | None = None,
) -> Report:
    """Judge every target of ``plan`` on ``observations`` at ``as_of`` (default: latest data).

    ``observations`` may be the Progress that read_progress returned: then each target's
    figures are made from the stored columns one target at a time, so a million rows
    never exist as tuples at once. ``region`` is a region's name (any alias); a city is
    judged against its allocation when the plan gives one, else its figures and share of
    the province are shown.
    """
    found = _region(plan, region) if region else plan.province
    with paused_gc():
        return _evaluate(plan, observations, as_of, [found], today)[found.name]


def evaluate_regions(
    plan: Plan,
    observations: Iterable[Observation] | Progress,
    regions: Sequence[str],
    as_of: date | None = None,
    today: date | None = None,
) -> dict[str, Report]:
    """evaluate for several regions at once (a report's city pages, the cities matrix),
    by full name: each target's figures are made once for them all."""
    found = [_region(plan, name) for name in regions]
    with paused_gc():
        return _evaluate(plan, observations, as_of, found, today)


def _region(plan: Plan, name: str) -> Region:
    """The region a name (any alias) names; ValueError for none."""
    found = plan.find_region(name)
    if found is None:
        raise ValueError(f"{name!r} is not a region of the plan")
    return found


def _by_target(
    plan: Plan,
    observations: Iterable[Observation] | Progress,
    as_of: date | None,
    today: date | None,
) -> tuple[Mapping[str, list[Observation]], date | None, ReportDate | None]:
    """Each target's observations (sorted by date, at or before the report's date), the
    report's date (``as_of``, else report_date's rule) and how it was chosen."""
    if isinstance(observations, Progress) and observations.store is not None:
        store, rows = observations.store, observations.rows
        chosen = None
        days = _latest_days(store, rows)
        if as_of is None:
            as_of, chosen = report_date(
                plan, {tid: store.date(d) for tid, d in days.items()}, today
            )
        last_day = as_of.toordinal() if as_of is not None else None
        if last_day is not None and max(days.values(), default=0) > last_day:
            if chosen is not None:
                chosen = _later(
                    chosen, [store.observation(i) for i in rows if store.day[i] > last_day]
                )
            rows = [i for i in rows if store.day[i] <= last_day]
        return _LazyTargets(store, rows), as_of, chosen or _given(as_of)
    plain = observations.observations if isinstance(observations, Progress) else observations
    everything = group(plain)
    chosen = None
    if as_of is None:
        latest = {tid: items[-1].as_of for tid, items in everything.items() if items}
        as_of, chosen = report_date(plan, latest, today)
    if as_of is None:
        return everything, None, None
    if chosen is not None:
        chosen = _later(
            chosen, [o for items in everything.values() for o in items if o.as_of > as_of]
        )
    by_target = {tid: [o for o in items if o.as_of <= as_of] for tid, items in everything.items()}
    return by_target, as_of, chosen or _given(as_of)


def _latest_days(store: Store, rows: Sequence[int]) -> dict[str, int]:
    """Each target's latest figure's day (an ordinal); numpy's for a large store."""
    runs = list(target_runs(store, rows))
    if len(rows) >= VECTOR_ROWS and runs:
        from zjplan.progress import vector

        found = vector.run_maxima(store.day, rows, [start for _, start, _ in runs])
        return {tid: d for (tid, _, _), d in zip(runs, found, strict=True)}
    day = store.day.__getitem__
    return {tid: max(map(day, rows[start:stop])) for tid, start, stop in runs}


def report_date(
    plan: Plan, latest: Mapping[str, date], today: date | None
) -> tuple[date | None, ReportDate | None]:
    """The default report date E (METHOD.md): the end of the plan's reporting period that
    holds the median of the quantitative and rank targets' latest figure dates after their
    start (the later middle date of an even number), never after ``today``. The quarter
    most of an office's figures reach, not one retrospective row dated later. (None, None)
    when no such target has a figure after its start."""
    dates = sorted(
        day
        for t in plan.targets
        if kind(t.comparator).reading != "state"
        and (day := latest.get(t.id)) is not None
        and day > t.start
    )
    if not dates:
        return None, None
    median = dates[len(dates) // 2]
    end = period_end(median, FREQUENCY_MONTHS[plan.plan.frequency])
    capped = today is not None and end > today
    day = today if capped and today is not None else end
    return day, ReportDate(how="median", median=median, of=len(dates), capped=capped)


def _given(as_of: date | None) -> ReportDate | None:
    return ReportDate(how="given") if as_of is not None else None


def _later(chosen: ReportDate, later: list[Observation]) -> ReportDate:
    """The report date with the figures dated after it: the latest five, and how many."""
    later.sort(key=lambda o: o.as_of, reverse=True)
    shown = [LaterFigure(target_id=o.target_id, region=o.region, as_of=o.as_of) for o in later[:5]]
    return replace(chosen, later=shown, later_count=len(later))


class _LazyTargets(Mapping[str, list[Observation]]):
    """Targets' observations made from the store on demand, one target at a time."""

    def __init__(self, store: Store, rows: Sequence[int]) -> None:
        self.store = store
        self.rows = rows
        self.runs = {tid: (start, stop) for tid, start, stop in target_runs(store, rows)}
        self.large = len(rows) >= VECTOR_ROWS  # the province's series from the columns

    def __getitem__(self, target_id: str) -> list[Observation]:
        start, stop = self.runs[target_id]
        items = self.store.observations(self.rows[start:stop])
        items.sort(key=AS_OF)
        return items

    def rolled_up(
        self, plan: Plan, target: Target, target_id: str, until: date | None
    ) -> list[Observation]:
        """What roll_up makes of the target's observations, read from the columns, the
        counties' own rows left out (rollup.roll_up_store)."""
        run = self.runs.get(target_id)
        if run is None:
            return []
        start, stop = run
        return roll_up_store(plan, target, self.store, self.rows[start:stop], until)

    def __iter__(self) -> Iterator[str]:
        return iter(self.runs)

    def __len__(self) -> int:
        return len(self.runs)


def _evaluate(
    plan: Plan,
    observations: Iterable[Observation] | Progress,
    as_of: date | None,
    regions: Sequence[Region],
    today: date | None,
) -> dict[str, Report]:
    """Each region's report. The regions are judged together, a target at a time: its
    figures are made, rolled up and summed once for them all, and each city reads its own
    from them (a report of 100 city pages made each target's 200,000 figures 100 times)."""
    by_target, day, chosen = _by_target(plan, observations, as_of, today)
    province: Mapping[str, Series] | None = None
    columns = not plan.county_parent  # counties roll up figure by figure (rollup.py)
    lazy = by_target if isinstance(by_target, _LazyTargets) else None
    only_province = all(r.level == "province" for r in regions)
    if only_province and lazy is not None and lazy.large and columns:
        province = province_series_of_store(plan, lazy.store, lazy.rows, day)
    # A county's own rows are read only when a county is judged: else the counties roll
    # up from the columns, and their rows are never made tuples (rollup.roll_up_store).
    from_columns = lazy if not any(r.level == "county" for r in regions) else None
    results: dict[str, list[TargetResult]] = {r.name: [] for r in regions}
    sums: list[Point] = []  # each summed target's sums, for the cities that sent nothing
    for target in plan.judged:
        figures = plan.indicator_of.get(target.id, target.id)  # a milestone's: its indicator's
        owners_now = [plan.owner_now(o) for o in target.owners]
        renamed = owners_now if owners_now != target.owners else []
        indicator = plan.indicator_of.get(target.id)
        items: list[Observation] | None = None  # the target's figures, when a city needs them
        totals: list[Point] | None = None  # the province's, for a city's share
        by_region: dict[str, list[Observation]] = {}
        for found in regions:
            judge = _Judge(target, day, plan.plan.about_band, indicator, renamed)  # one a region
            if found.level == "province":
                if province is not None:  # from the columns: no city's items are needed
                    series, warnings = province.get(figures) or ([], [])
                else:
                    if items is None:
                        items = _items(plan, target, by_target, figures, day, from_columns)
                    series, warnings = series_for(plan, target, items, until=day)
                if target.aggregate == "sum":
                    sums += (p for p in series if p.coverage is not None)
                results[found.name].append(judge.judge(series, target.value, warnings))
                continue
            if items is None:
                items = _items(plan, target, by_target, figures, day, from_columns)
            if not by_region:
                for o in items:
                    by_region.setdefault(o[1], []).append(o)
            city = found.name
            series = city_series(city, by_region.get(city, []))
            share = None
            if series and target.aggregate == "sum":
                if totals is None:
                    totals = series_for(plan, target, items, until=day)[0]
                share = _share(series[-1], totals, FREQUENCY_MONTHS[target.frequency])
            goal = target.allocations.get(city) if target.is_numeric else target.value
            results[city].append(judge.judge(series, goal, [], share, city=True))
    return {
        found.name: Report(
            plan=plan.plan.doc_number,
            as_of=day,
            region=found.name,
            date_chosen=chosen,
            unreported=unreported(plan, day, sums, by_target) if found.level == "province" else [],
            targets=results[found.name],
            summary=summarize(results[found.name]),
            sections={
                t.section: n for t in results[found.name] if (n := plan.sections.get(t.section))
            },
        )
        for found in regions
    }


def _share(last: Point, totals: list[Point], months: int) -> float | None:
    """A city's latest figure as a share of the province's total of the same reporting
    period (never another quarter's sum); None without one."""
    when = period_end(last.as_of, months)
    total = next((p.value for p in reversed(totals) if period_end(p.as_of, months) == when), None)
    # finite: a total too small to divide by (2e-309) gives no share, not inf
    return finite(last.value / total) if total else None


def _items(
    plan: Plan,
    target: Target,
    by_target: Mapping[str, list[Observation]],
    figures: str,
    day: date | None,
    from_columns: _LazyTargets | None,
) -> list[Observation]:
    """A target's figures as observations in date order, counties rolled up into cities;
    with ``from_columns``, rolled up from the store's columns, the counties' own rows left
    out (no region judged reads them)."""
    if plan.county_parent and from_columns is not None:
        return from_columns.rolled_up(plan, target, figures, day)
    items = by_target.get(figures, [])
    return roll_up(plan, target, items, until=day) if plan.county_parent else items
