"""The officer's questions: what changed since last quarter (--since), the rows in the
order asked (--sort), one section (--section), and one owner order in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN
from tests.test_first_screen import on_a_terminal
from zjplan.cli import app

runner = CliRunner()
# Worked by hand for the shipped plan (start 2018-01-01, deadline 2020-12-31: 1095 days).
# small_to_large_firms (新增 8000家): at 2019-09-30, 637 of 1095 days have passed (序时进度
# 58.2%) against 4000/8000 = 50.0% done: on track (the schedule gap −8.2 points is inside
# the at-risk band); at 2019-12-31, 729/1095 = 66.6% against 4300/8000 = 53.75%: 12.8
# points behind, behind. The figure moved 4000 → 4300, +300.
# provincial_innovation_centres: one figure (10, 2019-06-09) before both dates: unchanged.
# green_demo_factories: first figure 2019-12-31, so none at 2019-09-30: "new".
ROWS = (
    "target_id,region,as_of,value,unit,source\n"
    "small_to_large_firms,浙江省,2019-06-30,4000,家,a\n"
    "small_to_large_firms,浙江省,2019-12-31,4300,家,b\n"
    "provincial_innovation_centres,浙江省,2019-06-09,10,家,c\n"
    "green_demo_factories,浙江省,2019-12-31,80,家,d\n"
    "industrial_robots_in_use,浙江省,2019-06-30,76000,台,e\n"
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "progress.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def status(data: Path, *args: str) -> tuple[int, str, str]:
    env = {"ZJPLAN_TODAY": "2021-06-30", "COLUMNS": "200", "ZJPLAN_LANG": ""}
    result = runner.invoke(
        app, ["status", "--plan", str(PLAN), "--progress", str(data), "--as-of", "2019-12-31",
              *args], env=env,
    )  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def by_id(out: str) -> dict[str, dict[str, object]]:
    return {t["id"]: t for t in json.loads(out)["targets"]}


def test_since_gives_each_target_then_and_now(data: Path) -> None:
    """The three cases worked above, in the JSON: moved on track → behind with +300; an
    unchanged target; a target with no figure then."""
    code, out, err = status(data, "--since", "2019Q3", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["since"] == "2019-09-30"
    targets = by_id(out)
    firms = targets["small_to_large_firms"]
    assert firms["status"] == "behind"
    assert firms["since"] == {
        "as_of": "2019-09-30", "status": "on_track", "value": 4000.0,
        "value_as_of": "2019-06-30", "change": 300.0, "movement": "worse",
        "qualifier": "exact", "coverage": None,
    }  # fmt: skip
    centres = targets["provincial_innovation_centres"]["since"]
    assert centres["movement"] == "same"  # type: ignore[index]
    assert centres["change"] == 0  # type: ignore[index]
    factories = targets["green_demo_factories"]["since"]
    assert (factories["status"], factories["value"], factories["movement"]) == (  # type: ignore[index]
        "no_data", None, "new",
    )  # fmt: skip


def test_since_is_in_the_report_schema(data: Path) -> None:
    _, out, _ = status(data, "--since", "2019Q3", "--format", "json")
    schema = json.loads(runner.invoke(app, ["schema", "report"]).stdout)
    jsonschema.validate(json.loads(out), schema)
    assert "Since" in schema["$defs"]


def test_since_in_every_format(data: Path) -> None:
    """Table: the moved list, worst news first, the unchanged target not in it; Markdown and
    HTML: a moved section; CSV: the since columns; explain: the target at both dates."""
    _, table, _ = status(data, "--since", "2019Q3")
    moved = table[table.index("Moved since 2019-09-30") :].splitlines()
    assert "on track → behind; 4000 → 4300 (+300)" in moved[1]  # two lines a target
    assert moved[2].strip() == "small_to_large_firms"
    assert "no figure then → 80" in moved[3]
    assert "provincial_innovation_centres" not in "\n".join(moved[:6])
    _, md, _ = status(data, "--since", "2019Q3", "--format", "markdown")
    assert "### Moved since 2019-09-30" in md
    assert "on track → behind; 4000 → 4300 (+300)" in md
    _, html, _ = status(data, "--since", "2019Q3", "--format", "html")
    assert '<ul class="moved">' in html
    _, text, _ = status(data, "--since", "2019Q3", "--format", "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    assert rows["small_to_large_firms"]["since_status"] == "on_track"
    assert rows["small_to_large_firms"]["change"] == "300.0"
    result = runner.invoke(
        app, ["explain", "small_to_large_firms", "--plan", str(PLAN), "--progress", str(data),
              "--as-of", "2019-12-31", "--since", "2019Q3"],
        env={"COLUMNS": "200", "ZJPLAN_TODAY": "2021-06-30"},
    )  # fmt: skip
    assert "at 2019-09-30" in result.stdout
    assert "on track → behind" in result.stdout


def test_since_must_be_earlier(data: Path) -> None:
    code, _, err = status(data, "--since", "2020-06-30")
    assert code == 2
    assert "--since" in err


@pytest.mark.parametrize(
    ("order", "first"),
    [
        ("status", "small_to_large_firms"),  # behind, the worst
        ("gap", "small_to_large_firms"),  # the furthest behind schedule
        ("document", "national_demo_zones"),
    ],
)
def test_sort_orders_every_format(data: Path, order: str, first: str) -> None:
    _, out, _ = status(data, "--sort", order, "--format", "json")
    targets = json.loads(out)["targets"]
    assert targets[0]["id"] == first
    assert json.loads(out)["order"] == order


def test_sort_by_owner_follows_the_owner_ranking(data: Path) -> None:
    """--sort owner: the targets of the first owner in the summary (most behind) come first."""
    _, out, _ = status(data, "--sort", "owner", "--format", "json")
    report = json.loads(out)
    first_owner = next(iter(report["summary"]["by_owner"]))
    assert first_owner in report["targets"][0]["owners"]


@pytest.mark.parametrize("typed", ["16", "十六", "(十六)", "（十六）", "二(十六)"])
def test_section_accepts_what_people_type(data: Path, typed: str) -> None:
    _, out, err = status(data, "--section", typed, "--format", "json")
    assert {t["section"] for t in json.loads(out)["targets"]} == {"二(十六)"}, err


def test_an_unknown_section_suggests(data: Path) -> None:
    code, _, err = status(data, "--section", "二(十六十)")
    assert code == 2
    assert "did you mean" in err
    assert "--section" in err


def test_owner_order_is_one_in_every_format(data: Path) -> None:
    """Most behind first, then the document's order: JSON, Markdown, the terminal, HTML."""
    _, out, _ = status(data, "--format", "json")
    owners = list(json.loads(out)["summary"]["by_owner"])
    assert owners[0] == "省经信委"  # owns the behind target, and is first in the document
    _, md, _ = status(data, "--format", "markdown")
    md_owners = re.findall(r"^\| (\S+) \| \d", md[md.rindex("### owner") :], re.M)
    assert md_owners == owners
    _, table, _ = status(data)
    tail = table[table.rindex("owner (责任单位)") :].splitlines()[1:]
    assert [line.split()[0] for line in tail if line.strip() and line[0] != "─"] == owners
    _, html, _ = status(data, "--format", "html")
    assert re.findall(r"<details><summary>([^<]+)</summary>", html) == owners


