"""A quarter as an office holds it (tests/fixtures/quarter-2019q4): 5 of 11 cities reported
2019Q4 (杭州, 宁波, 温州, 嘉兴, 湖州), 绍兴 sent only its Q3 file, five sent nothing, and the
public figures shipped with zjplan lie beside them (the province's own robots in use, 8.9万
at 2019-12-31, and innovation centres, 10 at 2019-06-09). No verdict rests on a partial sum
without saying so (METHOD.md, Regions), in any format."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT, run
from zjplan.engine import evaluate
from zjplan.plan import load_plan
from zjplan.progress import read_progress
from zjplan.report import Report, TargetResult

QUARTER = ROOT / "tests" / "fixtures" / "quarter-2019q4"
SHIPPED = load_plan(PLAN)
MISSING = ["金华市", "衢州市", "舟山市", "台州市", "丽水市"]


@pytest.fixture(scope="module")
def report() -> Report:
    progress = read_progress([QUARTER], SHIPPED, today=date(2021, 6, 30))
    return evaluate(SHIPPED, progress, today=date(2021, 6, 30))


def target(report: Report, target_id: str) -> TargetResult:
    return next(t for t in report.targets if t.id == target_id)


def problems_of(folder: Path, rows: str) -> set[tuple[str, int]]:
    """check on one CSV of ``rows`` under the form's header: each problem's (code, line)."""
    path = folder / "rows.csv"
    path.write_text("target_id,region,as_of,value\n" + rows, encoding="utf-8")
    ran = run("check", "--plan", str(PLAN), str(path), "--format", "json")
    return {(p["code"], p["line"]) for p in json.loads(ran.out)["problems"]}


def test_the_default_date_is_the_quarters_end(report: Report) -> None:
    """The public 2020-12-31 row of 品字标 standards does not move it."""
    assert report.as_of == date(2019, 12, 31)
    assert report.unreported == ["绍兴市", *MISSING]


def test_a_partial_sum_is_a_lower_bound_with_its_coverage(report: Report) -> None:
    """新增 firms: 900 + 700 + 500 + 400 + 300 reported in Q4, 绍兴's 350 of Q3 carried:
    ≥3150, 5 of 11 reported; behind on it, which a lower bound cannot show for certain."""
    r = target(report, "small_to_large_firms")
    assert r.latest is not None
    assert (r.latest.value, r.latest.qualifier) == (3150, "at_least")
    c = r.latest.coverage
    assert c is not None
    assert (c.reported, c.expected, c.missing, c.missing_count) == (5, 11, MISSING, 5)
    assert [(x.city, x.as_of) for x in c.carried] == [("绍兴市", date(2019, 9, 30))]
    assert (r.status, r.uncertain, r.failing) == ("behind", True, False)


def test_a_higher_earlier_figure_of_a_count_stands(report: Report) -> None:
    """Innovation centres (累计): the province's own 10 of 2019-06-09 is not replaced by the
    5 cities' 8 at 2019-12-31 (a count that cannot fall); the sum is named beside it."""
    r = target(report, "provincial_innovation_centres")
    assert r.latest is not None
    assert (r.latest.value, r.latest.as_of, r.latest.coverage) == (10, date(2019, 6, 9), None)
    assert any("the sum of the 5 of 11 cities that reported, 8" in w for w in r.warnings)


def test_the_provinces_own_figure_of_the_date_wins(report: Report) -> None:
    """Robots in use: the province's 8.9万 of 2019-12-31, not the two cities' 39000: like is
    compared with like, so a partial sum raises no mismatch warning either."""
    r = target(report, "industrial_robots_in_use")
    assert r.latest is not None
    assert (r.latest.value, r.latest.region, r.latest.coverage) == (89000, "浙江省", None)
    assert not any("add up to" in w for w in r.warnings)


def test_the_gate_lists_an_uncertain_verdict_and_fails_only_when_asked(tmp_path: Path) -> None:
    """--fail-on behind: the only target behind rests on a partial sum: listed, exit 0;
    --fail-on-uncertain: exit 1 (and the public file's errors are allowed)."""
    args = ["status", "--plan", str(PLAN), "--progress", str(QUARTER), "--format", "json"]
    gate = ["--fail-on", "behind", "--allow-errors"]
    ran = run(*args, *gate)
    assert ran.code == 0, ran.err
    assert "small_to_large_firms" in ran.err
    assert "not failing" in ran.err
    assert run(*args, *gate, "--fail-on-uncertain").code == 1


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "csv", "json"])
def test_coverage_is_shown_in_every_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"s.{ {'table': 'txt', 'markdown': 'md'}.get(fmt, fmt) }"
    ran = run(
        "status", "--plan", str(PLAN), "--progress", str(QUARTER), "--format", fmt,
        "--output", str(out),
    )  # fmt: skip
    assert ran.code == 0, ran.err
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        firms = next(t for t in data["targets"] if t["id"] == "small_to_large_firms")
        assert firms["latest"]["coverage"]["reported"] == 5
        assert data["unreported"] == ["绍兴市", *MISSING]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        firms = next(r for r in rows if r["id"] == "small_to_large_firms")
        assert (firms["cities_reported"], firms["cities_expected"]) == ("5", "11")
    else:  # Markdown escapes @ (a mention on GitHub) and : (a link's scheme)
        text = text.replace("\\:", ":")
        if fmt != "table":
            assert "6 cities sent no figure for this period: 绍兴市、金华市" in text
        assert "≥3150家 @2019-12-31 · 5/11 cities" in text.replace("\\@", "@")


