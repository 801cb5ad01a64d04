"""Honest verdicts: what the data support and no more, each rule with its numbers worked
by hand (../shared/METHOD.md: baselines at their dates, staleness, bounds, final grades)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_PLAN, PLAN, ROOT
from zjplan.base import dump_json
from zjplan.engine import add_months, evaluate
from zjplan.model import Plan
from zjplan.numbers import Qualifier
from zjplan.plan import load_plan, parse_plan
from zjplan.progress import Observation, read_progress
from zjplan.render.labels import verdict
from zjplan.report import Report, TargetResult

ENGINE_PLAN = load_plan(ROOT / "tests" / "fixtures" / "plan-engine.yaml")
SHIPPED = load_plan(PLAN)
EPS = 1e-9


def obs(
    target: str, day: str, value: float, region: str = "浙江省", q: Qualifier = "exact"
) -> Observation:
    return Observation(target, region, date.fromisoformat(day), value, "src", "f.csv", 2, "", q)


def one(report: Report, target_id: str) -> TargetResult:
    return next(t for t in report.targets if t.id == target_id)


def robots(*figures: Observation, as_of: str | None = None) -> TargetResult:
    day = date.fromisoformat(as_of) if as_of else None
    return one(evaluate(ENGINE_PLAN, list(figures), as_of=day), "robots")


def approx(value: float) -> object:
    return pytest.approx(value, abs=EPS, rel=EPS)


# --- figures from before the start are baselines --------------------------------------


def test_figures_before_the_start_alone_are_no_data() -> None:
    """Only 2016 and 2017 figures: no verdict, the reason names the latest, and both stay
    in the history (explain and the chart show them)."""
    r = robots(obs("robots", "2016-12-31", 42000), obs("robots", "2017-12-31", 55000))
    assert r.status == "no_data"
    assert (
        r.status_reason == "only figures from before the plan's start; latest 55000 at 2017-12-31"
    )
    assert [p.value for p in r.history] == [42000, 55000]
    assert r.latest is None
    assert r.progress_share is None
    r = robots(obs("robots", "2017-12-31", 55000), as_of="2021-06-30")
    assert (r.status, r.grade) == ("no_data", None)  # never "missed" on a 2017 number


def test_a_figure_at_or_before_the_start_serves_as_the_baseline() -> None:
    """pool has no plan baseline: 30000 at 2017-06-30 is b, so 40000 at 2019-06-30 is
    (40000 − 30000)/(50000 − 30000) = 0.5 of the way, and explain can say where b came from."""
    r = one(
        evaluate(ENGINE_PLAN, [obs("pool", "2017-06-30", 30000), obs("pool", "2019-06-30", 40000)]),
        "pool",
    )
    assert (r.baseline, r.baseline_as_of, r.baseline_from) == (30000, date(2017, 6, 30), "data")
    assert r.progress_share == approx(0.5)
    assert r.points == 1
    # the actual CAGR runs from the baseline's own date: 730 days, (40000/30000)^(365/730) − 1
    assert r.cagr_actual == approx((4 / 3) ** 0.5 - 1)


def test_a_plan_baseline_that_disagrees_with_the_data_is_a_warning() -> None:
    """The plan says 55000 at 2018-01-01; a figure of 50000 for that day differs by 9%."""
    r = robots(obs("robots", "2018-01-01", 50000), obs("robots", "2019-06-30", 76000))
    assert r.baseline == 55000  # the plan's baseline still serves
    assert r.warnings == [
        "the plan's baseline is 55000 at 2018-01-01, but the data give 50000 for that date"
    ]
    close = robots(obs("robots", "2018-01-01", 55200), obs("robots", "2019-06-30", 76000))
    assert close.warnings == []  # 0.36%: within 0.5%


# --- every point at its own date ---------------------------------------------------------


CERTIFIED = "zhejiang_made_certified_firms"


def test_a_baseline_dated_2017_10_21_keeps_its_date() -> None:
    """b = 88 at 2017-10-21, x = 400 at 2018-10-21 (365 days later): the actual CAGR is
    400/88 − 1 = 354.5%, not the 559% that putting b at 2018-01-01 gave; the required CAGR
    runs over the 1167 days from 2017-10-21 to 2020-12-31."""
    report = evaluate(SHIPPED, [obs(CERTIFIED, "2018-10-21", 400)])
    r = one(report, CERTIFIED)
    target = SHIPPED.by_id[CERTIFIED]
    assert (r.baseline, r.baseline_as_of) == (88, date(2017, 10, 21))
    assert r.cagr_actual == approx(400 / 88 - 1)
    assert r.cagr_actual == pytest.approx(3.545, abs=5e-4)
    assert target.value is not None
    assert r.cagr_required == approx((target.value / 88) ** (365 / 1167) - 1)
    # the projection is the line through (2017-10-21, 88) and (2018-10-21, 400) at D
    assert r.projection == approx(88 + 312 * 1167 / 365)
    # time distance: on the line from (t_b, b) to (D, T), 400 is reached at
    # t_b + (400 − 88)/(T − 88)·1167 days; minus the 365 days of t
    on_line = (400 - 88) / (target.value - 88) * 1167
    assert r.time_distance_years == approx((on_line - 365) / 365)


def test_required_pace_counts_from_the_report_date() -> None:
    """24000 still to do; at a report date of 2019-12-31, 366 days are left, whatever the
    figure's date (2019-06-30)."""
    r = robots(obs("robots", "2019-06-30", 76000), as_of="2019-12-31")
    assert r.required_per_year == approx(24000 / (366 / 365))


