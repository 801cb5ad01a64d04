"""Indented JSON, written as ``json.dumps(value, ensure_ascii=False, indent=2,
allow_nan=False)`` writes it, byte for byte, in about half its time; but a float below
1e-4 as pydantic's serializer writes it (:func:`float_text`), so that a report is the same
bytes whichever of the two wrote it (render/jsonout.py).

The json module has a C encoder, but only for compact output: with ``indent`` it falls back
to its pure-Python one, a generator for each level. A check of 10,000 files or a report of
thousands of points is mostly short strings and small integers in nested dicts and lists;
here each is written with the C string encoder and ``int.__repr__``, and the nesting with
one recursive function. Any other value raises TypeError, as json does (the callers then
ask pydantic, which knows the schema's types).
"""

from __future__ import annotations

import json.encoder
from typing import Any

_string = json.encoder.encode_basestring  # the C one where the interpreter has it
_int = int.__repr__
_INFINITY = float("inf")


def indented_json(value: Any) -> str:
    """``value`` (dicts with text keys, lists, text, numbers, booleans, None) as JSON with
    two spaces of indent and non-ASCII text as it is."""
    out: list[str] = []
    _write(value, out, "\n")
    return "".join(out)


def float_text(value: float) -> str:
    """A finite float as pydantic's serializer writes it: Python's shortest digits, and
    below 1e-4, where Python writes 2.5e-05, as a decimal down to 1e-5 (0.000025) and
    an exponent without a padding zero further down (1.5e-7)."""
    text = repr(value)
    mantissa, small, exponent = text.partition("e-")
    if not small:
        return text
    places = int(exponent)
    if places > 5:
        return f"{mantissa}e-{places}"
    sign = "-" if mantissa.startswith("-") else ""
    digits = mantissa.lstrip("-").replace(".", "")
    return f"{sign}0.{'0' * (places - 1)}{digits}"


def _write(value: Any, out: list[str], pad: str) -> None:
    """Append ``value``'s JSON to ``out``; ``pad`` is a line break and the current indent."""
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = pad + "  "
        lead, more = "{" + inner, "," + inner
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            out.append(lead)
            lead = more
            out.append(_string(key))
            kind = type(item)
            if kind is str:  # the common cases inline: a call less for each
                out.append(": " + _string(item))
            elif kind is int:
                out.append(": " + _int(item))
            else:
                out.append(": ")
                _write(item, out, inner)
        out.append(pad + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = pad + "  "
        lead, more = "[" + inner, "," + inner
        for item in value:
            out.append(lead)
            lead = more
            kind = type(item)
            if kind is str:
                out.append(_string(item))
            elif kind is int:
                out.append(_int(item))
            else:
                _write(item, out, inner)
        out.append(pad + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, int):
        out.append(_int(value))
    elif isinstance(value, float):
        if value != value or value in (_INFINITY, -_INFINITY):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        out.append(float_text(value))
    else:
        raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")
