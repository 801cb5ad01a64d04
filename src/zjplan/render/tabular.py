"""Plain-text tables shared by the renderers (CSV lives in zjplan.csvtext)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from zjplan.csvtext import Cell
from zjplan.sanitise import inert


def to_markdown(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """A GitHub-flavoured table; a ``|`` or newline in a cell cannot break it."""
    lines = [_md_row(header), "|" + "|".join("---" for _ in header) + "|"]
    lines += [_md_row(["" if c is None else str(c) for c in row]) for row in rows]
    return "\n".join(lines) + "\n"


# Characters that start Markdown syntax (emphasis, code, links, headings, quotes, tables,
# strikethrough, images), and what GitHub turns into a link or a character of its own:
# each is shown as itself behind a backslash. ':' and '@' break the autolinks of https://…,
# mailto: and a@b.cn, 'www.' becomes 'www\.', and '&' keeps &#x202e; from becoming an
# invisible bidi mark. An underscore starts emphasis only at a word's edge; inside ids
# (industrial_robots_in_use) it stays as it is.
_MD_SPECIAL = re.compile(r"[\\`*\[\]#|~>!&:@]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|(?i:www)\.")
# A list item, a rule or a setext line at the start: '- ', '---', '= ', '1. ', '1) '.
_MD_LEAD = re.compile(r"\s*(?:[-+=](?=[-+=\s]|$)|\d{1,9}(?=[.)](?:\s|$)))")


def _md_escape(match: re.Match[str]) -> str:
    found = match.group()
    return found[:-1] + "\\." if len(found) > 1 else "\\" + found


def md_text(text: str) -> str:
    """Untrusted text as Markdown that shows it and does nothing else: one line, no markup,
    no HTML, no links or autolinks, no entities, no headings or list items (each special
    character backslash-escaped)."""
    flat = inert(text.replace("\n", " ").replace("\r", " "))
    flat = _MD_SPECIAL.sub(_md_escape, flat).replace("<", "&lt;")
    lead = _MD_LEAD.match(flat)
    if lead is None:
        return flat
    at = lead.end()
    if flat[at - 1].isdigit():  # '1. x' -> '1\. x'
        return flat[:at] + "\\" + flat[at:]
    return flat[: at - 1] + "\\" + flat[at - 1 :]  # '- x' -> '\- x'


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(md_text(c) for c in cells) + " |"