def test_the_screen_names_the_cities_that_sent_nothing() -> None:
    ran = run("status", "--plan", str(PLAN), "--progress", str(QUARTER), "--brief", lang="zh")
    assert "本期未报送的市（6个）：绍兴市、金华市" in ran.out
    assert "≥3150家 @2019-12-31 · 5/11市" not in ran.out  # --brief has no table


def test_a_stock_may_fall_but_not_ten_fold(tmp_path: Path) -> None:
    """Robots in use (a stock) from 22500 to 21000 is no mistake; to 2.4 (a 万 left out) is
    a ten-fold drop with its hint; 新增 firms falling is 'cannot go down'."""
    found = problems_of(
        tmp_path,
        "industrial_robots_in_use,宁波市,2019-06-30,22500\n"
        "industrial_robots_in_use,宁波市,2019-09-30,21000\n"
        "industrial_robots_in_use,宁波市,2019-12-31,2.4\n"
        "small_to_large_firms,宁波市,2019-06-30,700\n"
        "small_to_large_firms,宁波市,2019-12-31,600\n",
    )
    # (2.4 台 is a fraction of a count as well: its own warning)
    assert found == {("fractional-count", 4), ("ten-fold-jump", 4), ("value-decreased", 6)}


def test_the_briefing_names_the_cities_that_sent_nothing(tmp_path: Path) -> None:
    """The Word 通报 says which cities the sums are short of, and the gate's lines are in
    the language asked for."""
    import docx

    out = tmp_path / "通报.docx"
    args = ("status", "--plan", str(PLAN), "--progress", str(QUARTER), "--output", str(out))
    ran = run(*args, "--fail-on", "behind", lang="zh")
    assert ran.code == 0
    assert "不判失败" in ran.err
    assert "已写入" in ran.err
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "本期未报送的市（6个）：绍兴市、金华市、衢州市、舟山市、台州市、丽水市" in text


def test_an_about_figure_widens_only_its_own_part_of_a_sum() -> None:
    """pool (reach 50000, both cities): 杭州 47000 exact, 宁波 约2600 at the deadline. The
    sum 49600 is about, its band 5% of 2600 = 130 (not 5% of 49600 = 2480): both ends,
    49470 and 49730, miss 50000, so 'missed' is certain. (With the whole sum's band the
    upper end 52080 met it, and the verdict was uncertain.)"""
    from zjplan.progress import Observation

    engine_plan = load_plan(ROOT / "tests" / "fixtures" / "plan-engine.yaml")

    def obs(region: str, value: float, q: str) -> Observation:
        return Observation("pool", region, date(2020, 12, 31), value, "s", "f.csv", 2, "", q)  # type: ignore[arg-type]

    figures = [obs("杭州市", 47000, "exact"), obs("宁波市", 2600, "about")]
    r = target(evaluate(engine_plan, figures, as_of=date(2021, 3, 31)), "pool")
    assert r.latest is not None
    assert (r.latest.value, r.latest.qualifier) == (49600, "about")
    assert (r.status, r.uncertain) == ("missed", False)


def test_what_moved_compares_like_with_like() -> None:
    """--since 2019-09-30: new firms then were 绍兴's ≥350 alone (1 of 11), now ≥3150 (5 of
    11): not a change of 2800 firms. The change is None, and both are shown as they are."""
    progress = read_progress([QUARTER], SHIPPED, today=date(2021, 6, 30))
    from zjplan.report import compare

    now = evaluate(SHIPPED, progress, today=date(2021, 6, 30))
    then = evaluate(SHIPPED, progress, as_of=date(2019, 9, 30))
    firms = target(compare(now, then), "small_to_large_firms")
    assert firms.since is not None
    assert (firms.since.value, firms.since.change, firms.since.qualifier) == (350, None, "at_least")
    assert firms.since.coverage is not None
    assert firms.since.coverage.reported == 1
    ran = run("status", "--plan", str(PLAN), "--progress", str(QUARTER), "--since", "2019-09-30")
    assert "≥350 (1/11) → ≥3150家 @2019-12-31 · 5/11 cities" in ran.out