def test_no_data_rows_fold_unless_all(data: Path) -> None:
    """Sections of rows that say only 'no data' are one line each; --all lists every row."""
    _, folded, _ = status(data)
    _, every, _ = status(data, "--all")
    assert "without data:" in folded
    assert "without data:" not in every
    assert "task_05" in every
    assert len(folded.splitlines()) < len(every.splitlines())


STATUS_WORDS = ("on track", "behind", "at risk", "no data", "achieved")


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_the_table_fits_its_width(columns: int, tmp_path: Path) -> None:
    """In a pseudo-terminal: no line is wider than the terminal, the status word is never
    cut, and no English word is broken (a name ends in a whole word or '…')."""
    data = tmp_path / "p.csv"
    data.write_text(ROWS, encoding="utf-8")
    lines = on_a_terminal(
        ["status", "--plan", str(PLAN), "--progress", str(data), "--as-of", "2019-12-31"],
        columns,
    )
    from rich.cells import cell_len

    assert max(cell_len(line) for line in lines) <= columns
    table = [line for line in lines if line.startswith("│")]
    assert table
    # A section with a row of figures keeps its heading whatever columns gave way.
    cells = [[c.strip() for c in line.strip("│").split("│")] for line in table]
    first = [c[0] for c in cells]
    robots = next(i for i, c in enumerate(cells) if any("robots" in x.lower() for x in c))
    # (the section's name beside it, in the name column or, once the id gave way, after it)
    assert first[robots - 1].startswith("二(九)"), first[robots - 1]
    from zjplan.plan import load_plan

    plan = load_plan(PLAN)
    # Every whole English word a cell may end in: of the names, the ids, the fold line.
    vocabulary = {w for t in plan.targets for w in re.findall(r"\w+", f"{t.name_en} {t.id}")}
    vocabulary |= {"without", "data"}
    for line in table:
        cells = [c.strip() for c in line.strip("│").split("│")]
        for cell in cells:
            if cell.endswith("…"):
                last = re.findall(r"\w+", cell[:-1])
                assert not last or not last[-1].isascii() or last[-1] in vocabulary, cell
        status = cells[-1] if columns < 150 else cells[-2]
        if status and status[0] in "✓✗✔?!✘":
            assert any(word in status for word in STATUS_WORDS), line


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_chinese_rows_stay_aligned(columns: int, tmp_path: Path) -> None:
    """--lang zh in a pseudo-terminal: every row of the table is exactly as wide as the
    others (CJK characters are two cells), and none is wider than the terminal."""
    from rich.cells import cell_len

    data = tmp_path / "p.csv"
    data.write_text(ROWS, encoding="utf-8")
    lines = on_a_terminal(
        ["status", "--plan", str(PLAN), "--progress", str(data), "--as-of", "2019-12-31",
         "--lang", "zh"],
        columns,
    )  # fmt: skip
    table = [line for line in lines if line and line[0] in "┏┃┡│├└"]
    widths = {cell_len(line) for line in table}
    assert len(widths) == 1, widths
    assert widths.pop() <= columns


