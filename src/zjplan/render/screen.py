"""What `zjplan status` shows, as lines of (text, style) segments: no rich here.

The terminal (render/status.py, through rich) and plain text when stdout is not a terminal
(render/plain.py, without importing rich: CI logs and pipes) print the same lines and the
same table cells; only the drawing differs. Attention: every target that is behind, at
risk, missed, stale or uncertain, worst first (status, then schedule gap), each with its
gap, what is needed per year and its owners.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from zjplan.catalogue import Key
from zjplan.comparators import kind
from zjplan.model import Plan
from zjplan.numbers import STATE_OF_VALUE
from zjplan.render.labels import (
    LABELS,
    QUALIFIER_MARKS,
    STATUS_STYLE,
    STATUS_WORDS,
    colon,
    counted,
    status_word,
    verdict,
)
from zjplan.render.order import groups
from zjplan.render.words import (
    MILESTONE_WORDS,
    gap_unit,
    goal_text,
    latest_text,
    number,
    owners_text,
)
from zjplan.report import (
    STATUSES,
    Report,
    TargetResult,
    attention,
    changes,
    flagged_on_track,
)
from zjplan.sanitise import inert
from zjplan.wording import say, says

Segment = tuple[str, str]  # (text, rich style; "" for none)
Line = list[Segment]

HEADLINE = {
    "en": {"numeric": "quantitative targets", "tasks": "tasks", "attention": "Needs attention",
           "none": "Nothing is behind, at risk or missed.",
           "gap": "gap", "per_year": "needed / year", "owners": "owners",
           "schedule": "序时", "a_year": "a year", "needed": "needed"},
    "zh": {"numeric": "项量化指标", "tasks": "项任务", "attention": "需关注",
           "none": "没有滞后、存在风险或未达成的指标。",
           "gap": "差距", "per_year": "每年需", "owners": "责任单位", "schedule": "序时",
           "a_year": "年均", "needed": "需"},
}  # fmt: skip


def width(text: str) -> int:
    """Terminal cells: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def counts_line(results: list[TargetResult], lang: str) -> Line:
    line: Line = []
    for status in ("achieved", "on_track", "at_risk", "behind", "missed", "no_data", "unallocated"):
        n = sum(r.status == status for r in results)
        if n:
            symbol, style = STATUS_STYLE[status]
            line += [(f"{symbol} {STATUS_WORDS[lang][status]} {n}", style), ("  ", "")]
    return line


def headline_lines(report: Report, lang: str) -> list[Line]:
    """Report date and plan, counts per status for quantitative targets and for tasks,
    stale and uncertain counts."""
    words, labels = HEADLINE[lang], LABELS[lang]
    numeric = [r for r in report.targets if kind(r.comparator).reading != "state"]
    tasks = [r for r in report.targets if kind(r.comparator).reading == "state"]
    title = f"{inert(report.plan)} · {inert(report.region)} · {labels['as_of']} "
    lines: list[Line] = [[(title + str(report.as_of or "—"), "bold")]]
    lines += [[(text, "dim")] for text in date_lines(report, lang)]
    if report.unreported:
        names = "、".join(inert(name) for name in report.unreported)
        said = say(says("unreported", n=len(report.unreported), names=names), lang)
        lines.append([(said, "yellow")])
    if numeric:
        lines.append(
            [(f"{len(numeric)} {words['numeric']}{colon(lang)}", ""), *counts_line(numeric, lang)]
        )
    if tasks:
        lines.append(
            [(f"{len(tasks)} {words['tasks']}{colon(lang)}", ""), *counts_line(tasks, lang)]
        )
    extra = [
        f"{labels[k]} {getattr(report.summary, k)}"
        for k in ("stale", "uncertain")
        if getattr(report.summary, k)
    ]
    if extra:
        lines.append([("  ".join(extra), "yellow")])
    return lines


def date_lines(report: Report, lang: str) -> list[str]:
    """How the report's date was chosen, when zjplan chose it, and the figures after it."""
    chosen = report.date_chosen
    if chosen is None or chosen.how != "median" or report.as_of is None:
        return []
    key: Key = "report-date-today" if chosen.capped else "report-date-median"
    assert chosen.median is not None
    lines = [say(says(key, n=chosen.of, median=chosen.median), lang)]
    if chosen.later_count:
        lines.append(say(says("report-date-later", n=chosen.later_count), lang))
        lines += [f"  {f.target_id} {f.as_of} {inert(f.region)}" for f in chosen.later]
        more = chosen.later_count - len(chosen.later)
        if more:
            lines.append(f"  … +{more}")
    return lines


