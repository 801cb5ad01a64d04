"""`zjplan status` on a terminal: one table grouped by section, then the summary."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from zjplan.model import Plan
from zjplan.render.labels import LABELS, STATUS_STYLE, STATUS_WORDS, status_word, verdict
from zjplan.render.order import groups
from zjplan.render.words import latest_text, number, target_text
from zjplan.render.zh import said
from zjplan.report import STATUSES, Report, TargetResult
from zjplan.sanitise import inert

BAR = 16


def bar(share: float | None, elapsed: float | None, style: str) -> Text:
    """▰▰▰▰▱▱|▱▱ 47%: progress filled, the 序时进度 (elapsed share) marked with '|'."""
    if share is None:
        return Text("—", style="dim")
    filled = round(min(max(share, 0.0), 1.0) * BAR)
    mark = BAR if elapsed is None else min(round(elapsed * BAR), BAR)
    text = Text()

    def cells(start: int, stop: int) -> None:
        full = max(0, min(filled, stop) - start)
        text.append("▰" * full, style=style)
        text.append("▱" * (stop - start - full), style="dim")

    cells(0, mark)
    if elapsed is None:
        text.append(" ")  # no 序时进度: a blank keeps the columns aligned
    else:
        text.append("|", style="bold")
    cells(mark, BAR)
    text.append(f" {share * 100:4.0f}%")
    return text


def _latest(r: TargetResult, lang: str, region: str) -> Text:
    if r.latest is None:
        return Text("—", style="dim")
    text = Text(inert(latest_text(r, lang)))
    if r.latest.region != region:
        text.append(f" {inert(r.latest.region)}", style="dim")
    return text


def _status(r: TargetResult, lang: str) -> Text:
    _, style = STATUS_STYLE[r.status]
    return Text(verdict(r, lang), style=style)


# Below these widths a column gives way, in this order: owners (they are on the attention
# list), then the latest figure, then the progress bar, then the id (the name stays).
DROP_BELOW = {"owners": 150, "latest": 124, "progress": 104, "id": 96}


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut with '…': English at a word's end (never in
    the middle of a word), Chinese at any character."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"
    kept = ""
    for ch in text:
        if cell_len(kept + ch) > width - 1:
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


class StatusTable:
    """The status table, laid out for the width it is printed at (console or file)."""

    def __init__(self, report: Report, plan: Plan, lang: str, all_rows: bool) -> None:
        self.report, self.plan, self.lang, self.all_rows = report, plan, lang, all_rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def table(self, width: int) -> Table:
        report, lang = self.report, self.lang
        labels = LABELS[lang]
        shown = {name for name, below in DROP_BELOW.items() if width >= below}
        region = inert(report.region)
        title = Text(f"{inert(report.plan)} · {region} · {labels['as_of']} {report.as_of or '—'}")
        rows = []
        for section, targets in groups(report):
            folded = [] if self.all_rows else [r for r in targets if _foldable(r)]
            rows.append((section, [r for r in targets if r not in folded], folded))
        cells = {r.id: self.cells(r) for _, targets, _ in rows for r in targets}
        fixed = {
            key: max([cell_len(labels[key])] + [cell_len(c[key].plain) for c in cells.values()])
            for key in ("goal", "gap", "status", "id", "latest", "progress")
        }
        columns = ["id", "name", "goal", "latest", "progress", "gap", "status", "owners"]
        columns = [c for c in columns if c in shown or c not in DROP_BELOW]
        used = sum(fixed[c] for c in columns if c in fixed) + 3 * len(columns) + 1
        if "owners" in columns:
            used += 30
        name_width = max(width - used, 12)
        table = Table(title=title, title_style="bold", show_lines=False, pad_edge=False)
        for column in columns:
            table.add_column(
                labels[column],
                no_wrap=column != "owners",
                justify="right" if column == "gap" else "left",
                style="cyan" if column == "id" else None,
                max_width=name_width if column == "name" else 30 if column == "owners" else None,
                min_width=fixed.get(column),
                overflow="fold" if column == "owners" else "ellipsis",
            )
        previous_folded = False
        for section, targets, folded in rows:
            only_folded = not targets
            if not (only_folded and previous_folded):
                table.add_section()  # sections of rows only 'no data' run on without a rule
            previous_folded = only_folded
            if section and not only_folded:
                table.add_row(Text(inert(section), style="bold magenta"), end_section=False)
            for r in targets:
                c = cells[r.id]
                c["name"] = Text(cut(c["name"].plain, name_width))
                table.add_row(*(c[column] for column in columns))
            if folded:
                names = "、".join((r.name_zh if lang == "zh" else r.id) for r in folded)
                line = f"{len(folded)} 项无数据：{names}" if lang == "zh" else (
                    f"{len(folded)} without data: {names}"
                )  # fmt: skip
                row = {c: Text("") for c in columns}
                if only_folded:
                    line = f"{section}  {line}" if "id" not in columns else line
                    if "id" in columns:
                        row["id"] = Text(inert(section), style="bold magenta")
                row["name"] = Text(cut(inert(line), name_width), style="dim")
                table.add_row(*(row[column] for column in columns))
        return table

    def cells(self, r: TargetResult) -> dict[str, Text]:
        lang = self.lang
        target = self.plan.by_id.get(r.id)
        goal = target_text(target, lang) if target else number(r.value)
        _, style = STATUS_STYLE[r.status]
        name = r.name_zh if lang == "zh" else r.name_en
        return {
            "id": Text(r.id + ("*" if r.warnings else ""), style="cyan"),
            "name": Text(inert(name)),
            "goal": Text(inert(goal)),
            "latest": _latest(r, lang, self.report.region),
            "progress": bar(r.progress_share, r.elapsed_share, style.replace("bold ", "")),
            "gap": Text(number(r.gap) if r.gap else ("0" if r.gap == 0 else "—")),
            "status": _status(r, lang),
            "owners": Text(inert("、".join(r.owners))),
        }


def _foldable(r: TargetResult) -> bool:
    """A row that says only 'no data': folded into one line a section unless --all."""
    return r.status == "no_data" and not r.warnings and not r.stale


def status_table(
    report: Report, plan: Plan, lang: str, *, all_rows: bool = False
) -> RenderableType:
    from zjplan.render.attention import attention, headline, moved

    warned = [r for _, rows in groups(report) for r in rows if r.warnings]
    first = [headline(report, lang), Text(""), attention(report, lang), Text("")]
    if report.since is not None:
        first += [moved(report, lang), Text("")]
    table = StatusTable(report, plan, lang, all_rows)
    return Group(*first, table, *warning_lines(warned, lang), summary(report, lang))


def warning_lines(warned: list[TargetResult], lang: str) -> list[Text]:
    """Under the table: each warning of a target marked * in it."""
    if not warned:
        return []
    lines = [Text(""), Text(f"{LABELS[lang]['warnings']}:", style="bold yellow")]
    for r in warned:
        lines += [Text(f"* {r.id}: {inert(said(w, lang))}") for w in r.warnings]
    return lines


def summary(report: Report, lang: str) -> RenderableType:
    labels = LABELS[lang]
    counts = report.summary.by_status
    line = Text(f"{labels['summary']}: ", style="bold")
    for status in STATUSES:
        if counts.get(status):
            _, style = STATUS_STYLE[status]
            line.append(f"{status_word(status, lang)} {counts[status]}", style=style)
            line.append("   ")
    for key in ("stale", "uncertain"):
        count = getattr(report.summary, key)
        if count:
            line.append(f"{labels[key]} {count}   ", style="yellow")
    owners = Table(show_header=True, header_style="bold", pad_edge=False, box=None)
    owners.add_column(labels["owner"])
    shown = [s for s in STATUSES if any(c[s] for c in report.summary.by_owner.values())]
    for status in shown:
        owners.add_column(STATUS_WORDS[lang][status], justify="right")
    for owner, c in report.summary.by_owner.items():  # ranked by summarize
        cells = [
            Text(str(c[s]), style=STATUS_STYLE[s][1] if c[s] and s in ("behind", "missed") else "")
            for s in shown
        ]
        owners.add_row(Text(inert(owner)), *cells)
    return Group(Text(""), line, Text(""), owners)
