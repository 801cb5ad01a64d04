"""A progress file's header: which column is which, in English or Chinese."""

from __future__ import annotations

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
    "value": "value",
    "数值": "value",
    "unit": "unit",
    "单位": "unit",
    "source": "source",
    "来源": "source",
    "note": "note",
    "备注": "note",
}
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
