"""The status table: each status a target can have, with everything said of it.

As comparators.py is for the kinds of target, this is the one place a status is defined:
its severity (how bad it is for ``--fail-on``), whether it can be a threshold, and how each
output shows it (terminal symbol and style, colour, Markdown mark, the word in each
language). STATUSES, SEVERITY, THRESHOLDS, the orders of the renderers and their words and
colours are all read from here: adding a status is one row here plus the engine's rule
that decides it (tests/test_statuses.py holds the table to the Status type and FailOn).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Status = Literal["no_data", "achieved", "on_track", "at_risk", "behind", "missed", "unallocated"]
# A --fail-on threshold: a target fails at it or worse.
Threshold = Literal["at_risk", "behind", "missed"]


class StatusRow(NamedTuple):
    """One status and how every output shows it."""

    key: Status
    severity: int | None  # how bad, for --fail-on (None: no verdict, never fails)
    threshold: bool  # may be named by --fail-on
    symbol: str  # narrow in every terminal (East Asian width N or Na), so CJK columns align
    style: str  # rich's style on a terminal
    hex: str  # pages, workbooks and charts
    mark: str  # Markdown
    en: str
    zh: str


# In the order reports count them: the verdicts from best to worst, then no verdict.
TABLE: tuple[StatusRow, ...] = (
    StatusRow("achieved", 0, False, "✔", "bold green", "#1a7f37", "✅", "achieved", "已完成"),
    StatusRow("on_track", 1, False, "✓", "green", "#2da44e", "🟢", "on track", "正常推进"),
    StatusRow("at_risk", 2, True, "!", "bold yellow", "#bf8700", "🟡", "at risk", "存在风险"),
    StatusRow("behind", 3, True, "✗", "bold red", "#cf222e", "🔴", "behind", "滞后"),
    StatusRow("missed", 4, True, "✘", "bold white on red", "#82071e", "❌", "missed", "未达成"),
    StatusRow("no_data", None, False, "?", "dim", "#6e7781", "⚪", "no data", "无数据"),
    StatusRow("unallocated", None, False, "-", "dim", "#6e7781", "➖", "unallocated", "未分解"),
)  # fmt: skip

STATUSES: tuple[Status, ...] = tuple(row.key for row in TABLE)
SEVERITY: dict[str, int] = {row.key: row.severity for row in TABLE if row.severity is not None}
THRESHOLDS: tuple[Threshold, ...] = tuple(
    row.key  # type: ignore[misc]
    for row in TABLE
    if row.threshold
)
# Worst first, then no verdict: the order of attention lists and of status sorting.
WORST_FIRST: tuple[Status, ...] = tuple(
    sorted(STATUSES, key=lambda s: -SEVERITY[s] if s in SEVERITY else len(TABLE))
)
STYLE: dict[str, tuple[str, str]] = {row.key: (row.symbol, row.style) for row in TABLE}
HEX: dict[str, str] = {row.key: row.hex for row in TABLE}
MARK: dict[str, str] = {row.key: row.mark for row in TABLE}
WORDS: dict[str, dict[str, str]] = {
    "en": {row.key: row.en for row in TABLE},
    "zh": {row.key: row.zh for row in TABLE},
}
