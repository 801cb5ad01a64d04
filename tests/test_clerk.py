"""The clerk's quarter: every file a city sends is read or named, on files written by a
real spreadsheet program (tests/fixtures/make_spreadsheets.py runs LibreOffice headless;
the outputs are committed, so this test needs no LibreOffice)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN, ROOT
from zjplan.cli import app

FOLDER = ROOT / "tests" / "fixtures" / "spreadsheets"
runner = CliRunner()


def check(*args: str) -> tuple[int, dict[str, object]]:
    return problems_of(FOLDER, *args)


def test_every_format_libreoffice_writes_is_read() -> None:
    """.xls (Excel 97-2003), .ods and .xlsx written by LibreOffice: each city's figure is read
    with its value, and its file shows the format and sheet."""
    _, report = check()
    files = {Path(str(f["file"])).name: f for f in report["files"]}  # type: ignore[attr-defined]
    for name, kind in (
        ("宁波-2019Q4.xls", "xls"),
        ("杭州-2019Q4.ods", "ods"),
        ("温州-2019Q4.xlsx", "xlsx"),
    ):
        assert files[name]["format"] == kind
        assert (files[name]["rows"], files[name]["used"], files[name]["errors"]) == (1, 1, 0), name


def test_files_that_cannot_be_read_are_named_and_lock_files_skipped(tmp_path: Path) -> None:
    """The WPS .et file is listed as not read (an error, with what to do); Excel's lock file
    ~$湖州-2019Q4.xlsx is passed over, never 湖州's broken file."""
    code, report = check()
    assert code == 1
    problems = report["problems"]
    not_read = [p for p in problems if p["code"] == "file-not-read"]  # type: ignore[index, union-attr]
    assert [Path(p["file"]).name for p in not_read] == ["嘉兴-2019Q4.et"]  # type: ignore[index]
    assert "save it as .xlsx" in not_read[0]["hint"]  # type: ignore[index]
    names = [Path(str(f["file"])).name for f in report["files"]]  # type: ignore[attr-defined]
    assert not any(n.startswith("~$") for n in names)
    merged = runner.invoke(
        app,
        [
            "merge",
            "--plan",
            str(PLAN),
            str(FOLDER),
            "--output",
            str(tmp_path / "m.csv"),
            "--skip-errors",
        ],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )
    assert merged.exit_code == 0, merged.stderr
    rows = (tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines()
    assert sorted(r.split(",")[1] for r in rows[1:]) == ["宁波市", "杭州市", "温州市", "舟山市"]


def test_completeness_says_who_sent_what() -> None:
    """嘉兴 sent, unreadable; 舟山 sent another period only, with a wrong-period warning at its
    row; 湖州 (only a lock file) and 丽水 sent nothing; 宁波 partial."""
    _, report = check("--period", "2019Q4")
    regions = {r["region"]: r for r in report["completeness"]["regions"]}  # type: ignore[index]
    assert regions["嘉兴市"]["state"] == "sent_unreadable"
    assert regions["舟山市"]["state"] == "wrong_period"
    assert regions["湖州市"]["state"] == "not_sent"
    assert regions["丽水市"]["state"] == "not_sent"
    assert regions["宁波市"]["state"] == "partial"
    wrong = [p for p in report["problems"] if p["code"] == "wrong-period"]  # type: ignore[union-attr, index]
    assert len(wrong) == 1
    assert wrong[0]["line"] == 2
    assert "2019Q3" in wrong[0]["message"]


def test_a_bad_period_is_named_as_the_period() -> None:
    """check --period 2019Q5 and template --period 2019Q5: the error names --period."""
    for args in (["check", str(FOLDER)], ["template", "--region", "宁波"]):
        result = runner.invoke(app, [*args, "--plan", str(PLAN), "--period", "2019Q5"])
        assert result.exit_code == 2
        assert "--period" in result.stderr
        assert "--as-of" not in result.stderr


def test_error_cells_and_uncomputed_formulas_are_errors_not_empty(tmp_path: Path) -> None:
    """#DIV/0! in D2 and a formula saved without its value in D3: cell-error and
    formula-not-computed at their cells, never the 'not-reported' warning of an empty cell."""
    from tests.hostile.xlsxparts import form_rows, workbook

    rows = form_rows([("small_to_large_firms", "宁波市", "2019-12-31", 1)])
    rows = rows.replace('<c r="D2"><v>1</v></c>', '<c r="D2" t="e"><v>#DIV/0!</v></c>')
    rows += (
        '<row r="3"><c r="A3" t="inlineStr"><is><t>small_to_large_firms</t></is></c>'
        '<c r="B3" t="inlineStr"><is><t>杭州市</t></is></c>'
        '<c r="C3" t="inlineStr"><is><t>2019-12-31</t></is></c><c r="D3"><f>SUM(E1:E2)</f></c></row>'
    )
    book = workbook(tmp_path / "cities.xlsx", [("进度填报", "visible", rows)])
    result = runner.invoke(
        app,
        ["check", "--plan", str(PLAN), str(book), "--format", "json"],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )
    assert result.exit_code == 1
    problems = [(p["code"], p["line"], p["column"]) for p in json.loads(result.stdout)["problems"]]
    assert problems == [("cell-error", 2, 4), ("formula-not-computed", 3, 4)]


def test_an_excel_date_serial_and_a_fractional_count_are_warned(tmp_path: Path) -> None:
    """43830 in the date column is 2019-12-31 (a warning says so); 10.5 家 is read with a
    fractional-count warning naming both the figure and the unit."""
    data = tmp_path / "cells.csv"
    data.write_text(
        "target_id,region,as_of,value\nsmall_to_large_firms,宁波市,43830,1500\n"
        "small_to_large_firms,杭州市,2019-12-31,10.5\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        ["check", "--plan", str(PLAN), str(data), "--format", "json"],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    problems = [(p["code"], p["line"], p["column"]) for p in report["problems"]]
    assert problems == [("excel-serial-date", 2, 3), ("fractional-count", 3, 4)]
    assert "2019-12-31" in report["problems"][0]["message"]
    assert report["summary"]["used"] == 2


FORMS = ROOT / "tests" / "fixtures" / "forms"


def problems_of(path: Path, *args: str) -> tuple[int, dict[str, object]]:
    result = runner.invoke(
        app, ["check", "--plan", str(PLAN), str(path), "--format", "json", *args],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )  # fmt: skip
    return result.exit_code, json.loads(result.stdout)


def test_a_form_behind_an_instructions_sheet_and_a_title_is_found() -> None:
    """LibreOffice's .xlsx, .xls and .ods of one form: 填报说明 first, the form on Sheet1 with
    a title row above its header. The form is found and its four rows read; the merged 地区
    (B3:B5) gives 湖州市 to each row it covers, with a warning at B3."""
    for suffix in ("xlsx", "xls", "ods"):
        _, report = problems_of(FORMS / f"湖州-2019Q4.{suffix}")
        (summary,) = report["files"]  # type: ignore[misc]
        assert (summary["sheet"], summary["rows"]) == ("Sheet1", 4), suffix
        codes = {(p["code"], p["line"], p["column"]) for p in report["problems"]}  # type: ignore[union-attr, index]
        assert ("merged-cell", 3, 2) in codes, suffix
        assert not any(c == "unknown-region" for c, _, _ in codes), suffix
        assert not any(c == "missing-column" for c, _, _ in codes), suffix


def test_display_formats_and_error_cells_are_spoken_of() -> None:
    """35 typed as 35% (holds 0.35), 1.5 under 0"万" (shows 2万), and =1/0: in .xlsx and .ods
    the reader sees the cell's format, so each is a located problem with both numbers; the
    error is never an empty cell. An .xls says neither, and its empty cell says so."""
    expected = {
        "xlsx": {("scaled-format", 4, 4), ("percent-cell", 5, 4), ("cell-error", 6, 4)},
        "ods": {("percent-cell", 5, 4), ("cell-error", 6, 4)},
    }
    for suffix, wanted in expected.items():
        code, report = problems_of(FORMS / f"湖州-2019Q4.{suffix}")
        problems = report["problems"]
        found = {(p["code"], p["line"], p["column"]) for p in problems}  # type: ignore[union-attr, index]
        assert wanted <= found, suffix
        assert code == 1  # the error cell
        percent = next(p for p in problems if p["code"] == "percent-cell")  # type: ignore[union-attr, index]
        assert "35%" in percent["message"]  # type: ignore[index]
        assert "0.35" in percent["message"]  # type: ignore[index]
        assert not any(p["code"] == "not-reported" for p in problems)  # type: ignore[union-attr, index]
    _, report = problems_of(FORMS / "湖州-2019Q4.xls")
    empty = next(p for p in report["problems"] if p["code"] == "not-reported")  # type: ignore[union-attr, index]
    assert "error or formula cell" in empty["message"]  # type: ignore[index]


def test_merge_spreads_a_merged_region_to_its_rows(tmp_path: Path) -> None:
    """merge writes 湖州市 on the three rows B3:B5 covers, the figures as the cells hold them."""
    result = runner.invoke(
        app,
        ["merge", "--plan", str(PLAN), str(FORMS / "湖州-2019Q4.xlsx"), "--skip-errors",
         "--output", str(tmp_path / "m.csv")],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = [r.split(",")[:4] for r in (tmp_path / "m.csv").read_text("utf-8-sig").splitlines()]
    assert sorted(rows[1:]) == [
        ["characteristic_towns", "湖州市", "2019-12-31", "0.35"],
        ["industrial_robots_in_use", "湖州市", "2019-12-31", "1.5"],
        ["small_to_large_firms", "湖州市", "2019-12-31", "700"],
    ]


def test_renamed_headers_get_a_did_you_mean(tmp_path: Path) -> None:
    """填报地区 and 完成值 are not columns zjplan reads: missing-column says which they may be."""
    data = tmp_path / "renamed.csv"
    data.write_text("指标编号,填报地区,截至日期,完成值\nsmall_to_large_firms,宁波市,2019-12-31,1\n")
    _, report = problems_of(data)
    (missing,) = [p for p in report["problems"] if p["code"] == "missing-column"]  # type: ignore[union-attr, index]
    assert "region, value" in missing["message"]  # type: ignore[index]
    assert "填报地区 → 地区" in missing["hint"]  # type: ignore[index]
    assert "完成值 → 数值" in missing["hint"]  # type: ignore[index]


def test_no_sheet_with_the_form_names_the_sheets_looked_at(tmp_path: Path) -> None:
    """Two sheets, neither with a header: the error is at the first, naming both."""
    from tests.hostile.xlsxparts import workbook

    notes = '<row r="1"><c r="A1" t="inlineStr"><is><t>填报说明</t></is></c></row>'
    book = workbook(tmp_path / "b.xlsx", [("说明", "visible", notes), ("表二", "visible", notes)])
    _, report = problems_of(book)
    (missing,) = [p for p in report["problems"] if p["code"] == "missing-column"]  # type: ignore[union-attr, index]
    assert "说明, 表二" in missing["message"]  # type: ignore[index]


def test_percent_and_thousands_formats_are_told_apart() -> None:
    """The format codes Excel and LibreOffice write: which show a percentage, which scale."""
    from zjplan.progress.workbook import format_kind

    assert [format_kind(c) for c in ("0%", "0.00%", '0.0"%"', "\\%0")] == [
        "percent",
        "percent",
        "",
        "",
    ]
    assert [format_kind(c) for c in ("#,##0,", '0.0,"千"', '0"万"', "0\\万", "#,##0", "0.00")] == [
        "scaled", "scaled", "scaled", "scaled", "", "",
    ]  # fmt: skip


def conflict_folder(tmp_path: Path) -> Path:
    """湖州's first file (700), its corrected resubmission (720, newer), and 舟山's file with
    舟山's figure and a 湖州 row (650) that does not belong there."""
    import os

    folder = tmp_path / "in"  # outputs go beside it: never into the folder read
    folder.mkdir()
    header = "指标编号,地区,截至日期,数值\n"
    files = {
        "湖州-2019Q4.csv": "small_to_large_firms,湖州市,2019-12-31,700\n",
        "湖州-2019Q4-修订版.csv": "small_to_large_firms,湖州市,2019-12-31,720\n",
        "舟山-2019Q4.csv": "small_to_large_firms,舟山市,2019-12-31,300\n"
        "small_to_large_firms,湖州市,2019-12-31,650\n",
    }
    for when, (name, rows) in enumerate(files.items()):
        (folder / name).write_text(header + rows, encoding="utf-8")
        os.utime(folder / name, (1_600_000_000 + when * 60,) * 2)
    return folder


def test_a_regions_own_file_beats_a_foreign_row(tmp_path: Path) -> None:
    """湖州's own file says 700, 舟山's file says 650 for 湖州: 700 stands, and the warning at
    舟山's row names both."""
    folder = conflict_folder(tmp_path)
    (folder / "湖州-2019Q4-修订版.csv").unlink()
    code, report = problems_of(folder)
    assert code == 0
    (problem,) = report["problems"]  # type: ignore[misc]
    assert (problem["code"], Path(problem["file"]).name, problem["line"]) == (
        "conflict-resolved", "舟山-2019Q4.csv", 3,
    )  # fmt: skip
    assert "650 here but 700" in problem["message"]
    assert "湖州-2019Q4.csv:2" in problem["message"]


def test_two_files_of_one_region_are_an_error_unless_the_newest_is_preferred(
    tmp_path: Path,
) -> None:
    """Two 湖州 files give 700 and 720: an error naming both and --prefer newest; with
    --prefer newest the resubmission's 720 stands, and merge writes it."""
    folder = conflict_folder(tmp_path)
    code, report = problems_of(folder)
    assert code == 1
    errors = [p for p in report["problems"] if p["severity"] == "error"]  # type: ignore[union-attr, index]
    assert {e["code"] for e in errors} == {"conflicting-value"}  # type: ignore[index]
    assert any("修订版" in e["message"] and "--prefer newest" in e["hint"] for e in errors)  # type: ignore[index]
    code, report = problems_of(folder, "--prefer", "newest")
    assert code == 0
    assert {p["code"] for p in report["problems"]} == {"conflict-resolved"}  # type: ignore[union-attr, index]
    out = tmp_path / "out" / "m.csv"
    out.parent.mkdir()
    result = runner.invoke(
        app, ["merge", "--plan", str(PLAN), str(folder), "--prefer", "newest", "-o", str(out)],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = out.read_text("utf-8-sig").splitlines()[1:]
    assert [r.split(",")[1:4] for r in rows] == [
        ["湖州市", "2019-12-31", "720"], ["舟山市", "2019-12-31", "300"],
    ]  # fmt: skip


def test_a_read_only_output_is_replaced_only_with_force(tmp_path: Path) -> None:
    """merge -o onto a 0444 file: exit 2 naming the file and --force; with --force it is
    replaced and keeps its mode."""
    import os
    import stat

    data = tmp_path / "in.csv"
    data.write_text("target_id,region,as_of,value\nsmall_to_large_firms,宁波市,2019-12-31,1\n")
    out = tmp_path / "m.csv"
    out.write_text("old\n")
    out.chmod(0o444)
    args = ["merge", "--plan", str(PLAN), str(data), "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "read-only" in result.stderr
    assert "--force" in result.stderr
    assert out.read_text() == "old\n"
    result = runner.invoke(app, [*args, "--force"])
    assert result.exit_code == 0, result.stderr
    assert "宁波市" in out.read_text("utf-8-sig")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o444


def test_a_second_writer_waits_for_the_first_then_stops_with_a_message(tmp_path: Path) -> None:
    """While another run holds the folder's lock, a write waits, then fails with a message
    naming the folder; nothing is written."""
    import fcntl
    import os

    from zjplan.output import OutputError, write_atomic

    fd = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(OutputError, match="another zjplan run is writing"):
            write_atomic(tmp_path / "m.csv", "x", wait=0.2)
        assert not (tmp_path / "m.csv").exists()
    finally:
        os.close(fd)
    write_atomic(tmp_path / "m.csv", "x", wait=0.2)
    assert (tmp_path / "m.csv").read_text() == "x"


def test_the_chase_list_names_each_missing_figure_its_cause_and_a_reminder(
    tmp_path: Path,
) -> None:
    """check --period 2019Q4 --chase: a row per region and missing figure with its cause in
    Chinese; the reminder names the region's contact (from the plan) and the period's end;
    a figure sent with an error is 数据有误, one given as N/A 填报为暂缺, one never sent 未报送."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN.read_text("utf-8").replace(
            "{name: 湖州市, short: 湖州, pinyin: Huzhou, level: city}",
            "{name: 湖州市, short: 湖州, pinyin: Huzhou, level: city, contact: 湖州市经信局 张三}",
        ),
        encoding="utf-8",
    )
    data = tmp_path / "湖州-2019Q4.csv"
    data.write_text(
        "指标编号,地区,截至日期,数值\nsmall_to_large_firms,湖州市,2019-12-31,700\n"
        "industrial_robots_in_use,湖州市,2019-12-31,十台\n"
        "green_demo_factories,湖州市,2019-12-31,N/A\n",
        encoding="utf-8",
    )
    for suffix in ("csv", "xlsx", "md"):
        out = tmp_path / f"chase.{suffix}"
        result = runner.invoke(
            app,
            ["check", "--plan", str(plan), str(data), "--period", "2019Q4", "--expect-regions",
             "湖州", "--lang", "zh", "--chase", str(out)],
            env={"ZJPLAN_TODAY": "2021-06-30"},
        )  # fmt: skip
        assert result.exit_code == 1, result.stderr  # the error in the robots row
        assert out.exists()
    rows = (tmp_path / "chase.csv").read_text("utf-8-sig").splitlines()
    assert rows[0] == "地区,报送情况,指标编号,指标名称,原因,联系人,催报通知"
    cells = {r.split(",")[2]: r.split(",") for r in rows[1:]}
    assert "small_to_large_firms" not in cells
    assert cells["industrial_robots_in_use"][4] == "数据有误"
    assert cells["green_demo_factories"][4] == "填报为暂缺（N/A）"
    assert cells["green_demo_parks"][4] == "未报送"
    assert cells["green_demo_parks"][3] == "新增绿色示范园区"
    assert cells["green_demo_parks"][5] == "湖州市经信局 张三"
    reminder = rows[1].split(",")[6]
    assert reminder.startswith(
        "湖州市经信局 张三：截至2019年12月31日，湖州市以下18项指标尚未报送或有误"
    )
    assert "工业机器人应用(在役)量（数据有误）" in reminder
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(tmp_path / "chase.xlsx"))
    assert book.sheet_names == ["催报清单", "催报通知"]
    listed = book.get_sheet_by_name("催报清单").to_python()
    assert len(listed) == 1 + 18
    assert book.get_sheet_by_name("催报通知").to_python()[1][1] == reminder
    markdown = (tmp_path / "chase.md").read_text("utf-8")
    assert "## 催报通知" in markdown
    assert "新增绿色示范园区" in markdown


def test_the_chase_list_needs_a_period(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", "--plan", str(PLAN), str(FOLDER), "--chase", str(tmp_path / "c.csv")]
    )
    assert result.exit_code == 2
    assert "--chase" in result.stderr
    assert "--period" in result.stderr
