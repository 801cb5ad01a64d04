"""Counties: a region level with a parent city; figures roll up county → city → province
(METHOD.md, Regions); names and ids unique, a shared short name or pinyin names no one;
page names that cannot collide; and a plan of 2,801 regions."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, run
from zjplan.engine import evaluate, evaluate_regions
from zjplan.errors import ZjplanError
from zjplan.plan import load_plan, parse_plan
from zjplan.progress import Observation
from zjplan.report import TargetResult

COUNTIES = ROOT / "tests" / "fixtures" / "plan-counties.yaml"
PLAN = load_plan(COUNTIES)


def obs(target: str, region: str, day: str, value: float) -> Observation:
    return Observation(target, region, date.fromisoformat(day), value, "src", "f.csv", 2)


def province(target: str, *rows: Observation) -> TargetResult:
    report = evaluate(PLAN, list(rows), as_of=date(2021, 12, 31))
    return next(t for t in report.targets if t.id == target)


def test_counties_add_up_to_their_city_and_cities_to_the_province() -> None:
    """甲市's three counties 100 + 200 + 300 = 600, 乙市 400: the province 1000, exact."""
    r = province(
        "firms",
        obs("firms", "甲市东区", "2021-12-31", 100),
        obs("firms", "甲市西区", "2021-12-31", 200),
        obs("firms", "甲市东坝县", "2021-12-31", 300),
        obs("firms", "乙市", "2021-12-31", 400),
    )
    assert r.latest is not None
    assert (r.latest.value, r.latest.qualifier) == (1000, "exact")
    assert r.latest.coverage is not None
    assert (r.latest.coverage.reported, r.latest.coverage.expected) == (2, 2)  # cities only


def test_a_city_s_own_figure_wins_over_its_counties() -> None:
    r = province(
        "firms",
        obs("firms", "甲市", "2021-12-31", 650),
        obs("firms", "甲市东区", "2021-12-31", 100),
        obs("firms", "乙市", "2021-12-31", 400),
    )
    assert r.latest is not None
    assert r.latest.value == 1050


def test_some_counties_missing_a_count_is_a_lower_bound_a_level_is_nothing() -> None:
    firms = province(
        "firms",
        obs("firms", "甲市东区", "2021-12-31", 100),
        obs("firms", "乙市", "2021-12-31", 400),
    )
    assert firms.latest is not None
    assert (firms.latest.value, firms.latest.qualifier) == (500, "at_least")
    output = province(
        "output",
        obs("output", "甲市东区", "2021-12-31", 10),
        obs("output", "乙市", "2021-12-31", 40),
    )
    assert output.latest is not None
    assert output.latest.value == 40  # 乙市 alone: 甲市 has no figure from a part of it
    assert output.latest.coverage is not None
    assert output.latest.coverage.missing == ["甲市"]


