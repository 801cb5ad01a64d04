"""The HTML report in a real headless browser: it loads, logs nothing, and is not blank."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN
from zjplan.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed; `apt-get install chromium` (as .ci/run does) enables it",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    "--window-size=1280,2000",
]


def screenshot(page: Path, tmp_path: Path) -> tuple[Path, str]:
    shot = tmp_path / "shot.png"
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
         page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return shot, done.stderr


def test_report_loads_cleanly_and_is_not_blank(tmp_path: Path) -> None:
    """The page loads with no console message and its screenshot has content."""
    import numpy as np
    from matplotlib import image

    data = tmp_path / "p.csv"
    data.write_text(
        "target_id,region,as_of,value,unit,source\n"
        "industrial_robots_in_use,浙江省,2018-12-31,66000,台,https://example.org\n"
        "industrial_robots_in_use,浙江省,2019-06-30,76000,台,<img src=x onerror=alert(1)>\n",
        encoding="utf-8",
    )
    page = tmp_path / "status.html"
    result = CliRunner().invoke(
        app, ["status", "--plan", str(PLAN), "--progress", str(data), "--output", str(page)]
    )
    assert result.exit_code == 0
    shot, log = screenshot(page, tmp_path)
    assert "CONSOLE" not in log
    pixels = np.asarray(image.imread(shot))
    assert pixels.shape[0] > 100
    assert float(pixels.std()) > 0.01  # not one flat colour


def test_console_messages_would_be_seen(tmp_path: Path) -> None:
    """The check above can fail: a page that logs to the console is caught."""
    page = tmp_path / "noisy.html"
    page.write_text("<html><body>x<script>console.error('boom')</script></body></html>")
    _, log = screenshot(page, tmp_path)
    assert "CONSOLE" in log