# --- staleness ---------------------------------------------------------------------------


def test_a_quarterly_figure_older_than_two_quarters_is_stale() -> None:
    """2019-03-31 at 2020-06-30: 457 days old, more than two quarters: stale."""
    r = robots(obs("robots", "2019-03-31", 70000), as_of="2020-06-30")
    assert r.figure_age_days == 457
    assert r.stale is True
    fresh = robots(obs("robots", "2019-12-31", 80000), as_of="2020-06-30")
    assert (fresh.figure_age_days, fresh.stale) == (182, False)  # 2019-12-31 + 6 months


def test_method_worked_example_is_stale_a_year_later() -> None:
    """METHOD.md: 76000 at 2019-06-30 judged at 2020-06-30 is 366 days old: stale."""
    r = robots(obs("robots", "2019-06-30", 76000), as_of="2020-06-30")
    assert (r.figure_age_days, r.stale) == (366, True)


def test_an_annual_target_is_stale_only_after_two_years() -> None:
    """The shipped robots target reports annually: 2018-06-30 at 2020-06-29 (730 days) is
    not stale; at 2020-07-01, two years and a day after it, it is. At or after the deadline
    a figure's age and staleness are measured at the deadline: 2019-12-31 judged at
    2022-01-01 is 366 days old (2020 is a leap year), not stale."""
    target = "industrial_robots_in_use"
    assert SHIPPED.by_id[target].frequency == "annual"
    day = [obs(target, "2018-06-30", 80000)]
    r = one(evaluate(SHIPPED, day, as_of=date(2020, 6, 29)), target)
    assert (r.figure_age_days, r.stale) == (730, False)
    r = one(evaluate(SHIPPED, day, as_of=date(2020, 7, 1)), target)
    assert r.stale is True
    r = one(evaluate(SHIPPED, [obs(target, "2019-12-31", 80000)], as_of=date(2022, 1, 1)), target)
    assert (r.figure_age_days, r.stale) == (366, False)


def test_months_are_added_end_to_end() -> None:
    """A month's end stays one: 2019-06-30 + 6 months is 2019-12-31; 2020-12-31 − 3 is
    2020-09-30; 2019-01-31 + 1 is 2019-02-28; a mid-month day keeps its day."""
    assert add_months(date(2019, 6, 30), 6) == date(2019, 12, 31)
    assert add_months(date(2020, 12, 31), -3) == date(2020, 9, 30)
    assert add_months(date(2019, 1, 31), 1) == date(2019, 2, 28)
    assert add_months(date(2019, 5, 15), 12) == date(2020, 5, 15)


# --- final verdicts need final figures ----------------------------------------------------


