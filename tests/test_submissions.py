"""Batch checks of city submissions: every mistake located, who is missing, merge, templates."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tests import submissions
from tests.conftest import PLAN, Ran
from tests.conftest import run as zjplan
from zjplan import check, evaluate, load_plan, read_progress
from zjplan.model import Plan

TODAY = date(2020, 3, 1)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN)


@pytest.fixture
def tree(tmp_path: Path) -> submissions.Tree:
    return submissions.build(tmp_path / "submissions")


def run(*args: str) -> Ran:
    """A command on this module's day (before the deadline, so 2019Q4 is late)."""
    return zjplan(*args, today=TODAY.isoformat())


def test_every_deliberate_mistake_is_found_at_its_place(plan: Plan, tree: submissions.Tree) -> None:
    """Each mistake of the tree is reported with its code, file, line and column, and no other."""
    report = check([tree.root], plan, today=TODAY)
    found = sorted((p.code, Path(p.file).name, p.line, p.column) for p in report.problems)
    assert found == sorted(tree.expected)


def test_files_are_summarised(plan: Plan, tree: submissions.Tree) -> None:
    """Every file is listed with how it was read, whose it is, and its counts."""
    report = check([tree.root], plan, today=TODAY)
    assert len(report.files) == 22
    by_name = {Path(f.file).name: f for f in report.files}
    ningbo = by_name["ningbo-2019Q4.csv"]
    assert (ningbo.format, ningbo.encoding, ningbo.owner) == ("csv", "utf-8-sig", "宁波市")
    assert ningbo.regions == ["宁波市", "杭州市"]
    assert by_name["wenzhou-2019Q3.csv"].encoding == "gb18030"
    jiaxing = by_name["jiaxing-2019Q4.xlsx"]
    assert (jiaxing.format, jiaxing.sheet) == ("xlsx", "进度填报")
    assert report.summary.errors == sum(f.errors for f in report.files)


def test_xlsx_problems_name_the_cell(plan: Plan, tree: submissions.Tree) -> None:
    """A problem in an xlsx file names its cell (D6), and a formula cell is read as its value."""
    report = check([tree.root], plan, today=TODAY)
    bad = next(p for p in report.problems if p.file.endswith("jiaxing-2019Q4.xlsx"))
    assert bad.message.startswith("D6: ")
    progress = read_progress([tree.root / "2019Q4" / "jiaxing-2019Q4.xlsx"], plan, today=TODAY)
    formula = next(o for o in progress.observations if o.target_id == "national_key_projects")
    assert formula.value == 1234


def test_completeness_for_a_period(plan: Plan, tree: submissions.Tree) -> None:
    """--period shows, per region, what was reported and what is missing."""
    (tree.root / "2019Q4" / "lishui-2019Q4.csv").unlink()
    report = check([tree.root], plan, period="2019Q4", today=TODAY)
    assert report.completeness is not None
    rows = {r.region: r for r in report.completeness.regions}
    assert rows["丽水市"].reported == 0
    assert "丽水市" in report.summary.missing_regions
    assert "浙江省" in report.summary.missing_regions
    ningbo = rows["宁波市"]
    assert ningbo.reported == 3  # robots, firms, green factories; the other rows have errors
    assert "industrial_robots_in_use" not in ningbo.missing
    assert ningbo.files == [str(tree.root / "2019Q4" / "ningbo-2019Q4.csv")]
    only = check([tree.root], plan, period="2019Q4", expect_regions=["宁波", "Lishui"], today=TODAY)
    assert only.completeness is not None
    assert [r.region for r in only.completeness.regions] == ["宁波市", "丽水市"]


def test_check_exit_codes(tree: submissions.Tree, tmp_path: Path) -> None:
    """1 with errors; 0 when clean; --strict fails on warnings; 2 on a bad option."""
    code, out, _ = run("check", "--plan", str(PLAN), str(tree.root))
    assert code == 1
    assert "error[not-a-number]" in out
    clean = submissions.build(tmp_path / "clean", mistakes=False)
    assert run("check", "--plan", str(PLAN), str(clean.root))[0] == 0
    code, _, _ = run(
        "check", "--plan", str(PLAN), str(clean.root), "--strict", "--period", "2019Q4"
    )
    assert code == 1  # the province reported nothing for 2019Q4
    code, _, err = run("check", "--plan", str(PLAN), str(clean.root), "--expect-regions", "上海")
    assert code == 2
    assert "上海" in err


def test_check_json_follows_its_schema(tree: submissions.Tree) -> None:
    """--format json is a stable structure described by `zjplan schema check-report`."""
    code, out, _ = run(
        "check", "--plan", str(PLAN), str(tree.root), "--format", "json", "--period", "2019Q4"
    )
    assert code == 1
    data = json.loads(out)
    problem = data["problems"][0]
    assert set(problem) == {
        "code", "message", "file", "line", "column", "severity", "hint", "params"
    }  # fmt: skip
    # Every problem of a progress file says its message as a key and values (and its hint).
    for p in data["problems"]:
        assert p["params"]["message"]["key"], p
        assert ("hint" in p["params"]) == bool(p["hint"]), p
    schema = json.loads(run("schema", "check-report")[1])
    assert set(schema["required"]) == set(data)
    assert set(schema["$defs"]["Problem"]["properties"]) == set(problem)


