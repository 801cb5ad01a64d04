"""Hostile and broken input: never a traceback, never a wrong number, never a live escape.

The corpus in tests/hostile/ runs through check, status (every format), explain and
merge; plans through check, targets and status. Time per file is measured by the benchmark
(bench/run.py), not asserted here. Large or special files (a 50 MB plan,
zip and entity bombs, a FIFO, a device, a symlink out of the folder, 100,000 files) are
made at test time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT
from tests.conftest import run as zjplan
from tests.hostile.make_corpus import EXPECTED, corpus
from zjplan.render.formats import StatusFormat, status_spec

pytestmark = pytest.mark.slow  # a quick loop leaves it out: pytest -m "not slow"

HOSTILE = ROOT / "tests" / "hostile"
TODAY = "2021-06-30"
FORMATS = [f.value for f in StatusFormat]
HANG = 30.0
# No control character (newline aside), bidi control or invisible character may come out.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufff9-\ufffb]"
)
LOCATED = re.compile(r"^\S.*?:(\d+:\d+: )?(error|warning)\[[a-z0-9-]+\]", re.M)
PROGRESS = sorted(n for n in EXPECTED if n.startswith("progress-"))
PLANS = sorted(n for n in EXPECTED if n.startswith("plan-"))


def run(*args: str) -> tuple[int, str]:
    """Run in-process; an exception other than a clean exit fails the test."""
    started = time.perf_counter()
    ran = zjplan(*args, today=TODAY, columns=160)
    elapsed = time.perf_counter() - started
    # A hang guard only: the 2 s per file goal is measured by bench/run.py (hostile corpus).
    assert elapsed < HANG, f"{args} took {elapsed:.2f}s"
    return ran.code, ran.out + ran.err


def status_run(tmp: Path, fmt: str, *args: str) -> tuple[int, str]:
    """status in one format; a binary format is written to a file and its sheets' XML is
    what is checked (the text a spreadsheet program will show)."""
    if status_spec(StatusFormat(fmt)).payload != "bytes":
        return run("status", *args, "--format", fmt)
    out = tmp / f"status.{fmt}"
    code, said = run("status", *args, "--format", fmt, "--output", str(out))
    if code != 0:
        return code, said
    with zipfile.ZipFile(out) as archive:
        parts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")]
    return code, "\n".join(parts)


def clean(output: str, what: str) -> None:
    """No escape byte, control or invisible character from the data comes out live."""
    body = output[1:] if output.startswith("\ufeff") else output
    body = body.replace("\n\ufeff", "\n")  # a CSV report starts with a BOM
    found = UNSAFE.findall(body)
    assert not found, f"{what}: unsafe characters {found[:5]!r}"
    assert "Traceback" not in output, what


def test_corpus_is_what_the_script_writes() -> None:
    """The committed corpus is exactly what make_corpus.py writes, and has 40+ files."""
    files = corpus()
    assert set(files) == set(EXPECTED)
    assert len(files) >= 40
    for name, data in files.items():
        assert (HOSTILE / name).read_bytes() == data, f"regenerate {name}"


@pytest.mark.parametrize("name", PROGRESS)
def test_progress_file_through_every_command(name: str, tmp_path: Path) -> None:
    """check lists the expected problems with their place; status in every format,
    explain and merge run cleanly with a documented exit code."""
    path = str(HOSTILE / name)
    code, out = run("check", "--plan", str(PLAN), path, "--format", "table")
    clean(out, f"check {name}")
    codes = set(re.findall(r"(?:error|warning)\[([a-z0-9-]+)\]", out))
    assert EXPECTED[name] <= codes, f"{name}: {codes}"
    errors = "error[" in out
    assert code == (1 if errors else 0)
    if EXPECTED[name]:
        assert LOCATED.search(out), out[-500:]
    code, out = run("check", "--plan", str(PLAN), path, "--format", "json")
    clean(out, f"check json {name}")
    for fmt in FORMATS:
        code, out = status_run(tmp_path, fmt, "--plan", str(PLAN), "--progress", path)
        assert code == 0, f"status {fmt} {name}"
        clean(out, f"status {fmt} {name}")
    code, out = run("explain", "small_to_large_firms", "--plan", str(PLAN), "--progress", path)
    assert code == 0
    clean(out, f"explain {name}")
    merged = tmp_path / "merged.csv"
    code, out = run("merge", "--plan", str(PLAN), path, "--output", str(merged), "--skip-errors")
    assert code == 0
    clean(out, f"merge {name}")
    clean(merged.read_text(encoding="utf-8-sig"), f"merged {name}")


@pytest.mark.parametrize("name", PLANS)
def test_plan_file_through_every_command(name: str, tmp_path: Path) -> None:
    """A broken plan: exit 2 and one located line per problem, for every command."""
    path = str(HOSTILE / name)
    empty = tmp_path / "progress"
    empty.mkdir()
    for command in (["check", str(empty)], ["targets"], ["status", "--progress", str(empty)]):
        code, out = run(*command, "--plan", path)
        clean(out, f"{command[0]} {name}")
        if not EXPECTED[name]:
            assert code == 0, out
            continue
        assert code == 2, f"{command} {name}: {out[-300:]}"
        codes = set(re.findall(r"error\[([a-z0-9-]+)\]", out))
        assert EXPECTED[name] <= codes, f"{name}: {codes}"
        assert re.search(rf"{re.escape(path)}:\d+:\d+: error\[", out), out


def test_markup_stays_text() -> None:
    """Rich markup from a file is shown as typed, never interpreted."""
    path = str(HOSTILE / "progress-rich-markup.csv")
    code, out = run("explain", "small_to_large_firms", "--plan", str(PLAN), "--progress", path)
    assert code == 0
    assert "[link=file:///etc/passwd]" in out
    assert "[bold red]red[/]" in out


def test_hostile_plan_names_stay_inert(tmp_path: Path) -> None:
    """Escapes and markup in a plan's own names are shown escaped in every output."""
    path = str(HOSTILE / "plan-hostile-names.yaml")
    for fmt in FORMATS:
        code, out = status_run(
            tmp_path, fmt, "--plan", path, "--progress", str(HOSTILE / "progress-utf8-bom.csv")
        )
        assert code == 0
        clean(out, fmt)
    code, out = run("targets", "--plan", path, "--lang", "zh")
    clean(out, "targets")
    assert "\\x1b[31m" in out
    assert "[link=file:///etc]" in out


