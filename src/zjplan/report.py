"""The Report: what the engine concludes about every target. Every renderer takes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal

from zjplan.base import CONFIG, Model, replace
from zjplan.comparators import METRICS as METRICS
from zjplan.comparators import Comparator
from zjplan.numbers import Qualifier

# The statuses, their severity and the --fail-on thresholds: statuses.py's table.
from zjplan.statuses import SEVERITY as SEVERITY
from zjplan.statuses import STATUSES as STATUSES
from zjplan.statuses import THRESHOLDS as THRESHOLDS
from zjplan.statuses import Status as Status
from zjplan.statuses import Threshold as Threshold

PaceClass = Literal["substantial", "moderate", "limited", "deterioration"]
# The final grade after the deadline (目标责任制考核): 完成, 基本完成 (attainment ≥ 0.9), 未完成.
Grade = Literal["met", "nearly_met", "not_met"]
# Where the baseline b came from: the plan, the data (the latest figure at or before the
# start), or 0 for a 新增 target.
# Where b came from: the plan, the data (a figure at or before the start), 0 for 新增, or
# an index of 100 at the start (a change_by target whose figures are changes, no baseline).
BaselineFrom = Literal["plan", "data", "new", "index"]


class Carried(Model):
    """A city whose figure in a sum is from an earlier period, and that figure's date."""

    city: str
    as_of: date


class Coverage(Model):
    """Which of the expected cities a sum holds (METHOD.md, Regions): ``reported`` in the
    period, ``carried`` from an earlier one, ``missing`` (the first 20 names, and how many
    in all). A sum is exact only when every expected city reported."""

    reported: int
    expected: int
    carried: list[Carried]
    missing: list[str]
    missing_count: int

    @property
    def complete(self) -> bool:
        return self.reported == self.expected


class Latest(Model):
    """The figure a target is judged on."""

    value: float
    as_of: date
    region: str
    source: str
    file: str
    line: int
    qualifier: Qualifier = "exact"
    coverage: Coverage | None = None  # a sum of cities: which of them it holds
    # A target whose figures are changes (figures: change): the change as published (−4.2
    # for 下降4.2%); value is then the level it makes, b·(1 + change/100) or b + change.
    change: float | None = None


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """One value of the series a target is judged on (a figure, or a sum of cities)."""

    # Slotted and positional, not a Model: a report on a large plan holds ~84 of these
    # per target. Strict like the models all the same, when its schema is generated.
    __pydantic_config__: ClassVar[dict[str, Any]] = CONFIG

    as_of: date
    value: float
    source: str
    qualifier: Qualifier = "exact"


# How a target's status moved since the earlier date: better, worse, the same; "new" when
# there was no figure then, "lost" when there was one then and none now (cannot happen on
# one set of figures, but a report may be compared with another's).
Movement = Literal["better", "worse", "same", "new", "lost"]


class Since(Model):
    """The target at the earlier date of ``status --since``, and what changed."""

    as_of: date
    status: Status
    value: float | None  # the figure it was judged on then
    value_as_of: date | None
    # The figure now less the figure then, when both exist and are alike: exact, and each
    # either no sum or a complete one (a 5-city sum against the province's own figure is
    # no change of anything: None, and both are shown as they are).
    change: float | None
    movement: Movement
    qualifier: Qualifier = "exact"  # the figure then: a bound, as latest.qualifier
    coverage: Coverage | None = None  # the figure then: a sum's cities


class TargetResult(Model):
    """One target judged at the report's date; undefined numbers are None, with a reason."""

    id: str
    section: str
    name_zh: str
    name_en: str
    status: Status
    comparator: Comparator
    value: float | None
    tolerance: float | None
    top: int | None
    unit: str | None
    measure: str | None
    aggregate: str
    start: date
    deadline: date
    baseline: float | None
    baseline_as_of: date | None
    baseline_from: BaselineFrom | None
    frequency: str
    latest: Latest | None
    milestone_state: str | None
    attainment: float | None
    progress_share: float | None
    elapsed_share: float | None
    schedule_gap: float | None
    gap: float | None
    required_per_year: float | None
    projection: float | None
    cagr_actual: float | None
    cagr_required: float | None
    pace_ratio: float | None
    pace_class: PaceClass | None
    time_distance_years: float | None
    share_of_province: float | None
    exceeded: bool
    grade: Grade | None
    stale: bool
    figure_age_days: int | None
    uncertain: bool
    status_reason: str | None
    failing: bool = False  # at or past the report's fail_on threshold: a JUnit failure too
    points: int
    owners: list[str]
    miit_departments: list[str]
    task: str | None
    undefined: dict[str, str]
    warnings: list[str]
    history: list[HistoryPoint]
    # The key and parameters of each sentence above that the engine said (zjplan.wording),
    # by where it stands: "status_reason", "undefined.<number>", "warnings.<i>",
    # "latest.source": a machine reads these instead of parsing the English.
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    since: Since | None = None  # with --since: the target then, and what changed
    # On a city's report: its place among the cities that reported the target (1 = the
    # highest figure, or the lowest for a falling target), and how many did.
    city_rank: int | None = None
    cities_ranked: int | None = None
    # The plan's other words on the target (model.Target): a range's upper end and whether
    # it is a band; a change in percentage points; what its rows hold; 约束性/预期性; 力争.
    upper: float | None = None
    within: bool = False
    percentage_points: bool = False
    figures: Literal["level", "change"] = "level"
    binding: bool | None = None
    strive: bool = False
    stretch: float | None = None  # 力争 Y as a level (a change_by's, from b)
    stretch_met: bool | None = None  # whether the figure meets Y for certain; None: no figure
    part_of: str | None = None
    indicator: str | None = None  # a milestone (ID@YYYY): the id its figures are under
    baseline_qualifier: Qualifier = "exact"
    # sustained (保持在…): the first figure that failed the target for certain.
    sustained: bool = False
    broken_at: date | None = None
    # measure annual (每年): the years whose figure fell short, and those with none.
    years_short: list[int] = field(default_factory=list)
    years_missing: list[int] = field(default_factory=list)
    owners_now: list[str] = field(default_factory=list)  # the owners' names today


