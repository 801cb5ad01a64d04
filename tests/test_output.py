"""Atomic writes: the old file survives a failure, and no temporary file is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zjplan.output import write_atomic


def test_write_replaces_the_file(tmp_path: Path) -> None:
    """A successful write replaces the content in one step."""
    path = tmp_path / "report.csv"
    path.write_text("old", encoding="utf-8")
    write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write killed before the rename leaves the previous file whole and no temp file."""
    path = tmp_path / "report.csv"
    path.write_text("old", encoding="utf-8")

    def killed(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new" * 1000)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]