def test_plan_over_the_size_cap(tmp_path: Path) -> None:
    """A 50 MB plan is refused before parsing, with a clear message."""
    big = tmp_path / "plan.yaml"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("targets:\n")
        line = "  - {id: x, note: " + "y" * 80 + "}\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    code, out = run("check", "--plan", str(big))
    assert code == 2
    assert "error[file-too-large]" in out


def _xlsx(path: Path, entries: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def test_zip_bomb_is_bounded(tmp_path: Path) -> None:
    """An xlsx that unpacks to gigabytes is refused before it is parsed."""
    bomb = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(200):
            member.write(chunk)
    assert bomb.stat().st_size < 1 << 20
    code, out = run("check", "--plan", str(PLAN), str(bomb))
    assert code == 1
    assert "error[xlsx-too-large]" in out


def test_xml_entity_bomb_is_not_expanded(tmp_path: Path) -> None:
    """A billion-laughs sheet is an error or an empty read, quickly, never an expansion."""
    laughs = "".join(
        f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 1}' * 10 + '">' for i in range(1, 10)
    )
    sheet = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">' + laughs + "]>"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    book = tmp_path / "laughs.xlsx"
    _xlsx(
        book,
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": sheet,
        },
    )
    code, out = run("check", "--plan", str(PLAN), str(book))
    assert code == 1
    assert re.search(r"error\[(bad-xlsx|empty-file|missing-column)\]", out), out
    assert "lollol" not in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_and_device_do_not_hang(tmp_path: Path) -> None:
    """A FIFO in a folder and a device named directly are refused without being opened."""
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.csv")
    done = subprocess.run(
        [sys.executable, "-m", "zjplan", "check", "--plan", str(PLAN), str(folder), "/dev/zero"],
        capture_output=True, text=True, timeout=20, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.count("error[not-a-file]") == 2


def test_symlink_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    """A link inside a submissions folder pointing outside it is not read."""
    outside = tmp_path / "secret.csv"
    outside.write_text("target_id,region,as_of,value\nsmall_to_large_firms,宁波市,2019,1\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "link.csv").symlink_to(outside)
    (folder / "dir-link").symlink_to(tmp_path)
    code, out = run("check", "--plan", str(PLAN), str(folder))
    assert code == 0
    assert "0 file(s)" in out


def test_hundred_thousand_files(tmp_path: Path) -> None:
    """A folder of 100,000 small files is read in bounded time and memory."""
    folder = tmp_path / "many"
    folder.mkdir()
    body = b"target_id,region,as_of,value\nsmall_to_large_firms,\xe5\xae\x81\xe6\xb3\xa2,2019,1\n"
    for i in range(100_000):
        (folder / f"f{i:06d}.csv").write_bytes(body)
    script = (
        "import resource, sys, time\n"
        "from pathlib import Path\n"
        "from zjplan import check, load_plan\n"
        "t = time.perf_counter()\n"
        f"r = check([Path({str(folder)!r})], load_plan({str(PLAN)!r}))\n"
        "print(r.summary.files, r.summary.warnings, time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300, check=True)  # fmt: skip
    files, warnings, _seconds, peak_mb = done.stdout.split()
    assert int(files) == 100_000
    assert int(warnings) == 99_999  # the same figure in every file: duplicate-row
    assert int(peak_mb) < 200, f"{peak_mb} MB"


def test_whole_corpus_in_bounded_memory(tmp_path: Path) -> None:
    """check over the whole corpus, as a process: under 200 MB."""
    code = (
        "import resource\n"
        "from zjplan.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "check", "--plan", str(PLAN), str(HOSTILE)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "ZJPLAN_TODAY": TODAY},
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    assert int(done.stdout.strip().splitlines()[-1]) < 200


def run_with_engine_raising(exception: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`zjplan status` through the real entry point, with the engine raising ``exception``."""
    script = (
        "import zjplan.engine, sys\n"
        f"def fail(*a, **k):\n    raise {exception}\n"
        "zjplan.engine.evaluate = fail\n"
        "from zjplan.cli import main\n"
        f"sys.argv = ['zjplan', 'status', '--plan', {str(PLAN)!r}]\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False,
        env={**os.environ, **env},
    )  # fmt: skip


def test_internal_error_is_one_line_and_exit_70() -> None:
    """A bug prints one line naming it and how to report it (exit 70); ZJPLAN_DEBUG shows it."""
    done = run_with_engine_raising("RuntimeError('engine exploded')")
    assert done.returncode == 70
    assert "internal error: RuntimeError: engine exploded" in done.stderr
    assert "Traceback" not in done.stderr
    debug = run_with_engine_raising("RuntimeError('engine exploded')", ZJPLAN_DEBUG="1")
    assert "Traceback" in debug.stderr


def test_interrupt_exits_130() -> None:
    """Ctrl-C exits 130 without a traceback."""
    done = run_with_engine_raising("KeyboardInterrupt")
    assert done.returncode == 130
    assert "Traceback" not in done.stderr
