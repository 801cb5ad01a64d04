"""Parse the messy cells people type: numbers, dates, ranks and milestone states.

This module is the only place that turns cell text into values, so ``status``,
``check`` and ``merge`` can never disagree. Each parser returns a value or raises
:class:`CellError` with a stable code and a hint; it never guesses.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

from zjplan.catalogue import Key
from zjplan.wording import Words, cell, said, words

MISSING = frozenset({"", "-", "—", "–", "--", "n/a", "na", "null", "none", "无", "空", "暂无"})
SCALES = {"万": 10_000.0, "千": 1_000.0, "百": 100.0, "亿": 100_000_000.0, "百万": 1_000_000.0}
MILESTONE_STATES = {
    "done": "done",
    "completed": "done",
    "已完成": "done",
    "完成": "done",
    "in_progress": "in_progress",
    "in progress": "in_progress",
    "推进中": "in_progress",
    "进行中": "in_progress",
    "not_started": "not_started",
    "not started": "not_started",
    "未启动": "not_started",
    "未开始": "not_started",
}
MILESTONE_VALUE = {"not_started": 0.0, "in_progress": 0.5, "done": 1.0}
STATE_OF_VALUE = {value: state for state, value in MILESTONE_VALUE.items()}

_NUMBER = re.compile(
    r"(?P<sign>[-+]?)"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?P<frac>\.\d+)?"
    r"(?:[eE](?P<exp>[-+]?\d{1,3}))?"
    r"\s*(?P<scale>百万|万|千|百|亿)?"
    r"(?P<between>余|多|\+)?"
    r"\s*(?P<unit>\D*?)\s*"
)
_RANK = re.compile(r"(?:第)?\s*(\d{1,4})\s*(?:名|位)?")
_QUARTER = re.compile(r"(\d{4})\s*-?\s*[Qq]([1-4])")
_YMD = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?年?")
_MAX_CELL = 100

# The bounds every figure and date must satisfy, whichever path reads the cell.
EARLIEST = date(2000, 1, 1)  # no figure is dated before this (a typed year, not a plan date)
MAX_FIGURE = 1e15  # no figure of a plan is larger: more is a slip (or an attack)
# A run of this many ASCII digits is always a figure within MAX_FIGURE: the common shape the
# fast path takes without parse_number.
PLAIN_DIGITS = len(f"{MAX_FIGURE:.0f}") - 1


# What kind of figure a cell states: the value itself, or a bound on it (press figures are
# often "超过300", "近300"), or a round figure ("约300").
Qualifier = Literal["exact", "at_least", "at_most", "about"]
QUALIFIERS: tuple[Qualifier, ...] = ("exact", "at_least", "at_most", "about")
# Spellings before the number, and after it (after the unit, or between number and unit).
_BEFORE: dict[str, Qualifier] = {
    ">=": "at_least", "≥": "at_least", ">": "at_least", "超过": "at_least", "逾": "at_least",
    "大于": "at_least", "<=": "at_most", "≤": "at_most", "<": "at_most", "不到": "at_most",
    "不足": "at_most", "近": "at_most", "约": "about", "約": "about", "大约": "about", "~": "about",
    "≈": "about",
}  # fmt: skip
_AFTER: dict[str, Qualifier] = {"以上": "at_least", "以下": "at_most", "左右": "about"}
_BETWEEN: dict[str, Qualifier] = {"余": "at_least", "多": "at_least", "+": "at_least"}
# How merge writes each qualifier back: one canonical spelling, read again as the same.
CANONICAL_PREFIX: dict[Qualifier, str] = {
    "exact": "", "at_least": ">=", "at_most": "<=", "about": "~",
}  # fmt: skip
_BEFORE_PATTERN = "|".join(re.escape(k) for k in sorted(_BEFORE, key=len, reverse=True))
_QUALIFIED = re.compile(
    rf"(?P<before>{_BEFORE_PATTERN})?\s*(?P<rest>.*?)\s*(?P<after>以上|以下|左右)?", re.S
)


# NFKC would fold 10⁵ into 105 and 2³ into 23: such cells are refused before folding.
_SCRIPTS = re.compile("[\u00b2\u00b3\u00b9\u2070-\u209f]")


class Figure(NamedTuple):
    """A number read from a cell: its value, the unit written with it, and its qualifier."""

    value: float
    unit: str
    qualifier: Qualifier
    scale: str = ""  # 万, 千, … when the cell wrote one


HINT_DIGITS = words("hint-digits")
HINT_DATE = words("hint-date")
HINT_DESCRIBES = words("hint-describes")
HINT_YEAR = words("hint-check-year")
HINT_FIGURE_ITSELF = words("hint-figure-itself")


class CellError(ValueError):
    """A cell that cannot be read: a stable code, the sentence that says why, and how to
    fix it (each named, not made: see wording.Words)."""

    def __init__(self, code: str, message: Words, hint: Words | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return said(self.message)


def normalise(text: str) -> str:
    """Full-width digits and letters to ASCII, U+2212 minus to '-', outer spaces removed."""
    if text.isascii():  # NFKC leaves ASCII as it is (ids, dates, figures: most cells)
        return text.strip()
    if len(text) <= 64:  # a region name, a unit: a file repeats a few (a long note is not kept)
        return _short_wide(text)
    return _wide(text)


def _wide(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").replace("\u00a0", " ").strip()


_short_wide = lru_cache(maxsize=4096)(_wide)


def fold(text: str) -> str:
    """The key two spellings share when they are the same name: normalised, case-folded."""
    return normalise(text).casefold()


def is_missing(text: str) -> bool:
    """N/A, -, empty and the like: 'not reported', never zero."""
    return normalise(text).casefold() in MISSING


def parse_number(text: str) -> tuple[float, str]:
    """``'10万台'`` -> ``(100000.0, '台')``; the unit part is returned for the caller to check.
    A bound or an approximate figure ("超过300") is refused here: see parse_figure."""
    figure = parse_figure(text)
    if figure.qualifier != "exact":
        raise CellError(
            "not-a-number",
            words("bound-not-number", cell=cell(normalise(text))),
            HINT_FIGURE_ITSELF,
        )
    return figure.value, figure.unit


def parse_figure(text: str) -> Figure:
    """``'超过300项'`` -> ``Figure(300.0, '项', 'at_least')``; ``'10万台'`` is exact.

    Bounds: > ≥ >= 超过 逾 大于 before, or 余 多 + after the number, or 以上 after it all (at
    least); < ≤ <= 不到 不足 近 before, 以下 after (at most); 约 大约 ~ ≈ before, 左右 after
    (about). At most one qualifier a cell."""
    if _SCRIPTS.search(text):
        raise CellError(
            "not-a-number",
            words("scripted-digits", cell=cell(text.strip())),
            words("hint-full-number"),
        )
    value = normalise(text)
    if len(value) > _MAX_CELL:
        raise CellError("not-a-number", words("cell-too-long-for-number"))
    q = _QUALIFIED.fullmatch(value)
    assert q is not None  # every part is optional
    before, after = q.group("before"), q.group("after")
    body = q.group("rest")
    m = _NUMBER.fullmatch(body)
    if m is None or not (m.group("int") or m.group("frac")):
        m = None
    between = m.group("between") if m is not None else None
    marks = [
        _BEFORE[before] if before else None,
        _BETWEEN[between] if between else None,
        _AFTER[after] if after else None,
    ]
    given = [mark for mark in marks if mark is not None]
    if m is not None and len(given) > 1:
        raise CellError(
            "not-a-number",
            words("two-qualifiers", cell=cell(value)),
            words("hint-one-qualifier"),
        )
    if m is not None and given and m.group("sign"):
        m = None  # a signed bound ("超过-5") is no figure of a plan
    qualifier: Qualifier = given[0] if given else "exact"
    number, unit = _number(value, m)
    return Figure(number, unit, qualifier, m.group("scale") or "" if m is not None else "")


# A change as published: 累计下降4.2%, 降低4.2%, 提高2个百分点 (the word gives the way).
_CHANGE = re.compile(
    r"(?:累计|比上年|同比)?(?P<word>下降|降低|减少|下滑|回落|提高|增长|上升|增加|提升)?(?P<rest>.*)",
    re.S,
)
_FALLS = frozenset({"下降", "降低", "减少", "下滑", "回落"})
_SWAPPED: dict[Qualifier, Qualifier] = {"at_least": "at_most", "at_most": "at_least"}


def parse_change(text: str) -> Figure:
    """A change since the baseline as published: ``'累计下降4.2%'`` -> −4.2 (%),
    ``'提高2个百分点'`` -> 2, ``'-4.2'`` -> −4.2. A word (下降, 提高…) or a sign says the
    way; a change that says neither is refused as ambiguous (0 needs none). A bound flips
    with a fall: 下降超过4% is a change of at most −4."""
    value = normalise(text)
    m = _CHANGE.fullmatch(value)
    assert m is not None  # every part is optional
    word, rest = m.group("word"), m.group("rest").strip()
    if word and rest[:1] in ("+", "-", "−"):
        word = None  # 下降-4.2 says the way twice: read the number's own sign, then
        rest = value  # refuse it as no number
    figure = parse_figure(rest if word else value)
    if word is None and figure.value != 0 and value[:1] not in ("+", "-", "−"):
        raise CellError(
            "change-unsigned",
            words("change-unsigned", cell=cell(value)),
            words("hint-change-sign"),
        )
    if word in _FALLS:
        q = _SWAPPED.get(figure.qualifier, figure.qualifier)
        return Figure(-figure.value, figure.unit, q, figure.scale)
    return figure


def _number(text: str, m: re.Match[str] | None) -> tuple[float, str]:
    """The value and unit of a matched number (``m`` None: the cell is not a number)."""
    if m is None:
        raise CellError("not-a-number", words("not-a-number", cell=cell(text)), HINT_DIGITS)
    digits = (m.group("int") or "0").replace(",", "") + (m.group("frac") or "")
    value = float(f"{digits}e{m.group('exp') or 0}") * SCALES.get(m.group("scale") or "", 1.0)
    if not math.isfinite(value) or value > MAX_FIGURE:
        raise CellError("not-a-number", words("too-large", cell=cell(text)))
    if m.group("sign") == "-":
        value = -value
    return value, m.group("unit")


def plain_figures(cells: Sequence[str]) -> list[int] | None:
    """The values of cells that are all plain runs of at most PLAIN_DIGITS ASCII digits (what
    parse_number gives them, unit-less), or None when any cell is not: parse_number judges it.
    Whole numbers of that size are exact as floats; int() reads them in half float()'s time."""
    digits = "".join(cells)
    if not (digits.isascii() and digits.isdigit()):
        return None
    lengths = set(map(len, cells))
    if not cells or min(lengths) == 0 or max(lengths) > PLAIN_DIGITS:
        return None
    return list(map(int, cells))


