"""The README's Python example runs as written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_api_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API example of the README runs from the repository root without error."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, re.S)
    assert block is not None
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    assert isinstance(namespace["behind"], list)
    assert Path(os.getcwd()) == ROOT
