"""Which figure decides, the final period, the deadline itself, interim deadlines, ties and
grades (METHOD.md: "Status", rules 1 to 4). Every value below is worked by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zjplan.engine import evaluate
from zjplan.plan import load_plan
from zjplan.progress import Observation
from zjplan.report import TargetResult

# A plan running from 2021 to 2022, reported annually, with an interim 2021 target.
PLAN_YAML = """\
plan:
  doc_number: T-1
  title: 终局测试
  title_en: Final verdicts
  issuer: test
  issued: 2021-01-01
  start: 2021-01-01
  deadline: 2022-12-31
  frequency: annual
regions:
  - {name: Nation, short: Nat, pinyin: Nation, level: province}
targets:
  - {id: rank, section: "1", name_en: Rank, comparator: rank_top, top: 5,
     assumption: top five, task: task_a, quote: 前列}
  - {id: share, section: "1", name_en: Share, comparator: at_least, value: 34, unit: "%",
     measure: stock, task: task_a, quote: 34%以上}
  - {id: index, section: "1", name_en: Index, comparator: at_least, value: 100,
     measure: stock, task: task_a, quote: 100以上}
  - {id: firms, section: "1", name_en: New firms, comparator: reach, value: 500, unit: 家,
     measure: new, task: task_a, quote: 新增500家}
  - {id: interim, section: "1", name_en: Interim, comparator: at_least, value: 47, unit: "%",
     measure: stock, deadline: 2021-12-31, task: task_a, quote: 2021年达到47%}
  - {id: intensity, section: "1", name_en: Intensity, comparator: change_by, direction: down,
     value: 10, measure: stock, task: task_a, quote: 下降10%,
     baseline: {value: 100, as_of: 2020-12-31, source: test}}
  - {id: flat_share, section: "1", name_en: A share, comparator: at_least, value: 60,
     unit: "%", measure: stock, task: task_a, quote: 60%,
     baseline: {value: 55, as_of: 2020-12-31, source: test}}
  - {id: level, section: "1", name_en: Level, comparator: at_least, value: 200,
     measure: stock, task: task_a, quote: 达到200,
     baseline: {value: 100, as_of: 2021-01-01, source: test}}
  - {id: task_a, section: "2", name_en: Task, comparator: milestone, owners: [A], quote: do}
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> object:
    path: Path = tmp_path_factory.mktemp("plan") / "plan.yaml"
    path.write_text(PLAN_YAML, encoding="utf-8")
    return load_plan(path)


def judge(plan: object, target: str, *figures: tuple[str, float], as_of: str) -> TargetResult:
    obs = [
        Observation(target, "Nation", date.fromisoformat(d), v, "src", "f.csv", 2)
        for d, v in figures
    ]
    report = evaluate(plan, obs, as_of=date.fromisoformat(as_of))  # type: ignore[arg-type]
    return next(t for t in report.targets if t.id == target)


@pytest.mark.parametrize(
    ("target", "figures"),
    [
        ("rank", (("2021-12-31", 4), ("2022-12-31", 6))),  # top 5: 4, then 6
        ("share", (("2021-12-31", 35), ("2022-12-31", 33))),  # 34% held, then broken
        ("index", (("2021-12-31", 101), ("2022-12-31", 99))),  # 100 reached, then lost
    ],
)
def test_for_a_level_the_latest_figure_decides(
    plan: object, target: str, figures: tuple[tuple[str, float], ...]
) -> None:
    """A rank, a share or an index that met the goal and then fell back is missed at the
    deadline, not achieved: an earlier figure that met it is only a note."""
    r = judge(plan, target, *figures, as_of="2023-03-31")
    assert (r.status, r.grade) == ("missed", "not_met")
    assert any("the latest figure decides" in w for w in r.warnings)


