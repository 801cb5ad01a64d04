"""The hardened YAML loader: plain data, positions, and refusals with their lines."""

from __future__ import annotations

import pytest

from zjplan.errors import ZjplanError
from zjplan.yamlload import load_yaml


def codes(text: str) -> list[tuple[str, int, int]]:
    with pytest.raises(ZjplanError) as info:
        load_yaml(text, "t.yaml")
    return [(p.code, p.line, p.column) for p in info.value.problems]


def test_yaml_11_surprises_stay_text() -> None:
    """no, on, 010, 0755, 1_000, 12:30 and bare dates are not silently retyped."""
    text = "a: no\nb: on\nc: 010\nd: 0755\ne: 1_000\nf: 12:30\ng: 2024-02-30\nh: .inf\ni: .nan\n"
    data = load_yaml(text, "t.yaml").data
    assert data == {
        "a": "no",
        "b": "on",
        "c": "010",
        "d": "0755",
        "e": "1_000",
        "f": "12:30",
        "g": "2024-02-30",
        "h": ".inf",
        "i": ".nan",
    }


def test_core_scalars_are_typed() -> None:
    """Plain decimal numbers, true/false and null get their types; quoted text stays text."""
    data = load_yaml("a: 5\nb: -3\nc: 1.5\nd: 1e3\ne: true\nf: ~\ng: '5'\nh: 0\n", "t").data
    assert data == {"a": 5, "b": -3, "c": 1.5, "d": 1000.0, "e": True, "f": None, "g": "5", "h": 0}


def test_huge_integer_stays_text() -> None:
    """A 5000-digit integer is not parsed (no quadratic int(), no float overflow)."""
    assert load_yaml("a: " + "9" * 5000, "t").data == {"a": "9" * 5000}


def test_positions_of_values_and_keys() -> None:
    """Every value and key is located, 1-based."""
    located = load_yaml("top:\n  - id: a\n    value: 3\n", "t")
    assert located.values[("top", 0, "value")] == (3, 12)
    assert located.keys[("top", 0, "value")] == (3, 5)
    assert located.position(("top", 0, "missing")) == (2, 5)


def test_alias_refused_with_its_line() -> None:
    """Aliases are refused where they stand, so an expansion bomb never expands."""
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    found = codes(bomb)
    assert {c for c, _, _ in found} == {"yaml-alias"}
    assert [line for _, line, _ in found] == [2, 2, 3, 3]


def test_duplicate_key_is_an_error() -> None:
    """A repeated key is an error at the second one, naming the first."""
    assert codes("a: 1\nb: 2\na: 3\n") == [("duplicate-key", 3, 1)]


@pytest.mark.parametrize(
    "text",
    ["a: !!python/object/apply:os.system [ls]\n", "a: !!binary aGk=\n", "a: !!set {x, y}\n"],
)
def test_tags_refused(text: str) -> None:
    """Non-core tags are refused, never constructed."""
    assert codes(text) == [("yaml-tag", 1, 4)]


def test_syntax_error_is_located() -> None:
    """A syntax error points at the line where the parser gave up."""
    assert codes("a: [1, 2\nb: 3\n")[0][:2] == ("yaml-syntax", 2)


def test_tab_indentation_is_a_syntax_error() -> None:
    """Tabs in indentation give a located syntax error, not a traceback."""
    assert codes("a:\n\tb: 1\n")[0][0] == "yaml-syntax"


def test_deep_nesting_is_refused() -> None:
    """Thousands of nested lists are refused with a located problem."""
    found = codes("a: " + "[" * 3000 + "]" * 3000)
    assert found[0][0] in ("yaml-too-deep", "yaml-syntax")