def test_missed_needs_a_final_period_figure() -> None:
    """At 2021-06-30: 96000 at 2020-12-31 is missed (nearly met: (96000 − 55000)/45000 =
    0.91 of the change); 96000 at 2020-06-30, before the final quarter (2020-09-30,
    2020-12-31], is no_data with the reason, and so is one at 2020-09-30 itself: the final
    window's start is not in it. A stock level met in 2019 is no_data too (the latest
    figure decides, and there is none in the final window); a count of new firms met in
    2019 stays achieved (it cannot fall)."""
    r = robots(obs("robots", "2020-12-31", 96000), as_of="2021-06-30")
    assert (r.status, r.grade) == ("missed", "nearly_met")
    r = robots(obs("robots", "2020-06-30", 96000), as_of="2021-06-30")
    assert (r.status, r.grade) == ("no_data", None)
    assert r.status_reason == (
        "no figure for the final period (from 2020-09-30); latest 96000 at 2020-06-30"
    )
    assert r.latest is not None  # the latest figure is still shown
    assert r.latest.value == 96000
    assert robots(obs("robots", "2020-09-30", 96000), as_of="2021-06-30").status == "no_data"
    assert robots(obs("robots", "2020-10-01", 96000), as_of="2021-06-30").status == "missed"
    r = robots(obs("robots", "2019-06-30", 101000), as_of="2021-06-30")
    assert (r.status, r.grade) == ("no_data", None)
    firms = [obs("firms", "2019-06-30", 8100)]
    r = one(evaluate(ENGINE_PLAN, firms, as_of=date(2021, 6, 30)), "firms")
    assert (r.status, r.grade) == ("achieved", "met")


def test_a_nearly_met_target_has_one_grade_in_every_format() -> None:
    """0.91 of the change after the deadline: status missed, grade nearly_met, printed once."""
    r = robots(obs("robots", "2020-12-31", 96000), as_of="2021-06-30")
    assert verdict(r, "en") == "✘ missed · nearly met"
    assert verdict(r, "zh") == "✘ 未达成 · 基本完成"
    assert verdict(r, "zh").count("完成") == 1


# --- bounds and approximate figures -------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "value", "as_of", "status", "uncertain"),
    [
        # a lower bound: implies achieved / on track, never behind or missed
        ("at_least", 110000, None, "achieved", False),
        ("at_least", 60000, None, "behind", True),  # (60000−55000)/45000 = 0.11 vs 0.50
        ("at_least", 95000, "2021-06-30", "missed", True),
        ("at_least", 100000, "2021-06-30", "achieved", False),
        # an upper bound: the reverse
        ("at_most", 60000, None, "behind", False),
        ("at_most", 110000, None, "achieved", True),
        ("at_most", 95000, "2021-06-30", "missed", False),
        # about (±5%): a status only when both ends give it
        ("about", 98000, "2021-06-30", "missed", True),  # 93100 missed, 102900 achieved
        ("about", 120000, "2021-06-30", "achieved", False),  # 114000 and 126000 achieved
        ("about", 60000, None, "behind", False),  # 57000 and 63000 both behind
        ("exact", 60000, None, "behind", False),
    ],
)
def test_a_bound_implies_only_what_it_can(
    q: Qualifier, value: float, as_of: str | None, status: str, uncertain: bool
) -> None:
    """Lower and upper bounds and about figures, before and after the deadline (figure at
    2019-06-30 before it, 2020-12-31 after)."""
    day = "2020-12-31" if as_of else "2019-06-30"
    r = robots(obs("robots", day, value, q=q), as_of=as_of)
    assert (r.status, r.uncertain) == (status, uncertain)
    assert r.latest is not None
    assert r.latest.qualifier == q


def test_an_uncertain_verdict_is_marked() -> None:
    """'✗ behind?' and '滞后(存疑)'; the summary counts it."""
    report = evaluate(ENGINE_PLAN, [obs("robots", "2019-06-30", 60000, q="at_least")])
    r = one(report, "robots")
    assert verdict(r, "en") == "✗ behind?"
    assert verdict(r, "zh") == "✗ 滞后(存疑)"
    assert report.summary.uncertain == 1