CITY_ROWS = (
    "target_id,region,as_of,value,unit,source\n"
    "small_to_large_firms,杭州市,2019-12-31,1800,家,a\n"
    "small_to_large_firms,宁波市,2019-12-31,1500,家,b\n"
    "small_to_large_firms,浙江省,2019-12-31,4300,家,c\n"
    "industrial_robots_in_use,杭州市,2019-12-31,20000,台,d\n"
)


def cities(data: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["cities", "--plan", str(PLAN), "--progress", str(data), *args],
        env={"ZJPLAN_TODAY": "2021-06-30", "COLUMNS": "200", "ZJPLAN_LANG": ""},
    )  # fmt: skip
    return result.exit_code, result.stdout


def test_cities_side_by_side(tmp_path: Path) -> None:
    """Each summed target × the 11 cities: 杭州 1800 is 1800/4300 = 41.9% of the province's own
    figure; the cities' sum 3300 (2 of 11 reported) stands beside the province's 4300; a city
    with no figure is no_data with no value; province-only targets are not rows."""
    data = tmp_path / "c.csv"
    data.write_text(CITY_ROWS, encoding="utf-8")
    code, out = cities(data, "--format", "json")
    assert code == 0
    matrix = json.loads(out)
    assert len(matrix["cities"]) == 11
    rows = {r["id"]: r for r in matrix["rows"]}
    assert "informatization_index" not in rows  # aggregate: none
    firms = rows["small_to_large_firms"]
    assert (firms["cities_sum"], firms["reported"], firms["province_value"]) == (3300, 2, 4300)
    hangzhou = next(c for c in firms["cells"] if c["region"] == "杭州市")
    assert hangzhou["value"] == 1800
    assert hangzhou["share_of_province"] == pytest.approx(1800 / 4300)
    wenzhou = next(c for c in firms["cells"] if c["region"] == "温州市")
    assert (wenzhou["value"], wenzhou["status"]) == (None, "no_data")
    schema = json.loads(runner.invoke(app, ["schema", "cities"]).stdout)
    jsonschema.validate(matrix, schema)


