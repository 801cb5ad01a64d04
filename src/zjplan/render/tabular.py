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
# strikethrough, images): each is shown as itself behind a backslash. Underscores inside
# ids (industrial_robots_in_use) do not start emphasis in GitHub's Markdown and stay.
_MD_SPECIAL = re.compile(r"[\\`*\[\]#|~>!]")


def md_text(text: str) -> str:
    """Untrusted text as Markdown that shows it and does nothing else: one line, no markup,
    no HTML, no links, no headings (each special character backslash-escaped)."""
    flat = inert(text.replace("\n", " ").replace("\r", " ")).replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\g<0>", flat)


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(md_text(c) for c in cells) + " |"
