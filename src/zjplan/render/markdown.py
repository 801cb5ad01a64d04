"""The Report as GitHub-flavoured Markdown, ready for a CI job summary."""

from __future__ import annotations

from zjplan.model import Plan
from zjplan.render.labels import LABELS, STATUS_WORDS, colon, verdict
from zjplan.render.order import groups
from zjplan.render.tabular import md_text, to_markdown
from zjplan.render.words import goal_text, latest_text, number, owners_text, percent
from zjplan.report import STATUSES, Report, TargetResult, changes
from zjplan.statuses import MARK
from zjplan.wording import say, says

EMOJI = MARK  # each status's mark: the status table's (statuses.py)


def badge(status: str, lang: str) -> str:
    return f"{EMOJI[status]} {STATUS_WORDS[lang][status]}"


def _row(r: TargetResult, plan: Plan, lang: str, gate: bool = True) -> list[str]:
    return [
        r.id,
        r.name_zh if lang == "zh" else r.name_en,
        goal_text(r, plan, lang),
        latest_text(r, lang),
        percent(r.progress_share),
        percent(r.elapsed_share),
        number(r.gap),
        f"{EMOJI[r.status]} {verdict(r, lang, symbol=False)}"
        + (f" · ⛔ {LABELS[lang]['failing']}" if r.failing and gate else ""),
        owners_text(r.owners, r.owners_now, lang),
    ]


def report_markdown(report: Report, plan: Plan, lang: str) -> str:
    labels = LABELS[lang]
    header = [
        labels["id"],
        labels["name"],
        labels["goal"],
        labels["latest"],
        "progress" if lang == "en" else "进度",
        "序时进度",
        labels["gap"],
        labels["status"],
        labels["owners"],
    ]
    counts = report.summary.by_status
    parts = [
        f"## {md_text(report.plan)} — {md_text(report.region)}, {labels['as_of']} "
        f"{report.as_of or '—'}\n",
        f"**{labels['summary']}{colon(lang).rstrip()}** "
        + " · ".join(
            [f"{badge(s, lang)} {counts[s]}" for s in STATUSES if counts.get(s)]
            + [
                f"{labels[key]} {getattr(report.summary, key)}"
                for key in ("stale", "uncertain")
                if getattr(report.summary, key)
            ]
        )
        + "\n",
    ]
    if report.unreported:
        names = "、".join(report.unreported)
        said = say(says("unreported", n=len(report.unreported), names=names), lang)
        parts.append(md_text(said) + "\n")
    if report.gate and any(r.failing for r in report.targets):
        parts.append(
            f"⛔ {labels['failing']}: {STATUS_WORDS[lang][report.fail_on]} "
            + ("or worse (--fail-on)\n" if lang == "en" else "及以下 (--fail-on)\n")
        )
    if report.since is not None:
        parts.append(_moved(report, lang))
    for section, rows in groups(report):
        if section:
            parts.append(f"### {md_text(report.section_title(section))}\n")
        parts.append(to_markdown(header, [_row(r, plan, lang, report.gate) for r in rows]))
        notes = [f"- `{r.id}`: {md_text(say(w, lang))}" for r in rows for w in r.warnings]
        if notes:
            parts.append(
                labels["warnings"] + colon(lang).rstrip() + "\n\n" + "\n".join(notes) + "\n"
            )
    shown = [s for s in STATUSES if any(c[s] for c in report.summary.by_owner.values())]
    if shown:
        parts.append(f"### {labels['owner']}\n")
        owners = [
            [owner, *(str(c[s]) for s in shown)] for owner, c in report.summary.by_owner.items()
        ]
        parts.append(to_markdown([labels["owner"], *(badge(s, lang) for s in shown)], owners))
    return "\n".join(parts)


def _moved(report: Report, lang: str) -> str:
    """With --since: what moved since the earlier date, worst news first."""
    from zjplan.render.screen import change_text

    labels = LABELS[lang]
    chosen = changes(report)
    if not chosen:
        return labels["unchanged"].format(day=report.since) + "\n"
    rows = [[r.id, r.name_zh if lang == "zh" else r.name_en, change_text(r, lang)] for r in chosen]
    head = [labels["id"], labels["name"], labels["change"]]
    return f"### {labels['moved']} {report.since}\n\n" + to_markdown(head, rows)