def test_markdown_marks_failing_targets_only_under_a_gate(tmp_path: Path) -> None:
    """Without --fail-on (or with never) no row is marked ⛔ failing; with --fail-on behind
    and --fail-on-uncertain, the uncertain behind target is."""
    args = ["status", "--plan", str(PLAN), "--progress", str(QUARTER), "--format", "markdown"]
    assert "⛔" not in run(*args).out
    assert "⛔" not in run(*args, "--fail-on", "never").out
    gated = run(*args, "--fail-on", "behind", "--fail-on-uncertain", "--allow-errors")
    assert gated.code == 1
    assert "⛔" in gated.out


def test_report_takes_since_and_sort(tmp_path: Path) -> None:
    """report --since and --sort, as status takes them: status.md says what moved."""
    out = tmp_path / "public"
    ran = run(
        "report", "--plan", str(PLAN), "--progress", str(QUARTER), "-d", str(out),
        "--since", "2019-09-30", "--sort", "status",
    )  # fmt: skip
    assert ran.code == 0, ran.err
    md = (out / "status.md").read_text(encoding="utf-8")
    assert "2019-09-30" in md
    data = json.loads((out / "status.json").read_text(encoding="utf-8"))
    assert (data["since"], data["order"]) == ("2019-09-30", "status")


def test_a_level_may_be_negative_a_count_may_not(tmp_path: Path) -> None:
    """METHOD.md: levels may be negative (a balance, a growth rate, a net figure) unless
    the unit counts things. −1.5 for an index is read; −3 台 of robots is refused."""
    found = problems_of(
        tmp_path,
        "informatization_index,浙江省,2019-12-31,-1.5\n"
        "industrial_robots_in_use,浙江省,2019-12-31,-3\n",
    )
    assert found == {("negative-value", 3)}
    assert SHIPPED.by_id["industrial_robots_in_use"].counts_things
    assert not SHIPPED.by_id["informatization_index"].counts_things


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("4.0亿吨", "", 4.0),
        ("1800万吨", "", 0.18),
        ("5000万吨", "", 0.5),
        ("0.3", "", 0.3),
        ("1800", "万吨", 0.18),
        ("2", "亿吨", 2.0),
    ],
)
def test_a_figure_in_another_scale_of_the_unit_converts(
    tmp_path: Path, value: str, unit: str, expected: float
) -> None:
    """A 亿吨 target (issue 28): 4.0亿吨 is 4, 1800万吨 is 0.18, and a unit column of 万吨
    converts the same way; never 'write the number in 亿吨'."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "plan: {doc_number: T-1, title: 测试, title_en: Test, issuer: t, issued: 2021-01-01,\n"
        "       start: 2021-01-01, deadline: 2025-12-31}\n"
        "regions:\n  - {name: 全国, short: 全国, pinyin: Nation, level: province}\n"
        "targets:\n"
        "  - {id: steel, section: '1', name_en: Steel, comparator: at_most, value: 10,\n"
        "     unit: 亿吨, measure: stock, task: t, quote: 10亿吨以内}\n"
        "  - {id: t, section: '1', name_en: Task, comparator: milestone, owners: [A], quote: do}\n",
        encoding="utf-8",
    )
    path = tmp_path / "p.csv"
    path.write_text(
        f"target_id,region,as_of,value,unit\nsteel,全国,2021-12-31,{value},{unit}\n",
        encoding="utf-8",
    )
    progress = read_progress([path], load_plan(plan), today=date(2022, 6, 30))
    assert not progress.problems
    assert progress.observations[0].value == pytest.approx(expected)


def test_cities_that_sent_figures_are_not_unreported_when_the_province_s_own_wins(
    tmp_path: Path,
) -> None:
    """The province's own figure of the period replaces the cities' sum, and the sum's
    record of who sent figures went with it: the headline said all 11 cities sent nothing
    while 4 had. Who sent is asked of the figures, in the columns and as tuples alike; a
    city with only last quarter's figure still owes this one, and a late retrospective row
    (after the report's date) counts for no one."""
    for name, rows in {
        "cities.csv": [("杭州市", "2019-12-31", 1300), ("宁波市", "2019-12-31", 1100),
                       ("嘉兴市", "2019-12-31", 600), ("湖州市", "2019-12-31", 400),
                       ("温州市", "2019-09-30", 700), ("绍兴市", "2021-03-31", 900)],
        "province.csv": [("浙江省", "2019-12-31", 5200)],
    }.items():  # fmt: skip
        lines = ["target_id,region,as_of,value,unit,source"]
        lines += [f"small_to_large_firms,{r},{d},{v},家,s" for r, d, v in rows]
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    progress = read_progress([tmp_path], SHIPPED, today=date(2021, 6, 30))
    expected = ["温州市", "绍兴市", *MISSING]
    for given in (progress, progress.observations):
        at = evaluate(SHIPPED, given, as_of=date(2019, 12, 31), today=date(2021, 6, 30))
        assert at.unreported == expected
        assert target(at, "small_to_large_firms").latest.value == 5200  # type: ignore[union-attr]
