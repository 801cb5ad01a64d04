"""`zjplan status`, `explain` and `check` on progress files, through the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT, run
from zjplan.base import dump_json
from zjplan.engine import evaluate
from zjplan.plan import load_plan
from zjplan.progress import read_progress

PROGRESS = ROOT / "data" / "progress"
HEADER = "target_id,region,as_of,value,unit,source\n"


@pytest.fixture
def city_files(tmp_path: Path) -> Path:
    (tmp_path / "ningbo.csv").write_text(
        HEADER
        + "industrial_robots_in_use,宁波市,2019-06-30,30000,台,宁波\n"
        + "small_to_large_firms,宁波市,2019-06-30,900,家,宁波\n",
        encoding="utf-8",
    )
    (tmp_path / "hangzhou.csv").write_text(
        HEADER
        + "industrial_robots_in_use,杭州,2019-06-30,46000,台,杭州\n"
        + "small_to_large_firms,Hangzhou,2019-06-30,1100,,杭州\n"
        + "task_09,浙江省,2019-06-30,推进中,,省经信委\n",
        encoding="utf-8",
    )
    return tmp_path


def test_status_json_is_the_library_report(city_files: Path) -> None:
    """--format json equals evaluate() on the same inputs, with cities summed."""
    code, out, _ = run(
        "status", "--plan", str(PLAN), "--progress", str(city_files), "--format", "json"
    )
    assert code == 0
    plan = load_plan(PLAN)
    expected = evaluate(
        plan, read_progress([city_files], plan, today=date(2021, 6, 30)).observations
    )
    assert json.loads(out) == json.loads(dump_json(expected))
    robots = next(t for t in json.loads(out)["targets"] if t["id"] == "industrial_robots_in_use")
    assert robots["latest"]["value"] == 76000
    assert robots["status"] == "at_risk"
    assert robots["progress_share"] == pytest.approx(21000 / 45000, abs=1e-9)
    assert json.loads(out)["as_of"] == "2019-06-30"


def test_status_table_is_plain_without_a_terminal(city_files: Path) -> None:
    """Piped output has no escape codes, and shows symbols with words."""
    code, out, _ = run("status", "--plan", str(PLAN), "--progress", str(city_files))
    assert code == 0
    assert "\x1b" not in out
    assert "! at risk" in out
    assert "≥10万台" in out
    assert "Summary" in out


def test_status_in_chinese(city_files: Path) -> None:
    """--lang zh prints Chinese labels and names; ZJPLAN_LANG sets the default."""
    code, out, _ = run("status", "--plan", str(PLAN), "--progress", str(city_files), lang="zh")
    assert code == 0
    assert "存在风险" in out
    assert "工业机器人应用(在役)量" in out


def test_status_filters(city_files: Path) -> None:
    """--only and --owner narrow the targets and the summary."""
    code, out, _ = run(
        "status", "--plan", str(PLAN), "--progress", str(city_files),
        "--format", "json", "--only", "at_risk,on_track", "--owner", "省科技厅",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert {t["id"] for t in data["targets"]} == {"industrial_robots_in_use", "task_09"}
    assert data["summary"]["by_status"]["no_data"] == 0


def test_status_as_of_and_region(city_files: Path) -> None:
    """--as-of before the data leaves no data; --region shows one city and its share."""
    code, out, _ = run(
        "status", "--plan", str(PLAN), "--progress", str(city_files),
        "--format", "json", "--as-of", "2018Q4",
    )  # fmt: skip
    assert code == 0
    assert {t["status"] for t in json.loads(out)["targets"]} == {"no_data"}
    code, out, _ = run(
        "status", "--plan", str(PLAN), "--progress", str(city_files),
        "--format", "json", "--region", "Ningbo",
    )  # fmt: skip
    data = json.loads(out)
    assert data["region"] == "宁波市"
    firms = next(t for t in data["targets"] if t["id"] == "small_to_large_firms")
    assert firms["share_of_province"] == pytest.approx(0.45)
    assert firms["status"] == "unallocated"


@pytest.mark.parametrize(
    "args",
    [["--only", "late"], ["--region", "上海市"], ["--as-of", "2019-13-01"]],
    ids=["bad-status", "bad-region", "bad-date"],
)
def test_bad_options_exit_2(args: list[str]) -> None:
    """A bad option value is a usage error with exit 2 and no traceback."""
    code, _, err = run("status", "--plan", str(PLAN), *args)
    assert code == 2
    assert "Traceback" not in err


def test_status_still_shows_what_it_can(city_files: Path) -> None:
    """A file with mistakes: status uses the good rows and says how many were skipped."""
    (city_files / "bad.csv").write_text(HEADER + "robots,宁波市,2019,1,台,x\n", encoding="utf-8")
    code, out, err = run(
        "status", "--plan", str(PLAN), "--progress", str(city_files), "--format", "json"
    )
    assert code == 0
    assert "1 row(s) skipped, 1 error(s)" in err
    assert json.loads(out)["targets"]


def test_check_lists_every_problem_and_exits_1(city_files: Path) -> None:
    """check prints each problem as file:line:column: error[code] and exits 1 on errors."""
    bad = city_files / "bad.csv"
    bad.write_text(HEADER + "robots,宁波市,2019,1,台,x\nsmall_to_large_firms,宁波,2019,x,,y\n")
    code, out, _ = run("check", "--plan", str(PLAN), str(city_files))
    assert code == 1
    assert f"{bad}:2:1: error[unknown-target]:" in out
    assert f"{bad}:3:4: error[not-a-number]:" in out
    assert "2 error(s)" in out


def test_check_clean_files_exit_0(city_files: Path) -> None:
    """check exits 0 when every file is clean."""
    code, out, _ = run("check", "--plan", str(PLAN), str(city_files))
    assert code == 0
    assert "0 error(s)" in out


def test_explain_shows_formulas_and_observations(city_files: Path) -> None:
    """explain lists the figures used with file and line, and each formula with inputs."""
    code, out, _ = run(
        "explain", "industrial_robots_in_use", "--plan", str(PLAN), "--progress", str(city_files)
    )
    assert code == 0
    assert "工业机器人应用达到10万台以上" in out
    assert "ningbo.csv:2" in out
    assert "hangzhou.csv:2" in out
    assert "(76000 − 55000)/(100000 − 55000)" in out
    assert "545/1095 days" in out
    assert "sum of 2 cities" in out


def test_explain_says_why_numbers_are_undefined(city_files: Path) -> None:
    """A 新增 target's growth rates are undefined, and explain says why."""
    code, out, _ = run(
        "explain", "small_to_large_firms", "--plan", str(PLAN), "--progress", str(city_files)
    )
    assert code == 0
    assert "undefined: the baseline is zero" in out


