"""jsontext.indented_json writes what json.dumps(value, ensure_ascii=False, indent=2,
allow_nan=False) writes, byte for byte, and refuses what it refuses; except a float below
1e-4, which it writes as pydantic's serializer does, so a report is the same bytes
whichever writer wrote it."""

from __future__ import annotations

import json
import math
from typing import Any

import pydantic_core
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zjplan.jsontext import float_text, indented_json

ODD = '"\\\n\t\x00\x1f\x7f\u2028宁'  # quotes, escapes, control characters, a line separator
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(ODD))
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


def reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


def pydantics(value: Any) -> str:
    return pydantic_core.to_json(value, indent=2).decode()


def tiny(value: Any) -> bool:
    """Whether a float below 1e-4 (not 0) is in the value, where json and pydantic differ."""
    if isinstance(value, float):
        return 0 < abs(value) < 1e-4
    if isinstance(value, dict):
        return any(map(tiny, value.values()))
    return isinstance(value, list | tuple) and any(map(tiny, value))


def surrogate(value: Any) -> bool:
    """Whether a lone surrogate is in the value: pydantic cannot write one."""
    return "\\ud" in json.dumps(value)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_same_bytes_as_the_json_module_and_pydantic(value: Any) -> None:
    written = indented_json(value)
    if not tiny(value):
        assert written == reference(value)
    if not surrogate(value):
        assert written == pydantics(value)
    assert json.loads(written) == json.loads(reference(value))


@settings(max_examples=2000)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats_as_pydantic_writes_them(value: float) -> None:
    assert float_text(value) == pydantic_core.to_json(value).decode()
    assert float(float_text(value)) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [(2.5e-05, "0.000025"), (-9.99e-05, "-0.0000999"), (1e-05, "0.00001"), (1e-06, "1e-6"),
     (1.5e-07, "1.5e-7"), (1e-4, "0.0001"), (1e16, "1e+16"), (0.1, "0.1"), (-0.0, "-0.0")],
)  # fmt: skip
def test_floats_worked_by_hand(value: float, text: str) -> None:
    assert float_text(value) == text


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [[]], "d": [{}]},
        (1, "二", (3.5, None)),
        {"x": 1e-3, "y": 2.5e-4, "z": 1e16, "w": -0.0, "v": 1.7976931348623157e308},
        [True, False, None, 0, -1, 10**40],
        "lone \ud800 surrogate",
    ],
)
def test_same_bytes_for_the_edges(value: Any) -> None:
    """Empty containers, tuples as lists, small and large floats, booleans (an int
    subclass written as true/false), a lone surrogate (written as it is, as json does)."""
    assert indented_json(value) == reference(value)


def test_subclasses_of_text_and_numbers() -> None:
    """A str or int subclass (an enum's value that is one) is written as its value."""

    class Text(str):
        pass

    class Number(int):
        pass

    value = {"a": Text("t"), "b": Number(3), "c": [Text("u"), Number(4)]}
    assert indented_json(value) == reference(value)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_refuses_what_json_refuses(bad: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        reference({"a": [bad]})
    with pytest.raises(ValueError, match="not JSON compliant"):
        indented_json({"a": [bad]})


def test_refuses_what_it_does_not_know() -> None:
    """A set, an object, a non-text key: TypeError, which model_json answers by asking
    pydantic's serializer."""
    for bad in ({1, 2}, object(), {1: "a"}):
        with pytest.raises(TypeError):
            indented_json({"a": bad} if not isinstance(bad, dict) else bad)