def flagged_lines(report: Report, lang: str) -> list[Line]:
    """One line each for the on-track targets and tasks resting on stale or uncertain
    figures (the attention list leaves them out; --all lists them in the table)."""
    targets, tasks = flagged_on_track(report)
    lines: list[Line] = []
    if targets:
        lines.append([(say(says("flagged-targets", n=len(targets)), lang), "yellow")])
    if tasks:
        lines.append([(say(says("flagged-tasks", n=len(tasks)), lang), "yellow")])
    return lines


def attention_lines(report: Report, lang: str) -> list[Line]:
    """What is behind, at risk or missed, worst first, two lines each; then a line each
    for what is on track on stale or uncertain figures."""
    words = HEADLINE[lang]
    chosen = attention(report)
    if not chosen:
        return [[(words["none"], "green")], *flagged_lines(report, lang)]
    lines: list[Line] = [
        [(counted(words["attention"], len(chosen), lang) + colon(lang).rstrip(), "bold")]
    ]
    for r in chosen:
        _, style = STATUS_STYLE[r.status]
        name = r.name_zh if lang == "zh" else r.name_en
        lines.append([(f"  {verdict(r, lang)}", style), (f"  {inert(name)}", "")])
        # The figure it rests on (with its bound and the cities in it) and its progress
        # against 序时进度; then what is left to do, and whose it is. Three short lines, so
        # nothing wraps at 80 columns.
        detail: Line = [(f"      {r.id}", "cyan"), (f"  {inert(latest_text(r, lang))}", "")]
        if r.progress_share is not None and r.elapsed_share is not None:
            progress = f"{r.progress_share:.0%} / {words['schedule']} {r.elapsed_share:.0%}"
            detail.append((f"  {progress}", ""))
        elif (
            r.comparator == "annual_growth"
            and r.cagr_actual is not None
            and r.cagr_required is not None
        ):
            rate = f"{r.cagr_actual:+.1%} / {words['needed']} {r.cagr_required:+.1%}"
            detail.append((f"  {words['a_year']} {rate}", ""))
        lines.append(detail)
        todo: Line = [("      ", "")]
        if r.gap:
            todo.append((f"{words['gap']} {number(r.gap)}{gap_unit(r, lang)}  ", ""))
        if r.owners:
            more = "…" if len(r.owners) > 3 else ""
            todo.append((f"{inert('、'.join(r.owners[:3]))}{more}", "dim"))
        if len(todo) > 1:
            lines.append(todo)
        if r.broken_at or r.years_short or r.years_missing or (r.within and r.status_reason):
            # what the verdict rests on beyond the latest figure: a floor broken, a year short
            lines.append([(f"      {inert(say(r.status_reason, lang))}", "dim")])
    return lines + flagged_lines(report, lang)


def change_text(r: TargetResult, lang: str) -> str:
    """'on track → behind; 1200 → 1500 (+300)' for one target's since block."""
    since = r.since
    if since is None:
        return ""
    labels = LABELS[lang]
    words = STATUS_WORDS[lang]
    parts = []
    if since.status != r.status:
        parts.append(f"{words[since.status]} → {words[r.status]}")
        same_figure = (
            r.latest is not None
            and since.value == r.latest.value
            and since.value_as_of == r.latest.as_of
        )
        if same_figure:  # nothing new was reported: time went by, 序时进度 moved on
            parts.append(labels["only_schedule"])
    now = r.latest.value if r.latest else None
    if kind(r.comparator).reading == "state":  # a task: its state, never the state's code

        def shown(value: float | None) -> str:
            state = STATE_OF_VALUE.get(value) if value is not None else None
            return MILESTONE_WORDS[lang][state] if state else "—"

        if since.value is None:
            parts.append(f"{labels['no_figure_then']} → {shown(now)}")
        elif since.change:
            parts.append(f"{shown(since.value)} → {shown(now)}")
    elif since.value is None:
        parts.append(f"{labels['no_figure_then']} → {number(now)}")
    elif since.change:
        sign = "+" if since.change > 0 else "−"
        parts.append(f"{number(since.value)} → {number(now)} ({sign}{number(abs(since.change))})")
    elif since.change is None and r.latest is not None and since.value != now:
        # not alike (a bound, or a sum short of cities): both as they are, no difference
        then = QUALIFIER_MARKS[lang][since.qualifier] + number(since.value)
        if since.coverage is not None and not since.coverage.complete:
            then += f" ({since.coverage.reported}/{since.coverage.expected})"
        parts.append(f"{then} → {latest_text(r, lang)}")
    return ("；" if lang == "zh" else "; ").join(parts)


