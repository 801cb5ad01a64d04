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
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT
from tests.hostile.xlsxparts import cell, form_rows, workbook

pytestmark = pytest.mark.slow  # a quick loop leaves it out: pytest -m "not slow"

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


# --- 5. memory and time ---------------------------------------------------------------------


def test_a_99_mb_line_is_refused_at_its_line(tmp_path: Path) -> None:
    """One 99 MB line (no line breaks): line-too-long, under the memory cap."""
    data = tmp_path / "line.csv"
    with data.open("w", encoding="utf-8") as fh:
        fh.write("target_id,region,as_of,value\n")
        fh.write("x," * (33 << 20) + "\n")
    done = zj("check", "--plan", str(PLAN), str(data))
    assert_no_crash(done)
    assert "error[line-too-long]" in done.stdout


def test_a_plan_dated_0001_to_9999_is_refused(tmp_path: Path) -> None:
    """Plan dates lie between 1900 and 2199: 0001-01-01 and 9999-12-31 are located errors."""
    text = PLAN.read_text(encoding="utf-8")
    text = text.replace("start: 2018-01-01", "start: 0001-01-01", 1)
    text = text.replace("deadline: 2020-12-31", "deadline: 9999-12-31", 1)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    done = zj("status", "--plan", str(plan), "--format", "html")
    assert done.returncode == 2
    assert "a plan date must lie between 1900 and 2199" in done.stderr


# --- 8. European CSV --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["95,125", "8.000", "7,5", "1.5"])
def test_a_separator_in_a_semicolon_file_is_not_guessed(value: str, tmp_path: Path) -> None:
    """In a ;-separated file, 95,125 and 8.000 were read as 95125 and 8: now each is an
    ambiguous-number error at its cell; a plain 95125 is read."""
    data = tmp_path / "eu.csv"
    data.write_text(
        f"target_id;region;as_of;value\nsmall_to_large_firms;宁波市;2019-12-31;{value}\n"
        "small_to_large_firms;宁波市;2019-09-30;95125\n",
        encoding="utf-8",
    )
    report = json.loads(zj("check", "--plan", str(PLAN), "--format", "json", str(data)).stdout)
    assert [(p["code"], p["line"], p["column"]) for p in report["problems"]] == [
        ("ambiguous-number", 2, 4)
    ]
    assert report["summary"]["used"] == 1


# --- 13. injection -----------------------------------------------------------------------------


