"""The officer's first screen, through rich: a headline of counts, then what needs
attention, worst first (the lines themselves are made in render/screen.py, so plain text
prints the same). The same list and order serve the terminal, --brief and every format
that opens with it."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from zjplan.render.screen import (
    Line,
    attention_lines,
    first_screen,
    headline_lines,
    moved_lines,
)
from zjplan.report import Report


def rich_line(line: Line) -> Text:
    return Text.assemble(*line) if line else Text("")


def lines(found: list[Line]) -> RenderableType:
    return Group(*map(rich_line, found))


def headline(report: Report, lang: str) -> RenderableType:
    return lines(headline_lines(report, lang))


def attention(report: Report, lang: str) -> RenderableType:
    return lines(attention_lines(report, lang))


def moved(report: Report, lang: str) -> RenderableType:
    return lines(moved_lines(report, lang))


def brief(report: Report, plan: object, lang: str) -> RenderableType:
    """--brief: the headline and the attention list only (with --since, what moved)."""
    return lines(first_screen(report, lang, brief=True))
