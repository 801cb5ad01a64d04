"""The gap engine against values worked by hand from ../shared/METHOD.md's formulas."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ROOT
from zjplan.base import dump_json
from zjplan.engine import evaluate, least_squares_at, pace_class
from zjplan.model import Plan
from zjplan.plan import load_plan
from zjplan.progress import Observation
from zjplan.report import Report, TargetResult

S = date(2018, 1, 1)
D = date(2020, 12, 31)
SPAN = 1095  # days from S to D
EPS = 1e-9


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(ROOT / "tests" / "fixtures" / "plan-engine.yaml")


def obs(target: str, day: str, value: float, region: str = "浙江省") -> Observation:
    return Observation(target, region, date.fromisoformat(day), value, "src", "f.csv", 2)


def one(report: Report, target_id: str) -> TargetResult:
    return next(t for t in report.targets if t.id == target_id)


def approx(value: float) -> object:
    return pytest.approx(value, abs=EPS, rel=EPS)


def test_worked_example_of_method(plan: Plan) -> None:
    """Robots 76000 at 2019-06-30 on baseline 55000: every number of METHOD.md's example."""
    r = one(evaluate(plan, [obs("robots", "2019-06-30", 76000)]), "robots")
    t_days, left = 545, 550  # 2018-01-01 -> 2019-06-30 -> 2020-12-31
    assert r.attainment == approx(0.76)
    assert r.progress_share == approx(21000 / 45000)
    assert r.elapsed_share == approx(t_days / SPAN)
    assert r.schedule_gap == approx(21000 / 45000 - t_days / SPAN)
    assert r.schedule_gap == pytest.approx(-0.031, abs=5e-4)
    assert r.gap == approx(24000)
    assert r.required_per_year == approx(24000 / (left / 365))
    assert r.required_per_year == pytest.approx(15927, abs=1)
    assert r.projection == approx(55000 + 21000 * SPAN / t_days)
    assert r.projection == pytest.approx(97193, abs=1)
    assert r.cagr_actual == approx((76000 / 55000) ** (365 / t_days) - 1)
    assert r.cagr_required == approx((100000 / 55000) ** (1 / 3) - 1)
    assert r.pace_ratio == approx(r.cagr_actual / abs(r.cagr_required))  # type: ignore[operator]
    assert r.pace_class == "substantial"
    assert r.time_distance_years == approx((21000 / 45000 * SPAN - t_days) / 365)
    assert r.status == "at_risk"
    assert r.undefined == {}


def test_zero_baseline_new_target(plan: Plan) -> None:
    """A 新增 target starts at 0: growth rates are undefined, and say why."""
    r = one(evaluate(plan, [obs("firms", "2018-12-31", 2000)]), "firms")
    assert r.baseline == 0
    assert r.progress_share == approx(0.25)
    assert r.elapsed_share == approx(364 / SPAN)
    assert r.projection == approx(2000 * SPAN / 364)
    assert r.time_distance_years == approx((0.25 * SPAN - 364) / 365)
    assert r.status == "at_risk"  # gap -0.082 >= -0.10, projection 6016 < 8000
    assert r.cagr_actual is None
    assert r.cagr_required is None
    assert r.pace_ratio is None
    assert r.pace_class is None
    assert r.undefined["cagr_required"] == "the baseline is zero"
    assert "above zero" in r.undefined["cagr_actual"]


def test_single_observation_unknown_baseline(plan: Plan) -> None:
    """Without a baseline, progress falls back to x/T; projection needs two points."""
    r = one(evaluate(plan, [obs("pool", "2019-12-31", 30000)]), "pool")
    assert r.baseline is None
    assert r.progress_share == approx(0.6)
    assert r.elapsed_share == approx(729 / SPAN)
    assert r.schedule_gap == approx(0.6 - 729 / SPAN)
    assert r.projection is None
    assert r.time_distance_years is None
    assert r.undefined["projection"].startswith("needs two points")
    assert r.undefined["time_distance_years"] == "the baseline is unknown"
    assert r.status == "at_risk"


def test_least_squares_over_three_points(plan: Plan) -> None:
    """The projection is the least-squares line through (S, 0) and the observations."""
    data = [obs("firms", "2019-01-01", 3000), obs("firms", "2020-01-01", 5000)]
    r = one(evaluate(plan, data), "firms")
    # x = 0, 365, 730 days; y = 0, 3000, 5000; slope = 5000/730; read at 1095.
    assert r.projection == approx(8000 / 3 + 5000 / 730 * (1095 - 365))
    assert r.status == "at_risk"  # progress 0.625, elapsed 730/1095: gap -0.042
    assert least_squares_at([(0, 1), (0, 2)], 5) is None
    assert least_squares_at([(0, 1)], 5) is None


def test_on_track_by_projection(plan: Plan) -> None:
    """Behind 序时进度 but projected to reach T by D: on_track."""
    data = [obs("pool", "2018-12-31", 5000), obs("pool", "2019-12-31", 32000)]
    r = one(evaluate(plan, data), "pool")
    assert r.schedule_gap == approx(32000 / 50000 - 729 / SPAN)  # -0.026
    assert r.projection == approx(32000 + 27000 / 365 * 366)  # 59074 >= 50000
    assert r.status == "on_track"


