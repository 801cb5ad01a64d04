"""Trend charts as inline SVG, drawn by matplotlib (no pyplot, no display, no network)."""

from __future__ import annotations

import io
import re
from datetime import date

from zjplan.comparators import kind
from zjplan.render.labels import STATUS_HEX
from zjplan.report import TargetResult


def year(day: date) -> float:
    """A date as a fractional year, 2019-07-02 -> 2019.5."""
    days = 366 if day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0) else 365
    return day.year + (day.timetuple().tm_yday - 1) / days


LEGEND = {
    "en": {"figures": "figures", "path": "path", "projection": "projection", "target": "target",
           "index": "index"},
    "zh": {"figures": "实际值", "path": "序时路径", "projection": "趋势预测", "target": "目标",
           "index": "指数"},
}  # fmt: skip
# CJK fonts first where a machine has them, so Chinese in a chart never shows as boxes.
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC",
         "Microsoft YaHei", "SimHei", "DejaVu Sans"]  # fmt: skip


def trend_svg(r: TargetResult, lang: str = "en") -> str | None:
    """The target's figures over time, the straight path from (S, b) to (D, T), the target
    level and the linear projection at D; None when there is nothing to draw."""
    svg = _draw(r, lang, "svg")
    if svg is None:
        return None
    text = svg.decode("utf-8")
    # Inline: drop the XML prolog and DOCTYPE; the <svg> element is all a page needs.
    return text[text.index("<svg") :] if "<svg" in text else None


def trend_png(r: TargetResult, lang: str = "en", dpi: int = 200) -> bytes | None:
    """The same chart as a PNG (for a Word briefing); None when there is nothing to draw."""
    return _draw(r, lang, "png", dpi)


def has_cjk_font() -> bool:
    """True when matplotlib finds one of the CJK fonts on this machine (a PNG draws its
    text itself: without one, Chinese would be boxes)."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return any(name in names for name in FONTS[:-1])


def _draw(r: TargetResult, lang: str, fmt: str, dpi: int = 100) -> bytes | None:
    if not r.history or r.value is None or not kind(r.comparator).numeric:
        return None
    import warnings

    with warnings.catch_warnings():
        # A missing glyph is matplotlib's warning; an SVG keeps the text for the browser's
        # fonts, and a PNG without a CJK font leaves its legend out (below).
        warnings.simplefilter("ignore", UserWarning)
        return _figure(r, r.value, lang, fmt, dpi)


def _figure(r: TargetResult, goal: float, lang: str, fmt: str, dpi: int) -> bytes:
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    colour = STATUS_HEX[r.status]
    words = LEGEND[lang]
    with rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "zjplan",
            "font.size": 8,
            "font.family": ["sans-serif"],
            "font.sans-serif": FONTS,
        }
    ):
        fig = Figure(figsize=(4.2, 2.2), dpi=100)
        ax = fig.subplots()
        xs = [year(p.as_of) for p in r.history]
        start, deadline = year(r.start), year(r.deadline)
        ys = [p.value for p in r.history]
        ax.plot(xs, ys, marker="o", color=colour, linewidth=1.6, label=words["figures"])
        if r.baseline is not None:
            ax.plot(
                [start, deadline],
                [r.baseline, goal],
                linestyle="--",
                color="#8c959f",
                linewidth=1,
                label=words["path"],
            )
        ax.axhline(goal, color="#57606a", linewidth=0.8, linestyle=":")
        # The target line says what it is, at the deadline's end of the axis.
        ax.annotate(
            f"{words['target']} {_short(goal)}", (deadline, goal), xytext=(-2, 2),
            textcoords="offset points", ha="right", va="bottom", fontsize=7, color="#57606a",
        )  # fmt: skip
        if r.projection is not None:
            ax.plot(
                [xs[-1], deadline],
                [ys[-1], r.projection],
                linestyle=":",
                color=colour,
                linewidth=1.2,
                label=words["projection"],
            )
        ax.axvline(deadline, color="#d0d7de", linewidth=0.8)
        # The plan's period on the axis (the figures' when they reach beyond it), a tick at
        # the middle of each year, labelled with the year: a plan to 2020-12-31 ends at 2020.
        first, last = int(min(xs[0], start)), int(max(xs[-1], deadline - 1e-6))
        ax.set_xticks(
            [y + 0.5 for y in range(first, last + 1)], [str(y) for y in range(first, last + 1)]
        )
        ax.set_xlim(min(xs[0], start) - 0.05, max(xs[-1], deadline) + 0.05)
        # From zero, so a gap is never exaggerated (a level that can be negative: through 0).
        low, high = min(0.0, *ys, goal), max(0.0, *ys, goal)
        ax.set_ylim(low - 0.05 * (high - low or 1), high + 0.12 * (high - low or 1))
        unit = words["index"] if r.figures == "change" else (r.unit or "")
        if unit:  # the unit above the axis, read the way the numbers are
            ax.annotate(unit, (0, 1), xycoords="axes fraction", xytext=(-4, 4),
                        textcoords="offset points", ha="right", va="bottom", size=7)  # fmt: skip
        ax.spines[["top", "right"]].set_visible(False)
        if fmt == "svg" or lang != "zh" or has_cjk_font():
            ax.legend(loc="upper left", frameon=False, fontsize=7)
        fig.tight_layout()
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, metadata=metadata, dpi=dpi)
    return buffer.getvalue()


def _short(value: float) -> str:
    """A number for a chart's label: 100000 -> 10万, 8000 -> 8000, 0.5 -> 0.5."""
    from zjplan.render.words import number

    return number(value)


def strip_size(svg: str) -> str:
    """Let CSS size the chart: remove the fixed width and height of the <svg> element."""
    return re.sub(r'(<svg[^>]*?)\s(?:width|height)="[^"]*"', r"\1", svg, count=2)