class Summary(Model):
    by_status: dict[str, int]
    by_owner: dict[str, dict[str, int]]
    stale: int = 0
    uncertain: int = 0


class LaterFigure(Model):
    """A figure dated after the report's date (not used by it)."""

    target_id: str
    region: str
    as_of: date


class ReportDate(Model):
    """How the report's date was chosen: ``given`` (--as-of), or ``median``: the end of the
    reporting period holding the median of the targets' latest figure dates (METHOD.md),
    ``median`` that date and ``of`` how many targets' dates it is the median of; ``capped``
    when today came first. The figures dated after it: the first five, and how many."""

    how: Literal["given", "median"]
    median: date | None = None
    of: int = 0
    capped: bool = False
    later: list[LaterFigure] = field(default_factory=list)
    later_count: int = 0


class Report(Model):
    """The whole evaluation: the ``--format json`` output is this model's dump."""

    plan: str
    as_of: date | None
    region: str
    date_chosen: ReportDate | None = None  # how as_of was chosen
    # The expected cities that sent no figure of a summed target for the report date's
    # period (the province's view; empty when every city did, or nothing is summed).
    unreported: list[str] = field(default_factory=list)
    # The threshold the failing marks follow: --fail-on's, else behind (JUnit's default).
    fail_on: Threshold = "behind"
    gate: bool = False  # --fail-on was given: Markdown and HTML mark the failing targets
    targets: list[TargetResult]
    summary: Summary
    since: date | None = None  # with --since: the earlier date each target is compared at
    # The order targets are shown in (status --sort): the document's, or worst first by
    # status, by schedule gap, or by owner; None: each format's own (the document's, and
    # worst first within each section on the HTML page).
    order: Literal["document", "status", "gap", "owner"] | None = None
    # The names of the sections its targets are in, as the plan gives them.
    sections: dict[str, str] = field(default_factory=dict)

    def section_title(self, section: str) -> str:
        """'二(十六) 开展国家标准化综合改革试点' (the numeral alone when the plan names none;
        a part 二(十六)'s head 二 when only that is named is not its name)."""
        name = self.sections.get(section)
        return f"{section} {name}" if name else section

    def gated(self, threshold: Threshold, uncertain: bool = False) -> Report:
        """The report with each target marked failing at ``threshold`` or worse. An
        uncertain verdict (a partial sum, a bound) fails only with ``uncertain``
        (--fail-on-uncertain): a quarter in which half the cities have not reported is not
        a red build until the last one does; it is listed instead."""
        targets = [replace(t, failing=fails(t, threshold, uncertain)) for t in self.targets]
        return replace(self, targets=targets, fail_on=threshold, gate=True)

    def held(self) -> list[TargetResult]:
        """The targets at the gate's threshold or worse that do not fail it: uncertain."""
        bar = SEVERITY[self.fail_on]
        return [t for t in self.targets if not t.failing and SEVERITY.get(t.status, -1) >= bar]

    def failing(self) -> list[TargetResult]:
        return [t for t in self.targets if t.failing]

    def select(self, keep: Callable[[TargetResult], bool]) -> Report:
        """The report narrowed to some targets, with the summary counted again."""
        chosen = [t for t in self.targets if keep(t)]
        return replace(self, targets=chosen, summary=summarize(chosen))


def movement(then: Status, now: Status) -> Movement:
    """better / worse by SEVERITY (no_data and unallocated rank nowhere)."""
    if then == now:
        return "same"
    if then not in SEVERITY:
        return "new" if now in SEVERITY else "same"
    if now not in SEVERITY:
        return "lost"
    return "better" if SEVERITY[now] < SEVERITY[then] else "worse"