def plain_figure(cell: str) -> float | None:
    """One cell's value if it is of the common shape (see :func:`plain_figures`)."""
    if 0 < len(cell) <= PLAIN_DIGITS and cell.isascii() and cell.isdigit():
        return float(cell)
    return None


def parse_rank(text: str) -> float:
    """``'3'``, ``'第3'``, ``'第3名'`` -> 3.0."""
    m = _RANK.fullmatch(normalise(text))
    if m is None or int(m.group(1)) < 1:
        raise CellError("not-a-rank", words("not-a-rank", cell=cell(text)), words("hint-rank"))
    return float(m.group(1))


def parse_state(text: str) -> str:
    """A milestone's state: done / in_progress / not_started, or 已完成 / 推进中 / 未启动."""
    state = MILESTONE_STATES.get(normalise(text).casefold())
    if state is None:
        raise CellError("not-a-state", words("not-a-state", cell=cell(text)), words("hint-state"))
    return state


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_date(text: str) -> date:
    """The date a figure describes: 2019-12-31, 2019-12 (month end), 2019 (year end),
    2019Q3 or 2019-Q3 (quarter end); / . and 年月日 separators are accepted."""
    found = read_date(text)
    if isinstance(found, date):
        return found
    raise CellError(*found)


BadDate = tuple[str, Words, Words]  # code, message, hint


