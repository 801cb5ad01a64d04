"""Untrusted text made inert: the one sanitiser of every output.

Anything read from a file may carry terminal escapes, bidi overrides or invisible
characters. :func:`inert` turns every such character into a visible ``\\u202e``-style
escape, so no byte from the data can move the cursor, set a title, write the clipboard
or reorder a line, in any output.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls (tab and newline too: a cell is one line), DEL, bidi controls,
# zero-width and other invisible format characters, line/paragraph separators.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


QUOTED = 60  # characters of a cell a message quotes: a 120 KB cell is not echoed whole


def quoted(text: str, limit: int = QUOTED) -> str:
    """A cell as a message quotes it: repr-quoted, at most ``limit`` characters, cut with …."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return repr(cut)


def inert(text: str) -> str:
    """``text`` with every control or invisible character shown as an escape."""
    if text.isprintable():
        return text
    cleaned = _UNSAFE.sub(_escape, text)
    # Any remaining format (Cf) or unassigned characters are escaped too.
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cf", "Cn", "Co", "Cs") else ch
        for ch in cleaned
    )


# What a JSON encoder leaves raw inside strings: DEL, C1 controls, bidi and invisible
# format characters (C0 controls, newline included, are always escaped by the encoder).
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def json_safe(text: str) -> str:
    """JSON text with every control or invisible character written as a \\uXXXX escape:
    the same JSON value, but no byte of it can act on a terminal."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
