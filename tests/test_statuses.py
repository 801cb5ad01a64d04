"""The status table (statuses.py) is the one definition of a status: the Status type,
--fail-on's choices, the severities and every renderer's words, symbols and colours agree
with it, so adding a status is one row there plus the rule that decides it."""

from __future__ import annotations

import typing
import unicodedata

from zjplan import statuses
from zjplan.cli.reports import FailOn
from zjplan.render import labels, markdown, order
from zjplan.report import SEVERITY, STATUSES, THRESHOLDS, Status, Threshold


def test_the_types_list_the_tables_statuses() -> None:
    assert set(typing.get_args(Status)) == set(STATUSES) == {r.key for r in statuses.TABLE}
    assert set(typing.get_args(Threshold)) == set(THRESHOLDS)
    assert [m.value for m in FailOn] == [*THRESHOLDS, "never"]


def test_severities_order_the_verdicts() -> None:
    assert all(t in SEVERITY for t in THRESHOLDS)
    verdicts = [s for s in STATUSES if s in SEVERITY]
    assert [SEVERITY[s] for s in verdicts] == sorted(SEVERITY[s] for s in verdicts)
    assert statuses.WORST_FIRST[: len(verdicts)] == tuple(reversed(verdicts))
    assert order._RANK["missed"] == 0


def test_every_output_shows_every_status() -> None:
    for status in STATUSES:
        symbol, style = labels.STATUS_STYLE[status]
        assert all(unicodedata.east_asian_width(ch) in ("N", "Na") for ch in symbol), status
        assert style
        assert labels.STATUS_HEX[status].startswith("#")
        assert markdown.EMOJI[status]
        for lang in ("en", "zh"):
            assert labels.STATUS_WORDS[lang][status], (lang, status)
    for lang in ("en", "zh"):  # the words of two statuses never coincide
        assert len(set(labels.STATUS_WORDS[lang].values())) == len(STATUSES)
