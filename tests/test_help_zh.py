"""--help in Chinese under --lang zh or a Chinese locale: every command's and option's
help has its Chinese text, and English stays English."""

from __future__ import annotations

import os
import subprocess
import sys

import typer

from zjplan.cli import app
from zjplan.cli.help_zh import COMMANDS, OPTIONS


def test_every_command_and_option_has_its_chinese_help() -> None:
    command = typer.main.get_command(app)
    assert set(command.commands) == set(COMMANDS)  # type: ignore[attr-defined]
    helps = {p.help for c in command.commands.values() for p in c.params if p.help}  # type: ignore[attr-defined]
    helps |= {p.help for p in command.params if getattr(p, "help", None)}  # type: ignore[attr-defined]
    assert helps - set(OPTIONS) == set()


def help_of(*args: str, lang: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("ZJPLAN_LANG", "LC_ALL", "LANG")}
    if lang:
        env["LANG"] = lang
    done = subprocess.run(
        [sys.executable, "-m", "zjplan", *args], capture_output=True, text=True, env=env,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_is_chinese_with_lang_zh_or_a_chinese_locale() -> None:
    assert "各项目标的完成进度" in help_of("status", "--help", "--lang", "zh")
    assert "报送模板" in help_of("--help", lang="zh_CN.UTF-8")
    text = help_of("check", "--help", lang="zh_CN.UTF-8")
    assert "检查计划和每份报送文件" in text
    assert "示例：zjplan check submissions/" in text
    assert "How far each target" in help_of("status", "--help", lang="en_US.UTF-8")
