"""Targets in the order of the document: sections 一 < 二(一) < … < 三(三)."""

from __future__ import annotations

from zjplan.comparators import kind
from zjplan.report import Report, TargetResult
from zjplan.statuses import SEVERITY, WORST_FIRST

_NUMERALS = "一二三四五六七八九十"


def _numeral(text: str) -> int:
    """一 -> 1, 十九 -> 19, 二十三 -> 23 (up to 九十九); anything else sorts last."""
    if not text or not all(ch in _NUMERALS for ch in text):
        return 99
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _NUMERALS.index(text) + 1 if len(text) == 1 else 99
    high = 1 if not tens else _NUMERALS.index(tens) + 1 if len(tens) == 1 else 99
    low = 0 if not ones else _NUMERALS.index(ones) + 1 if len(ones) == 1 else 99
    return high * 10 + low if high < 10 and low < 10 else 99


def numeral_text(n: int) -> str:
    """1 -> 一, 16 -> 十六, 23 -> 二十三 (1 to 99): how the document numbers its parts."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


def section_key(section: str) -> tuple[int, int]:
    """Document order: 一 < 二(一) < 二(十九) < 三(一)."""
    head, _, rest = section.partition("(")
    return _numeral(head), _numeral(rest.rstrip(")")) if rest else 0


def in_document_order(targets: list[TargetResult]) -> list[TargetResult]:
    """Sections in document order, each task's milestone first, then its targets."""
    return sorted(
        targets, key=lambda r: (section_key(r.section), kind(r.comparator).reading != "state")
    )


ORDERS = ("document", "status", "gap", "owner")
_RANK = {status: rank for rank, status in enumerate(WORST_FIRST) if status in SEVERITY}


def ordered(report: Report) -> list[TargetResult]:
    """The report's targets in its order (``status --sort``): the document's; status (worst
    first, then the schedule gap); gap (most behind schedule first, undefined last); owner
    (owners ranked as in the summary, most behind first). Ties keep the document's order."""
    targets = in_document_order(report.targets)
    match report.order:
        case "status":
            return sorted(targets, key=lambda r: (_RANK.get(r.status, 9), _gap(r)))
        case "gap":
            return sorted(targets, key=lambda r: (r.schedule_gap is None, _gap(r)))
        case "owner":
            rank = {owner: i for i, owner in enumerate(report.summary.by_owner)}
            last = len(rank)
            return sorted(
                targets, key=lambda r: min((rank.get(o, last) for o in r.owners), default=last)
            )
        case _:
            return targets


def _gap(r: TargetResult) -> float:
    return r.schedule_gap if r.schedule_gap is not None else 0.0


def groups(report: Report, worst_within: bool = False) -> list[tuple[str, list[TargetResult]]]:
    """The targets as shown: by section in the document's order (with ``worst_within`` and
    no --sort, worst first within each section), or, sorted another way, one group ("")."""
    from itertools import groupby

    if report.order not in (None, "document"):
        return [("", ordered(report))]
    found = [(section, list(rows)) for section, rows in groupby(
        in_document_order(report.targets), key=lambda r: r.section
    )]  # fmt: skip
    if worst_within and report.order is None:
        found = [(section, sorted(rows, key=_worst)) for section, rows in found]
    return found


def _worst(r: TargetResult) -> tuple[int, float]:
    return _RANK.get(r.status, 9), _gap(r)
