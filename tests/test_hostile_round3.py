"""Hostile input, round three: the spreadsheet worker, the plan cache, what reaches a
terminal or a CI log, the cells of the workbooks zjplan writes, the way out (a full disk,
a folder that cannot be listed, an output that would replace figures), and the options.

Each test runs zjplan in a child process under a memory cap and a timeout, as the earlier
hostile tests do, through the console script a user runs (not ``python -m``, which would
put the current folder on the import path of zjplan itself).
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import PLAN, ROOT

pytestmark = pytest.mark.slow  # a quick loop leaves it out: pytest -m "not slow"

TODAY = "2021-06-30"
CAP = 1 << 30
SPREADSHEETS = ROOT / "tests" / "fixtures" / "spreadsheets"
SCRIPT = Path(sys.executable).parent / "zjplan"


def limited() -> None:
    soft = CAP + 512 * (1 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (soft, soft))


def zj(
    *args: str, cwd: Path | None = None, timeout: float = 60, **env: str
) -> subprocess.CompletedProcess[str]:
    """The console script, as a user runs it, in ``cwd``."""
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "zjplan"]
    environment = {**os.environ, "ZJPLAN_TODAY": TODAY, "ZJPLAN_LANG": "", **env}
    return subprocess.run(
        [*command, *args],
        capture_output=True, text=True, timeout=timeout, check=False, cwd=cwd or ROOT,
        env=environment, preexec_fn=limited,
    )  # fmt: skip


def assert_no_crash(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode not in (70, 134, -6, -9), done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "internal error" not in done.stderr


# --- 1. the spreadsheet worker runs only zjplan's own code, and its answer is checked ------

FORGED_WORKER = """
import json, pathlib, sys
pathlib.Path("{marker}").write_text("ran")
def main(*args):
    sys.stdout.write(json.dumps(["ok", "进度填报", [], 0, 0,
        [["target_id", "region", "date", "value"], ["robots_in_use", "浙江省", "2020-12-31", "999999"]],
        ["进度填报"], []]))
