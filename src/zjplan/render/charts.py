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
    "en": {"figures": "figures", "path": "path", "projection": "projection"},
    "zh": {"figures": "实际值", "path": "序时路径", "projection": "趋势预测"},
}
# CJK fonts first where a machine has them, so Chinese in a chart never shows as boxes.
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC",
         "Microsoft YaHei", "SimHei", "DejaVu Sans"]  # fmt: skip


def trend_svg(r: TargetResult, lang: str = "en") -> str | None:
    """The target's figures over time, the straight path from (S, b) to (D, T), the target
    level and the linear projection at D; None when there is nothing to draw."""
    if not r.history or r.value is None or not kind(r.comparator).numeric:
        return None
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
                [r.baseline, r.value],
                linestyle="--",
                color="#8c959f",
                linewidth=1,
                label=words["path"],
            )
        ax.axhline(r.value, color="#57606a", linewidth=0.8, linestyle=":")
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
        first = int(min(xs[0], start))
        ax.set_xticks(range(first, int(deadline) + 2))
        # The whole period on the axis, so one figure still has a readable time line.
        ax.set_xlim(min(xs[0], start) - 0.1, max(xs[-1], deadline) + 0.2)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="upper left", frameon=False, fontsize=7)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    # Inline: drop the XML prolog and DOCTYPE; the <svg> element is all a page needs.
    return svg[svg.index("<svg") :] if "<svg" in svg else None


def strip_size(svg: str) -> str:
    """Let CSS size the chart: remove the fixed width and height of the <svg> element."""
    return re.sub(r'(<svg[^>]*?)\s(?:width|height)="[^"]*"', r"\1", svg, count=2)