def test_both_json_writers_give_the_same_check_report(plan: Plan, tree: submissions.Tree) -> None:
    """A check report is written by the plain writer (jsontext) when small, by pydantic's
    serializer when large (render.jsonout.PLAIN_JSON_ITEMS): the same bytes either way,
    problems, severities, completeness and all."""
    from zjplan.render.jsonout import model_json

    report = check(list(tree.root.rglob("*")), plan, period="2019Q4")
    assert report.problems
    assert report.completeness is not None
    assert model_json(report) == model_json(report, large=True)


def test_template_round_trip(plan: Plan, tmp_path: Path) -> None:
    """template -> filled in -> check -> merge -> status gives the figures typed in."""
    path = tmp_path / "ningbo-2019Q4.csv"
    assert run("template", "--plan", str(PLAN), "--region", "宁波", "--period", "2019Q4",
               "--output", str(path))[0] == 0  # fmt: skip
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["指标编号", "指标名称", "地区", "截至日期", "数值"]
    assert {r[2] for r in rows[1:]} == {"宁波市"}
    assert {r[3] for r in rows[1:]} == {"2019-12-31"}
    assert len(rows) - 1 == len(plan.reportable(plan.find_region("宁波")))  # type: ignore[arg-type]
    for row in rows[1:]:
        row[4] = "1.2万" if row[0] == "industrial_robots_in_use" else "7"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    code, out, _ = run("check", "--plan", str(PLAN), str(path), "--strict")
    assert code == 0, out
    merged = tmp_path / "merged.csv"
    assert run("merge", "--plan", str(PLAN), str(path), "--output", str(merged))[0] == 0
    code, out, _ = run("status", "--plan", str(PLAN), "--progress", str(merged), "--format", "json")
    robots = next(t for t in json.loads(out)["targets"] if t["id"] == "industrial_robots_in_use")
    assert robots["latest"]["value"] == 12000


def test_xlsx_template_passes_check_when_filled(plan: Plan, tmp_path: Path) -> None:
    """The xlsx template has the sheet check reads; filled in, it passes as it is."""
    import python_calamine
    import xlsxwriter

    path = tmp_path / "hz.xlsx"
    assert run("template", "--plan", str(PLAN), "--region", "Hangzhou", "--period", "2019Q4",
               "--output", str(path))[0] == 0  # fmt: skip
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("进度填报")
    rows = sheet.to_python()
    filled = tmp_path / "hz-filled.xlsx"
    book = xlsxwriter.Workbook(str(filled))
    out = book.add_worksheet("进度填报")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            out.write(r, c, 5 if r and c == 4 else value)
    book.close()
    report = check([filled], plan, today=TODAY)
    assert report.summary.errors == 0
    assert report.summary.used == len(rows) - 1


def test_merge_writes_canonical_rows(plan: Plan, tree: submissions.Tree, tmp_path: Path) -> None:
    """merge refuses with errors; --skip-errors writes sorted canonical rows and lists the rest."""
    out = tmp_path / "merged.csv"
    out.write_text("old\n", encoding="utf-8")
    code, _, err = run("merge", "--plan", str(PLAN), str(tree.root), "--output", str(out))
    assert code == 1
    assert "nothing written" in err
    assert out.read_text(encoding="utf-8") == "old\n"
    code, _, err = run(
        "merge", "--plan", str(PLAN), str(tree.root), "--output", str(out), "--skip-errors"
    )
    assert code == 0
    assert "error[not-a-number]" in err
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["target_id", "region", "as_of", "value", "unit", "source", "note"]
    body = rows[1:]
    assert body == sorted(body, key=lambda r: (r[0], r[1], r[2]))
    firms = next(r for r in body if r[:3] == ["small_to_large_firms", "绍兴市", "2019-12-31"])
    assert firms[3] == "1210"  # typed "1,210" in shaoxing-2019Q4.csv
    assert all("," not in r[3] and "万" not in r[3] for r in body)
    again = read_progress([out], plan, today=TODAY)
    assert again.errors == 0
    assert len(again.observations) == len(body)


def test_public_api_round_trip(plan: Plan, tree: submissions.Tree) -> None:
    """The documented API: load_plan, read_progress, check, evaluate."""
    progress = read_progress([tree.root], plan, today=TODAY)
    report = evaluate(plan, progress.observations, as_of=date(2019, 12, 31))
    robots = next(t for t in report.targets if t.id == "industrial_robots_in_use")
    assert robots.latest is not None
    assert robots.latest.source == "sum of 11 cities"
    assert check([tree.root], plan, today=TODAY).summary.errors > 0


@pytest.mark.parametrize(
    ("as_of", "region"),
    [(None, None), (date(2019, 9, 30), None), (None, "宁波市")],
    ids=["latest", "as-of", "city"],
)
def test_evaluate_from_columns_equals_from_tuples(
    plan: Plan, tree: submissions.Tree, as_of: date | None, region: str | None
) -> None:
    """evaluate(progress) (one target's rows made at a time) equals evaluate on tuples."""
    from_columns = evaluate(plan, read_progress([tree.root], plan, today=TODAY), as_of, region)
    tuples = read_progress([tree.root], plan, today=TODAY).observations
    assert from_columns == evaluate(plan, tuples, as_of, region)
