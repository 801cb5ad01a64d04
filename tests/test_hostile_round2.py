"""Hostile input, round two: what an attack on the landed code found, each as a test.

Files that once crashed or blew up run in a child process under a memory cap and a
timeout, through every command that reads them: no exit 70 or 134, no hang, a located
message, and the right value where the input is valid.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT
from tests.hostile.xlsxparts import cell, form_rows, workbook

TODAY = "2021-06-30"
CAP = 1 << 30  # 1 GiB of address space beyond what Python and numpy map at start
ROW = ("small_to_large_firms", "宁波市", "2019-12-31", 1500)


def limited() -> None:
    soft = CAP + 512 * (1 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (soft, soft))


def zj(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "ZJPLAN_TODAY": TODAY, "ZJPLAN_LANG": "", **env}
    return subprocess.run(
        [sys.executable, "-m", "zjplan", *args],
        capture_output=True, text=True, timeout=60, check=False, cwd=cwd or ROOT,
        env=environment, preexec_fn=limited,
    )  # fmt: skip


def every_command(path: Path, tmp: Path) -> list[subprocess.CompletedProcess[str]]:
    """check (table and json), status (table and json) and merge on one input."""
    return [
        zj("check", "--plan", str(PLAN), str(path)),
        zj("check", "--plan", str(PLAN), "--format", "json", str(path)),
        zj("status", "--plan", str(PLAN), "--progress", str(path)),
        zj("status", "--plan", str(PLAN), "--progress", str(path), "--format", "json"),
        zj("merge", "--plan", str(PLAN), str(path), "--output", str(tmp / "merged.csv")),
    ]


def assert_no_crash(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode not in (70, 134, -6, -9), done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "internal error" not in done.stderr


# --- 1. the used range is bounded before any sheet is built ----------------------------------


FAR = {
    "row-4294967295": cell("A4294967295", 1),
    "column-999-row-1048576": cell("ALK1048576", 1),
    "column-26-far-row": cell("Z1000000", 1),
}


@pytest.mark.parametrize("name", sorted(FAR))
def test_a_far_cell_is_refused_before_the_sheet_is_built(name: str, tmp_path: Path) -> None:
    """A 2 KB workbook with one far cell: xlsx-too-large at once, in every command."""
    far = FAR[name]
    data = (
        form_rows([ROW])
        + f'<row r="{far.split(chr(34))[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">{far}</row>'
    )
    book = workbook(tmp_path / f"{name}.xlsx", [("进度填报", "visible", data)])
    assert book.stat().st_size < 4096
    for done in every_command(book, tmp_path):
        assert_no_crash(done)
    check = every_command(book, tmp_path)[0]
    assert check.returncode == 1
    assert "error[xlsx-too-large]" in check.stdout


def test_a_huge_declared_dimension_is_refused(tmp_path: Path) -> None:
    """<dimension ref="A1:XFD1048576"/> over a one-row sheet is refused unread."""
    book = workbook(tmp_path / "dim.xlsx", [("s", "visible", form_rows([ROW]))], "A1:XFD1048576")
    done = zj("check", "--plan", str(PLAN), str(book))
    assert_no_crash(done)
    assert "error[xlsx-too-large]" in done.stdout


# --- 2. FIFOs and devices, whatever their name ----------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_xlsx_and_a_plan_fifo_do_not_hang(tmp_path: Path) -> None:
    """A FIFO called ningbo.xlsx in a folder is refused; --plan and ZJPLAN_PLAN naming a
    FIFO are a located error (exit 2), never a hang."""
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "ningbo.xlsx")
    done = zj("check", "--plan", str(PLAN), str(folder))
    assert_no_crash(done)
    assert "error[not-a-file]" in done.stdout
    os.mkfifo(tmp_path / "plan.yaml")
    done = zj("status", "--plan", str(tmp_path / "plan.yaml"))
    assert done.returncode == 2
    assert "plan.yaml" in done.stderr
    done = zj("targets", ZJPLAN_PLAN=str(tmp_path / "plan.yaml"))
    assert done.returncode == 2


def test_a_device_named_xlsx_is_refused(tmp_path: Path) -> None:
    """A link-free path to a character device with an .xlsx name: not-a-file, no MemoryError."""
    done = zj("check", "--plan", str(PLAN), "/dev/zero", "/dev/null")
    assert_no_crash(done)
    assert done.stdout.count("error[not-a-file]") == 2


# --- 3. clean data that used to crash the engine --------------------------------------------


def test_a_seven_fold_rise_in_a_day_does_not_crash(tmp_path: Path) -> None:
    """Two cities, 1 on 2019-12-30 and 10 on 2019-12-31: status, report and explain run."""
    data = tmp_path / "rise.csv"
    data.write_text(
        "target_id,region,as_of,value\n"
        "small_to_large_firms,宁波市,2019-12-30,1\n"
        "small_to_large_firms,杭州市,2019-12-31,10\n",
        encoding="utf-8",
    )
    for args in (
        ("status", "--format", "json"),
        ("report", "--output-dir", str(tmp_path / "out")),
        ("explain", "small_to_large_firms"),
    ):
        done = zj(*args, "--plan", str(PLAN), "--progress", str(data))
        assert_no_crash(done)
        assert done.returncode == 0, done.stderr
    report = json.loads(
        zj("status", "--format", "json", "--plan", str(PLAN), "--progress", str(data)).stdout
    )
    firms = next(t for t in report["targets"] if t["id"] == "small_to_large_firms")
    assert firms["latest"]["value"] == 11


# --- 4. file names that are not UTF-8 ----------------------------------------------------------


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 names")
def test_a_gbk_file_name_is_shown_decoded(tmp_path: Path) -> None:
    """宁波.csv written in GBK bytes (a Windows zip unpacked): read, named as 宁波.csv with a
    warning, its city found from the name, and every JSON output valid."""
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), "宁波-2019Q4.csv".encode("gbk"))
    with open(raw, "wb") as fh:
        fh.write(
            b"target_id,region,as_of,value\nsmall_to_large_firms,\xc4\xfe\xb2\xa8,2019-12-31,1500\n".replace(
                b"\xc4\xfe\xb2\xa8", "宁波市".encode()
            )
        )
    done = zj("check", "--plan", str(PLAN), "--format", "json", str(folder))
    assert_no_crash(done)
    report = json.loads(done.stdout)
    [file] = report["files"]
    assert file["file"].endswith("宁波-2019Q4.csv")
    assert file["owner"] == "宁波市"
    assert any(p["code"] == "file-name-encoding" for p in report["problems"])
    done = zj("status", "--plan", str(PLAN), "--progress", str(folder), "--format", "json")
    assert_no_crash(done)
    json.loads(done.stdout)
    done = zj(
        "report",
        "--plan",
        str(PLAN),
        "--progress",
        str(folder),
        "--output-dir",
        str(tmp_path / "out"),
    )
    assert done.returncode == 0, done.stderr


# --- 9, 10. which sheet, which cell ---------------------------------------------------------------


def read_json(book: Path) -> dict[str, object]:
    done = zj("check", "--plan", str(PLAN), "--format", "json", str(book))
    assert_no_crash(done)
    return json.loads(done.stdout)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_form_never_wins_over_the_visible_one(state: str, tmp_path: Path) -> None:
    """A hidden 进度填报 with 700,000 and a visible sheet with 70,000: 70,000 is read, and
    the hidden sheet is named in a warning; a hidden first sheet loses the same way."""
    hidden = form_rows([(*ROW[:3], 700000)])
    shown = form_rows([(*ROW[:3], 70000)])
    for order in ([("进度填报", state, hidden), ("Sheet1", "visible", shown)],
                  [("Sheet0", state, hidden), ("Sheet1", "visible", shown)]):  # fmt: skip
        book = workbook(tmp_path / "book.xlsx", order)
        done = zj("merge", "--plan", str(PLAN), str(book), "--output", str(tmp_path / "m.csv"))
        assert done.returncode == 0, done.stderr
        assert ",70000," in (tmp_path / "m.csv").read_text(encoding="utf-8-sig")
        report = read_json(book)
        assert report["files"][0]["sheet"] == "Sheet1"  # type: ignore[index]
        assert any(p["code"] == "hidden-sheet" for p in report["problems"])  # type: ignore[union-attr]


def test_a_cell_given_twice_is_refused(tmp_path: Path) -> None:
    """D2 = 70000, then D2 = 7 in the XML: neither is used silently; the sheet is refused at D2."""
    rows = form_rows([ROW]).replace("</row>", cell("D2", 7) + "</row>", 2)
    rows = rows.replace(cell("D2", 7) + "</row>", "</row>", 1)  # only row 2 gets the repeat
    book = workbook(tmp_path / "twice.xlsx", [("进度填报", "visible", rows)])
    report = read_json(book)
    problems = report["problems"]
    assert [p["code"] for p in problems] == ["xlsx-repeated-cell"]  # type: ignore[index, union-attr]
    assert "D2" in problems[0]["message"]  # type: ignore[index]


# --- 6, 7, 12. figures read wrongly without a word ------------------------------------------------


def check_cells(tmp_path: Path, value: str, unit: str = "") -> list[dict[str, object]]:
    data = tmp_path / "cells.csv"
    data.write_text(
        f"target_id,region,as_of,value,unit\nindustrial_robots_in_use,宁波市,2019-12-31,{value},{unit}\n",
        encoding="utf-8",
    )
    done = zj("check", "--plan", str(PLAN), "--format", "json", str(data))
    assert_no_crash(done)
    return json.loads(done.stdout)["problems"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("value", "unit", "code"),
    [("1.2万", "万台", "unit-mismatch"), ("10⁵", "", "not-a-number"), ("2³", "", "not-a-number")],
)
def test_a_figure_that_would_be_misread_is_refused(
    value: str, unit: str, code: str, tmp_path: Path
) -> None:
    """万 written twice (1.2万 with unit 万台 was 120,000,000) and superscript digits (10⁵
    was 105) are refused with a located message."""
    assert [p["code"] for p in check_cells(tmp_path, value, unit)] == [code]


def test_exponents_are_judged_alike(tmp_path: Path) -> None:
    """1e5 is a figure; 1e16 and 1e308 are both 'too large to be a figure'."""
    assert check_cells(tmp_path, "1e5") == []
    for big in ("1e16", "1e308", "1e309"):
        [problem] = check_cells(tmp_path, big)
        assert "too large to be a figure" in str(problem["message"])


def extreme_series() -> Callable[[], None]:
    return lambda: None
