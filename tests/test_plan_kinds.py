"""The target kinds of today's plans, each judged before, at and after its deadline, with
the numbers worked by hand from METHOD.md (tests/fixtures/plan-kinds.yaml: start S =
2021-01-01, deadline D = 2025-12-31, 1,825 days; annual figures)."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT, Ran, run
from zjplan.engine import evaluate
from zjplan.errors import ZjplanError
from zjplan.numbers import Qualifier
from zjplan.plan import load_plan, parse_plan
from zjplan.progress import Observation
from zjplan.report import TargetResult

KINDS = ROOT / "tests" / "fixtures" / "plan-kinds.yaml"
PLAN = load_plan(KINDS)
DAYS = 1825  # S to D


def obs(target: str, day: str, value: float, qualifier: Qualifier = "exact") -> Observation:
    when = date.fromisoformat(day)
    return Observation(target, "全国", when, value, "src", "f.csv", 2, "", qualifier)


def judge(
    target: str, *figures: tuple[str, float] | tuple[str, float, Qualifier], as_of: str
) -> TargetResult:
    report = evaluate(PLAN, [obs(target, *f) for f in figures], as_of=date.fromisoformat(as_of))
    return next(t for t in report.targets if t.id == target)


def close(value: float | None, expected: float) -> bool:
    return value is not None and math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-12)


# ---- between: 3~5个 (cumulative, a count without a baseline) ------------------------------


def test_between_inside_the_range_is_achieved() -> None:
    r = judge("platforms", ("2023-12-31", 4), as_of="2023-12-31")
    assert (r.status, r.exceeded, r.upper) == ("achieved", False, 5)


def test_between_above_the_range_is_achieved_and_flagged_exceeded() -> None:
    r = judge("platforms", ("2023-12-31", 6), as_of="2023-12-31")
    assert (r.status, r.exceeded) == ("achieved", True)


def test_between_below_the_range_is_judged_as_at_least_its_lower_end() -> None:
    """2 of 3 (a count: progress x/T = 0.6667) against 序时进度 1094/1825 = 0.5995: on
    track; 1 of 3 (0.3333): behind by 0.266."""
    r = judge("platforms", ("2023-12-31", 2), as_of="2023-12-31")
    assert close(r.progress_share, 2 / 3)
    assert close(r.elapsed_share, 1094 / DAYS)
    assert r.status == "on_track"
    assert judge("platforms", ("2023-12-31", 1), as_of="2023-12-31").status == "behind"


def test_between_missed_at_the_deadline_is_graded_on_the_lower_end() -> None:
    r = judge("platforms", ("2025-12-31", 2), as_of="2025-12-31")
    assert (r.status, r.grade) == ("missed", "not_met")  # attainment 2/3 < 0.9
    met = judge("platforms", ("2025-12-31", 5), as_of="2026-03-31")
    assert (met.status, met.grade) == ("achieved", "met")


# ---- between within: 控制在2%–3% ------------------------------------------------------------


def test_a_band_left_above_is_behind_then_missed() -> None:
    r = judge("band", ("2023-12-31", 3.5), as_of="2023-12-31")
    assert r.status == "behind"
    assert r.status_reason is not None
    assert "upper end 3" in r.status_reason
    final = judge("band", ("2025-12-31", 3.5), as_of="2025-12-31")
    assert (final.status, final.grade) == ("missed", "not_met")


def test_inside_the_band_is_achieved_and_never_exceeded() -> None:
    r = judge("band", ("2023-12-31", 2.5), as_of="2023-12-31")
    assert (r.status, r.exceeded) == ("achieved", False)
    assert judge("band", ("2025-12-31", 3.0), as_of="2025-12-31").grade == "met"


# ---- change_by in percentage points: 提高2个百分点 from 30% ----------------------------------


def test_points_target_is_the_baseline_plus_the_points() -> None:
    """T = 30 + 2 = 32. 31 at 2023-06-30: progress (31 − 30)/(32 − 30) = 0.5 against 序时
    进度 910/1825 = 0.49863: on track; the gap is 1 (个百分点)."""
    r = judge("share_points", ("2023-06-30", 31), as_of="2023-06-30")
    assert close(r.value, 32)
    assert close(r.progress_share, 0.5)
    assert close(r.elapsed_share, 910 / DAYS)
    assert close(r.gap, 1)
    assert r.status == "on_track"
    assert r.percentage_points
    assert judge("share_points", ("2025-12-31", 32), as_of="2025-12-31").grade == "met"
    nearly = judge("share_points", ("2025-12-31", 31.9), as_of="2025-12-31")
    assert (nearly.status, nearly.grade) == ("missed", "nearly_met")  # 0.95 of the change


# ---- change_by with figures: change: 降低13.5%, figures "累计下降5.6%" ----------------------


def test_changes_are_judged_as_the_levels_they_make_from_an_index_of_100() -> None:
    """No baseline: b = 100 at S; T = 100·(1 − 0.135) = 86.5. 下降5.6% at 2021-12-31 is the
    level 94.4: progress 5.6/13.5 = 0.41481 against 序时进度 364/1825 = 0.19945."""
    r = judge("energy_cut", ("2021-12-31", -5.6), as_of="2021-12-31")
    assert (r.baseline, r.baseline_from) == (100.0, "index")
    assert close(r.value, 86.5)
    assert r.latest is not None
    assert close(r.latest.value, 94.4)
    assert r.latest.change == -5.6
    assert close(r.progress_share, 5.6 / 13.5)
    assert r.status == "on_track"
    assert r.figures == "change"


def test_a_cut_of_nothing_is_never_nearly_met() -> None:
    r = judge("energy_cut", ("2025-12-31", 0), as_of="2025-12-31")
    assert (r.status, r.grade) == ("missed", "not_met")
    done = judge("energy_cut", ("2025-12-31", -13.5), as_of="2025-12-31")
    assert (done.status, done.grade) == ("achieved", "met")
    nearly = judge("energy_cut", ("2025-12-31", -12.5), as_of="2025-12-31")
    assert nearly.grade == "nearly_met"  # 12.5/13.5 = 0.926 of the cut


def checked(folder: Path, *rows: str) -> Ran:
    """``check --format json`` of one file of ``rows`` (national figures) in ``folder``."""
    body = "".join(f"{row}\n" for row in rows)
    (folder / "p.csv").write_text(f"target_id,region,as_of,value,source\n{body}", "utf-8")
    return run("check", "--plan", str(KINDS), str(folder), "--format", "json", today="2024-06-30")


def test_a_change_cell_must_say_which_way(tmp_path: Path) -> None:
    ran = checked(
        tmp_path,
        "energy_cut,全国,2021-12-31,累计下降5.6%,统计公报",
        "energy_cut,全国,2022-12-31,7.1,统计公报",
        "energy_cut,全国,2023-12-31,-8.0,统计公报",
    )
    assert ran.code == 1
    assert '"change-unsigned"' in ran.out
    assert ran.out.count('"code": "change-unsigned"') == 1


# ---- annual_growth down and 左右 ------------------------------------------------------------


def test_a_yearly_fall_is_read_in_its_direction() -> None:
    """年均下降4.2% from 100: 92 after two years is a CAGR of √0.92 − 1 = −4.0833%, a pace
    ratio of 4.0833/4.2 = 0.97221: at risk (≥ 0.9); 91 is −4.6061%, 1.0967: on track."""
    r = judge("intensity_fall", ("2022-12-31", 92), as_of="2022-12-31")
    assert close(r.cagr_actual, math.sqrt(0.92) - 1)
    assert close(r.cagr_required, -0.042)
    assert close(r.pace_ratio, (1 - math.sqrt(0.92)) / 0.042)
    assert r.status == "at_risk"
    assert judge("intensity_fall", ("2022-12-31", 91), as_of="2022-12-31").status == "on_track"
    rising = judge("intensity_fall", ("2022-12-31", 101), as_of="2022-12-31")
    assert rising.status == "behind"
    assert rising.pace_ratio is not None
    assert rising.pace_ratio < 0


def test_a_rate_about_g_is_met_within_its_tolerance() -> None:
    """10%左右 (tolerance 0.1): 119 after two years is 9.0871% a year, ratio 0.90871 ≥ 0.9:
    on track; 125.44 is 12%, above 11%: exceeded; 115 is 7.238%, below 0.9·0.9: behind."""
    r = judge("output_growth", ("2022-12-31", 119), as_of="2022-12-31")
    assert close(r.pace_ratio, (math.sqrt(1.19) - 1) / 0.1)
    assert (r.status, r.exceeded) == ("on_track", False)
    fast = judge("output_growth", ("2022-12-31", 125.44), as_of="2022-12-31")
    assert (fast.status, fast.exceeded) == ("on_track", True)
    assert judge("output_growth", ("2022-12-31", 115), as_of="2022-12-31").status == "behind"
    # at D, five years: 158 is 1.58^(1/5) − 1 = 9.580%, ratio 0.958 ≥ 0.9: met
    final = judge("output_growth", ("2025-12-31", 158), as_of="2025-12-31")
    assert (final.status, final.grade) == ("achieved", "met")


# ---- sustained: 比重保持在34%以上 -----------------------------------------------------------


def test_a_floor_held_is_broken_at_the_first_figure_below_it() -> None:
    figures = (("2021-12-31", 35.0), ("2022-12-31", 33.5), ("2023-12-31", 35.0))
    r = judge("share_floor", *figures, as_of="2023-12-31")
    assert r.status == "behind"
    assert r.broken_at == date(2022, 12, 31)
    final = judge("share_floor", *figures, ("2025-12-31", 36.0), as_of="2025-12-31")
    assert (final.status, final.grade) == ("missed", "not_met")


def test_a_floor_never_broken_is_on_track_then_achieved() -> None:
    held = (("2021-12-31", 35.0), ("2022-12-31", 34.2))
    r = judge("share_floor", *held, as_of="2022-12-31")
    assert (r.status, r.broken_at, r.uncertain) == ("on_track", None, False)
    final = judge("share_floor", *held, ("2025-12-31", 34.0), as_of="2025-12-31")
    assert (final.status, final.grade) == ("achieved", "met")


def test_a_bound_below_the_floor_leaves_it_open() -> None:
    """超过33 (a lower bound below 34) neither holds the floor nor breaks it: uncertain."""
    r = judge("share_floor", ("2021-12-31", 35.0), ("2022-12-31", 33.0, "at_least"),
              as_of="2022-12-31")  # fmt: skip
    assert (r.status, r.uncertain, r.broken_at) == ("on_track", True, None)


# ---- milestones: 到2023年60个，到2025年120个 -------------------------------------------------


def test_milestones_are_judged_each_on_the_one_indicator() -> None:
    """70 at 2023-12-31, judged at 2024-06-30: demo@2023 (T 60) achieved and met; demo@2025
    (T 120): progress 70/120 = 0.58333 against 序时进度 1094/1825 = 0.59945: at risk."""
    report = evaluate(PLAN, [obs("demo", "2023-12-31", 70)], as_of=date(2024, 6, 30))
    by_id = {t.id: t for t in report.targets}
    assert "demo" not in by_id
    first, second = by_id["demo@2023"], by_id["demo@2025"]
    assert (first.status, first.grade, first.indicator) == ("achieved", "met", "demo")
    assert first.deadline == date(2023, 12, 31)
    assert close(second.progress_share, 70 / 120)
    assert second.status == "at_risk"
    assert second.indicator == "demo"


def test_a_row_under_a_milestone_id_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "p.csv").write_text(
        "target_id,region,as_of,value,source\ndemo@2023,全国,2023-12-31,70,统计\n",
        encoding="utf-8",
    )
    ran = run("check", "--plan", str(KINDS), str(folder), today="2024-06-30")
    assert ran.code == 1
    assert "milestone-row" in ran.out + ran.err


def test_the_template_asks_for_an_indicator_once(tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "t.csv"
    ran = run(
        "template",
        "--plan",
        str(KINDS),
        "--region",
        "全国",
        "--period",
        "2023",
        "--output",
        str(out),
    )
    assert ran.code == 0
    text = out.read_text("utf-8-sig")
    assert text.count("\ndemo,") == 1
    assert "demo@" not in text


# ---- measure annual: 每年组织实施200项 ------------------------------------------------------


def test_every_year_must_meet_the_target() -> None:
    short = judge("projects", ("2021-12-31", 210), ("2022-12-31", 190), as_of="2023-06-30")
    assert (short.status, short.years_short) == ("behind", [2022])
    assert short.progress_share is None
    assert short.elapsed_share is None
    ok = judge("projects", ("2021-12-31", 210), ("2022-12-31", 220), as_of="2023-06-30")
    assert (ok.status, ok.years_short, ok.years_missing) == ("on_track", [], [])


def test_at_the_deadline_every_year_needs_its_figure() -> None:
    years = [(f"{y}-12-31", 200.0 + y - 2021) for y in range(2021, 2026)]
    done = judge("projects", *years, as_of="2025-12-31")
    assert (done.status, done.grade) == ("achieved", "met")
    gap = judge("projects", *years[:2], *years[3:], as_of="2025-12-31")
    assert (gap.status, gap.years_missing) == ("no_data", [2023])
    fell = judge("projects", *years[:4], ("2025-12-31", 199), as_of="2025-12-31")
    assert (fell.status, fell.grade, fell.years_short) == ("missed", "not_met", [2025])


def test_a_mid_year_figure_of_a_yearly_flow_is_not_a_year() -> None:
    r = judge("projects", ("2022-06-30", 150), as_of="2022-06-30")
    assert r.status == "no_data"
    assert r.status_reason is not None
    assert "12-31" in r.status_reason


# ---- part_of: 其中 -----------------------------------------------------------------------


def test_a_part_larger_than_its_whole_is_a_plan_error() -> None:
    text = KINDS.read_text("utf-8").replace("value: 400, unit: 万吨", "value: 2400, unit: 万吨")
    with pytest.raises(ZjplanError) as caught:
        parse_plan(text, "kinds.yaml")
    assert "larger than its whole metals" in str(caught.value.problems[0])


def test_a_part_figure_above_its_whole_is_a_warning(tmp_path: Path) -> None:
    ran = checked(
        tmp_path,
        "metals,全国,2022-12-31,1500,统计",
        "copper,全国,2022-12-31,1600,统计",
        "copper,全国,2023-12-31,1700,统计",
    )
    assert ran.code == 0
    assert ran.out.count('"code": "part-exceeds-whole"') == 1  # the same date only


# ---- binding, strive, stretch; an approximate baseline ------------------------------------


def test_a_stretch_value_is_judged_beside_the_verdict() -> None:
    r = judge("green_output", ("2025-12-31", 12.5), as_of="2025-12-31")
    assert (r.status, r.stretch, r.stretch_met) == ("achieved", 12, True)
    below = judge("green_output", ("2025-12-31", 11.5), as_of="2025-12-31")
    assert (below.status, below.stretch_met) == ("achieved", False)


def test_an_approximate_baseline_leaves_a_status_open_when_its_band_moves_it() -> None:
    """约7.5 (±5%: 7.125–7.875). 9.2 at 2023-12-31: from 7.5 progress 1.7/3.5 = 0.4857,
    behind 序时进度 0.5995 by 0.114 (behind); from 7.125, 2.075/3.875 = 0.5355, by 0.064
    (at risk): the status is uncertain."""
    r = judge("green_output", ("2023-12-31", 9.2), as_of="2023-12-31")
    assert close(r.progress_share, 1.7 / 3.5)
    assert (r.status, r.uncertain, r.baseline_qualifier) == ("behind", True, "about")
    firm = judge("green_output", ("2023-12-31", 10.2), as_of="2023-12-31")
    assert (firm.status, firm.uncertain) == ("on_track", False)


def test_binding_and_strive_travel_with_the_result() -> None:
    report = evaluate(PLAN, [], as_of=date(2023, 12, 31))
    by_id = {t.id: t for t in report.targets}
    assert by_id["energy_cut"].binding is True
    assert by_id["platforms"].binding is False
    assert by_id["metals"].strive
    assert by_id["copper"].part_of == "metals"


# ---- count_units, negative levels ----------------------------------------------------------


def test_a_plan_count_unit_counts_things() -> None:
    assert PLAN.by_id["vehicles"].counts_things
    assert not PLAN.by_id["net_exports"].counts_things
    text = KINDS.read_text("utf-8").replace("value: 500, unit: 万辆", "value: -5, unit: 万辆")
    with pytest.raises(ZjplanError) as caught:
        parse_plan(text, "kinds.yaml")
    assert "never negative" in str(caught.value.problems[0])


def test_a_balance_may_be_negative() -> None:
    """净出口 ≥ −10 from −30: −20 at 2023-06-30 is (−20 + 30)/(−10 + 30) = 0.5 of the way."""
    r = judge("net_exports", ("2023-06-30", -20), as_of="2023-06-30")
    assert close(r.progress_share, 0.5)
    assert r.status == "on_track"


# ---- owners: a table of renamed bodies; owners left out ------------------------------------


def test_an_owner_is_found_by_any_of_its_names() -> None:
    for name in ("经信厅", "省经济和信息化厅", "省经信委"):
        ran = run("targets", "--plan", str(KINDS), "--owner", name, "--format", "csv")
        assert ran.code == 0, ran.err
        ids = [line.split(",")[0] for line in ran.out.splitlines()[1:]]
        assert ids == ["platforms", "energy_cut"], name


def test_outputs_show_the_owner_s_name_today() -> None:
    report = evaluate(PLAN, [], as_of=date(2023, 12, 31))
    r = next(t for t in report.targets if t.id == "energy_cut")
    assert r.owners_now == ["省经济和信息化厅", "省市场监督管理局"]
    ran = run("targets", "--plan", str(KINDS), "--lang", "zh", "--format", "csv")
    assert "省经信委（现省经济和信息化厅）" in ran.out
    assert "未明确" in ran.out  # reform: the plan names no owner


def test_an_empty_owners_list_is_still_an_error() -> None:
    text = KINDS.read_text("utf-8").replace(
        "comparator: milestone, quote", "comparator: milestone, owners: [], quote"
    )
    with pytest.raises(ZjplanError) as caught:
        parse_plan(text, "kinds.yaml")
    assert "leave the key out" in str(caught.value.problems[0])


# ---- the plan's words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "zh", "en"),
    [
        ("platforms", "3~5个（预期性）", "3~5个 (expected)"),
        ("band", "控制在2%~3%", "within 2%~3%"),
        ("share_points", "提高2个百分点", "+2 points"),
        ("energy_cut", "下降13.5%（约束性）", "−13.5% (binding)"),
        ("intensity_fall", "年均下降4.2%", "−4.2% a year"),
        ("output_growth", "年均增长10%左右", "about 10% a year"),
        ("share_floor", "≥34%（保持）", "≥34% (held throughout)"),
        ("demo", "2023年≥60个；2025年≥120个", "≥60个 by 2023; ≥120个 by 2025"),
        ("projects", "≥200项（每年）", "≥200项 (every year)"),
        ("green_output", "11万亿元（力争12万亿元）", "11万亿元 (striving for 12万亿元)"),
    ],
)
def test_targets_read_as_the_document_writes_them(target: str, zh: str, en: str) -> None:
    from zjplan.render.words import target_text

    t = PLAN.written[target]
    assert (target_text(t, "zh"), target_text(t, "en")) == (zh, en)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("bindingg: true", "valid keys, nearest first: binding"),
        ("value: 55-60", "a range is comparator: between, value: 55, upper: 60"),
    ],
)
def test_plan_errors_say_what_to_write(change: str, message: str) -> None:
    text = KINDS.read_text("utf-8").replace("value: 200, unit: 项", change + ", unit: 项")
    with pytest.raises(ZjplanError) as caught:
        parse_plan(text, "kinds.yaml")
    problem = caught.value.problems[0]
    assert message in f"{problem.message} {problem.hint}"


# ---- the third shipped plan: a 十四五 plan with its own progress folder ---------------------

GREEN = ROOT / "data" / "examples" / "miit-industrial-green-2025" / "plan.yaml"


def test_the_green_plan_reads_its_own_published_figures() -> None:
    """Its progress/ holds figures from public sources only, each with its URL; judged at
    2021-12-31: 能耗 下降5.6% of 13.5% (0.4148 of the way, 序时 364/1825 = 0.1995): on
    track; 再生资源 3.85亿吨 from 3.8 toward 4.8 (0.05 of the way, and the line through the
    two reaches only 4.05 by 2025): behind; 产值 超过8万亿元 from 约7.5 toward 11: at risk,
    uncertain (a lower bound)."""
    ran = run("status", "--plan", str(GREEN), "--as-of", "2021-12-31", "--format", "json",
              today="2026-12-06")  # fmt: skip
    assert ran.code == 0, ran.err
    import json

    by_id = {t["id"]: t for t in json.loads(ran.out)["targets"]}
    energy = by_id["energy_intensity_cut"]
    assert (energy["status"], energy["latest"]["change"]) == ("on_track", -5.6)
    assert close(energy["progress_share"], 5.6 / 13.5)
    assert by_id["recycled_resources"]["status"] == "behind"
    green = by_id["green_industry_output"]
    assert (green["status"], green["uncertain"]) == ("at_risk", True)
    for source in (GREEN.parent / "progress").glob("*.csv"):
        rows = source.read_text("utf-8").splitlines()[1:]
        assert all(",http" in row for row in rows), source  # every figure names its URL


@pytest.mark.parametrize(
    ("target", "final", "later"),
    [
        ("platforms", 2, 4),  # between: missed at D; 4 in 2026 does not save it
        ("band", 3.5, 2.5),  # within: left above at D
        ("share_points", 31, 33),
        ("energy_cut", -5.0, -14.0),
        ("intensity_fall", 95, 70),
        ("output_growth", 120, 200),
        ("share_floor", 33, 40),
        ("projects", 150, 300),
        ("green_output", 9, 12),
    ],
)
def test_after_the_deadline_a_later_figure_changes_nothing(
    target: str, final: float, later: float
) -> None:
    """Judged half a year after D, a figure dated after D is not the final one: the verdict
    and the grade are those at D (METHOD.md: at or after D, figures at or before D only)."""
    at = judge(target, ("2025-12-31", final), as_of="2025-12-31")
    after = judge(target, ("2025-12-31", final), ("2026-06-30", later), as_of="2026-06-30")
    assert at.status == "missed"
    assert (after.status, after.grade) == (at.status, at.grade)
    assert after.latest is not None
    assert after.latest.as_of == date(2025, 12, 31)


def test_explain_a_milestone_shows_its_indicator_s_figures(tmp_path: Path) -> None:
    ran = checked(tmp_path, "demo,全国,2023-12-31,70,统计")
    assert ran.code == 0
    shown = run("explain", "demo@2025", "--plan", str(KINDS), "--progress", str(tmp_path),
                today="2024-06-30")  # fmt: skip
    assert shown.code == 0, shown.err
    assert "No observations" not in shown.out
    assert "p.csv:2" in shown.out
    asked = run("explain", "demo", "--plan", str(KINDS), "--progress", str(tmp_path))
    assert asked.code == 2
    assert "explain demo@2023 or demo@2025" in asked.err
