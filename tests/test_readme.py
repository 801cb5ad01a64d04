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


def test_the_readme_stays_short_and_every_link_resolves() -> None:
    """The README is what a user needs first (at most 250 lines); the rest lives in docs/,
    and every relative link of the README and of docs/ names a file that is there (no
    ../shared/, which users do not have)."""
    readme = ROOT / "README.md"
    assert len(readme.read_text(encoding="utf-8").splitlines()) <= 250
    for page in [readme, *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            assert "shared/" not in target, (page.name, target)
            assert (page.parent / target).exists(), (page.name, target)


def test_the_tests_the_docs_name_exist() -> None:
    """A test the docs cite (tests/x.py::test_name) is there to be run."""
    cited = 0
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for file, names in re.findall(r"`(tests/\w+\.py)((?:::\w+)*)`", text):
            assert (ROOT / file).exists(), (page.name, file)
            for name in filter(None, names.split("::")):
                cited += 1
                source = (ROOT / file).read_text(encoding="utf-8")
                assert f"def {name}(" in source, (page.name, file, name)
    assert cited >= 6