def test_a_sum_of_bounds_is_a_bound() -> None:
    """Two cities' lower bounds add up to a lower bound; a lower and an upper bound only to
    an about figure."""
    report = evaluate(
        ENGINE_PLAN,
        [
            obs("pool", "2019-06-30", 100, "杭州市", "at_least"),
            obs("pool", "2019-06-30", 200, "宁波市", "exact"),
        ],
    )
    latest = one(report, "pool").latest
    assert latest is not None
    assert (latest.value, latest.qualifier) == (300, "at_least")
    report = evaluate(
        ENGINE_PLAN,
        [
            obs("pool", "2019-06-30", 100, "杭州市", "at_least"),
            obs("pool", "2019-06-30", 200, "宁波市", "at_most"),
        ],
    )
    latest = one(report, "pool").latest
    assert latest is not None
    assert latest.qualifier == "about"


# --- a city on its own series ---------------------------------------------------------------


ALLOCATED = MINIMAL_PLAN.replace(
    "    aggregate: sum\n", "    aggregate: sum\n    allocations: {宁波市: 20000}\n", 1
).replace(
    "    quote: 工业机器人应用达到10万台以上\n",
    "    quote: 工业机器人应用达到10万台以上\n"
    "    baseline: {value: 55000, as_of: 2017-12-31, source: test}\n",
)


def test_a_city_is_judged_on_its_own_series() -> None:
    """宁波 14500 of its 20000, with no city baseline: progress share 14500/20000 = 0.725,
    never (14500 − 55000)/(20000 − 55000) = 115.7% on the province's baseline."""
    plan: Plan = parse_plan(ALLOCATED, "plan.yaml")
    report = evaluate(plan, [obs("robots", "2019-12-31", 14500, "宁波市")], region="宁波")
    r = one(report, "robots")
    assert r.baseline is None
    assert r.progress_share == approx(0.725)
    assert r.projection is None  # one figure, no baseline: no line
    assert r.pace_class is None


def test_a_city_with_its_own_figure_before_the_start() -> None:
    """宁波 10000 at 2017-12-31 is its own baseline: (14500 − 10000)/(20000 − 10000) = 0.45."""
    plan: Plan = parse_plan(ALLOCATED, "plan.yaml")
    figures = [
        obs("robots", "2017-12-31", 10000, "宁波市"),
        obs("robots", "2019-12-31", 14500, "宁波市"),
    ]
    r = one(evaluate(plan, figures, region="宁波"), "robots")
    assert (r.baseline, r.baseline_from) == (10000, "data")
    assert r.progress_share == approx(0.45)


# --- numbers that cannot be numbers -----------------------------------------------------------


def test_a_ten_fold_rise_in_a_day_is_no_rate() -> None:
    """The province's own 1 on 2019-12-30 and 11 on 2019-12-31: 11-fold in a day overflows
    as a yearly rate; it is undefined with a reason, and every number stays finite."""
    figures = [obs("pool", "2019-12-30", 1, "浙江省"), obs("pool", "2019-12-31", 11, "浙江省")]
    r = one(evaluate(ENGINE_PLAN, figures), "pool")
    assert r.cagr_actual is None
    assert "no rate" in r.undefined["cagr_actual"]
    numbers = [getattr(r, name) for name in ("projection", "pace_ratio", "time_distance_years")]
    assert all(v is None or math.isfinite(v) for v in numbers)


# --- the shipped data ------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", ["2019-06-30", "2020-12-31", "2021-06-30"])
def test_shipped_data_supports_every_verdict(as_of: str) -> None:
    """On the shipped data, no target is on track, at risk, behind or missed on a figure from
    before its start, and none is missed without a figure from the final period."""
    progress = read_progress([ROOT / "data" / "progress"], SHIPPED, today=date(2026, 12, 1))
    report = evaluate(SHIPPED, progress, as_of=date.fromisoformat(as_of))
    for r in report.targets:
        months = {"monthly": 1, "quarterly": 3, "annual": 12}[r.frequency]
        if r.status in ("on_track", "at_risk", "behind", "missed"):
            assert r.latest is not None, r.id
            assert r.latest.as_of > r.start, r.id
        if r.status == "missed":
            assert r.latest is not None
            assert r.latest.as_of >= add_months(r.deadline, -months), r.id
        if r.status in ("at_risk", "behind", "missed") and r.latest is not None:
            assert r.uncertain == (r.latest.qualifier == "at_least"), r.id


