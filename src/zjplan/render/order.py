"""Targets in the order of the document: sections 一 < 二(一) < … < 三(三)."""

from __future__ import annotations

from zjplan.comparators import kind
from zjplan.report import TargetResult

_NUMERALS = "一二三四五六七八九十"


def _numeral(text: str) -> int:
    """一 -> 1 … 十九 -> 19; anything else sorts last."""
    if text and all(ch in _NUMERALS for ch in text):
        if text.startswith("十"):
            return 10 + (_NUMERALS.index(text[1]) + 1 if len(text) > 1 else 0)
        return _NUMERALS.index(text[0]) + 1
    return 99


def section_key(section: str) -> tuple[int, int]:
    """Document order: 一 < 二(一) < 二(十九) < 三(一)."""
    head, _, rest = section.partition("(")
    return _numeral(head), _numeral(rest.rstrip(")")) if rest else 0


def in_document_order(targets: list[TargetResult]) -> list[TargetResult]:
    """Sections in document order, each task's milestone first, then its targets."""
    return sorted(
        targets, key=lambda r: (section_key(r.section), kind(r.comparator).reading != "state")
    )
