"""status --format xlsx: a real workbook, read back by calamine and, where installed, by
LibreOffice headless (converted to CSV, its numbers compared with --format json)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN, ROOT
from zjplan.cli import app

runner = CliRunner()
ROWS = (
    "target_id,region,as_of,value,unit,source\n"
    "industrial_robots_in_use,浙江省,2019-06-30,76000,台,a\n"
    'small_to_large_firms,浙江省,2019-12-31,1500,家,"=HYPERLINK(""http://evil"")"\n'
    "provincial_innovation_centres,浙江省,2019-06-09,10,家,c\n"
    "zhejiang_made_standards,浙江省,2019-12-31,超过300,项,d\n"
)


@pytest.fixture
def book(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    data = tmp_path / "p.csv"
    data.write_text(ROWS, encoding="utf-8")
    out = tmp_path / "status.xlsx"
    env = {"ZJPLAN_TODAY": "2021-06-30"}
    result = runner.invoke(
        app,
        [
            "status",
            "--plan",
            str(PLAN),
            "--progress",
            str(data),
            "--output",
            str(out),
            "--lang",
            "zh",
        ],
        env=env,
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(
        runner.invoke(
            app,
            ["status", "--plan", str(PLAN), "--progress", str(data), "--format", "json"],
            env=env,
        ).stdout
    )
    return out, report


def test_the_workbook_reads_back(book: tuple[Path, dict[str, object]]) -> None:
    """Two sheets (概览, 指标); a row per target with numbers as numbers, the status as the
    verdict every format prints, and no formula from the data."""
    from python_calamine import CalamineWorkbook

    path, _ = book
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names == ["概览", "指标", "各市"]  # the plan has cities
    rows = workbook.get_sheet_by_name("指标").to_python()
    # The leader's columns first (and printed), then the data team's, from 编号 on.
    assert rows[0][:3] == ["指标", "目标", "最新值"]
    assert rows[0][11] == "编号"
    by_id = {row[11]: row for row in rows[1:]}
    assert len(by_id) == 47
    robots = by_id["industrial_robots_in_use"]
    assert robots[2] == 76000.0
    assert robots[8] == "! 存在风险"
    assert by_id["zhejiang_made_standards"][13] == "不少于"
    # a rank's or a task's figure is text, never an empty cell beside its status
    ranked = [row for row in rows[1:] if str(row[1]).startswith("前列") and row[3]]
    assert all(str(row[2]).startswith("第") for row in ranked)
    overview = workbook.get_sheet_by_name("概览").to_python()
    flat = [str(c) for row in overview for c in row]
    assert any(c.startswith("需关注（") for c in flat)
    with __import__("zipfile").ZipFile(path) as archive:
        sheets = b"".join(
            archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")
        )
    assert b"<f>" not in sheets  # no formula anywhere
    with __import__("zipfile").ZipFile(path) as archive:
        names = archive.read("xl/workbook.xml").decode()
    assert "指标!$A$1:$K$48" in names  # the print: the leader's 11 columns, every row


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)",
)
def test_libreoffice_opens_it_and_the_numbers_match_json(
    book: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    """LibreOffice headless converts the targets sheet to CSV without repair; its numbers are
    the JSON report's."""
    path, report = book
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2',
         "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheet = next(tmp_path.glob("status*指标*.csv"), None) or next(tmp_path.glob("status-*.csv"))
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    by_id = {row[11]: row for row in rows[1:]}
    for target in report["targets"]:  # type: ignore[attr-defined]
        if target["latest"] and target["comparator"] in ("at_least", "reach", "about"):
            assert float(by_id[target["id"]][2].replace(",", "")) == target["latest"]["value"]


def prints_one_a4_page_wide(path: Path) -> int:
    """Each sheet of the workbook is A4 landscape, fitted one page wide (as many down as
    it needs), with its first row repeated on every page; the number of sheets."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        names = sorted(
            n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)
        )
        book_xml = archive.read("xl/workbook.xml").decode()
        for name in names:
            xml = archive.read(name).decode()
            assert '<pageSetUpPr fitToPage="1"/>' in xml, name
            setup = re.search(r"<pageSetup [^>]*/>", xml)
            assert setup is not None, name
            for attribute in ('paperSize="9"', 'orientation="landscape"', 'fitToHeight="0"'):
                assert attribute in setup.group(), (name, attribute)
    assert book_xml.count("_xlnm.Print_Titles") == len(names)
    return len(names)


def test_every_sheet_prints_one_a4_page_wide(book: tuple[Path, dict[str, object]]) -> None:
    """A leader prints the workbook: each sheet is A4 landscape, fitted one page wide (as
    many down as it needs), with its first row repeated on every page."""
    path, _ = book
    assert prints_one_a4_page_wide(path) == 3


def test_the_chase_list_prints_as_the_workbook_does(tmp_path: Path) -> None:
    """The clerk prints the chase list too: both its sheets fit a page wide, their columns
    as wide as their cells (the state column showed 'sent another period c')."""
    from typer.testing import CliRunner

    from zjplan.cli import app

    chase = tmp_path / "chase.xlsx"
    folder = ROOT / "tests" / "fixtures" / "spreadsheets"
    CliRunner().invoke(
        app, ["check", "--plan", str(PLAN), "--period", "2019Q4", "--chase", str(chase), str(folder)],
        env={"ZJPLAN_TODAY": "2021-06-30"},
    )  # fmt: skip
    assert prints_one_a4_page_wide(chase) == 2