def test_shipped_robots_are_no_data_in_2019() -> None:
    """At 2019-06-09 robots' only figures are 4.2万 (2016) and 5.5万 (2017): no data, never
    'on track, 0%'. At 2021-06-30 the latest is 8.9万 at 2019-12-31, one reporting year
    before the deadline: not the final figure of an annual target due 2020-12-31, so the
    outcome is unknown (it was graded 未完成 on it), the figure shown."""
    progress = read_progress([ROOT / "data" / "progress"], SHIPPED, today=date(2026, 12, 1))
    r = one(evaluate(SHIPPED, progress, as_of=date(2019, 6, 9)), "industrial_robots_in_use")
    assert r.status == "no_data"
    assert r.status_reason is not None
    assert r.status_reason.startswith("only figures from before the plan's start")
    r = one(evaluate(SHIPPED, progress, as_of=date(2021, 6, 30)), "industrial_robots_in_use")
    assert (r.status, r.grade) == ("no_data", None)
    assert r.status_reason == (
        "no figure for the final period (from 2019-12-31); latest 89000 at 2019-12-31"
    )


def test_json_and_schema_carry_the_new_fields(tmp_path: Path) -> None:
    """The Report's JSON and `zjplan schema report` both have stale, figure_age_days,
    uncertain, grade and latest.qualifier."""
    from zjplan.schemas import schema_json

    report = evaluate(ENGINE_PLAN, [obs("robots", "2019-06-30", 60000, q="at_least")])
    dumped = json.loads(dump_json(report))
    r = next(t for t in dumped["targets"] if t["id"] == "robots")
    for key in ("stale", "figure_age_days", "uncertain", "grade", "status_reason"):
        assert key in r
    assert r["latest"]["qualifier"] == "at_least"
    schema = json.loads(schema_json("report"))
    props = schema["$defs"]["TargetResult"]["properties"]
    for key in ("stale", "figure_age_days", "uncertain", "grade", "status_reason"):
        assert key in props
    assert "qualifier" in schema["$defs"]["Latest"]["properties"]


# --- the qualifier through check and merge --------------------------------------------------


def test_merge_keeps_the_qualifier_and_reads_back_the_same(tmp_path: Path) -> None:
    """超过300, 300余, 近300 and 约300 are merged as >=300, >=300, <=300 and ~300, and the merged
    file reads back as the same figures with the same qualifiers."""
    from zjplan.merge import merge

    source = tmp_path / "in" / "zhejiang.csv"
    source.parent.mkdir()
    source.write_text(
        "target_id,region,as_of,value,unit,source\n"
        "zhejiang_made_standards,浙江省,2018-10-21,超过300,项,a\n"
        "zhejiang_made_standards,浙江省,2018-11-30,300余项,,b\n"
        "zhejiang_made_certified_firms,浙江省,2018-10-21,近300,家,c\n"
        "characteristic_towns,浙江省,2019-12-31,约40,个,d\n",
        encoding="utf-8",
    )
    merged = merge([source.parent], SHIPPED, today=date(2026, 12, 1))
    values = [line.split(",")[3] for line in merged.text.splitlines()[1:]]
    assert values == ["~40", "<=300", ">=300", ">=300"]  # sorted by target id
    out = tmp_path / "merged.csv"
    out.write_text(merged.text, encoding="utf-8")
    again = read_progress([out], SHIPPED, today=date(2026, 12, 1))
    assert [(o.target_id, o.value, o.qualifier) for o in again.observations] == [
        ("zhejiang_made_standards", 300, "at_least"),  # the plan's order
        ("zhejiang_made_standards", 300, "at_least"),
        ("zhejiang_made_certified_firms", 300, "at_most"),
        ("characteristic_towns", 40, "about"),
    ]


def test_merged_free_text_never_runs_as_a_formula_and_reads_back(tmp_path: Path) -> None:
    """=HYPERLINK(…), +cmd|…, @SUM(…) and ＝1 in a source are written behind a ' in the
    merged CSV, and read back exactly as they were sent. A city's own '=x is read as the
    spreadsheet shows it, =x (the ' is Excel's text marker), and merged as '=x again."""
    from zjplan.merge import merge

    texts = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "＝1", "'=x"]
    source = tmp_path / "in" / "zhejiang.csv"
    source.parent.mkdir()
    quoted = [t.replace('"', '""') for t in texts]
    rows = "".join(
        f'small_to_large_firms,浙江省,2019-0{i + 1}-28,{100 + i},家,"{t}",n{i}\n'
        for i, t in enumerate(quoted)
    )
    source.write_text("target_id,region,as_of,value,unit,source,note\n" + rows, encoding="utf-8")
    merged = merge([source.parent], SHIPPED, today=date(2026, 12, 1))
    for line in merged.text.splitlines()[1:]:
        cell = next(csv_cells(line))[5]
        assert cell.startswith("'")
    out = tmp_path / "merged.csv"
    out.write_text(merged.text, encoding="utf-8")
    again = read_progress([out], SHIPPED, today=date(2026, 12, 1))
    assert [o.source for o in again.observations] == [*texts[:-1], "=x"]


