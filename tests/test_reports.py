"""Report formats: each one parsed back by a parser for that format, escaping, --fail-on."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN, run
from zjplan.base import dump_json, replace
from zjplan.cli import app
from zjplan.render.formats import StatusFormat, status_renderer
from zjplan.render.tabular import to_markdown

HEADER = "target_id,region,as_of,value,unit,source\n"
ROWS = (
    "industrial_robots_in_use,浙江省,2019-06-30,76000,台,https://example.org/robots\n"  # at_risk
    'small_to_large_firms,浙江省,2019-12-31,1500,家,=HYPERLINK("http://evil")\n'  # behind
    "provincial_innovation_centres,浙江省,2019-06-09,10,家,[bold red]x[/] | a\n"  # achieved
    "task_09,浙江省,2019-12-31,推进中,,<script>alert(1)</script>\n"  # on_track
    "zhejiang_made_standards,浙江省,2019-12-31,300,项,javascript:alert(1)\n"  # at_risk
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "progress.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


def status(data: Path, *args: str) -> tuple[int, str, str]:
    return run("status", "--plan", str(PLAN), "--progress", str(data), *args)


def test_every_format_has_a_renderer() -> None:
    """The registry has a row for every --format, the terminal table too, and each resolves."""
    for fmt in StatusFormat:
        assert callable(status_renderer(fmt))


@pytest.mark.parametrize("name", ["o.doc", "o.yaml", "o.pdf", "o.xls", "o"])
def test_an_output_extension_that_names_no_format_is_refused(
    data: Path, tmp_path: Path, name: str
) -> None:
    """--output o.doc (or any name no format writes) is a usage error, and nothing is written:
    never the text table under a name that promises a workbook."""
    target = tmp_path / name
    code, _, err = status(data, "--output", str(target))
    assert code == 2
    assert "--output" in err
    assert ".json (json)" in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "fmt"), [("o.md", "markdown"), ("o.XML", "junit"), ("o.htm", "html")]
)
def test_the_output_extension_picks_the_format(
    data: Path, tmp_path: Path, name: str, fmt: str
) -> None:
    """Each extension the registry lists writes its format."""
    target = tmp_path / name
    code, _, _ = status(data, "--output", str(target))
    assert code == 0
    _, expected, _ = status(data, "--format", fmt)
    assert target.read_text(encoding="utf-8") == expected


def test_json_validates_against_its_schema(data: Path) -> None:
    """status --format json validates against `zjplan schema report`; no NaN anywhere."""
    code, out, _ = status(data, "--format", "json")
    assert code == 0
    schema = json.loads(run("schema", "report")[1])
    jsonschema.validate(json.loads(out), schema)
    assert "NaN" not in out
    assert "Infinity" not in out


def test_markdown_has_one_row_per_target(data: Path) -> None:
    """One table row per target, each with the header's cell count, status as emoji + word."""
    code, out, _ = status(data, "--format", "markdown")
    assert code == 0
    blocks = out.split("\n### ")[1:]
    sections = [b for b in blocks if not b.startswith("owner")]
    rows = [
        line
        for block in sections
        for line in block.splitlines()[2:]
        if line.startswith("| ") and not line.startswith("| id |")
    ]
    assert len(rows) == 47
    assert {len(re.split(r"(?<!\\)\|", row)) - 2 for row in rows} == {9}
    assert "🔴 behind" in out
    assert "🟡 at risk" in out


def test_markdown_cells_cannot_break_the_table() -> None:
    """A | or a newline in a cell is escaped, so the row stays one row of the same width."""
    text = to_markdown(["a", "b"], [["x | y", "line1\nline2"], ["<img src=x>", "`code`"]])
    lines = text.strip().splitlines()
    assert len(lines) == 4
    assert lines[2] == "| x \\| y | line1 line2 |"
    assert "<img" not in text


def test_csv_is_excel_safe(data: Path) -> None:
    """CSV: BOM, one row per target, numbers in columns, formulas neutralised, negatives kept."""
    code, out, _ = status(data, "--format", "csv")
    assert code == 0
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 47
    firms = next(r for r in rows if r["id"] == "small_to_large_firms")
    assert firms["latest_source"].startswith("'=")
    assert float(firms["schedule_gap"]) < 0
    assert not firms["schedule_gap"].startswith("'")
    assert float(firms["latest_value"]) == 1500
    centres = next(r for r in rows if r["id"] == "provincial_innovation_centres")
    assert centres["status"] == "achieved"