def test_a_file_name_with_terminal_escapes_is_shown_inert(tmp_path: Path) -> None:
    """OSC 0, OSC 52 (a clipboard write) and U+202E in a file name never reach the terminal
    live through status --verbose."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = "a\x1b]0;title\x07b\x1b]52;c;ZXZpbA==\x07\u202ec.csv"
    (folder / name).write_text("target_id,region,as_of,value\nsmall_to_large_firms,宁波市,2019,1\n")
    done = zj("status", "--plan", str(PLAN), "--progress", str(folder), "--verbose")
    assert_no_crash(done)
    assert "\x1b" not in done.stderr
    assert "\u202e" not in done.stderr
    assert "\\x1b]52" in done.stderr


def test_plan_text_reaches_markdown_as_text(tmp_path: Path) -> None:
    """A section named '# H1 <b>bold</b> [link](https://evil.example)' is shown, not obeyed."""
    text = PLAN.read_text(encoding="utf-8").replace(
        "    section: 一\n", "    section: '# H1 <b>bold</b> [link](https://evil.example)'\n", 1
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    done = zj("status", "--plan", str(plan), "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert "<b>" not in done.stdout
    assert "[link](" not in done.stdout  # the brackets are escaped: no link
    assert "\n# H1" not in done.stdout
    # the URL's ':' is escaped too: not even GitHub's autolink can make it a link
    assert "### \\# H1 &lt;b\\>bold&lt;/b\\> \\[link\\](https\\://evil.example)" in done.stdout


# --- 14, 16. writing output --------------------------------------------------------------------


def test_output_never_replaces_a_link_or_a_device(tmp_path: Path) -> None:
    """-o a symlink, -o a FIFO and -o a folder: exit 2, one line, nothing replaced."""
    link = tmp_path / "link.json"
    link.symlink_to("/proc/self/fd/1")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    folder = tmp_path / "dir.json"
    folder.mkdir()
    for target in (link, fifo, folder):
        done = zj("status", "--plan", str(PLAN), "--output", str(target))
        assert done.returncode == 2, done.stderr
        assert "error[cannot-write]" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    assert link.is_symlink()
    assert fifo.is_fifo()


def test_ordinary_write_failures_are_exit_2(tmp_path: Path) -> None:
    """A missing folder and a read-only folder are one located line and exit 2."""
    done = zj("status", "--plan", str(PLAN), "--output", str(tmp_path / "no" / "such" / "s.md"))
    assert (done.returncode, done.stderr.count("error[cannot-write]")) == (2, 1)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = zj(
            "merge",
            "--plan",
            str(PLAN),
            str(ROOT / "data" / "progress"),
            "-o",
            str(locked / "m.csv"),
        )
        if os.geteuid() != 0:  # root writes anywhere
            assert (done.returncode, done.stderr.count("error[cannot-write]")) == (2, 1)
        assert_no_crash(done)
    finally:
        locked.chmod(0o700)


def test_written_files_get_the_usual_mode_and_keep_theirs(tmp_path: Path) -> None:
    """A new file is 0666 less the umask (0644 here), not 0600; a replaced 0640 file stays 0640."""
    out = tmp_path / "s.json"
    done = subprocess.run(
        ["sh", "-c", f'umask 022 && exec "{sys.executable}" -m zjplan status --plan "{PLAN}" -o "{out}"'],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o640)
    assert zj("status", "--plan", str(PLAN), "-o", str(out)).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("env", "code"),
    [
        ({"ZJPLAN_TODAY": "garbage"}, 2),
        ({"COLUMNS": "abc"}, 0),
        ({"COLUMNS": "-5"}, 0),
        ({"PYTHONIOENCODING": "ascii"}, 0),
    ],
    ids=["today-garbage", "columns-abc", "columns-negative", "ascii-stdout"],
)
def test_odd_environments_are_not_bugs(env: dict[str, str], code: int) -> None:
    """Each gets its exit code and at most one line on stderr, never 'internal error'; with a
    bad COLUMNS the table is still printed."""
    done = zj("status", "--plan", str(PLAN), **env)
    assert done.returncode == code, done.stderr
    assert_no_crash(done)
    if code == 0:
        assert "Summary" in done.stdout


def test_closed_stdout_is_exit_2() -> None:
    """Started with standard output closed: one line and exit 2."""
    done = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -m zjplan status --plan "{PLAN}" >&-'],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 2
    assert "standard output is closed" in done.stderr


def test_a_closed_pipe_keeps_the_exit_code() -> None:
    """`check … | head -1` exits as the same run does unpiped (0 on clean data)."""
    alone = zj("check", "--plan", str(PLAN), str(ROOT / "data" / "progress"))
    piped = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m zjplan check --plan "{PLAN}" "{ROOT}/data/progress" | head -c 10 >/dev/null; echo "${{PIPESTATUS[0]}}"'],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert alone.returncode == 0
    assert piped.stdout.strip() == str(alone.returncode)


# --- 15. a report set is written as one ----------------------------------------------------------


def test_a_report_set_is_swapped_in_whole(tmp_path: Path) -> None:
    """report writes its pages into a new folder and swaps it in: the old set survives a
    failure, a folder with other files is refused untouched, and no temporary folder stays."""
    out = tmp_path / "public"
    assert zj("report", "--plan", str(PLAN), "--output-dir", str(out)).returncode == 0
    names = sorted(os.listdir(out))
    assert "status.json" in names
    assert "region-ningbo.html" in names
    assert (
        zj(
            "report", "--plan", str(PLAN), "--output-dir", str(out), "--as-of", "2019-06-30"
        ).returncode
        == 0
    )
    assert json.loads((out / "status.json").read_text(encoding="utf-8"))["as_of"] == "2019-06-30"
    assert [p.name for p in tmp_path.iterdir()] == ["public"]
    (out / "index.html").write_text("mine")
    done = zj("report", "--plan", str(PLAN), "--output-dir", str(out))
    assert done.returncode == 2
    assert "index.html" in done.stderr
    assert (out / "index.html").read_text() == "mine"