def csv_cells(line: str) -> object:
    import csv

    return csv.reader([line])


def test_achieved_stands_on_any_figure_that_meets_the_goal() -> None:
    """559 new standards at 2018-12-31 meet the 500; a later upper bound (不到1719) cannot
    undo that: achieved, certain, with a warning that names the figure."""
    figures = [
        obs("zhejiang_made_standards", "2018-12-31", 559),
        obs("zhejiang_made_standards", "2020-12-31", 1719, q="at_most"),
    ]
    r = one(evaluate(SHIPPED, figures, as_of=date(2021, 6, 30)), "zhejiang_made_standards")
    assert (r.status, r.uncertain, r.grade) == ("achieved", False, "met")
    assert r.warnings == [
        "achieved at 2018-12-31 (559); the latest figure (1719 at 2020-12-31) does not show it"
    ]


# --- every number finite, on any valid series -------------------------------------------------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

DAYS = st.dates(min_value=date(2016, 1, 1), max_value=date(2021, 12, 31))
VALUES = st.one_of(
    st.sampled_from([0.0, 1e-9, 1.0, 1e15, 55000.0, 100000.0]),
    st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False),
)
QUALIFIERS = st.sampled_from(["exact", "at_least", "at_most", "about"])
FIGURES = st.lists(
    st.tuples(
        st.sampled_from(["robots", "firms", "pool", "towns", "index", "rank", "task_a"]),
        st.sampled_from(["浙江省", "杭州市", "宁波市"]),
        DAYS,
        VALUES,
        QUALIFIERS,
    ),
    max_size=25,
)


@settings(max_examples=400, deadline=None)
@given(FIGURES, st.one_of(st.none(), DAYS), st.sampled_from([None, "宁波市"]))
@example(  # found by this test: a city's share of a subnormal province total was inf
    figures=[
        ("pool", "浙江省", date(2016, 1, 1), 2.225073858507203e-309, "exact"),
        ("pool", "宁波市", date(2016, 1, 1), 1.0, "exact"),
    ],
    as_of=None,
    region="宁波市",
)
def test_every_number_is_finite_or_undefined(
    figures: list[tuple[str, str, date, float, str]], as_of: date | None, region: str | None
) -> None:
    """Extreme but valid series (0, 1e-9, 1e15, one-day jumps, bounds): the engine never
    raises, and every number it makes is finite or None with a reason."""
    seen: set[tuple[str, str, date]] = set()
    observations = []
    for target, where, day, value, q in figures:
        if (target, where, day) in seen:
            continue
        seen.add((target, where, day))
        if target == "rank":
            value = float(max(1, round(min(value, 30))))
        elif target == "task_a":
            value = [0.0, 0.5, 1.0][int(value) % 3]
        observations.append(
            Observation(target, where, day, value, "s", "f.csv", 2, "", q)  # type: ignore[arg-type]
        )
    observations.sort(key=lambda o: (o.target_id, o.region, o.as_of))
    report = evaluate(ENGINE_PLAN, observations, as_of=as_of, region=region)
    for r in report.targets:
        for name in ("attainment", "progress_share", "elapsed_share", "schedule_gap", "gap",
                     "required_per_year", "projection", "cagr_actual", "cagr_required",
                     "pace_ratio", "time_distance_years", "share_of_province"):  # fmt: skip
            value = getattr(r, name)
            assert value is None or math.isfinite(value), (r.id, name, value)
            if value is None and r.latest is not None and name != "share_of_province":
                assert name in r.undefined or r.status == "no_data", (r.id, name)
    json.loads(dump_json(report))  # and it serialises