def test_behind(plan: Plan) -> None:
    """More than 0.10 behind the path and projected short: behind."""
    r = one(evaluate(plan, [obs("robots", "2019-12-31", 60000)]), "robots")
    assert r.schedule_gap == approx(5000 / 45000 - 729 / SPAN)
    assert r.status == "behind"


def test_above_target_is_achieved(plan: Plan) -> None:
    """A value above an at_least target is achieved, with no gap left."""
    r = one(evaluate(plan, [obs("robots", "2020-06-30", 120000)]), "robots")
    assert r.status == "achieved"
    assert r.gap == 0
    assert r.required_per_year == 0
    assert r.attainment == approx(1.2)
    assert not r.exceeded


@pytest.mark.parametrize(
    ("value", "status", "exceeded"),
    [
        (48, "achieved", False),
        (52.5, "achieved", False),
        (53, "achieved", True),
        (47, "on_track", False),
    ],
    ids=["within-band", "top-of-band", "above-band", "below-band"],
)
def test_about_band(plan: Plan, value: float, status: str, exceeded: bool) -> None:
    """≈50 with 5%: 47.5 and up is achieved; above 52.5 is flagged exceeded."""
    r = one(evaluate(plan, [obs("towns", "2020-03-31", value)]), "towns")
    assert (r.status, r.exceeded) == (status, exceeded)


def test_deadline_past(plan: Plan) -> None:
    """After the deadline an unmet target is missed; 基本完成 (nearly met) when 90% or more
    of the required change was made: from b = 55000 to T = 100000, 96000 made
    41000/45000 = 0.911 of it; 95000 made 40000/45000 = 0.889, though its attainment is
    0.95. One grade, and no required pace once no time is left."""
    late = date(2021, 6, 30)
    r = one(evaluate(plan, [obs("robots", "2020-12-31", 96000)], as_of=late), "robots")
    assert (r.status, r.grade) == ("missed", "nearly_met")
    assert r.required_per_year is None
    assert r.undefined["required_per_year"] == "the deadline has passed at the report date"
    r = one(evaluate(plan, [obs("robots", "2020-12-31", 95000)], as_of=late), "robots")
    assert (r.status, r.grade) == ("missed", "not_met")
    r = one(evaluate(plan, [obs("robots", "2020-12-31", 100000)], as_of=late), "robots")
    assert (r.status, r.grade) == ("achieved", "met")
    r = one(evaluate(plan, [obs("robots", "2019-12-31", 95000)]), "robots")
    assert r.grade is None  # before the deadline there is no grade


def test_rank_target(plan: Plan) -> None:
    """A rank within top is achieved; outside it is behind, then missed after the deadline."""
    assert one(evaluate(plan, [obs("rank", "2019-12-31", 3)]), "rank").status == "achieved"
    r = one(evaluate(plan, [obs("rank", "2019-12-31", 8)]), "rank")
    assert r.status == "behind"
    assert r.attainment is None
    assert r.undefined["attainment"] == "not computed for a rank_top target"
    late = evaluate(plan, [obs("rank", "2020-12-31", 8)], as_of=date(2021, 1, 31))
    assert one(late, "rank").status == "missed"
    # A 2019 rank says nothing of the final outcome: no final verdict on it.
    late = evaluate(plan, [obs("rank", "2019-12-31", 8)], as_of=date(2021, 1, 31))
    assert one(late, "rank").status == "no_data"


@pytest.mark.parametrize(
    ("day", "state", "status"),
    [
        ("2019-12-31", 1.0, "achieved"),
        ("2020-06-30", 0.5, "on_track"),
        ("2018-06-30", 0.0, "on_track"),
        ("2019-12-31", 0.0, "behind"),
    ],
    ids=["done", "in-progress", "not-started-early", "not-started-late"],
)
def test_milestone(plan: Plan, day: str, state: float, status: str) -> None:
    """Milestones: done is achieved; not_started after half the period is behind."""
    r = one(evaluate(plan, [obs("task_a", day, state)]), "task_a")
    assert r.status == status


def test_milestone_missed_after_deadline(plan: Plan) -> None:
    """A milestone still in progress at the deadline is missed; one last reported half a
    year before it has no final verdict (quarterly reporting: the final period starts
    2020-09-30)."""
    report = evaluate(plan, [obs("task_a", "2020-12-31", 0.5)], as_of=date(2021, 3, 31))
    r = one(report, "task_a")
    assert (r.status, r.milestone_state) == ("missed", "in_progress")
    report = evaluate(plan, [obs("task_a", "2020-06-30", 0.5)], as_of=date(2021, 3, 31))
    r = one(report, "task_a")
    assert r.status == "no_data"
    assert r.status_reason == (
        "no figure for the final period (from 2020-09-30); latest 0.5 at 2020-06-30"
    )