"""


def test_a_zjplan_package_in_the_folder_read_never_runs(tmp_path: Path) -> None:
    """A city's zip unpacked with a zjplan/ package beside its .xls and .ods: `zjplan
    check .` in that folder reads the files with zjplan's own worker; the planted code
    never runs and its forged figure never appears."""
    marker = tmp_path / "planted-code-ran"
    fake = tmp_path / "zjplan" / "progress"
    fake.mkdir(parents=True)
    (tmp_path / "zjplan" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    (fake / "__init__.py").write_text("")
    (fake / "sheetworker.py").write_text(FORGED_WORKER.replace("{marker}", str(marker)))
    for name in ("宁波-2019Q4.xls", "杭州-2019Q4.ods"):
        shutil.copy(SPREADSHEETS / name, tmp_path / name)
    done = zj("check", "--plan", str(PLAN), "--format", "json", ".", cwd=tmp_path)
    assert_no_crash(done)
    assert not marker.exists(), "code from the folder being read ran"
    report = json.loads(done.stdout)
    assert "999999" not in done.stdout
    read = {Path(f["file"]).name: f for f in report["files"]}
    for name in ("宁波-2019Q4.xls", "杭州-2019Q4.ods"):
        assert (read[name]["rows"], read[name]["errors"]) == (1, 0), read[name]


def test_the_worker_keeps_the_users_import_path() -> None:
    """Isolation drops the current folder, not the user's PYTHONPATH or installs: the child's
    import path is zjplan's package root, then the parent's absolute entries."""
    from zjplan.progress import sheetworker

    command = sheetworker.command("进度填报")
    assert command[:3] == [sys.executable, "-I", "-c"]
    paths = json.loads(command[4])
    import zjplan

    assert paths[0] == str(Path(zjplan.__file__).resolve().parent.parent)
    assert os.getcwd() not in paths[1:]
    assert "" not in paths
    kept = [p for p in sys.path if p and os.path.isabs(p) and p != os.getcwd()]
    assert paths[1:] == [p for p in dict.fromkeys(kept) if p != paths[0]]


FORGED_ANSWERS = {
    "marshal-era tuple as text": b"not json",
    "NaN": b'["ok", "s", [], NaN, 0, [], [], []]',
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "no rows": b'["ok", "s", [], 0, 0]',
    "a number in a row": b'["ok", "s", [], 0, 0, [["a", 1]], [], []]',
    "a negative top": b'["ok", "s", [], -5, 0, [], [], []]',
    "a huge left": b'["ok", "s", [], 0, 99999999999999999999, [], [], []]',
    "a bool for a count": b'["ok", "s", [], true, 0, [], [], []]',
    "a merged range backwards": b'["ok", "s", [], 0, 0, [], [], [[5, 1, 2, 1]]]',
    "a merged range of three": b'["ok", "s", [], 0, 0, [], [], [[1, 1, 2]]]',
    "hidden sheets as one text": b'["ok", "s", "h", 0, 0, [], [], []]',
    "six hidden sheets": b'["ok", "s", ["1", "2", "3", "4", "5", "6"], 0, 0, [], [], []]',
    "an object": b'{"ok": 1}',
    "an unknown answer": b'["run", "rm -rf"]',
    "empty": b"",
}


@pytest.mark.parametrize("name", sorted(FORGED_ANSWERS))
def test_a_forged_worker_answer_is_refused(name: str) -> None:
    """Whatever the worker's pipe carries, the parent takes rows only of the one shape a
    real answer has (text cells, counts within the sheet's bounds)."""
    from zjplan.progress.workbook import answer_from

    assert answer_from(FORGED_ANSWERS[name])[0] in ("bad", "too-large")


def test_a_real_worker_answer_is_taken_whole() -> None:
    from zjplan.progress.workbook import answer_from

    raw = json.dumps(
        ["ok", "进度填报", [], 2, 1, [["a", "b"], ["", "3"]], ["进度填报"], [[1, 1, 2, 1]]]
    )
    assert answer_from(raw.encode()) == (
        "ok", "进度填报", [], 2, 1, [["a", "b"], ["", "3"]], ["进度填报"], [(1, 1, 2, 1)]
    )  # fmt: skip


def ods(content_rows: str) -> bytes:
    """A minimal .ods whose one sheet holds the given table rows."""
    import io
    import zipfile

    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        '<office:body><office:spreadsheet><table:table table:name="进度填报">'
        f"{content_rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", xml)
    return out.getvalue()


VALUE = '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
EMPTY_TAIL = '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'


@pytest.mark.parametrize(
    "rows",
    [
        f'<table:table-row table:number-rows-repeated="2000000">{VALUE}</table:table-row>',
        f'<table:table-row table:number-rows-repeated="99999999999999999999">{VALUE}</table:table-row>',
        '<table:table-row><table:table-cell table:number-columns-repeated="5000" office:value-type="float" office:value="1"/></table:table-row>',
        f'<table:table-row table:number-rows-repeated="3000">{VALUE * 1}<table:table-cell table:number-columns-repeated="999" office:value-type="string"/></table:table-row>',
    ],
    ids=["rows-repeated", "rows-repeated-20-digits", "columns-repeated", "block"],
)
def test_an_ods_bomb_is_refused_before_the_worker_starts(rows: str) -> None:
    """A row or a cell of values repeated past the sheet's bounds: a few hundred bytes of XML
    that calamine would build as millions of cells. Refused from the XML, unparsed."""
    from zjplan.progress.sources import SourceError
    from zjplan.progress.workbook import ods_bounds

    with pytest.raises(SourceError) as caught:
        ods_bounds(ods(rows))
    assert caught.value.code == "xlsx-too-large"


def test_an_ods_form_with_libreoffices_empty_tail_is_read() -> None:
    """LibreOffice repeats an empty row to the sheet's last row: that is no bomb."""
    from zjplan.progress.workbook import ods_bounds

    ods_bounds(ods(f"<table:table-row>{VALUE * 4}</table:table-row>{EMPTY_TAIL}"))
    ods_bounds((SPREADSHEETS / "杭州-2019Q4.ods").read_bytes())


def test_a_runs_workbooks_share_one_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the run's budget of unpacked bytes, each further workbook is named, unparsed,
    with run-budget-spent: bounded work for a folder of bombs, and no file skipped silently."""
    from zjplan.plan import load_plan
    from zjplan.progress import workbook
    from zjplan.progress.reader import read_progress

    names = ["宁波-2019Q4.xls", "杭州-2019Q4.ods", "温州-2019Q4.xlsx"]
    for name in names:
        shutil.copy(SPREADSHEETS / name, tmp_path / name)
    sizes = sorted(workbook.unpacked_size((tmp_path / n).read_bytes()) for n in names)
    monkeypatch.setattr(workbook, "RUN_UNPACKED", sizes[0] + sizes[1])
    progress = read_progress([tmp_path], load_plan(PLAN))
    spent = [p for p in progress.problems if p.code == "run-budget-spent"]
    read = [f for f in progress.files if f.rows]
    assert len(spent) == 1, [p.message for p in progress.problems]
    assert len(read) == 2


def test_a_killed_zjplan_takes_its_worker_with_it() -> None:
    """The worker dies with its parent (Linux's parent-death signal, or its own check when
    the parent died first): a killed zjplan leaves no reader at 100% CPU."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the parent-death signal is Linux's")
    import signal
    import time

    # The test holds the write end of the worker's stdin: the worker, blocked on reading it,
    # stands for one busy parsing, which no closed pipe would stop.
    read_end, write_end = os.pipe()
    parent = subprocess.Popen(
        [
            sys.executable, "-c",
            "import subprocess, sys, time; from zjplan.progress import sheetworker\n"
            "child = subprocess.Popen(sheetworker.command('x'), stdin=int(sys.argv[1]))\n"
            "print(child.pid, flush=True); time.sleep(60)",
            str(read_end),
        ],
        stdout=subprocess.PIPE, text=True, pass_fds=(read_end,),
    )  # fmt: skip
    os.close(read_end)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    time.sleep(0.3)
    parent.send_signal(signal.SIGKILL)
    parent.wait()

    def alive() -> bool:
        try:
            state = Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state not in ("Z", "X")

    deadline = time.monotonic() + 20
    while alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert not alive()
    finally:
        os.close(write_end)


def test_the_worker_has_a_cpu_limit() -> None:
    from zjplan.progress import sheetworker

    assert sheetworker.CPU_SECONDS <= sheetworker.TIMEOUT + 10


# --- 2. the plan cache never changes a verdict -------------------------------------------------

BEHIND = "target_id,region,as_of,value,unit\nindustrial_robots_in_use,浙江省,2020-12-31,50000,台\n"


def cache_env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "xdg"), "ZJPLAN_CACHE": ""}


def gate(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    progress = tmp_path / "progress.csv"
    progress.write_text(BEHIND, encoding="utf-8")
    return zj(
        "status", "--plan", str(PLAN), "--progress", str(progress), "--fail-on", "behind",
        "--format", "json", **{**cache_env(tmp_path), **env},
    )  # fmt: skip


def planted(entry: Path) -> bytes:
    """The entry with robots' target cut to 10 台 (so 50,000 is achieved): well-formed,
    of the right key, signed with a key the attacker does not have."""
    mac, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    for target in data["plan"]["targets"]:
        if target["id"] == "industrial_robots_in_use":
            target["value"] = 10.0
    forged = json.dumps(data, ensure_ascii=False).encode()
    return b"0" * len(mac) + b"\n" + forged


def test_a_planted_cache_entry_never_turns_the_gate(tmp_path: Path) -> None:
    """An entry's name is a public hash: whoever can write the folder can plant one. A
    planted entry is refused (its signature is not the user's), so `behind` stays exit 1."""
    first = gate(tmp_path)
    assert first.returncode == 1, first.stderr
    (entry,) = (tmp_path / "xdg" / "zjplan").glob("plan-*.json")
    entry.write_bytes(planted(entry))
    again = gate(tmp_path)
    assert again.returncode == 1, again.stderr
    assert json.loads(again.stdout)["targets"] == json.loads(first.stdout)["targets"]


def test_an_entry_in_a_shared_or_foreign_folder_is_never_used(tmp_path: Path) -> None:
    """A cache folder others can write (1777, group-writable) or another user owns is not
    trusted: nothing is read from it or written to it."""
    gate(tmp_path)
    folder = tmp_path / "xdg" / "zjplan"
    (entry,) = folder.glob("plan-*.json")
    key = (folder / "key").read_bytes()
    # the attacker knows the key here: only the folder's mode stands between
    name = entry.name.removeprefix("plan-").removesuffix(".json")
    from zjplan import plancache

    body = planted(entry).partition(b"\n")[2]
    entry.write_bytes(plancache._mac(key, name, body) + b"\n" + body)
    for mode in (0o1777, 0o775):
        os.chmod(folder, mode)
        done = gate(tmp_path)
        assert done.returncode == 1, (oct(mode), done.stderr)
    os.chmod(folder, 0o700)
    assert gate(tmp_path).returncode == 0  # the same entry, in the user's own folder: trusted
    if os.geteuid() == 0:  # root can give the folder away: another user's folder
        os.chown(folder, 65534, 65534)
        assert gate(tmp_path).returncode == 1


def test_a_linked_cache_folder_is_not_followed(tmp_path: Path) -> None:
    """$XDG_CACHE_HOME/zjplan as a link (to /etc, say): nothing is written through it."""
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "xdg").mkdir()
    (tmp_path / "xdg" / "zjplan").symlink_to(target)
    assert gate(tmp_path).returncode == 1
    assert list(target.iterdir()) == []


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link-to-entry"])
def test_an_entry_that_is_no_regular_file_is_not_read(kind: str, tmp_path: Path) -> None:
    """A FIFO hung every run, a link to /dev/zero read until memory ran out: an entry is
    opened without following links and non-blocking, and must be a regular file."""
    gate(tmp_path)
    (entry,) = (tmp_path / "xdg" / "zjplan").glob("plan-*.json")
    good = tmp_path / "good.json"
    entry.rename(good)
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "dev-zero":
        entry.symlink_to("/dev/zero")
    else:
        entry.symlink_to(good)
    done = gate(tmp_path)
    assert_no_crash(done)
    assert done.returncode == 1
    assert entry.is_file()  # rewritten as a regular file
    assert not entry.is_symlink()


CRAFTED = {
    "deep nesting": b'{"format": 2, "key": "K", "plan": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "NaN": None,
    "no province": None,
    "year 0001": None,
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_a_crafted_entry_even_signed_is_a_miss_not_a_crash(name: str, tmp_path: Path) -> None:
    """Entries that once crashed every run with exit 70 until deleted, signed with the
    user's own key (defence in depth): each is a miss, validated anew and rewritten."""
    first = gate(tmp_path)
    folder = tmp_path / "xdg" / "zjplan"
    (entry,) = folder.glob("plan-*.json")
    key = entry.name.removeprefix("plan-").removesuffix(".json")
    data = json.loads(entry.read_bytes().partition(b"\n")[2])
    if name == "NaN":
        data["plan"]["targets"][0]["value"] = float("nan")
    elif name == "no province":
        data["plan"]["regions"] = [r for r in data["plan"]["regions"] if r["level"] != "province"]
    elif name == "year 0001":
        data["plan"]["plan"]["deadline"] = "0001-01-01"
    crafted = CRAFTED[name] or json.dumps(data, ensure_ascii=False).encode()
    crafted = crafted.replace(b'"K"', json.dumps(key).encode())
    from zjplan import plancache

    entry.write_bytes(plancache._mac((folder / "key").read_bytes(), key, crafted) + b"\n" + crafted)
    done = gate(tmp_path)
    assert_no_crash(done)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["targets"] == json.loads(first.stdout)["targets"]


# --- 3. plan and region text reach no terminal or CI log live ----------------------------------

UNSAFE_OUT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069]"
)


def hostile_plan(tmp_path: Path) -> Path:
    """The shipped plan with a unit that sets the terminal's title and reverses the line,
    宁波市 named with a screen-clearing escape and an override, owners that are workflow
    commands, and a section header that is one."""
    text = PLAN.read_text("utf-8")
    text = text.replace("unit: 台\n", 'unit: "台\\e]0;pwned\\a\\u202e\\x85\\u2028"\n', 1)
    text = re.sub(r"(?<![#\w])宁波市(?!政府)", r'"宁波市\\e[2J\\u202e"', text)
    text = text.replace(
        "owners: [省经信委, 省科技厅]",
        'owners: ["::add-mask::behind", "\\e[31m省科技厅\\u2067"]',
        1,
    )
    text = re.sub(r"doc_number: .*", 'doc_number: "::stop-commands::x"', text, count=1)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def assert_inert(done: subprocess.CompletedProcess[str], commands: bool = False) -> None:
    assert_no_crash(done)
    for stream in (done.stdout, done.stderr):
        assert not UNSAFE_OUT.search(stream), UNSAFE_OUT.findall(stream)
        live = [line for line in stream.splitlines() if line.lstrip().startswith("::")]
        assert commands or not live, live


def test_plan_and_region_text_is_inert_in_every_line(tmp_path: Path) -> None:
    plan = hostile_plan(tmp_path)
    progress = tmp_path / "p.csv"
    progress.write_text(
        "target_id,region,as_of,value,unit\nindustrial_robots_in_use,宁波,2020-12-31,50000,台\n",
        encoding="utf-8",
    )
    common = ("--plan", str(plan), "--progress", str(progress))
    runs = [
        zj("status", *common),
        zj("status", *common, "--brief"),
        zj("status", *common, "--all"),
        zj("status", *common, "--lang", "zh"),
        zj("status", *common, "--owner", "经信x"),
        zj("status", *common, "--section", "xx"),
        zj("status", *common, "--region", "宁波x"),
        zj("targets", "--plan", str(plan)),
        zj("explain", "industrial_robots_in_use", *common),
        zj("cities", *common),
        zj("check", "--plan", str(plan), "--period", "2020Q4", str(progress)),
        zj(
            "check",
            "--plan",
            str(plan),
            "--period",
            "2020Q4",
            "--expect-regions",
            "宁波",
            str(progress),
        ),
    ]
    for done in runs:
        assert_inert(done)
    assert "\\::stop-commands::x" in runs[0].stdout  # shown, never run
    assert "\\x1b]0;pwned" in runs[-2].stdout + runs[-2].stderr


def test_a_file_named_as_a_workflow_command_is_inert(tmp_path: Path) -> None:
    """`check .` names files without './': a file called '::error …csv' started a line
    with '::'. Outside --format github no line can; --format github still annotates."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "::error title=forged::all clear.csv").write_text(
        "target_id,region,as_of,value\nnot_a_target,宁波,2019-12-31,1\n", encoding="utf-8"
    )
    plain = zj("check", "--plan", str(PLAN), ".", cwd=folder)
    assert_inert(plain)
    assert plain.returncode == 1
    github = zj("check", "--plan", str(PLAN), "--format", "github", ".", cwd=folder)
    assert_no_crash(github)
    assert any(line.startswith("::error file=") for line in github.stdout.splitlines())


@pytest.mark.parametrize(
    ("writes", "shown"),
    [
        (["::error::x\n"], "\\::error::x\n"),
        (["  \t::warning::x\n"], "  \t\\::warning::x\n"),
        (["\x1b[1m::group::x\x1b[0m\n"], "\x1b[1m\\::group::x\x1b[0m\n"),
        ([":", ":add-mask::secret\n"], ":\\:add-mask::secret\n"),
        (["ok ", "::not at the start\n"], "ok ::not at the start\n"),
        (["a\n::b\nc::d\n"], "a\n\\::b\nc::d\n"),
        (["\x85\u2028\u202e\x1b]0;t\x07\x1b[2J"], "\\x85\\u2028\\u202e\\x1b]0;t\\x07\\x1b[2J"),
        (["宁波\u3000市 ok\n"], "宁波\u3000市 ok\n"),
    ],
)
def test_the_stream_guard(writes: list[str], shown: str) -> None:
    import io

    from zjplan.sanitise import GuardedStream

    raw = io.StringIO()
    guard = GuardedStream(raw)
    for text in writes:
        assert guard.write(text) == len(text)
    assert raw.getvalue() == shown


# --- 4. workbook cells: inert, and never cut silently ------------------------------------------

HOSTILE_TEXT = "甲\u202e乙\x1b[31m丙\x00丁\x0b戊_x001B_己"


def many_targets_plan(
    tmp_path: Path, count: int, owner: str = "省经信委", contact: str = ""
) -> Path:
    """MINIMAL_PLAN with ``count`` summed targets (and 宁波's contact)."""
    from tests.conftest import MINIMAL_PLAN

    head, _, _ = MINIMAL_PLAN.partition("targets:\n")
    if contact:
        head = head.replace("level: city}", f"level: city, contact: {json.dumps(contact)}}}")
    targets = [
        f"  - {{id: t{i:04d}, section: 二(九), name_zh: 第{i}项指标名称较长的一个指标用于测试催报通知能否完整写入, name_en: Target {i}, "
        f"comparator: at_least, value: 10, unit: 台, measure: stock, aggregate: sum, "
        f"quote: 指标{i}}}\n"
        for i in range(count)
    ]
    targets.append(
        f"  - {{id: task_09, section: 二(九), name_zh: 任务九, name_en: Task nine, comparator: milestone, "
        f"owners: [{json.dumps(owner)}], quote: 任务}}\n"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(head + "targets:\n" + "".join(targets), encoding="utf-8")
    return path


def cells(book: Path, sheet: int) -> list[list[str]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(book))
    rows = workbook.get_sheet_by_index(sheet).to_python()
    return [[str(c) for c in row] for row in rows]


def test_a_long_reminder_is_split_over_rows_never_cut(tmp_path: Path) -> None:
    """1,000 missing figures make a reminder past Excel's 32,767 characters a cell: it goes
    on in the next rows, each numbered, and every item is in the workbook."""
    plan = many_targets_plan(tmp_path, 1000, contact=HOSTILE_TEXT)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "宁波.csv").write_text(
        "target_id,region,as_of,value\nt0000,宁波,2019-12-31,1\n", encoding="utf-8"
    )
    chase = tmp_path / "chase.xlsx"
    done = zj(
        "check", "--plan", str(plan), "--period", "2019Q4", "--chase", str(chase), str(folder)
    )
    assert_no_crash(done)
    notes = cells(chase, 1)[1:]
    ningbo = [row for row in notes if row[0].startswith("宁波市")]
    assert len(ningbo) > 1
    assert all(len(row[1]) <= 32_767 for row in notes)
    text = "".join(row[1] for row in ningbo)
    assert all(f"第{i}项指标名称" in text for i in range(1, 1000))
    assert ningbo[0][0] == f"宁波市 (1/{len(ningbo)})"
    everything = json.dumps(cells(chase, 0) + notes, ensure_ascii=False)
    assert "\u202e" not in everything
    assert "\x1b" not in everything
    assert "\\u202e" in everything


def test_a_long_owner_in_status_xlsx_is_cut_with_a_note(tmp_path: Path) -> None:
    owner = "、".join(f"第{i}个责任单位" for i in range(6000))
    plan = many_targets_plan(tmp_path, 2, owner=owner)
    out = tmp_path / "status.xlsx"
    (tmp_path / "none.csv").write_text("target_id,region,as_of,value\n", encoding="utf-8")
    done = zj(
        "status", "--plan", str(plan), "--progress", str(tmp_path / "none.csv"), "-o", str(out)
    )
    assert_no_crash(done)
    assert done.returncode == 0, done.stderr
    found = [c for row in cells(out, 1) for c in row if "第0个责任单位" in c]
    assert found
    for cell in found:
        assert len(cell) <= 32_767
        assert "more characters not written" in cell


def test_template_cells_are_inert(tmp_path: Path) -> None:
    """Names from the plan reach the template's cells as visible escapes, never as raw
    controls (xlsxwriter's _x001B_ escapes, which Excel decodes back) or bidi."""
    import zipfile

    plan = many_targets_plan(tmp_path, 2)
    text = re.sub(
        "name_zh: 第1项[^,]*",
        lambda _: f"name_zh: {json.dumps(HOSTILE_TEXT)}",
        plan.read_text("utf-8"),
    )
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "template.xlsx"
    done = zj(
        "template", "--plan", str(plan), "--region", "宁波", "--period", "2019Q4", "-o", str(out)
    )
    assert_no_crash(done)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as book:
        xml = b"".join(book.read(n) for n in book.namelist() if n.endswith(".xml")).decode()
    assert not re.search("(?<!_x005F)_x00[01][0-9A-F]_", xml)  # no control Excel decodes
    assert "\u202e" not in xml
    assert "_x005F_x001B_" in xml  # the literal text _x001B_, kept as text
    assert "\\x1b[31m" in xml


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sheet_cells_and_pieces_fit_and_keep_everything(lang: str) -> None:
    from zjplan.csvtext import EXCEL_CELL, sheet_cell, sheet_pieces
    from zjplan.sanitise import inert

    emoji = "😀" * 20_000  # two UTF-16 units each: 40,000 units in 20,000 characters
    for text in (emoji, "、".join(["省经信委"] * 10_000), "x" * 100_000):
        cell = sheet_cell(text, lang)
        assert len(cell.encode("utf-16-le")) // 2 <= EXCEL_CELL
        assert ("未写入" if lang == "zh" else "not written") in cell
        pieces = sheet_pieces(text)
        assert "".join(pieces) == inert(text)
        assert all(len(p.encode("utf-16-le")) // 2 <= EXCEL_CELL for p in pieces)
    assert sheet_cell("short", lang) == "short"


# --- 5. output cut short is an error -----------------------------------------------------------


def small_files() -> None:
    """At most 4 KiB a file, the write past it failing (EFBIG) as on a nearly full disk."""
    import signal

    limited()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_short_write_to_stdout_is_exit_2(unbuffered: str, fmt: str, tmp_path: Path) -> None:
    """status --format json > file on a nearly full disk wrote 4 KB of 125 KB and exited 0
    (PYTHONUNBUFFERED=1 puts the text layer on an unbuffered file, and a short write was
    dropped). Every byte arrives, or exit 2 with one line."""
    out = tmp_path / "out.txt"
    with out.open("w") as stdout:
        done = subprocess.run(
            [str(SCRIPT), "status", "--format", fmt, "--all"],
            stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
            cwd=ROOT, preexec_fn=small_files,
            env={**os.environ, "PYTHONUNBUFFERED": unbuffered, "ZJPLAN_TODAY": TODAY},
        )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert "cannot-write" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "command", [("status", "--format", "json"), ("status",), ("check",), ("targets",)]
)
def test_a_full_stdout_is_exit_2(command: tuple[str, ...]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(SCRIPT), *command], stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=60, check=False, cwd=ROOT, env={**os.environ, "ZJPLAN_TODAY": TODAY},
        )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "No space left on device" in done.stderr
    assert "internal error" not in done.stderr


# --- 6. a folder that cannot be listed is an error, named, in every command --------------------

GOOD = "target_id,region,as_of,value\nsmall_to_large_firms,宁波市,2019-12-31,1500\n"


def too_long(root: Path) -> Path:
    """A folder whose path is past PATH_MAX (made a level at a time, relative to its
    parent): it cannot be listed, by root either."""
    fd = os.open(root, os.O_RDONLY)
    name = "d" * 200
    depth = 0
    try:
        while depth * 201 < 4200:
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
            depth += 1
        with open(os.open("深.csv", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as out:
            out.write(GOOD)
    finally:
        os.close(fd)
    return root


def test_an_unlistable_folder_is_an_error_in_every_command(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "宁波.csv").write_text(GOOD, encoding="utf-8")
    (folder / "long").mkdir()
    too_long(folder / "long")
    check = zj("check", "--plan", str(PLAN), "--format", "json", str(folder))
    assert_no_crash(check)
    assert check.returncode == 1
    codes = [p["code"] for p in json.loads(check.stdout)["problems"]]
    assert "folder-not-read" in codes
    table = zj("check", "--plan", str(PLAN), str(folder))
    assert "folder-not-read" in table.stdout + table.stderr
    assert "0 error(s)" not in table.stdout + table.stderr
    merged = tmp_path / "merged.csv"
    merge = zj("merge", "--plan", str(PLAN), str(folder), "--output", str(merged))
    assert_no_crash(merge)
    assert merge.returncode != 0
    assert "folder-not-read" in merge.stderr
    status = zj("status", "--plan", str(PLAN), "--progress", str(folder))
    assert_no_crash(status)
    assert "1 error(s)" in status.stderr


def test_a_folder_nested_1100_deep_is_walked(tmp_path: Path) -> None:
    """Nesting once overflowed the recursion (exit 70): the walk keeps its own stack."""
    folder = tmp_path / "in"
    levels = [str(folder)]
    os.mkdir(levels[0])
    for _ in range(1100):  # one level at a time: makedirs recurses too
        levels.append(levels[-1] + "/d")
        os.mkdir(levels[-1])
    Path(levels[-1], "宁波.csv").write_text(GOOD, encoding="utf-8")
    try:
        done = zj("check", "--plan", str(PLAN), "--format", "json", str(folder))
    finally:  # pytest's clean-up of old temporary folders recurses: leave it none this deep
        os.unlink(Path(levels[-1], "宁波.csv"))
        for level in reversed(levels):
            os.rmdir(level)
    assert_no_crash(done)
    report = json.loads(done.stdout)
    assert [f["rows"] for f in report["files"]] == [1]


def test_the_walk_keeps_its_order(tmp_path: Path) -> None:
    """Depth first, a folder's files before its folders, each in name order."""
    from zjplan.progress.sources import find_files

    for name in ("b/2.csv", "b/a/1.csv", "a/z.csv", "c.csv", "b/1.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = find_files([tmp_path])
    names = [str(Path(f).relative_to(tmp_path)) for f in found.files]
    assert names == ["c.csv", "a/z.csv", "b/1.csv", "b/2.csv", "b/a/1.csv"]


# --- 7. figures are never overwritten ----------------------------------------------------------


def test_merge_never_replaces_figures_with_fewer(tmp_path: Path) -> None:
    """`merge empty/ -o merged.csv` (or --skip-errors on the wrong folder) replaced a
    merged file of figures with a header. It refuses, exit 2, unless --force."""
    good = tmp_path / "good"
    good.mkdir()
    (good / "宁波.csv").write_text(GOOD, encoding="utf-8")
    merged = tmp_path / "merged.csv"
    assert zj("merge", "--plan", str(PLAN), str(good), "-o", str(merged)).returncode == 0
    before = merged.read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    for extra in ((), ("--skip-errors",)):
        done = zj("merge", "--plan", str(PLAN), str(empty), "-o", str(merged), *extra)
        assert_no_crash(done)
        assert done.returncode == 2, done.stderr
        assert "would-lose-figures" in done.stderr
        assert merged.read_bytes() == before
    again = zj("merge", "--plan", str(PLAN), str(good), "-o", str(merged))
    assert again.returncode == 0  # as many figures: replaced
    forced = zj("merge", "--plan", str(PLAN), str(empty), "-o", str(merged), "--force")
    assert forced.returncode == 0, forced.stderr
    assert merged.read_text("utf-8-sig").count("\n") == 1


def test_a_file_that_is_no_merged_csv_is_not_replaced_unasked(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "宁波.csv").write_text(GOOD, encoding="utf-8")
    other = tmp_path / "notes.csv"
    other.write_bytes("备注\n".encode("gbk"))
    done = zj("merge", "--plan", str(PLAN), str(good), "-o", str(other))
    assert done.returncode == 2
    assert other.read_bytes() == "备注\n".encode("gbk")


@pytest.mark.parametrize(
    "command",
    [
        ("status", "--progress", "{in}", "-o", "{in}/status.csv"),
        ("status", "--progress", "{in}/宁波.csv", "-o", "{in}/宁波.csv"),
        ("cities", "--progress", "{in}", "-o", "{in}/sub/cities.csv"),
        ("check", "--period", "2019Q4", "--chase", "{in}/宁波.csv", "{in}"),
        ("merge", "{in}", "-o", "{in}/merged.csv"),
        ("report", "--progress", "{in}", "--output-dir", "{in}/site"),
        ("report", "--progress", "{in}", "--output-dir", "{in}/.."),
    ],
    ids=lambda c: "-".join(c[:2]),
)
def test_no_output_lands_inside_the_inputs(command: tuple[str, ...], tmp_path: Path) -> None:
    """check --chase and status -o would overwrite a city's own submission inside the
    folder being read (or leave a file that the next quarter reads as one): exit 2, and the
    folder is as it was."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "宁波.csv").write_text(GOOD, encoding="utf-8")
    args = [a.replace("{in}", str(folder)) for a in command]
    done = zj(args[0], "--plan", str(PLAN), *args[1:])
    assert_no_crash(done)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "which this run reads" in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["宁波.csv"]
    assert (folder / "宁波.csv").read_text("utf-8") == GOOD


@pytest.mark.parametrize("command", ["check", "merge", "status", "report", "cities", "explain"])
def test_a_missing_path_is_exit_2_in_every_command(command: str, tmp_path: Path) -> None:
    args = {
        "check": ["check", "/nonexist"],
        "merge": ["merge", "/nonexist", "-o", str(tmp_path / "m.csv")],
        "status": ["status", "--progress", "/nonexist"],
        "report": ["report", "--progress", "/nonexist", "--output-dir", str(tmp_path / "o")],
        "cities": ["cities", "--progress", "/nonexist"],
        "explain": ["explain", "industrial_robots_in_use", "--progress", "/nonexist"],
    }[command]
    done = zj(*args)
    assert done.returncode == 2, done.stderr
    assert "/nonexist: error[file-not-found]" in done.stderr


# --- options: what was typed is matched strictly and echoed inert ------------------------------


@pytest.mark.parametrize("typed", ["0", "((((", " ", "()", "1" * 5000, "100", "00"])
def test_a_section_that_is_none_is_exit_2_with_the_choices(typed: str) -> None:
    """--section 0, ((((, ' ' silently selected section 一; 5,000 digits were exit 70."""
    done = zj("status", "--section", typed)
    assert_no_crash(done)
    assert done.returncode == 2, done.stderr
    assert "sections: 一, 二(一)" in done.stderr or "did you mean 二(" in done.stderr


@pytest.mark.parametrize("typed", ["16", "十六", "(十六)", "二(十六)", "（十六）"])
def test_a_section_as_people_write_it_is_found(typed: str) -> None:
    done = zj("status", "--section", typed, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert {t["section"] for t in json.loads(done.stdout)["targets"]} == {"二(十六)"}


def test_explain_refuses_a_since_after_the_report_as_status_does() -> None:
    for command in (("status",), ("explain", "industrial_robots_in_use")):
        done = zj(*command, "--since", "9999Q4")
        assert done.returncode == 2, (command, done.stderr)
        assert "is not before the report's date" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--only", "behind,\x1b]0;pwned\x07"),
        ("check", "--period", "2019Q4", "--expect-regions", "宁波,\x1b[2J火星"),
        ("status", "--owner", "\x1b[2J" + "x" * 500),
        ("status", "--region", "\u202e火星"),
    ],
)
def test_typed_options_are_echoed_inert(args: tuple[str, ...]) -> None:
    done = zj(*args)
    assert done.returncode == 2, done.stderr
    assert_inert(done)
    assert len(done.stderr) < 2000


# --- --prefer newest trusts no time to come ---------------------------------------------------


def test_a_file_dated_in_the_future_never_wins(tmp_path: Path) -> None:
    """An old copy touched to 2099 was 'the newer file' under --prefer newest. Its time is
    a warning now, and the truly newer file's figure stands."""
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    header = "指标编号,地区,截至日期,数值\n"
    old = folder / "湖州-2019Q4-旧.csv"
    new = folder / "湖州-2019Q4-修订版.csv"
    old.write_text(header + "small_to_large_firms,湖州市,2019-12-31,700\n", encoding="utf-8")
    new.write_text(header + "small_to_large_firms,湖州市,2019-12-31,720\n", encoding="utf-8")
    os.utime(old, (4_070_908_800,) * 2)  # 2099-01-01
    os.utime(new, (time.time() - 60,) * 2)
    done = zj("check", "--plan", str(PLAN), "--prefer", "newest", "--format", "json", str(folder))
    assert_no_crash(done)
    problems = json.loads(done.stdout)["problems"]
    future = [p for p in problems if p["code"] == "file-time-in-future"]
    assert [Path(p["file"]).name for p in future] == [old.name]
    resolved = [p for p in problems if p["code"] == "conflict-resolved"]
    assert len(resolved) == 1
    assert "is 700 here but 720" in resolved[0]["message"]


# --- report --output-dir and merge: runs take turns, a killed run leaves a whole set ----------


def test_two_reports_into_one_folder_take_turns(tmp_path: Path) -> None:
    """A second report run into the same folder failed with 'Directory not empty'."""
    out = tmp_path / "site"
    command = [str(SCRIPT), "report", "--output-dir", str(out)]
    env = {**os.environ, "ZJPLAN_TODAY": TODAY}
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    codes = [(run.wait(timeout=120), run.stderr.read() if run.stderr else "") for run in runs]
    assert all(code == 0 for code, _ in codes), codes
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in out.iterdir() if not p.name.startswith(".")
    )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_old_set_stays_until_the_new_one_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no atomic exchange exists, a failure between the two renames puts the old set
    back: the folder is never missing."""
    from zjplan import output

    out = tmp_path / "site"
    output.write_set(out, {"a.txt": "old"}, frozenset({"a.txt"}))
    output.write_set(out, {"a.txt": "new"}, frozenset({"a.txt"}))  # exchanged in one step
    assert (out / "a.txt").read_text() == "new"
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    real = os.rename
    calls = []

    def second_fails(a: object, b: object) -> None:
        calls.append(b)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", second_fails)
    with pytest.raises(OSError, match="No space"):
        output.write_set(out, {"a.txt": "newer"}, frozenset({"a.txt"}))
    monkeypatch.setattr(os, "rename", real)
    assert (out / "a.txt").read_text() == "new"
    assert not [
        p for p in tmp_path.iterdir() if p.name.startswith(".") and p.is_dir() and any(p.iterdir())
    ]


def test_a_killed_merges_leftovers_are_removed_by_the_next(tmp_path: Path) -> None:
    """A killed merge leaves hidden temporary copies: the next run in that folder, holding
    its lock, removes them however new they are."""
    good = tmp_path / "good"
    good.mkdir()
    (good / "宁波.csv").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    leftover = out / ".merged.csv.abc123.tmp"
    leftover.write_text("half a file")
    done = zj("merge", "--plan", str(PLAN), str(good), "-o", str(out / "merged.csv"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["merged.csv"]


# --- Markdown: no link, no entity gets through -------------------------------------------------

LINKY = "见 https://evil.example/x 与 www.evil.example，邮件 a@evil.example，&#x202e;反转 _强调_"
LIVE = re.compile(r"(?<!\\)https?:|(?<!\\)www\.|(?<!\\)@|(?<!\\)&#|(?<![\\\w])_\S")


def test_markdown_outputs_carry_no_live_link_or_entity(tmp_path: Path) -> None:
    """The job summary, status.md and chase.md left https://… and www.… as live links and
    &#x202e; as an invisible mark, though the README says no link gets through."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN.read_text("utf-8")
        .replace("owners: [省经信委, 省科技厅]", f"owners: [省经信委, {json.dumps(LINKY)}]", 1)
        .replace("{name: 宁波市,", f"{{name: 宁波市, contact: {json.dumps(LINKY)},", 1),
        encoding="utf-8",
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "宁波.csv").write_text(
        f"target_id,region,as_of,value,source\nindustrial_robots_in_use,宁波,2019-12-31,10,{LINKY}\n"
        f"{LINKY},宁波,2019-12-31,1,\n",
        encoding="utf-8",
    )
    status_md = tmp_path / "status.md"
    chase_md = tmp_path / "chase.md"
    runs = [
        zj("status", "--plan", str(plan), "--progress", str(folder), "-o", str(status_md)),
        zj(
            "check",
            "--plan",
            str(plan),
            "--period",
            "2019Q4",
            "--chase",
            str(chase_md),
            str(folder),
        ),
        zj("check", "--plan", str(plan), "--format", "markdown", str(folder)),
    ]
    for done in runs:
        assert_no_crash(done)
    summary = runs[2].stdout
    for name, text in (
        ("status.md", status_md.read_text("utf-8")),
        ("chase.md", chase_md.read_text("utf-8")),
        ("summary", summary),
    ):
        assert "evil" in text, name  # the text is shown …
        assert not LIVE.search(text), (name, LIVE.findall(text))  # … and nothing of it acts


def _reference_guard(text: str) -> str:
    """No line starts with '::' after blanks and colours: a backslash before it."""
    out = []
    for line in text.split("\n"):
        head = re.match("[ \t]*(?:\x1b\\[[0-9;]{0,32}m[ \t]*)*", line)
        at = head.end() if head else 0
        out.append(line[:at] + "\\" + line[at:] if line[at:].startswith("::") else line)
    return "\n".join(out)


@given(
    st.lists(
        st.sampled_from(["::", ":", " ", "\t", "\n", "a", "\x1b[1m", "error", "宁波"]), max_size=40
    ),
    st.lists(st.integers(min_value=0, max_value=40), max_size=6),
)
def test_the_stream_guard_holds_however_the_text_is_split(
    pieces: list[str], cuts: list[int]
) -> None:
    import io

    from zjplan.sanitise import GuardedStream

    text = "".join(pieces)
    raw = io.StringIO()
    guard = GuardedStream(raw)
    at = 0  # writes cut between pieces (rich never cuts a colour sequence)
    for cut in sorted(min(c, len(pieces)) for c in cuts):
        guard.write("".join(pieces[at:cut]))
        at = cut
    guard.write("".join(pieces[at:]))
    shown = raw.getvalue()
    assert shown.replace("\\", "") == text  # only backslashes are added …
    assert _reference_guard(shown) == shown  # … and no line starts a workflow command
    if not cuts:
        assert shown == _reference_guard(text)
