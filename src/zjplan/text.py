"""Text for people: numbers as the document writes them, and untrusted text made inert.

Anything read from a file may carry terminal escapes, bidi overrides or invisible
characters. :func:`inert` turns every such character into a visible ``\\u202e``-style
escape, so no byte from the data can move the cursor, set a title, write the clipboard
or reorder a line, in any output.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import TYPE_CHECKING

from zjplan.model import Target

if TYPE_CHECKING:
    from zjplan.report import TargetResult

MILESTONE_WORDS = {
    "en": {"done": "done", "in_progress": "in progress", "not_started": "not started"},
    "zh": {"done": "已完成", "in_progress": "推进中", "not_started": "未启动"},
}

# C0 and C1 controls (tab and newline too: a cell is one line), DEL, bidi controls,
# zero-width and other invisible format characters, line/paragraph separators.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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


def number(value: float | None) -> str:
    """A number as the plan writes it: 100000 -> 10万, 8000 -> 8000, 0.467 -> 0.467."""
    if value is None or not math.isfinite(value):
        return "—"
    if abs(value) >= 10000 and value % 100 == 0:
        return f"{value / 10000:g}万"
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.4g}" if abs(value) < 1000 else f"{round(value)}"


def percent(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value * 100:.1f}%"


def target_text(target: Target, lang: str = "zh") -> str:
    """The target as the document says it: ≥10万台, ≈50个, 8000家, 前列(前5)."""
    unit = target.unit or ""
    match target.comparator:
        case "at_least":
            return f"≥{number(target.value)}{unit}"
        case "about":
            return f"≈{number(target.value)}{unit}"
        case "reach":
            return f"{number(target.value)}{unit}"
        case "rank_top":
            return f"前列(前{target.top})" if lang == "zh" else f"top {target.top}"
        case _:
            return "任务" if lang == "zh" else "task"


def name(target: Target, lang: str) -> str:
    return target.name_zh if lang == "zh" else target.name_en


def latest_text(r: TargetResult, lang: str) -> str:
    """The figure a target is judged on, as people read it: 7.6万台 @2019-06-30."""
    if r.latest is None:
        return "—"
    if r.milestone_state is not None:
        value = MILESTONE_WORDS[lang][r.milestone_state]
    elif r.comparator == "rank_top":
        value = f"第{r.latest.value:g}" if lang == "zh" else f"#{r.latest.value:g}"
    else:
        value = number(r.latest.value) + (r.unit or "")
    return f"{value} @{r.latest.as_of}"