def test_junit_failures_and_skips(data: Path) -> None:
    """JUnit: a suite per section; behind/missed fail with gap and owners; no data skipped."""
    code, out, _ = status(data, "--format", "junit")
    assert code == 0
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == int(root.get("tests", "0")) == 47
    failures = root.findall("./testsuite/testcase/failure")
    assert [f.get("type") for f in failures] == ["behind"]
    assert "gap" in (failures[0].get("message") or "")
    assert "省经信委" in (failures[0].get("message") or "")
    skipped = root.findall("./testsuite/testcase/skipped")
    # skipped is counted per testsuite: Jenkins' schema has no such attribute on <testsuites>
    assert "skipped" not in root.attrib
    assert len(skipped) == sum(int(s.get("skipped", "0")) for s in root) == 47 - 5
    sections = {s.get("name") for s in root.findall("testsuite")}
    assert {"一", "二(九)", "三(三)"} <= sections


def test_html_is_escaped_and_self_contained(data: Path) -> None:
    """HTML: data text escaped, only http(s) links clickable, nothing loaded from outside."""
    code, out, _ = status(data, "--format", "html")
    assert code == 0
    assert "<script" not in out
    assert "&lt;script&gt;" in out
    assert 'href="javascript:' not in out
    assert '<a href="https://example.org/robots"' in out
    references = re.findall(r'\s(?:src|href)="([^"]*)"', out)
    assert all(ref.startswith(("http://", "https://", "#")) for ref in references)  # "#": a card
    assert re.findall(r"url\((?!#)", out) == []  # only the SVG's own #references
    assert "<svg" in out  # the trend charts


def test_fail_on_gates_after_writing(data: Path, tmp_path: Path) -> None:
    """--fail-on exits 1 when a target is at that status or worse, after writing the report."""
    report = tmp_path / "status.md"
    code, _, err = status(data, "--output", str(report), "--fail-on", "behind")
    assert code == 1
    assert "small_to_large_firms" in err
    assert report.read_text(encoding="utf-8").startswith("## ")
    assert status(data, "--format", "json", "--fail-on", "missed")[0] == 0
    assert status(data, "--format", "json", "--fail-on", "never")[0] == 0
    code, _, err = status(data, "--format", "json", "--fail-on", "at_risk")
    assert code == 1
    assert "3 target(s)" in err


def test_missed_after_the_deadline(data: Path) -> None:
    """Judged after the deadline, unmet targets with a final-period figure are missed and
    fail --fail-on missed; those without one have no final verdict."""
    with data.open("a", encoding="utf-8") as fh:
        fh.write("small_to_large_firms,浙江省,2020-12-31,6000,家,final\n")
    code, out, _ = status(data, "--format", "json", "--as-of", "2021-03-31", "--fail-on", "missed")
    assert code == 1
    statuses = {t["id"]: t["status"] for t in json.loads(out)["targets"]}
    assert statuses["small_to_large_firms"] == "missed"
    assert statuses["industrial_robots_in_use"] == "no_data"  # last figure 2019-06-30
    assert statuses["provincial_innovation_centres"] == "achieved"


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("s.json", lambda text: json.loads(text)["targets"]),
        ("s.md", lambda text: text.startswith("## ")),
        ("s.csv", lambda text: text.startswith("\ufeffid,")),
        ("s.xml", lambda text: ET.fromstring(text).tag == "testsuites"),
        ("s.html", lambda text: text.startswith("<!DOCTYPE html>")),
        ("s.txt", lambda text: "Summary" in text and "\x1b" not in text),
    ],
)
def test_output_format_from_extension(data: Path, tmp_path: Path, name: str, check: object) -> None:
    """--output infers the format from the extension; .txt is the plain table."""
    path = tmp_path / name
    assert status(data, "--output", str(path))[0] == 0
    assert callable(check)
    assert check(path.read_text(encoding="utf-8"))


def test_report_writes_everything(data: Path, tmp_path: Path) -> None:
    """report --output-dir writes the six files (status.xlsx and status.docx among them) and
    one page per city."""
    out = tmp_path / "public"
    code, _, _ = run(
        "report", "--plan", str(PLAN), "--progress", str(data), "--output-dir", str(out)
    )
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert {"status.md", "status.json", "status.html", "junit.xml", "status.xlsx",
            "status.docx"} <= set(names)  # fmt: skip
    assert "region-ningbo.html" in names
    assert len(names) == 6 + 11
    assert json.loads((out / "status.json").read_text(encoding="utf-8"))["region"] == "浙江省"
    code, _, _ = run(
        "report", "--plan", str(PLAN), "--progress", str(data), "--output-dir", str(out),
        "--fail-on", "behind",
    )  # fmt: skip
    assert code == 1


def test_explain_shows_a_trend(data: Path) -> None:
    """explain draws the target's history as a small chart with the target marked."""
    code, out, _ = run(
        "explain", "industrial_robots_in_use", "--plan", str(PLAN), "--progress", str(data)
    )
    assert code == 0
    assert "Trend" in out
    assert "| = target 10万台" in out