def read_date(text: str) -> date | BadDate:
    """parse_date's date, or the problem it would raise, returned (a file of 200,000 bad
    dates raised and caught 200,000 exceptions)."""
    written = normalise(text)
    try:
        if m := _QUARTER.fullmatch(written):
            return _end_of_month(int(m.group(1)), int(m.group(2)) * 3)
        if m := _YMD.fullmatch(written):
            year, month, day = m.group(1), m.group(2), m.group(3)
            if day:
                return date(int(year), int(month), int(day))
            if month:
                return _end_of_month(int(year), int(month))
            return date(int(year), 12, 31)
    except ValueError:
        return _bad_date("not-a-calendar-date", written)
    return _bad_date("not-a-date", written)


def _bad_date(key: Key, written: str) -> BadDate:
    code = "bad-date"
    return code, words(key, cell=cell(written)), HINT_DATE


# Units of things counted one by one: a figure in them is a whole number.
COUNT_UNITS = frozenset({"台", "家", "个", "项", "名", "座"})
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's (and WPS's) date serials
SERIALS = (36526, 73050)  # 2000-01-01 to 2099-12-31 as serials


def excel_serial_date(text: str) -> date | None:
    """The date a five-digit Excel date serial stands for (43830 -> 2019-12-31), or None."""
    cell = normalise(text)
    if len(cell) == 5 and cell.isascii() and cell.isdigit():
        serial = int(cell)
        if SERIALS[0] <= serial <= SERIALS[1]:
            return EXCEL_EPOCH + timedelta(days=serial)
    return None


def date_problem(day: date, today: date) -> CellError | None:
    """Why a figure cannot be dated ``day`` (after today, before EARLIEST), or None."""
    if day > today:
        return CellError(
            "date-in-future", words("date-in-future", day=day, today=today), HINT_DESCRIBES
        )
    if day < EARLIEST:
        return CellError(
            "date-too-old", words("date-too-old", day=day, earliest=EARLIEST), HINT_YEAR
        )
    return None


def plain_date(text: str, today: date) -> date | None:
    """The date of a cell written exactly YYYY-MM-DD and within the bounds (what parse_date
    gives it), else None: parse_date and date_problem judge it."""
    if len(text) != 10 or not text.isascii():
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    if day.isoformat() != text or date_problem(day, today) is not None:
        return None
    return day


def parse_period(text: str) -> tuple[date, date, str]:
    """A reporting period: 2019Q4, 2019-12 or 2019 -> (first day, last day, label)."""
    cell = normalise(text)
    end = parse_date(cell)
    if _QUARTER.fullmatch(cell):
        start = date(end.year, end.month - 2, 1)
        return start, end, f"{end.year}Q{end.month // 3}"
    m = _YMD.fullmatch(cell)
    if m is not None and m.group(3):
        return end, end, end.isoformat()
    if m is not None and m.group(2):
        return date(end.year, end.month, 1), end, f"{end.year}-{end.month:02d}"
    return date(end.year, 1, 1), end, str(end.year)