def test_explain_unknown_target_suggests(city_files: Path) -> None:
    """A mistyped id is a usage error that suggests the closest id; a part of an id that
    names one target (industrial_robot, robots) is that target."""
    code, _, err = run("explain", "industrial_robots_in_uze", "--plan", str(PLAN))
    assert code == 2
    assert "industrial_robots_in_use" in err
    for part in ("industrial_robot", "robots"):
        code, out, _ = run("explain", part, "--plan", str(PLAN))
        assert code == 0
        assert out.startswith("industrial_robots_in_use")
    code, _, err = run("explain", "green", "--plan", str(PLAN))  # four green targets
    assert code == 2
    assert "green_demo_projects" in err


def test_status_on_shipped_data() -> None:
    """The shipped public figures give a report with achieved targets and no problem."""
    code, out, err = run(
        "status", "--plan", str(PLAN), "--progress", str(PROGRESS), "--format", "json"
    )
    assert code == 0
    assert err == ""
    data = json.loads(out)
    by_id = {t["id"]: t for t in data["targets"]}
    assert by_id["provincial_innovation_centres"]["status"] == "achieved"
    assert by_id["zhejiang_made_certified_firms"]["status"] == "achieved"
    assert "NaN" not in out


@pytest.mark.parametrize("command", ["status", "explain"])
def test_help_has_an_example(command: str) -> None:
    """--help shows an example."""
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example: zjplan" in out


def _styled(text: object) -> list[tuple[str, str]]:
    """Each character of a rich Text with the style it is drawn in."""
    from rich.text import Text

    assert isinstance(text, Text)
    styles = [""] * len(text.plain)
    for span in text.spans:
        for i in range(span.start, span.end):
            styles[i] = str(span.style)
    return list(zip(text.plain, styles, strict=True))


@pytest.mark.parametrize(
    ("share", "elapsed", "plain"),
    [
        # 0.47 x 16 = 7.52 -> 8 cells filled; 0.5 x 16 = 8: the mark after the 8th cell.
        (0.47, 0.5, "▰▰▰▰▰▰▰▰|▱▱▱▱▱▱▱▱   47%"),
        # 0.25 x 16 = 4 filled; 0.75 x 16 = 12: the mark inside the empty part.
        (0.25, 0.75, "▰▰▰▰▱▱▱▱▱▱▱▱|▱▱▱▱   25%"),
        # above target: all 16 filled, the mark among them; 129% is kept in the figure.
        (1.29, 0.5, "▰▰▰▰▰▰▰▰|▰▰▰▰▰▰▰▰  129%"),
        # deadline passed: the mark at the very end.
        (0.9, 1.2, "▰▰▰▰▰▰▰▰▰▰▰▰▰▰▱▱|   90%"),
        # no 序时进度 (no start date): a space keeps the columns aligned.
        (0.0, None, "▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱     0%"),
        # the plan's first day: the mark before every cell.
        (0.0, 0.0, "|▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱    0%"),
        (-0.2, 0.1, "▱▱|▱▱▱▱▱▱▱▱▱▱▱▱▱▱  -20%"),
    ],
)
def test_progress_bar_by_hand(share: float, elapsed: float | None, plain: str) -> None:
    from zjplan.render.attention import rich_line
    from zjplan.render.screen import bar

    drawn = _styled(rich_line(bar(share, elapsed, "green")))
    assert "".join(c for c, _ in drawn) == plain
    for char, style in drawn:
        expected = {"▰": "green", "▱": "dim", "|": "bold"}.get(char, "")
        assert style == expected, (char, style)
