"""Any plan, not only the 2018 one: falling targets, changes by a share, growth rates,
monitored indicators, a plan with one region, two deadlines and no Zhejiang name. Numbers
worked by hand from ../shared/METHOD.md ("Direction")."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from zjplan.base import replace
from zjplan.cli import app
from zjplan.engine import evaluate
from zjplan.plan import load_plan
from zjplan.progress import Observation
from zjplan.render.formats import StatusFormat, status_spec
from zjplan.report import TargetResult

ANY = ROOT / "tests" / "fixtures" / "plan-any.yaml"
PLAN = load_plan(ANY)
EPS = 1e-9
runner = CliRunner()


def obs(target: str, day: str, value: float) -> Observation:
    return Observation(target, "Nation", date.fromisoformat(day), value, "src", "f.csv", 2)


def judge(target: str, *figures: tuple[str, float], as_of: str | None = None) -> TargetResult:
    day = date.fromisoformat(as_of) if as_of else None
    report = evaluate(PLAN, [obs(target, d, v) for d, v in figures], as_of=day)
    return next(t for t in report.targets if t.id == target)


def approx(value: float) -> object:
    return pytest.approx(value, abs=EPS, rel=EPS)


# --- at_most ----------------------------------------------------------------------------------


def test_at_most_before_the_deadline() -> None:
    """b = 0.6 at 2020-12-31, T = 0.5, x = 0.55 at 2023-06-30 (911 days after t_b, 910 after
    S of 1825): progress (0.6 − 0.55)/(0.6 − 0.5) = 0.5, gap 0.05, attainment 0.5/0.55, and
    the pace ratio compares the falling CAGRs."""
    r = judge("energy", ("2023-06-30", 0.55))
    assert r.progress_share == approx(0.5)
    assert r.elapsed_share == approx(910 / 1825)
    assert r.gap == approx(0.05)
    assert r.attainment == approx(0.5 / 0.55)
    actual = (0.55 / 0.6) ** (365 / 911) - 1
    required = (0.5 / 0.6) ** (365 / 1826) - 1
    assert r.cagr_actual == approx(actual)
    assert r.cagr_required == approx(required)
    assert r.pace_ratio == approx(-actual / abs(required))
    assert r.pace_ratio is not None
    assert r.pace_ratio > 0  # falling, as it must
    assert r.status == "on_track"  # 0.5 of the way at 0.499 of the time


def test_at_most_after_the_deadline() -> None:
    """0.48 at the deadline is met. From b = 0.6 to T = 0.5: 0.509 made (0.6 − 0.509)/0.1 =
    0.91 of the cut, nearly met; 0.52 made 0.8 of it, not met, though its attainment
    0.5/0.52 = 0.96 is above 0.9 (the grade is on the change made)."""
    r = judge("energy", ("2025-12-31", 0.48), as_of="2026-03-31")
    assert (r.status, r.grade, r.gap) == ("achieved", "met", 0)
    r = judge("energy", ("2025-12-31", 0.509), as_of="2026-03-31")
    assert (r.status, r.grade) == ("missed", "nearly_met")
    assert r.progress_share == approx(0.91)
    r = judge("energy", ("2025-12-31", 0.52), as_of="2026-03-31")
    assert (r.status, r.grade) == ("missed", "not_met")
    assert r.attainment == approx(0.5 / 0.52)


def test_a_falling_target_at_the_required_rate_has_pace_ratio_one() -> None:
    """Falling from 0.6 along the required CAGR exactly: R = 1, substantial."""
    required = (0.5 / 0.6) ** (365 / 1826) - 1
    x = 0.6 * (1 + required) ** (730 / 365)
    r = judge("energy", ("2022-12-31", x))
    assert r.pace_ratio == pytest.approx(1.0, abs=1e-9)
    assert r.pace_class == "substantial"


# --- change_by ----------------------------------------------------------------------------------


def test_change_by_down_15_percent_from_100() -> None:
    """T = 100·(1 − 15/100) = 85; 90 at 2023-12-31 is (90 − 100)/(85 − 100) = 2/3 of the way."""
    r = judge("energy_cut", ("2023-12-31", 90))
    assert r.value == approx(85)
    assert r.progress_share == approx(2 / 3)
    assert r.gap == approx(5)
    assert judge("energy_cut", ("2024-12-31", 84)).status == "achieved"


def test_change_by_needs_a_baseline(tmp_path: Path) -> None:
    """Without a baseline, change_by is a located plan error."""
    text = ANY.read_text(encoding="utf-8").replace(
        "quote: fall by 15%,\n     baseline: {value: 100, as_of: 2020-12-31, source: test}}",
        "quote: fall by 15%}",
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["targets", "--plan", str(plan)])
    assert result.exit_code == 2
    assert "a change_by target is measured from a baseline" in result.stderr


# --- annual_growth ------------------------------------------------------------------------------


def test_annual_growth_with_three_annual_figures() -> None:
    """b = 100 at 2020-12-31; 106, 112, 119 at the next three year ends: the CAGR is
    (119/100)^(365/1095) − 1 = 5.97%, against 6.5%: R = 0.918, at risk (≥ 0.9)."""
    r = judge("output_growth", ("2021-12-31", 106), ("2022-12-31", 112), ("2023-12-31", 119))
    cagr = (119 / 100) ** (365 / 1095) - 1
    assert r.cagr_actual == approx(cagr)
    assert r.cagr_required == approx(0.065)
    assert r.pace_ratio == approx(cagr / 0.065)
    assert r.pace_ratio == pytest.approx(0.918, abs=5e-4)
    assert r.status == "at_risk"
    assert r.progress_share is None
    assert "annual_growth" in r.undefined["progress_share"]
    fast = judge("output_growth", ("2021-12-31", 108))
    assert fast.status == "on_track"


# --- monitor --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "rate", "pace", "status"),
    [
        ("watch_up", 0.02, "substantial", "on_track"),
        ("watch_up", 0.01, "moderate", "on_track"),
        ("watch_up", 0.002, "limited", "at_risk"),
        ("watch_up", -0.01, "deterioration", "behind"),
        ("watch_down", -0.02, "substantial", "on_track"),
        ("watch_down", -0.01, "moderate", "on_track"),
        ("watch_down", -0.002, "limited", "at_risk"),
        ("watch_down", 0.01, "deterioration", "behind"),
    ],
)
def test_monitor_in_each_pace_class(target: str, rate: float, pace: str, status: str) -> None:
    """100 at 2021-12-31 and 100·(1 + rate)² two years later: the CAGR is the rate; the
    classes are sdg-build's no-target thresholds in the indicator's direction."""
    r = judge(target, ("2021-12-31", 100), ("2023-12-31", 100 * (1 + rate) ** (730 / 365)))
    assert r.cagr_actual == pytest.approx(rate, abs=1e-12)
    assert (r.pace_class, r.status) == (pace, status)
    late = judge(target, ("2021-12-31", 100), ("2025-12-31", 90), as_of="2026-06-30")
    assert late.status not in ("achieved", "missed")
    assert late.grade is None


# --- undefined, never patched ----------------------------------------------------------------------


def test_a_target_of_zero_has_no_growth_rate() -> None:
    """Capacity 40 → 0: 10 at 2023-12-31 is (10 − 40)/(0 − 40) = 0.75 of the way; the
    required CAGR and the attainment are undefined with their reasons (sdg-build patches the
    target to 0.001)."""
    r = judge("capacity", ("2023-12-31", 10))
    assert r.progress_share == approx(0.75)
    assert r.cagr_required is None
    assert r.undefined["cagr_required"] == "a target of 0 has no growth rate"
    assert r.attainment is None
    assert r.undefined["attainment"] == "the target is 0"
    assert judge("capacity", ("2024-12-31", 0)).status == "achieved"


# The sdg-build pace method's own cases in zjplan's terms (a rising target T = 120 from
# b = 100, a falling one T = 0.5 from b = 0.6): the class METHOD.md implies, or null with a
# reason where sdg-build returns inf or NaN.
def rising(x: float, day: str = "2023-12-31") -> TargetResult:
    report = evaluate(load_plan(ANY), [obs("platforms_2025", day, x)])
    return next(t for t in report.targets if t.id == "platforms_2025")


@pytest.mark.parametrize(
    ("x", "pace"),
    [(150, "substantial"), (110, "limited"), (95, None)],
    ids=["well-ahead", "slow", "fell"],
)
def test_sdg_build_rising_cases(x: float, pace: str | None) -> None:
    """platforms_2025 has no baseline (sdg-build's 'base year missing'): the required rate
    and the ratio are undefined with a reason, never inf."""
    r = rising(x)
    assert r.cagr_required is None
    assert r.pace_ratio is None
    assert r.undefined["cagr_required"] == "the baseline is unknown"
    assert r.pace_class is None


@pytest.mark.parametrize(
    ("x", "pace"),
    [(0.5, "substantial"), (0.57, "moderate"), (0.59, "limited"), (0.65, "deterioration")],
)
def test_sdg_build_falling_cases(x: float, pace: str) -> None:
    """energy from 0.6 toward 0.5, two years in (R = d·actual/|required|)."""
    r = judge("energy", ("2022-12-31", x))
    assert r.pace_class == pace


def test_sdg_build_edge_cases() -> None:
    """Target achieved; a single point; a zero base; a sign change; base equal to target;
    target year equal to base year: each a class or null with its reason."""
    assert judge("energy", ("2022-12-31", 0.45)).status == "achieved"
    single = judge("rd_share", ("2022-12-31", 2.0))  # no baseline, one figure
    assert single.projection is None
    assert single.cagr_actual is None
    # A fall to zero is a growth rate of −100% (METHOD.md: x₀ > 0 and x ≥ 0), not undefined.
    zero = judge("capacity", ("2022-12-31", 0))
    assert zero.cagr_actual == -1.0
    from_zero = judge("watch_up", ("2021-12-31", 0), ("2022-12-31", 5))
    assert from_zero.cagr_actual is None  # from zero there is no rate
    assert "zero or sign-changing" in from_zero.undefined["cagr_actual"]
    sign = judge("watch_up", ("2021-12-31", 5), ("2022-12-31", -5))
    assert sign.cagr_actual is None
    assert sign.status == "no_data"
    same = evaluate(replace(PLAN, targets=[
        replace(t, value=0.6) if t.id == "energy" else t for t in PLAN.targets
    ]), [obs("energy", "2022-12-31", 0.58)])  # fmt: skip
    r = next(t for t in same.targets if t.id == "energy")
    assert r.pace_ratio is None
    assert r.undefined["progress_share"] == "the target equals the baseline"
    late_base = replace(PLAN, targets=[
        replace(t, baseline=replace(t.baseline, as_of=date(2025, 12, 31)))
        if t.id == "energy" and t.baseline else t for t in PLAN.targets
    ])  # fmt: skip
    r = next(
        t
        for t in evaluate(late_base, [obs("energy", "2022-12-31", 0.58)]).targets
        if t.id == "energy"
    )
    assert r.cagr_required is None
    assert r.undefined["cagr_required"] == "the baseline is dated at or after the deadline"
    for value in (r.pace_ratio, r.time_distance_years, r.projection):
        assert value is None or math.isfinite(value)


# --- two deadlines ----------------------------------------------------------------------------------


def test_interim_and_final_deadlines_are_each_judged() -> None:
    """65 platforms at 2023-12-31, judged at 2024-06-30: the 2023 target (60) is met and
    graded; the 2025 one (120) is still in its period, without a grade."""
    report = evaluate(
        PLAN,
        [obs("platforms_2023", "2023-12-31", 65), obs("platforms_2025", "2023-12-31", 65)],
        as_of=date(2024, 6, 30),
    )
    by_id = {t.id: t for t in report.targets}
    assert (by_id["platforms_2023"].status, by_id["platforms_2023"].grade) == ("achieved", "met")
    assert by_id["platforms_2025"].grade is None
    assert by_id["platforms_2025"].deadline == date(2025, 12, 31)


# --- shares in percent ------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["2.6%", "2.6", "2.6％"])
def test_a_share_reads_in_percent(cell: str, tmp_path: Path) -> None:
    """2.6%, 2.6 and the full-width 2.6％ are all 2.6 for a target whose unit is %."""
    data = tmp_path / "p.csv"
    data.write_text(
        f"target_id,region,as_of,value\nrd_share,Nation,2023-12-31,{cell}\n", encoding="utf-8"
    )
    result = runner.invoke(
        app,
        ["status", "--plan", str(ANY), "--progress", str(data), "--format", "json"],
        env={"ZJPLAN_TODAY": "2026-12-01"},
    )
    assert result.exit_code == 0, result.stderr
    rd = next(t for t in json.loads(result.stdout)["targets"] if t["id"] == "rd_share")
    assert rd["latest"]["value"] == 2.6
    assert rd["status"] == "achieved"  # 2.6 ≥ 2.5


# --- every command on plans of another shape ---------------------------------------------------------

SHAPES = {
    "any": ANY,
    "example": ROOT / "data" / "examples" / "miit-smart-manufacturing-2025" / "plan.yaml",
    "green": ROOT / "data" / "examples" / "miit-industrial-green-2025" / "plan.yaml",
    "kinds": ROOT / "tests" / "fixtures" / "plan-kinds.yaml",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_command_runs_on_another_plan(shape: str, tmp_path: Path) -> None:
    """A plan with one region, no Zhejiang names and two deadlines (and the shipped example
    plan): status in every format, explain, check, template, merge and report run."""
    plan = SHAPES[shape]
    loaded = load_plan(plan)
    region = loaded.province.name
    first = next(
        t for t in loaded.targets if t.is_numeric and t.value is not None and t.figures == "level"
    )
    data = tmp_path / "p.csv"
    data.write_text(
        f"target_id,region,as_of,value\n{first.id},{region},2023-12-31,{first.value}\n",
        encoding="utf-8",
    )
    env = {"ZJPLAN_TODAY": "2026-12-01", "COLUMNS": "160"}

    def ok(*args: str) -> str:
        result = runner.invoke(app, [*args], env=env)
        assert result.exit_code == 0, (args, result.stderr, result.exception)
        assert "internal error" not in result.stderr
        return result.stdout

    for fmt in StatusFormat:
        binary = status_spec(fmt).payload == "bytes"
        path = tmp_path / f"s.{fmt.value}"
        written = ["--output", str(path)] if binary else []
        out = ok(
            "status", "--plan", str(plan), "--progress", str(data), "--format", fmt.value, *written
        )
        if fmt is StatusFormat.docx:
            import docx

            out = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        elif fmt is StatusFormat.xlsx:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(str(path))
            out = repr([book.get_sheet_by_name(n).to_python() for n in book.sheet_names])
        assert "浙江" not in out, fmt
    ok("explain", first.id, "--plan", str(plan), "--progress", str(data))
    ok("check", str(data), "--plan", str(plan))
    template = ok("template", "--plan", str(plan), "--region", region, "--period", "2023Q4")
    assert "浙江" not in template
    ok("merge", str(data), "--plan", str(plan), "--output", str(tmp_path / "m.csv"))
    ok(
        "report",
        "--plan",
        str(plan),
        "--progress",
        str(data),
        "--output-dir",
        str(tmp_path / "out"),
    )


def test_every_comparator_appears_in_a_shipped_or_fixture_plan() -> None:
    """The shipped plan, the example and the fixture plans use every row of the table."""
    from zjplan.comparators import COMPARATORS

    plans = [
        ROOT / "data" / "plan.yaml",
        ANY,
        SHAPES["example"],
        ROOT / "tests/fixtures/plan-kinds.yaml",
    ]
    used = {t.comparator for path in plans for t in load_plan(path).targets}
    assert used == set(COMPARATORS)
