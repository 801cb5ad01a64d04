"""The problem catalogue: every code the source emits is documented, and docs/errors.md
is what `zjplan errors --format markdown` prints."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from tests.conftest import ROOT
from zjplan.cli import app
from zjplan.errors import CATALOGUE, catalogue_markdown

# A kebab-case string literal passed where a problem code goes.
EMITTED = re.compile(
    r"(?:problem\(\s*(?:summary,\s*)?|Problem(?:\.said)?\(\s*|CellError\(\s*|SourceError\(\s*"
    r"|code = |code, (?:key, )?hint = |\] = \(\s*|_history\(\s*store,\s*)"
    r'"([a-z]+(?:-[a-z0-9]+)+)"'
)


def emitted_codes() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "src" / "zjplan").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(EMITTED.findall(text))
        codes |= set(re.findall(r'"[a-z_]+": "([a-z]+-[a-z-]+)",', text))  # pydantic -> code maps
        codes |= set(re.findall(r'"(wrong-type|invalid-value|yaml-too-deep|yaml-syntax)"', text))
    return codes


def test_every_emitted_code_is_in_the_catalogue() -> None:
    """No code reaches a user without a documented meaning and fix, and none is stale."""
    codes = emitted_codes()
    assert len(codes) > 30
    assert codes - set(CATALOGUE) == set()
    assert set(CATALOGUE) - codes == set()


def test_docs_match_the_catalogue() -> None:
    """docs/errors.md is generated from the code (regenerate: make docs)."""
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == catalogue_markdown()


def test_errors_command() -> None:
    """`zjplan errors CODE` prints one entry; an unknown code suggests the closest."""
    runner = CliRunner()
    result = runner.invoke(app, ["errors", "not-a-number"])
    assert result.exit_code == 0
    assert result.stdout.startswith("not-a-number (error, progress)")
    assert "fix:" in result.stdout
    result = runner.invoke(app, ["errors", "not-a-numbr"])
    assert result.exit_code == 2
    assert "not-a-number" in result.stderr
    result = runner.invoke(app, ["errors", "--format", "markdown"])
    assert result.stdout == catalogue_markdown()