def test_a_shared_pinyin_names_no_one_the_full_name_does(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(
        "target_id,region,as_of,value,source\n"
        "firms,Dongqu,2021-12-31,100,统计\n"
        "firms,甲市东坝县,2021-12-31,300,统计\n"
        "firms,jia-dongba,2021-12-31,300,统计\n",
        encoding="utf-8",
    )
    ran = run("check", "--plan", str(COUNTIES), str(tmp_path), "--format", "json",
              today="2022-06-30")  # fmt: skip
    found = json.loads(ran.out)
    codes = [(p["line"], p["code"]) for p in found["problems"]]
    assert (2, "unknown-region") in codes
    message = next(p["message"] for p in found["problems"] if p["line"] == 2)
    assert "names more than one region (甲市东区、甲市东坝县)" in message
    assert all(line != 3 for line, _ in codes)


def test_two_regions_with_one_id_are_a_plan_error() -> None:
    text = COUNTIES.read_text("utf-8").replace(", id: jia-dongba}", "}")
    text = text.replace(", id: jia-dongqu}", "}")
    with pytest.raises(ZjplanError) as caught:
        parse_plan(text, "counties.yaml")
    assert "region id dongqu is used by 甲市东区 too; give each an id" in str(caught.value)


def test_a_county_needs_a_city_as_its_parent() -> None:
    text = COUNTIES.read_text("utf-8").replace("parent: 甲市, id: jia-dongqu", "parent: 测试省")
    with pytest.raises(ZjplanError) as caught:
        parse_plan(text, "counties.yaml")
    assert "测试省 is not a city" in str(caught.value)


def test_city_pages_are_named_by_id(tmp_path: Path) -> None:
    out = tmp_path / "site"
    ran = run("report", "--plan", str(COUNTIES), "--output-dir", str(out), today="2022-06-30")
    assert ran.code == 0, ran.err
    assert {p.name for p in out.glob("region-*.html")} == {"region-jia.html", "region-yi.html"}


def test_a_plan_of_2801_regions(tmp_path: Path) -> None:
    """1 province, 100 cities, 2,700 counties (region numbers far past 256): it validates,
    a county's figure past the 2,700th region is read, rolled into its city and the
    province, in check and in status alike."""
    lines = [
        "plan: {doc_number: N, title: 全国县级, issuer: 测试, issued: 2021-03-01,",
        "       start: 2021-01-01, deadline: 2025-12-31, frequency: annual}",
        "regions:",
        "  - {name: 全国, short: 全国, pinyin: Quanguo, level: province}",
    ]
    for c in range(100):
        lines.append(f"  - {{name: 市{c}, short: 市{c}, pinyin: Shi, id: c{c}, level: city}}")
        for k in range(27):
            lines.append(
                f"  - {{name: 市{c}县{k}, short: 县{c}-{k}, pinyin: Xian, id: c{c}-x{k},"
                f" level: county, parent: 市{c}}}"
            )
    lines += [
        "targets:",
        "  - {id: firms, section: '1', name_zh: 企业, comparator: at_least, value: 1000,",
        "     unit: 家, measure: cumulative, aggregate: sum, quote: q}",
    ]
    plan = tmp_path / "plan.yaml"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_plan(plan)
    assert len(loaded.regions) == 2801
    data = tmp_path / "progress"
    data.mkdir()
    rows = ["target_id,region,as_of,value,source"]
    rows += [f"firms,c{c}-x{k},2021-12-31,1,统计" for c in range(100) for k in range(27)]
    (data / "all.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    checked = run("check", "--plan", str(plan), str(data), "--format", "json",
                  today="2022-06-30")  # fmt: skip
    assert checked.code == 0, checked.err
    assert json.loads(checked.out)["summary"]["used"] == 2700
    status = run("status", "--plan", str(plan), "--progress", str(data), "--format", "json",
                 today="2022-06-30")  # fmt: skip
    assert status.code == 0, status.err
    firms = json.loads(status.out)["targets"][0]
    assert firms["latest"]["value"] == 2700
    assert firms["latest"]["qualifier"] == "exact"


def test_a_city_of_counties_owes_nothing_itself(tmp_path: Path) -> None:
    """--period completeness: 甲市's counties owe its figures, 乙市 its own."""
    (tmp_path / "p.csv").write_text(
        "target_id,region,as_of,value,source\nfirms,乙市,2021-12-31,400,统计\n", "utf-8"
    )
    ran = run("check", "--plan", str(COUNTIES), str(tmp_path), "--period", "2021Q4",
              "--format", "json", today="2022-06-30")  # fmt: skip
    regions = {r["region"]: r for r in json.loads(ran.out)["completeness"]["regions"]}
    assert regions["甲市"]["expected"] == 0
    assert regions["甲市东区"]["expected"] == 2
    assert regions["乙市"]["reported"] == 1


COUNTY_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["firms", "output"]),
        st.sampled_from(["测试省", "甲市", "乙市", "甲市东区", "甲市西区", "jia-dongba"]),
        st.dates(min_value=date(2021, 1, 1), max_value=date(2022, 12, 31)),
        st.integers(min_value=0, max_value=900),
        st.sampled_from(["", "超过", "约"]),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(COUNTY_ROWS, st.sampled_from([None, date(2021, 12, 31), date(2022, 5, 15)]))
def test_the_columns_roll_up_as_the_tuples_do(
    rows: list[tuple[str, str, date, int, str]], as_of: date | None
) -> None:
    """The province's view of a county plan rolls its counties up from the store's columns
    (rollup.roll_up_store: no tuple a county row); the same report as rolling up the rows
    as observations (rollup.roll_up), for any mix of cities, counties, partial and
    carried periods, bounds and own figures."""
    from zjplan.progress import read_progress_text

    lines = ["target_id,region,as_of,value,unit,source"]
    lines += [f"{t},{r},{d.isoformat()},{q}{v},,s" for t, r, d, v, q in rows]
    read = read_progress_text("\n".join(lines) + "\n", PLAN, today=date(2023, 6, 30))
    assert read.store is not None
    from_columns = evaluate(PLAN, read, as_of=as_of, today=date(2023, 6, 30))
    from_tuples = evaluate(PLAN, read.observations, as_of=as_of, today=date(2023, 6, 30))
    assert from_columns == from_tuples
    # A city's view too (its counties rolled up from the columns), against the tuples.
    for city in ("甲市", "乙市"):
        columns = evaluate(PLAN, read, as_of=as_of, region=city, today=date(2023, 6, 30))
        tuples = evaluate(
            PLAN, read.observations, as_of=as_of, region=city, today=date(2023, 6, 30)
        )
        assert columns == tuples
    # Regions judged together (a report's city pages) as each alone; with a county among
    # them, and without (then from the columns).
    for regions in (["测试省", "甲市", "乙市", "甲市东区"], ["测试省", "甲市", "乙市"]):
        together = evaluate_regions(PLAN, read, regions, as_of=as_of, today=date(2023, 6, 30))
        for name in regions:
            alone = evaluate(PLAN, read, as_of=as_of, region=name, today=date(2023, 6, 30))
            assert together[name] == alone