def moved_lines(report: Report, lang: str) -> list[Line]:
    """The 'moved' section of --since, worst news first: two lines a target, as on the
    attention list (the change and the name, then the id), so a line fits 80 columns."""
    labels = LABELS[lang]
    if report.since is None:
        return []
    chosen = changes(report)
    if not chosen:
        return [[(labels["unchanged"].format(day=report.since), "dim")]]
    head = (
        f"{labels['moved']}（{report.since}以来，{len(chosen)}项）："
        if lang == "zh"
        else f"{labels['moved']} {report.since} ({len(chosen)}):"
    )
    lines: list[Line] = [[(head, "bold")]]
    for r in chosen:
        movement = r.since.movement if r.since else "same"
        style = {"worse": "bold red", "better": "green"}.get(movement, "")
        name = r.name_zh if lang == "zh" else r.name_en
        mark = "▼" if movement == "worse" else "▲" if movement == "better" else "·"
        lines.append([(f"  {mark} ", ""), (inert(change_text(r, lang)), style),
                      (f"  {inert(name)}", "")])  # fmt: skip
        lines.append([(f"      {r.id}", "cyan")])
    return lines


def first_screen(report: Report, lang: str, brief: bool = False) -> list[Line]:
    """The headline, what needs attention and (with --since) what moved, blank lines
    between; the table follows unless ``brief``."""
    lines = [*headline_lines(report, lang), [], *attention_lines(report, lang)]
    if report.since is not None:
        lines += [[], *moved_lines(report, lang)]
    return lines if brief else [*lines, []]


# --- the table ---------------------------------------------------------------------------

BAR = 16
# Below these widths a column gives way, in this order: owners (they are on the attention
# list), then the latest figure, then the progress bar, then the id (the name stays).
DROP_BELOW = {"owners": 150, "latest": 124, "progress": 104, "id": 96}
COLUMNS = ("id", "name", "goal", "latest", "progress", "gap", "status", "owners")
OWNERS_WIDTH = 30


def bar(share: float | None, elapsed: float | None, style: str) -> Line:
    """▰▰▰▰▱▱|▱▱ 47%: progress filled, the 序时进度 (elapsed share) marked with '|'."""
    if share is None:
        return [("—", "dim")]
    filled = round(min(max(share, 0.0), 1.0) * BAR)
    mark = BAR if elapsed is None else min(round(elapsed * BAR), BAR)
    line: Line = []

    def cells(start: int, stop: int) -> None:
        full = max(0, min(filled, stop) - start)
        line.append(("▰" * full, style))
        line.append(("▱" * (stop - start - full), "dim"))

    cells(0, mark)
    line.append((" ", "") if elapsed is None else ("|", "bold"))  # a blank keeps alignment
    cells(mark, BAR)
    line.append((f" {share * 100:4.0f}%", ""))
    return line


def cut(text: str, room: int) -> str:
    """``text`` in at most ``room`` cells, cut with '…': English at a word's end (never in
    the middle of a word), Chinese at any character."""
    if width(text) <= room:
        return text
    if room <= 1:
        return "…"
    kept = ""
    for ch in text:
        if width(kept + ch) > room - 1:
            break
        kept += ch
    rest = text[len(kept) :]
    if kept and rest and _word(kept[-1]) and _word(rest[0]):  # inside an English word
        edge = max(kept.rfind(" "), kept.rfind("、") + 1 if "、" in kept else -1)
        if edge > 0:
            kept = kept[:edge]
    return kept.rstrip(" ,;:—-、") + "…"


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def text_of(line: Line) -> str:
    return "".join(text for text, _ in line)


def cells(r: TargetResult, plan: Plan, lang: str, region: str) -> dict[str, Line]:
    """One target's cells, by column."""
    goal = goal_text(r, plan, lang)
    _, style = STATUS_STYLE[r.status]
    name = r.name_zh if lang == "zh" else r.name_en
    if r.latest is None:
        latest: Line = [("—", "dim")]
    else:
        latest = [(inert(latest_text(r, lang)), "")]
        if r.latest.region != region:
            latest.append((f" {inert(r.latest.region)}", "dim"))
    return {
        "id": [(r.id + ("*" if r.warnings else ""), "cyan")],
        "name": [(inert(name), "")],
        "goal": [(inert(goal), "")],
        "latest": latest,
        "progress": bar(r.progress_share, r.elapsed_share, style.replace("bold ", "")),
        "gap": [(number(r.gap) if r.gap else ("0" if r.gap == 0 else "—"), "")],
        "status": [(verdict(r, lang), style)],
        "owners": [(inert(owners_text(r.owners, r.owners_now, lang)), "")],
    }


def foldable(r: TargetResult) -> bool:
    """A row that says only 'no data': folded into one line a section unless --all."""
    return r.status == "no_data" and not r.warnings and not r.stale