def test_cities_in_every_format(tmp_path: Path) -> None:
    data = tmp_path / "c.csv"
    data.write_text(CITY_ROWS, encoding="utf-8")
    _, table = cities(data, "--lang", "zh")
    assert "各市合计" in table
    assert "41.9%" in table
    _, md = cities(data, "--format", "markdown")
    assert "| Small firms grown above the designated size (新增) | 1800 (share 41.9%)" in md
    _, text = cities(data, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    firms = [r for r in rows if r["id"] == "small_to_large_firms"]
    assert [r["region"] for r in firms][-2:] == ["sum", "浙江省"]
    assert [r["value"] for r in firms][-2:] == ["3300.0", "4300.0"]
    out = tmp_path / "cities.html"
    code, _ = cities(data, "--output", str(out))
    assert code == 0
    page = out.read_text("utf-8")
    assert page.count("<tr>") == 1 + len(json.loads(cities(data, "--format", "json")[1])["rows"])
    assert "border-left:4px solid" in page


def test_a_task_that_moved_shows_its_state_not_its_code(tmp_path: Path) -> None:
    """task_09 given as 推进中 for the first time: the moved line says 推进中, never 0.5."""
    data = tmp_path / "p.csv"
    data.write_text(ROWS + "task_09,浙江省,2019-12-31,推进中,,f\n", encoding="utf-8")
    _, out, _ = status(data, "--since", "2019Q3", "--lang", "zh")
    lines = out.splitlines()
    line = lines[lines.index("      task_09") - 1]  # the moved item's first line, its id below
    assert "上期无数据 → 推进中" in line
    assert "0.5" not in line


def test_a_city_page_shows_its_summed_targets_and_its_place(tmp_path: Path) -> None:
    """report's region-ningbo.html: only the targets the cities' figures add up to, and 宁波's
    1500 is second of the two cities that reported (杭州 1800 is first)."""
    data = tmp_path / "c.csv"
    data.write_text(CITY_ROWS, encoding="utf-8")
    out = tmp_path / "public"
    result = runner.invoke(
        app, ["report", "--plan", str(PLAN), "--progress", str(data), "--output-dir", str(out)],
        env={"ZJPLAN_TODAY": "2021-06-30", "ZJPLAN_LANG": ""},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    page = (out / "region-ningbo.html").read_text("utf-8")
    assert "informatization_index" not in page  # judged on province figures only
    assert "2 of the 2 cities that reported" in page
    hangzhou = (out / "region-hangzhou.html").read_text("utf-8")
    assert "1 of the 2 cities that reported" in hangzhou
    assert "<svg" in hangzhou  # its chart


def test_the_workbook_has_the_changes_and_the_cities(tmp_path: Path) -> None:
    """status --since --output x.xlsx: a 变化 sheet with the moved target (on track → behind,
    4000 → 4300, +300) and a 各市 sheet with 杭州's 1800 and its share, the sum 3300 beside
    the province's 4300."""
    from python_calamine import CalamineWorkbook

    data = tmp_path / "p.csv"
    data.write_text(ROWS + CITY_ROWS.split("\n", 1)[1].replace("4300,家,c", "4300,家,x"),
                    encoding="utf-8")  # fmt: skip
    out = tmp_path / "s.xlsx"
    code, _, err = status(data, "--since", "2019Q3", "--lang", "zh", "--output", str(out))
    assert code == 0, err
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["概览", "指标", "变化", "各市"]
    changes = book.get_sheet_by_name("变化").to_python()
    firms = next(r for r in changes if r[0] == "small_to_large_firms")
    assert firms[2:] == ["正常推进", "滞后", 4000.0, 4300.0, 300.0]
    cities = book.get_sheet_by_name("各市").to_python()
    assert cities[0][:3] == ["指标", "杭州", "宁波"]
    row = next(i for i, r in enumerate(cities) if r[0] == "新增“小升规”企业")
    assert cities[row][1] == 1800.0
    assert cities[row + 1][1] == pytest.approx(1800 / 4300)
    assert cities[row][-2:] == [3300.0, 4300.0]


def test_the_plain_table_says_what_the_rich_one_says(data: Path) -> None:
    """Piped, status prints plain aligned text without rich; each row of the terminal's
    table (rich, no colour, 200 columns) has the same cells, in the same order, on the
    plain row of that target."""
    import datetime

    from rich.console import Console

    from zjplan.engine import evaluate
    from zjplan.plan import load_plan
    from zjplan.progress import read_progress
    from zjplan.render.plain import status_plain
    from zjplan.render.status import status_table

    plan = load_plan(PLAN)
    read = read_progress([data], plan, datetime.date(2021, 6, 30))
    report = evaluate(plan, read, as_of=datetime.date(2019, 12, 31))
    buffer = io.StringIO()
    Console(file=buffer, width=200, no_color=True).print(status_table(report, plan, "en"))
    plain = status_plain(report, plan, "en", room=200).splitlines()
    rows = [line for line in buffer.getvalue().splitlines() if line.startswith("│")]
    compared = 0
    for line in rows:
        cells = [c.strip() for c in line.strip("│").split("│")]
        if not cells[0] or not re.fullmatch(r"[a-z0-9_]+\*?", cells[0]):
            continue
        mine = next(p for p in plain if p.startswith(cells[0] + " "))
        at = 0
        for cell in cells:
            found = mine.find(cell, at)
            assert found >= 0, (cell, mine)
            at = found + len(cell)
        compared += 1
    assert compared >= 4
    assert "\x1b" not in "".join(plain)
    assert not any(ch in "".join(plain) for ch in "│┃┏")
