"""The default report date and what needs attention (METHOD.md: "The report date E and what
needs attention"). Dates worked by hand."""

from __future__ import annotations

from datetime import date

from tests.conftest import PLAN, run
from zjplan.engine import evaluate
from zjplan.plan import load_plan
from zjplan.progress import Observation
from zjplan.report import attention, flagged_on_track
from zjplan.series import period_end

SHIPPED = load_plan(PLAN)


def obs(target: str, day: str, value: float) -> Observation:
    return Observation(target, "浙江省", date.fromisoformat(day), value, "src", "f.csv", 2)


QUARTER = [
    obs("industrial_robots_in_use", "2019-12-31", 80000),
    obs("small_to_large_firms", "2019-12-31", 5000),
    obs("provincial_innovation_centres", "2019-11-30", 10),
    obs("zhejiang_made_standards", "2019-09-30", 250),
    # one retrospective row, dated a year later than everything else
    obs("zhejiang_made_certified_firms", "2020-12-31", 700),
]


def test_periods_end_where_the_plan_reports() -> None:
    assert period_end(date(2019, 11, 30), 3) == date(2019, 12, 31)
    assert period_end(date(2019, 2, 1), 3) == date(2019, 3, 31)
    assert period_end(date(2019, 2, 1), 1) == date(2019, 2, 28)
    assert period_end(date(2019, 2, 1), 12) == date(2019, 12, 31)


def test_one_late_row_does_not_move_the_report_date() -> None:
    """Five targets' latest dates: 2019-09-30, 2019-11-30, 2019-12-31, 2019-12-31,
    2020-12-31; the median is the third, 2019-12-31, whose quarter ends 2019-12-31. The
    2020 row is named as a figure after it (and not used), not taken as the date."""
    report = evaluate(SHIPPED, QUARTER, today=date(2021, 6, 30))
    assert report.as_of == date(2019, 12, 31)
    chosen = report.date_chosen
    assert chosen is not None
    assert (chosen.how, chosen.median, chosen.of, chosen.later_count) == (
        "median", date(2019, 12, 31), 5, 1
    )  # fmt: skip
    assert chosen.later[0].target_id == "zhejiang_made_certified_firms"


def test_an_even_number_of_dates_takes_the_later_middle() -> None:
    """Four dates 2019-06-30, 2019-09-30, 2019-11-30, 2019-12-31: the middle two are
    2019-09-30 and 2019-11-30; the later, 2019-11-30, is in the quarter ending 2019-12-31."""
    figures = [
        obs("industrial_robots_in_use", "2019-06-30", 76000),
        obs("small_to_large_firms", "2019-09-30", 4000),
        obs("provincial_innovation_centres", "2019-11-30", 10),
        obs("zhejiang_made_standards", "2019-12-31", 250),
    ]
    report = evaluate(SHIPPED, figures, today=date(2021, 6, 30))
    assert report.date_chosen is not None
    assert report.date_chosen.median == date(2019, 11, 30)
    assert report.as_of == date(2019, 12, 31)


def test_the_report_date_is_never_after_today() -> None:
    """The median 2019-12-31's quarter has ended; on 2019-11-15 the one of 2019-11-30 has
    not: the report date is today."""
    figures = [obs("industrial_robots_in_use", "2019-11-14", 76000)]
    report = evaluate(SHIPPED, figures, today=date(2019, 11, 15))
    assert report.as_of == date(2019, 11, 15)
    assert report.date_chosen is not None
    assert report.date_chosen.capped


def test_as_of_overrides_and_says_so() -> None:
    report = evaluate(SHIPPED, QUARTER, as_of=date(2020, 12, 31))
    assert report.as_of == date(2020, 12, 31)
    assert report.date_chosen is not None
    assert report.date_chosen.how == "given"


def test_the_headline_says_how_the_date_was_chosen(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "q.csv"
    path.write_text(
        "target_id,region,as_of,value\n"
        + "".join(f"{o.target_id},{o.region},{o.as_of},{o.value:g}\n" for o in QUARTER),
        encoding="utf-8",
    )
    code, out, _ = run("status", "--plan", str(PLAN), "--progress", str(path), "--brief")
    assert code == 0
    head = out.splitlines()[:5]
    assert "as of 2019-12-31" in head[0]
    assert "median latest figure of 5 targets, 2019-12-31" in head[1]
    assert "1 figure(s) dated after it are not used:" in head[2]
    assert "zhejiang_made_certified_firms 2020-12-31" in head[3]
    zh = run("status", "--plan", str(PLAN), "--progress", str(path), "--brief", lang="zh").out
    assert "中位数2019-12-31所在期的期末" in zh


def test_achieved_never_needs_attention_and_flagged_on_track_is_counted() -> None:
    """At 2020-06-30 the centres' 10 of 2019-06-09 is achieved and stale (a quarterly
    target's figure over two quarters old): not in the attention list. Robots on track on a
    stale figure and a task in progress on a stale state are counted apart."""
    figures = [
        obs("provincial_innovation_centres", "2019-06-09", 10),
        obs("industrial_robots_in_use", "2019-12-31", 99000),
        obs("task_09", "2019-06-30", 0.5),  # in progress
    ]
    report = evaluate(SHIPPED, figures, as_of=date(2020, 6, 30))
    centres = next(t for t in report.targets if t.id == "provincial_innovation_centres")
    assert (centres.status, centres.stale) == ("achieved", True)
    assert attention(report) == []
    targets, tasks = flagged_on_track(report)
    assert [t.id for t in tasks] == ["task_09"]
    assert all(t.status == "on_track" for t in targets)