def test_a_count_that_cannot_fall_keeps_its_achievement(plan: object) -> None:
    """新增 firms: 520 at 2021-12-31 meets 500 for good; a later 480 (a revision, or a
    typo) does not undo it, and the note names the day it was first met."""
    r = judge(
        plan, "firms", ("2021-06-30", 510), ("2021-12-31", 520), ("2022-12-31", 480),
        as_of="2023-03-31",
    )  # fmt: skip
    assert (r.status, r.grade) == ("achieved", "met")
    assert any(w.startswith("achieved at 2021-06-30 (510)") for w in r.warnings)


def test_the_deadline_itself_is_final(plan: object) -> None:
    """At E = D the final verdict is due: 150 at 2022-12-31 against 200 from 100 is missed
    and graded ((150 − 100)/(200 − 100) = 0.5 of the change: 未完成), not left ungraded."""
    r = judge(plan, "level", ("2022-12-31", 150), as_of="2022-12-31")
    assert (r.status, r.grade) == ("missed", "not_met")


def test_a_figure_one_period_before_the_deadline_is_not_final(plan: object) -> None:
    """Annual reporting: the final window is (2021-12-31, 2022-12-31]. 150 at 2021-12-31 is
    one period before the deadline, so the outcome is unknown (no_data, with the figure
    shown); at 2022-06-30 it is in the window."""
    r = judge(plan, "level", ("2021-12-31", 150), as_of="2023-03-31")
    assert (r.status, r.grade) == ("no_data", None)
    assert r.latest is not None
    assert r.latest.as_of == date(2021, 12, 31)
    r = judge(plan, "level", ("2022-06-30", 150), as_of="2023-03-31")
    assert r.status == "missed"


def test_an_interim_deadline_is_judged_on_its_own_final_figure(plan: object) -> None:
    """47% by 2021 in a plan running to 2022: 46.8 in 2021 is missed, whatever 2022 says
    (48.6); (46.8 − x₀) has no baseline and one figure up to the deadline, so the grade
    comes from attainment 46.8/47 = 0.996: 基本完成, marked uncertain (a level ratio, not
    the change made)."""
    r = judge(plan, "interim", ("2021-12-31", 46.8), ("2022-12-31", 48.6), as_of="2023-03-31")
    assert r.status == "missed"
    assert r.latest is not None
    assert r.latest.value == 46.8
    assert r.grade == "nearly_met"
    assert r.uncertain is True


@pytest.mark.parametrize(
    ("target", "figure"),
    [("intensity", 100), ("flat_share", 55)],
)
def test_no_change_made_is_never_nearly_met(plan: object, target: str, figure: float) -> None:
    """An intensity flat at 100 against a cut of 10% (T = 90), a share flat at 55 against 60:
    the level ratios are 0.9 and 0.917, but none of the required change was made
    (progress share 0): 未完成."""
    r = judge(plan, target, ("2022-12-31", figure), as_of="2023-03-31")
    assert r.progress_share == pytest.approx(0.0)
    assert (r.status, r.grade) == ("missed", "not_met")


def test_nine_tenths_of_the_cut_is_nearly_met(plan: object) -> None:
    """A cut to 91 of a required cut to 90 from 100: (100 − 91)/(100 − 90) = 0.9: 基本完成."""
    r = judge(plan, "intensity", ("2022-12-31", 91), as_of="2023-03-31")
    assert r.progress_share == pytest.approx(0.9)
    assert (r.status, r.grade) == ("missed", "nearly_met")


def test_an_exact_tie_with_the_schedule_is_on_track(plan: object) -> None:
    """From 100 at 2021-01-01 to 200 at 2022-12-31 (729 days): at 2021-12-31 (364 days) 序时进度
    is 364/729; a figure of 100 + 100·364/729 ties it (the float gap is a rounding away
    from 0, either way): on track, never at risk."""
    x = 100 + 100 * 364 / 729
    r = judge(plan, "level", ("2021-12-31", x), as_of="2021-12-31")
    assert r.schedule_gap == pytest.approx(0.0, abs=1e-12)
    assert r.status == "on_track"
    nudged = judge(plan, "level", ("2021-12-31", x - 1e-7), as_of="2021-12-31")
    assert nudged.schedule_gap is not None
    assert nudged.schedule_gap < 0
    assert nudged.status == "at_risk"