def compare(now: Report, then: Report) -> Report:
    """``now`` with each target's ``since`` block from ``then`` (the same plan and figures
    judged at an earlier date)."""
    earlier = {t.id: t for t in then.targets}
    day = then.as_of
    if day is None:
        return now
    targets = []
    for t in now.targets:
        old = earlier.get(t.id)
        if old is None:
            targets.append(t)
            continue
        value = old.latest.value if old.latest else None
        alike = (
            old.latest is not None
            and t.latest is not None
            and all(
                f.qualifier == "exact" and (f.coverage is None or f.coverage.complete)
                for f in (old.latest, t.latest)
            )
        )
        change = t.latest.value - value if t.latest is not None and value is not None else None
        since = Since(
            as_of=day,
            status=old.status,
            value=value,
            value_as_of=old.latest.as_of if old.latest else None,
            change=change if alike else None,
            movement=movement(old.status, t.status),
            qualifier=old.latest.qualifier if old.latest else "exact",
            coverage=old.latest.coverage if old.latest else None,
        )
        targets.append(replace(t, since=since))
    return replace(now, targets=targets, since=day)


def summarize(results: list[TargetResult]) -> Summary:
    """Counts per status, and per owner (责任单位) per status."""
    by_status: dict[str, int] = dict.fromkeys(STATUSES, 0)
    by_owner: dict[str, dict[str, int]] = {}
    for r in results:
        by_status[r.status] += 1
        for owner in r.owners:
            counts = by_owner.setdefault(owner, dict.fromkeys(STATUSES, 0))
            counts[r.status] += 1
    # One order in every format: most behind (behind + missed) first, then most at risk,
    # then the order the owners first appear in (the document's, as results come in it).
    first = {owner: i for i, owner in enumerate(by_owner)}
    ranked = sorted(
        by_owner.items(),
        key=lambda item: (
            -(item[1]["behind"] + item[1]["missed"]),
            -item[1]["at_risk"],
            first[item[0]],
        ),
    )
    return Summary(
        by_status=by_status,
        by_owner=dict(ranked),
        stale=sum(r.stale for r in results),
        uncertain=sum(r.uncertain for r in results),
    )


# What needs attention and what moved: computed here, once, for every format (the
# terminal, the page, the workbook, the 通报 and Markdown show the same lists).


def fails(t: TargetResult, threshold: Threshold, uncertain: bool = False) -> bool:
    """Whether a target fails a gate at ``threshold``: at it or worse, and certain (or
    ``uncertain`` asked to fail too)."""
    return SEVERITY.get(t.status, -1) >= SEVERITY[threshold] and (uncertain or not t.uncertain)


def needs_attention(r: TargetResult) -> bool:
    """Whether a target belongs in "needs attention" (METHOD.md): behind, at risk or
    missed. An achieved target never does, whatever its figure's age; a stale or uncertain
    one on track is counted apart (:func:`flagged_on_track`). The one rule every format's
    attention list follows."""
    return SEVERITY.get(r.status, -1) >= SEVERITY["at_risk"]


def attention(report: Report) -> list[TargetResult]:
    """The targets that need attention, worst first."""
    return worst_first([r for r in report.targets if needs_attention(r)])


def flagged_on_track(report: Report) -> tuple[list[TargetResult], list[TargetResult]]:
    """Targets and tasks on track whose figure is stale or uncertain: each counted in one
    line under the attention list, listed with --all."""
    flagged = [r for r in report.targets if r.status == "on_track" and (r.stale or r.uncertain)]
    tasks = [r for r in flagged if r.comparator == "milestone"]
    return [r for r in flagged if r.comparator != "milestone"], tasks


def worst_first(targets: list[TargetResult]) -> list[TargetResult]:
    """By severity (missed, behind, at risk, then the rest), then the schedule gap (most
    behind first); the document's order breaks ties (the sort is stable)."""
    return sorted(
        targets,
        key=lambda r: (
            -SEVERITY.get(r.status, -1),
            r.schedule_gap if r.schedule_gap is not None else 0.0,
        ),
    )


MOVE_ORDER = {"worse": 0, "better": 1, "new": 2, "lost": 3, "same": 4}


def figure_moved(r: TargetResult) -> bool:
    """Whether the figure is another than then, though the two are not alike enough to
    subtract (a bound, or a sum short of cities)."""
    since, latest = r.since, r.latest
    if since is None or since.change is not None or latest is None or since.value is None:
        return False
    return (since.value, since.value_as_of) != (latest.value, latest.as_of)


def changes(report: Report) -> list[TargetResult]:
    """With --since: the targets whose status moved (worse first, then better, then those
    with no figure then), then those whose figure changed under the same status."""
    moved = [
        r
        for r in report.targets
        if r.since is not None and (r.since.movement != "same" or r.since.change or figure_moved(r))
    ]
    return sorted(moved, key=lambda r: MOVE_ORDER[r.since.movement] if r.since else 9)
