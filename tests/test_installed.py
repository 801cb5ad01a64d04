"""zjplan as a user installs it: a wheel in a fresh virtual environment, run from an empty
folder, with the 2018 plan and its public figures shipped inside the package; and shell
completion scripts for bash, zsh and fish."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # a quick loop leaves it out: pytest -m "not slow"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel built from this checkout (its dependencies taken from the
    test's own environment, so no download is needed): the venv's zjplan command."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    [wheel] = tmp.glob("zjplan-*.whl")
    venv = tmp / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet", "--no-deps", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return venv / "bin" / "zjplan"


def run_installed(zjplan: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    deps = sysconfig.get_paths()["purelib"]  # the test environment's dependencies
    env = {**os.environ, "PYTHONPATH": deps, "ZJPLAN_TODAY": "2026-12-01", "ZJPLAN_PLAN": ""}
    env.pop("ZJPLAN_PLAN")
    return subprocess.run(
        [str(zjplan), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=120,
    )


def test_the_wheel_runs_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    """From an empty folder, the installed zjplan judges the bundled plan on the bundled
    figures, and --verbose says the plan is the bundled one."""
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_installed(installed, "status", "--verbose", cwd=empty)
    assert done.returncode == 0, done.stderr
    assert "(bundled with zjplan)" in done.stderr
    assert "✔ achieved 3" in done.stdout
    assert str(ROOT) not in done.stderr  # the plan is the package's copy, not the checkout's
    done = run_installed(installed, "explain", "robots", cwd=empty)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("shell", "start"),
    [
        ("bash", "_zjplan_completion()"),
        ("zsh", "#compdef zjplan"),
        ("fish", "complete --command zjplan"),
    ],
)
def test_completion_scripts(shell: str, start: str) -> None:
    """--show-completion writes each shell's script; completing `explain` offers target ids."""
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "zjplan"), "--show-completion", shell],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(start)


def test_completion_offers_ids_owners_and_formats() -> None:
    """The completion of `explain ` lists target ids; of `status --format `, the formats."""

    def complete(words: str) -> str:
        env = {**os.environ, "_ZJPLAN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
        return subprocess.run(
            [str(Path(sys.executable).parent / "zjplan")],  # the command's own name
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        ).stdout

    assert '"industrial_robots_in_use"' in complete("zjplan explain ")
    assert '"省经信委"' in complete("zjplan status --owner ")
    assert '"junit"' in complete("zjplan status --format ")
