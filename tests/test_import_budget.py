"""The import budget: commands import only what they need (checked by module, not by time)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLAN, ROOT

HEAVY = {
    "pandas",
    "numpy",
    "matplotlib",
    "python_calamine",
    "openpyxl",
    "xlsxwriter",
    "jinja2",
    "charset_normalizer",
}
PROBE = """
import json, sys
sys.argv = ["zjplan", *json.loads(sys.argv[1])]
from zjplan.cli import main
try:
    main()
except SystemExit:
    pass
roots = sorted({name.split(".")[0] for name in sys.modules})
print("\\n" + json.dumps(roots), file=sys.stderr)
"""


def imported(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--format", "json", "--plan", str(PLAN)),
        ("status", "--plan", str(PLAN)),
        ("check", "--plan", str(PLAN)),
        ("--help",),
        ("--version",),
    ],
    ids=["status-json", "status-table", "check", "help", "version"],
)
def test_no_heavy_module_unless_needed(args: tuple[str, ...]) -> None:
    """Neither status, check nor --help imports plotting, dataframes or spreadsheet libraries."""
    assert imported(*args) & HEAVY == set()


def test_json_output_does_not_import_rich() -> None:
    """`status --format json` prints without loading rich."""
    assert "rich" not in imported("status", "--format", "json", "--plan", str(PLAN))


def test_version_is_lean() -> None:
    """--version loads neither pydantic models of zjplan nor YAML."""
    mods = imported("--version")
    assert "yaml" not in mods


def test_html_does_import_matplotlib(tmp_path: object) -> None:
    """The budget test can fail: the HTML report, which draws charts, loads matplotlib."""
    mods = imported(
        "status",
        "--format",
        "html",
        "--plan",
        str(PLAN),
        "--progress",
        str(ROOT / "data" / "progress"),
    )
    assert "matplotlib" in mods


def test_the_entry_point_answers_version_before_loading_the_command_line() -> None:
    """`zjplan --version` (the console script, zjplan.__main__) loads neither Typer nor
    pydantic, and prints what the Typer app's --version prints."""
    probe = (
        "import sys; sys.argv = ['zjplan', '--version']\n"
        "from zjplan.__main__ import main\nmain()\n"
        "import json; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})),"
        " file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    mods = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert not mods & {"typer", "pydantic", "rich", "yaml"}
    typer_app = subprocess.run(
        [sys.executable, "-m", "zjplan", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout == typer_app.stdout


def test_a_piped_status_table_does_not_import_rich() -> None:
    """Not on a terminal, status prints plain text (render/plain.py) without rich."""
    assert "rich" not in imported("status", "--plan", str(PLAN))


def test_status_on_a_cached_plan_imports_no_pydantic() -> None:
    """pydantic validates a plan when it changes; a run on a cached plan (plancache.py)
    neither imports it nor builds a validator, in the table or in JSON."""
    args = ("status", "--plan", str(PLAN), "--progress", str(ROOT / "data" / "progress"))
    imported(*args)  # the first run validates the plan and fills the cache
    assert "pydantic" not in imported(*args)
    assert "pydantic" not in imported(*args, "--format", "json")


def test_a_plan_that_changed_is_validated_by_pydantic(tmp_path: Path) -> None:
    """The same probe sees pydantic when the plan is new to the cache: the test above can
    fail."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.read_text("utf-8") + "\n# changed\n", "utf-8")
    assert "pydantic" in imported("status", "--plan", str(plan))


def test_a_command_word_builds_that_command_alone() -> None:
    """Typer builds every command's options at each run: `zjplan status …` builds only
    status; no word, --help or an unknown word get the whole app (its list, its "no such
    command, did you mean")."""
    import typer.main

    from zjplan.cli import app
    from zjplan.cli.app import command_line

    one = typer.main.get_command(command_line(["status", "--sort", "gap"]))
    assert list(one.commands) == ["status"]  # type: ignore[attr-defined]
    assert [p.name for p in one.params] == [p.name for p in typer.main.get_command(app).params]
    for args in ([], ["--help"], ["statu"], ["--version"]):
        assert command_line(args) is app


def test_the_console_script_flushes_everything_before_it_exits(tmp_path: Path) -> None:
    """zjplan.__main__ ends the process without the interpreter's teardown (os._exit): what
    was printed still arrives whole, to a pipe and to a file, with the command's exit code;
    sys.exit("message") still prints its message and exits 1."""
    data = str(ROOT / "data" / "progress")
    done = subprocess.run(
        [sys.executable, "-m", "zjplan", "status", "--format", "json", "--progress", data],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    assert json.loads(done.stdout)["targets"]
    out = tmp_path / "out.txt"
    with out.open("w", encoding="utf-8") as fh:
        code = subprocess.run(
            [sys.executable, "-m", "zjplan", "status", "--fail-on", "at_risk", "--all"],
            stdout=fh, cwd=ROOT, check=False,
        ).returncode  # fmt: skip
    text = out.read_text("utf-8")
    assert code in (0, 1)
    assert text.endswith("\n")
    assert text.count("\n") > 40
    probe = "from zjplan.__main__ import leave\nprint('kept', end='')\nleave('bye')"
    said = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (said.returncode, said.stdout, said.stderr) == (1, "kept", "bye\n")