def test_both_json_writers_give_the_same_report(data: Path) -> None:
    """The json module (small reports) and pydantic's serializer (large ones) write the same
    JSON values, for the province, a city and a --since report."""
    import datetime

    from zjplan.engine import evaluate
    from zjplan.plan import load_plan
    from zjplan.progress import read_progress
    from zjplan.render.jsonout import report_json
    from zjplan.report import compare

    plan = load_plan(PLAN)
    read = read_progress([data], plan, datetime.date(2021, 6, 30))
    reports = [
        evaluate(plan, read),
        evaluate(plan, read, region="宁波"),
        compare(evaluate(plan, read), evaluate(plan, read, as_of=datetime.date(2019, 9, 30))),
    ]
    # Floats below 1e-4, which json writes 2.5e-05 and pydantic 0.000025: one way in both.
    first = reports[0]
    odd = replace(first.targets[0], progress_share=2.5e-05, gap=-1.5e-07, attainment=1e-05)
    reports.append(replace(first, targets=[odd, *first.targets[1:]]))
    for report in reports:
        small = json.loads(report_json(report, plan, "en"))
        large = json.loads(dump_json(report))
        assert small == large
        assert report_json(report, plan, "en") == dump_json(report) + "\n"


def test_html_draws_its_marks_without_emoji(data: Path) -> None:
    """Status icons and the failing mark are inline SVG: an emoji shows as a box where no
    emoji font is installed (seen in a Chromium print of the page)."""
    code, out, _ = status(data, "--format", "html", "--fail-on", "behind")
    assert code == 1
    assert 'class="failing"><svg' in out
    emoji = re.findall(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u26D4\u2B50]", out)
    assert emoji == []


def test_report_evaluates_each_region_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """report judged the province and each city twice (24 evaluations where 12 do): the run
    context evaluates each region once, for the overview, the workbook's 各市 sheet and the
    city pages alike; and the cities in one pass (engine.evaluate_regions), each target's
    figures made once for all eleven."""

    import zjplan.cities  # noqa: F401  (its evaluate is counted too)
    from zjplan import engine

    calls: list[str | None] = []
    passes: list[list[str]] = []
    real, real_regions = engine.evaluate, engine.evaluate_regions

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(kwargs.get("region"))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    def counted_regions(plan: object, progress: object, regions: list[str], *args: object,
                        **kwargs: object) -> object:  # fmt: skip
        calls.extend(regions)
        passes.append(list(regions))
        return real_regions(plan, progress, regions, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "evaluate", counted)
    monkeypatch.setattr(engine, "evaluate_regions", counted_regions)
    monkeypatch.setattr("zjplan.cities.evaluate", counted)
    monkeypatch.setattr("zjplan.cities.evaluate_regions", counted_regions)
    result = CliRunner().invoke(
        app, ["report", "--plan", str(PLAN), "--output-dir", str(tmp_path / "out")],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    cities = ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市",
              "舟山市", "台州市", "丽水市"]  # fmt: skip
    assert sorted(calls, key=str) == sorted([None, *cities], key=str)
    assert [sorted(p) for p in passes] == [sorted(cities)]


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (command, option)
        for command in ("status", "report", "explain", "cities")
        for option in (("--as-of", "2019-13-01"), ("--region", "火星"), ("--since", "9999Q4"))
        if command in ("status", "explain") or option[0] == "--as-of"  # the others have neither
    ],
)
def test_every_judging_command_checks_its_options_alike(
    command: str, option: tuple[str, str], tmp_path: Path
) -> None:

    args = {
        "status": ["status"],
        "report": ["report", "--output-dir", str(tmp_path / "o")],
        "explain": ["explain", "industrial_robots_in_use"],
        "cities": ["cities"],
    }[command]
    result = CliRunner().invoke(app, [*args, "--plan", str(PLAN), *option])
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "o").exists()


def test_cities_judged_together_are_judged_as_each_alone(data: Path) -> None:
    """engine.evaluate_regions (a report's city pages, the cities matrix) gives each city
    the report evaluate gives it alone, at the default date and at an earlier one."""
    import datetime

    from zjplan.engine import evaluate, evaluate_regions
    from zjplan.plan import load_plan
    from zjplan.progress import read_progress

    plan = load_plan(PLAN)
    read = read_progress([data], plan, datetime.date(2021, 6, 30))
    cities = [r.name for r in plan.regions if r.level == "city"]
    for as_of in (None, datetime.date(2019, 9, 30)):
        together = evaluate_regions(plan, read, cities, as_of=as_of)
        for city in cities:
            assert together[city] == evaluate(plan, read, as_of=as_of, region=city), city
