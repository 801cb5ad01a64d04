"""A progress file's header: which column is which, in English or Chinese."""

from __future__ import annotations

import difflib

from zjplan.numbers import normalise

REQUIRED = ("target_id", "region", "as_of", "value")
OPTIONAL = ("unit", "source", "note")
HEADER_ALIASES = {
    "target_id": "target_id",
    "指标编号": "target_id",
    "region": "region",
    "地区": "region",
    "as_of": "as_of",
    "截至日期": "as_of",
    "截止日期": "as_of",  # 截止 for 截至: the common slip, read as meant
    "value": "value",
    "数值": "value",
    "unit": "unit",
    "单位": "unit",
    "source": "source",
    "来源": "source",
    "note": "note",
    "备注": "note",
}
# Headers people write for a column, offered as "did you mean" (never read as that column:
# 完成值 may be a target's value or its completion rate).
NEAR = {
    "完成值": "数值",
    "完成数": "数值",
    "实际值": "数值",
    "指标值": "数值",
    "本期数": "数值",
    "填报地区": "地区",
    "地市": "地区",
    "城市": "地区",
    "区域": "地区",
    "单位名称": "地区",
    "日期": "截至日期",
    "统计日期": "截至日期",
    "填报日期": "截至日期",
    "报告期": "截至日期",
    "编号": "指标编号",
    "指标代码": "指标编号",
    "指标id": "指标编号",
    "id": "target_id",
}
HEADER_ROWS = 20  # a form's header lies within its first 20 rows (title rows above it)
# Columns a submission template adds for the person filling it in; readers ignore them.
GUIDANCE = frozenset({"name_zh", "name_en", "measure", "指标名称", "口径", "口径说明", "说明"})


# A read header: columns by canonical name (or the index and name of a duplicate column),
# and the unknown columns.
Header = tuple[dict[str, int] | tuple[int, str], list[tuple[int, str]]]


def read_header(header: list[str]) -> Header:
    """Columns by canonical name and the unknown ones; (index, name) of a duplicate."""
    columns: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for index, name in enumerate(header):
        key = normalise(name).lstrip("\ufeff")
        canonical = HEADER_ALIASES.get(key.casefold())
        if canonical is None:
            if key and key not in GUIDANCE:
                unknown.append((index, key))
            continue
        if canonical in columns:
            return (index, canonical), unknown
        columns[canonical] = index
    return columns, unknown


def complete(columns: dict[str, int] | tuple[int, str]) -> bool:
    """True for a read header's columns with every required one (and no duplicate)."""
    return isinstance(columns, dict) and all(c in columns for c in REQUIRED)


def has_form_header(row: list[str]) -> bool:
    """True when the row is a header with every required column (and no duplicate)."""
    return complete(read_header(row)[0])


def header_index(rows: list[list[str]]) -> int | None:
    """The index of the first of ``rows`` (a sheet's first rows) that is a form's header."""
    return next((i for i, row in enumerate(rows[:HEADER_ROWS]) if has_form_header(row)), None)


def near_misses(unknown: list[tuple[int, str]], missing: list[str]) -> list[str]:
    """'完成值 → 数值' for each unknown header cell that is likely a missing column."""
    wanted = {alias: name for alias, name in HEADER_ALIASES.items() if name in missing}
    found = []
    for _, cell in unknown:
        key = cell.casefold()
        guess = NEAR.get(key)
        if guess is None or HEADER_ALIASES.get(guess.casefold()) not in missing:
            guess = next((alias for alias in wanted if alias in key and len(alias) > 1), None)
        if guess is None:
            close = difflib.get_close_matches(key, list(wanted), n=1, cutoff=0.7)
            guess = close[0] if close else None
        if guess is not None:
            found.append(f"{cell} → {guess}")
    return found