def test_no_data(plan: Plan) -> None:
    """A target without figures is no_data, every number undefined with a reason."""
    r = one(evaluate(plan, [obs("robots", "2019-06-30", 76000)]), "pool")
    assert r.status == "no_data"
    assert r.latest is None
    assert r.attainment is None
    assert r.undefined["attainment"] == (
        "no observation after the start and at or before the report date"
    )


def test_target_equal_to_baseline(plan: Plan) -> None:
    """T = b leaves the progress share undefined rather than dividing by zero."""
    r = one(evaluate(plan, [obs("index", "2019-06-30", 99)]), "index")
    assert r.progress_share is None
    assert r.schedule_gap is None
    assert r.undefined["progress_share"] == "the target equals the baseline"


def test_cities_add_up_to_the_province(plan: Plan) -> None:
    """A summed target's province value is the sum of each city's latest figure."""
    data = [
        obs("robots", "2018-12-31", 10000, "杭州市"),
        obs("robots", "2019-06-30", 20000, "宁波市"),
        obs("robots", "2019-12-31", 15000, "杭州市"),
    ]
    r = one(evaluate(plan, data), "robots")
    assert r.latest is not None
    assert (r.latest.value, r.latest.as_of) == (35000, date(2019, 12, 31))
    assert r.latest.source == "sum of 2 cities"
    assert r.points == 3
    mid = one(evaluate(plan, data, as_of=date(2019, 6, 30)), "robots")
    assert mid.latest is not None
    assert mid.latest.value == 30000


def test_province_figure_wins_and_mismatch_warns(plan: Plan) -> None:
    """A province figure for a date wins over the cities' sum; a >0.5% gap is a warning."""
    data = [
        obs("robots", "2019-06-30", 10000, "杭州市"),
        obs("robots", "2019-06-30", 20000, "宁波市"),
        obs("robots", "2019-06-30", 31000),
    ]
    r = one(evaluate(plan, data), "robots")
    assert r.latest is not None
    assert r.latest.value == 31000
    assert any("add up to 30000" in w for w in r.warnings)
    close = [*data[:2], obs("robots", "2019-06-30", 30100)]
    assert one(evaluate(plan, close), "robots").warnings == []


def test_unsummed_target_ignores_city_figures(plan: Plan) -> None:
    """An index (aggregate none) is judged on province figures only."""
    data = [obs("index", "2019-06-30", 120, "杭州市")]
    assert one(evaluate(plan, data), "index").status == "no_data"


def test_as_of_uses_only_earlier_observations(plan: Plan) -> None:
    """--as-of evaluates the plan as it stood then: later figures are not seen."""
    data = [obs("robots", "2019-06-30", 76000), obs("robots", "2020-06-30", 120000)]
    report = evaluate(plan, data, as_of=date(2019, 12, 31))
    assert report.as_of == date(2019, 12, 31)
    r = one(report, "robots")
    assert r.latest is not None
    assert r.latest.value == 76000
    assert r.elapsed_share == approx(545 / SPAN)  # on t, the data's date
    assert evaluate(plan, data).as_of == date(2020, 6, 30)  # default: latest data


def test_region_view(plan: Plan) -> None:
    """A city is judged on its allocation when it has one, else shows its share."""
    data = [
        obs("firms", "2019-06-30", 600, "宁波市"),
        obs("firms", "2019-06-30", 1400, "杭州市"),
        obs("pool", "2019-06-30", 5000, "宁波市"),
        obs("pool", "2019-06-30", 15000, "杭州市"),
    ]
    report = evaluate(plan, data, region="Ningbo")
    assert report.region == "宁波市"
    firms = one(report, "firms")
    assert firms.value == 1000
    assert firms.progress_share == approx(0.6)
    assert firms.share_of_province == approx(0.3)
    pool = one(report, "pool")
    assert pool.status == "unallocated"
    assert pool.share_of_province == approx(0.25)


def test_summary_counts_per_status_and_owner(plan: Plan) -> None:
    """The summary counts targets per status and per 责任单位."""
    report = evaluate(plan, [obs("robots", "2019-12-31", 60000)])
    assert report.summary.by_status["behind"] == 1
    assert report.summary.by_status["no_data"] == 6
    assert report.summary.by_owner["省经信委"]["behind"] == 1
    narrowed = report.select(lambda t: t.status == "behind")
    assert [t.id for t in narrowed.targets] == ["robots"]
    assert narrowed.summary.by_status["no_data"] == 0


@pytest.mark.parametrize(
    ("ratio", "cls"),
    [
        (0.95, "substantial"),
        (0.9499, "moderate"),
        (0.6, "moderate"),
        (0.5999, "limited"),
        (0.0, "limited"),
        (-0.01, "deterioration"),
    ],
)
def test_pace_classes(ratio: float, cls: str) -> None:
    """The international thresholds of the pace ratio."""
    assert pace_class(ratio) == cls


def test_json_has_no_nan(plan: Plan) -> None:
    """Undefined numbers are null in JSON, never NaN."""
    text = dump_json(evaluate(plan, [obs("firms", "2018-12-31", 2000)]), indent=None)
    assert "NaN" not in text
    assert '"cagr_actual":null' in text