@dataclass
class Layout:
    """The table for one width: its columns, the name column's room, and its rows: a
    section's heading ("section", text), a target's cells ("row", cells), or the line that
    folds a section's rows without data ("fold", cells); ("rule", ...) between sections."""

    columns: list[str]
    name_width: int
    fixed: dict[str, int]
    rows: list[tuple[str, dict[str, Line]]] = field(default_factory=list)


def layout(report: Report, plan: Plan, lang: str, room: int, all_rows: bool) -> Layout:
    labels = LABELS[lang]
    shown = {name for name, below in DROP_BELOW.items() if room >= below}
    columns = [c for c in COLUMNS if c in shown or c not in DROP_BELOW]
    parts = []
    for section, targets in groups(report):
        folded = [] if all_rows else [r for r in targets if foldable(r)]
        parts.append((section, [r for r in targets if r not in folded], folded))
    made = {r.id: cells(r, plan, lang, report.region) for _, rows, _ in parts for r in rows}
    fixed = {
        key: max([width(labels[key])] + [width(text_of(c[key])) for c in made.values()])
        for key in ("goal", "gap", "status", "id", "latest", "progress")
    }
    used = sum(fixed[c] for c in columns if c in fixed) + 3 * len(columns) + 1
    if "owners" in columns:
        used += OWNERS_WIDTH
    out = Layout(columns, max(room - used, 12), fixed)
    previous_folded = False
    for section, targets, folded in parts:
        only_folded = not targets
        if not (only_folded and previous_folded):
            out.rows.append(("rule", {}))  # sections of 'no data' rows run on without one
        previous_folded = only_folded
        if section and not only_folded:
            # In the first column shown: below 96 columns the id has given way.
            # The numeral in the first column, the name in the name column (cut to it): a
            # long name never widens a column the statuses need.
            named = report.sections.get(section, "")
            heading = {columns[0]: [(inert(section), "bold magenta")]}
            if named and "name" in columns and columns[0] != "name":
                heading["name"] = [(cut(inert(named), out.name_width), "magenta")]
            elif named:
                title = report.section_title(section)
                heading[columns[0]] = [(cut(inert(title), out.name_width), "bold magenta")]
            out.rows.append(("section", heading))
        for r in targets:
            c = made[r.id]
            c["name"] = [(cut(text_of(c["name"]), out.name_width), "")]
            out.rows.append(("row", c))
        if folded:
            names = "、".join((r.name_zh if lang == "zh" else r.id) for r in folded)
            line = f"{len(folded)} 项无数据：{names}" if lang == "zh" else (
                f"{len(folded)} without data: {names}"
            )  # fmt: skip
            row: dict[str, Line] = {}
            if only_folded:
                if "id" in columns:
                    row["id"] = [(inert(section), "bold magenta")]
                else:
                    line = f"{section}  {line}"
            row["name"] = [(cut(inert(line), out.name_width), "dim")]
            out.rows.append(("fold", row))
    return out


def warning_lines(report: Report, lang: str) -> list[Line]:
    """Under the table: each warning of a target marked * in it."""
    warned = [r for _, rows in groups(report) for r in rows if r.warnings]
    if not warned:
        return []
    lines: list[Line] = [[], [(LABELS[lang]["warnings"] + colon(lang).rstrip(), "bold yellow")]]
    for r in warned:
        lines += [[(f"* {r.id}: {inert(say(w, lang))}", "")] for w in r.warnings]
    return lines


def summary_line(report: Report, lang: str) -> Line:
    labels = LABELS[lang]
    counts = report.summary.by_status
    line: Line = [(labels["summary"] + colon(lang), "bold")]
    for status in STATUSES:
        if counts.get(status):
            _, style = STATUS_STYLE[status]
            line += [(f"{status_word(status, lang)} {counts[status]}", style), ("   ", "")]
    for key in ("stale", "uncertain"):
        count = getattr(report.summary, key)
        if count:
            line.append((f"{labels[key]} {count}   ", "yellow"))
    return line


def owner_rows(report: Report, lang: str) -> tuple[list[str], list[list[Segment]]]:
    """The per-owner counts: the header, and a row of cells per owner (ranked)."""
    labels = LABELS[lang]
    shown = [s for s in STATUSES if any(c[s] for c in report.summary.by_owner.values())]
    head = [labels["owner"], *(STATUS_WORDS[lang][s] for s in shown)]
    rows = [
        [(inert(owner), ""), *(
            (str(c[s]), STATUS_STYLE[s][1] if c[s] and s in ("behind", "missed") else "")
            for s in shown
        )]
        for owner, c in report.summary.by_owner.items()  # ranked by summarize
    ]  # fmt: skip
    return head, rows
