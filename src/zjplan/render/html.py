"""The Report as one self-contained HTML page: inline CSS and SVG, no script, no requests.

Every text from the data is escaped (and made inert); only http and https sources become
links. Charts are matplotlib SVGs (render/charts.py).
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from zjplan.comparators import kind
from zjplan.model import Plan
from zjplan.render.charts import strip_size, trend_svg
from zjplan.render.labels import LABELS, STATUS_HEX, STATUS_WORDS, counted, verdict
from zjplan.render.order import groups
from zjplan.render.screen import HEADLINE
from zjplan.render.words import (
    gap_unit,
    goal_text,
    latest_text,
    number,
    owners_text,
    per_year,
    percent,
)
from zjplan.render.zh import PACE_WORDS
from zjplan.report import STATUSES, Report, TargetResult, attention, changes
from zjplan.sanitise import inert
from zjplan.wording import is_said, say, says

CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:2rem auto;max-width:1200px;color:#1f2328;background:#fff;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;
text-align:right}td:first-child,th:first-child{text-align:left}
.counts span{display:inline-block;margin-right:1rem;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:1rem}
.card{overflow-wrap:anywhere;min-width:0;border:1px solid #d0d7de;
border-left:6px solid var(--c);border-radius:6px;padding:.75rem}
.card h3{font-size:1rem;margin:0 0 .25rem}.id{color:#57606a;font-family:monospace}
.badge{color:#fff;background:var(--c);border-radius:1rem;padding:0 .6rem;font-size:.85rem}
.bar{position:relative;height:14px;background:#eaeef2;border-radius:7px;margin:.5rem 0}
.fill{position:absolute;left:0;top:0;bottom:0;background:var(--c);border-radius:7px}
.mark{position:absolute;top:-3px;bottom:-3px;width:2px;background:#1f2328}
.chart svg{width:100%;max-width:100%;height:auto}
dl{display:grid;grid-template-columns:auto 1fr;gap:0 .75rem;margin:.25rem 0;font-size:.85rem}
dt{color:#57606a}dd{margin:0}.sources{font-size:.8rem}
.warn{color:#9a6700;font-size:.8rem}
.attention li{margin:.35rem 0}.attention small{color:#57606a}
.icon{vertical-align:-2px}.nodata{columns:2;font-size:.85rem;padding-left:1.2rem}
.nodata li{break-inside:avoid;margin:.15rem 0}.nodata .section,.nodata .owners{color:#57606a}
.moved li{margin:.25rem 0}
@media print{@page{size:A4;margin:14mm}body{margin:0;max-width:none;padding:0}
.cards{display:block}.card{break-inside:avoid;page-break-inside:avoid;margin:0 0 .6rem}
h2{break-after:avoid;page-break-after:avoid}.chart,tr{break-inside:avoid}
.chart svg{max-height:60mm}}
"""


# Status icons drawn inline (an emoji shows as a box where no emoji font is installed):
# a check, a circle, a warning triangle, a cross, a dash, a question mark.
_ICON_PATHS = {
    "achieved": '<path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="2"/>',
    "on_track": '<circle cx="8" cy="8" r="5" fill="none" stroke="currentColor" stroke-width="2"/>',
    "at_risk": '<path d="M8 2l6.5 12h-13z" fill="none" stroke="currentColor" stroke-width="1.8"/>'
    '<path d="M8 6.5v4M8 12v1" stroke="currentColor" stroke-width="1.8"/>',
    "behind": '<path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" stroke-width="2.2"/>',
    "missed": '<circle cx="8" cy="8" r="6.5" fill="currentColor"/>'
    '<path d="M5 5l6 6M11 5l-6 6" stroke="#fff" stroke-width="1.8"/>',
    "no_data": '<path d="M3 8h10" stroke="currentColor" stroke-width="2"/>',
    "unallocated": '<path d="M3 8h10M8 3v10" stroke="currentColor" stroke-width="1.5"/>',
}


# The failing mark (⛔ in Markdown, where GitHub draws emoji): a no-entry sign.
FAILING_ICON = (
    '<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">'
    '<circle cx="8" cy="8" r="7" fill="#cf222e"/><path d="M4 8h8" stroke="#fff" '
    'stroke-width="2.4"/></svg>'
)


def icon(status: str) -> str:
    """A status icon as inline SVG, in the text's colour; the word beside it says the same."""
    return (
        '<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">'
        f"{_ICON_PATHS[status]}</svg>"
    )


def text(value: object) -> str:
    """Data on its way into the page: made inert, then HTML-escaped."""
    return escape(inert(str(value)), quote=True)


def link(source: str) -> str:
    """A source: a link when it is an http(s) URL, else plain text."""
    try:
        scheme = urlsplit(source.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in ("http", "https") and not any(c.isspace() for c in source.strip()):
        url = text(source.strip())
        return f'<a href="{url}" rel="noopener noreferrer nofollow">{url}</a>'
    return text(source)


def _bar(r: TargetResult) -> str:
    if r.progress_share is None:
        return ""
    fill = min(max(r.progress_share, 0.0), 1.0) * 100
    mark = (
        ""
        if r.elapsed_share is None
        else f'<div class="mark" style="left:{r.elapsed_share * 100:.1f}%"></div>'
    )
    return (
        f'<div class="bar" title="progress {percent(r.progress_share)}, '
        f'序时进度 {percent(r.elapsed_share)}"><div class="fill" style="width:{fill:.1f}%"></div>'
        f"{mark}</div>"
    )


def _card(r: TargetResult, plan: Plan, lang: str, gate: bool = True) -> str:
    goal = goal_text(r, plan, lang)
    name = r.name_zh if lang == "zh" else r.name_en
    labels = LABELS[lang]
    facts = [
        (labels["goal"], goal),
        (labels["latest"], latest_text(r, lang)),
        (labels["progress_share"], percent(r.progress_share)),
        ("序时进度", percent(r.elapsed_share)),
        (labels["gap"], number(r.gap)),
        (labels["required"], per_year(r, lang)),
        (labels["projection"], number(r.projection)),
        (labels["pace"], PACE_WORDS[lang][r.pace_class] if r.pace_class else "—"),
        (labels["owners"], owners_text(r.owners, r.owners_now, lang)),
    ]
    if r.city_rank is not None and r.cities_ranked is not None:
        place = (
            f"第{r.city_rank}（{r.cities_ranked}个市已报）"
            if lang == "zh"
            else f"{r.city_rank} of the {r.cities_ranked} cities that reported"
        )
        facts.append((labels["place"], place))
    if r.share_of_province is not None:
        facts.append((labels["share"], percent(r.share_of_province)))
    if r.status_reason:
        facts.append((labels["status"], say(r.status_reason, lang)))
    rows = "".join(f"<dt>{text(k)}</dt><dd>{text(v)}</dd>" for k, v in facts)
    chart = trend_svg(r, lang)
    sources = sorted(
        {p.source for p in r.history if p.source and not is_said(p.source, "sum-of-cities")}
    )
    parts = [
        f'<article class="card" style="--c:{STATUS_HEX[r.status]}" id="{text(r.id)}">',
        f'<h3>{text(name)}</h3><div><span class="id">{text(r.id)}</span> · '
        f'<span class="badge">{icon(r.status)} '
        f"{text(verdict(r, lang, symbol=False))}</span>"
        + (
            f' <span class="failing">{FAILING_ICON} {text(labels["failing"])}</span>'
            if r.failing and gate
            else ""
        )
        + "</div>",
        _bar(r),
        f"<dl>{rows}</dl>",
    ]
    if chart:
        parts.append(f'<div class="chart">{strip_size(chart)}</div>')
    if sources:
        parts.append(
            '<ul class="sources">' + "".join(f"<li>{link(s)}</li>" for s in sources) + "</ul>"
        )
    parts += [f'<p class="warn">{text(say(w, lang))}</p>' for w in r.warnings]
    parts.append("</article>")
    return "".join(parts)


def _attention(report: Report, lang: str) -> str:
    """What needs attention, worst first, before anything else (render/attention.py)."""
    words = HEADLINE[lang]
    chosen = attention(report)
    if not chosen:
        return f'<p class="calm">{text(words["none"])}</p>'
    items = []
    for r in chosen:
        name = r.name_zh if lang == "zh" else r.name_en
        # The figure it rests on (its bound, its date, the cities in it) and its progress
        # against 序时进度, as on the terminal; then what is left, and whose it is.
        facts = [latest_text(r, lang)] if r.latest else []
        if r.progress_share is not None and r.elapsed_share is not None:
            facts.append(f"{r.progress_share:.0%} / {words['schedule']} {r.elapsed_share:.0%}")
        if r.gap:
            facts.append(f"{words['gap']} {number(r.gap)}{gap_unit(r, lang)}")
        if r.required_per_year:
            facts.append(f"{words['per_year']} {per_year(r, lang)}")
        if r.owners:
            facts.append(owners_text(r.owners, r.owners_now, lang))
        items.append(
            f'<li style="--c:{STATUS_HEX[r.status]}"><span class="badge">'
            f"{icon(r.status)} {text(verdict(r, lang, symbol=False))}</span> "
            f'{text(name)} <span class="id">{text(r.id)}</span>'
            f"<br><small>{text(' · '.join(facts))}</small></li>"
        )
    heading = counted(words["attention"], len(chosen), lang)
    return f'<h2>{text(heading)}</h2><ol class="attention">{"".join(items)}</ol>'


def _moved(report: Report, lang: str) -> str:
    """With --since: what moved since the earlier date, worst news first."""
    from zjplan.render.screen import change_text

    if report.since is None:
        return ""
    labels = LABELS[lang]
    chosen = changes(report)
    if not chosen:
        return f"<p>{text(labels['unchanged'].format(day=report.since))}</p>"
    marks = {"worse": "▼", "better": "▲"}
    items = "".join(
        f'<li style="--c:{STATUS_HEX[r.status]}">'
        f"{marks.get(r.since.movement if r.since else '', '·')} "
        f"<b>{text(change_text(r, lang))}</b> "
        f'{text(r.name_zh if lang == "zh" else r.name_en)} <a href="#{text(r.id)}">'
        f"{text(r.id)}</a></li>"
        for r in chosen
    )
    heading = f"{labels['moved']} {report.since} ({len(chosen)})"
    return f'<h2>{text(heading)}</h2><ul class="moved">{items}</ul>'


def _headline(report: Report, lang: str) -> str:
    """The headline every format gives (screen.headline_lines): how the date was chosen,
    then the counts per status of the quantitative targets and, apart, of the tasks, then
    how many are stale or uncertain."""
    from zjplan.render.screen import date_lines

    words, labels = HEADLINE[lang], LABELS[lang]
    lines = [f'<p class="chosen">{text(line.strip())}</p>' for line in date_lines(report, lang)]
    for group, label in (
        ([r for r in report.targets if kind(r.comparator).reading != "state"], "numeric"),
        ([r for r in report.targets if kind(r.comparator).reading == "state"], "tasks"),
    ):
        if not group:
            continue
        spans = "".join(
            f'<span style="color:{STATUS_HEX[s]}">{icon(s)} {text(STATUS_WORDS[lang][s])} '
            f"{n}</span>"
            for s in STATUSES
            if (n := sum(r.status == s for r in group))
        )
        lines.append(f'<p class="counts"><b>{len(group)} {text(words[label])}</b> {spans}</p>')
    extra = "".join(
        f"<span>{text(labels[key])} {getattr(report.summary, key)}</span>"
        for key in ("stale", "uncertain")
        if getattr(report.summary, key)
    )
    if extra:
        lines.append(f'<p class="counts">{extra}</p>')
    return "".join(lines)


def _silent_city(report: Report, plan: Plan, lang: str) -> str:
    """A city's page when the city sent nothing for the report's period: 未报送, and when it
    last did (never 'nothing is behind', which its silence cannot show)."""
    if report.region == plan.province.name or report.as_of is None:
        return ""
    from zjplan.model import FREQUENCY_MONTHS
    from zjplan.series import period_end

    months = FREQUENCY_MONTHS[plan.plan.frequency]
    period = period_end(report.as_of, months)
    days = [t.latest.as_of for t in report.targets if t.latest is not None]
    if any(period_end(d, months) == period for d in days):
        return ""
    last = max(days, default=None)
    if lang == "zh":
        said = f"{report.region}本期（截至{period}）未报送。" + (
            f"最近一次报送的数据截至{last}。" if last else "此前也没有报送过数据。"
        )
    else:
        said = f"{report.region} sent nothing for the period ending {period}. " + (
            f"Its latest figure is of {last}." if last else "It has sent no figure before either."
        )
    return f'<p class="unreported">{text(said)}</p>'


def _unreported(report: Report, lang: str) -> str:
    """The cities that sent nothing for the period: every sum above is short of them."""
    if not report.unreported:
        return ""
    names = "、".join(report.unreported)
    said = say(says("unreported", n=len(report.unreported), names=names), lang)
    return f'<p class="unreported">{text(said)}</p>'


def report_html(report: Report, plan: Plan, lang: str) -> str:
    labels = LABELS[lang]
    comma = "，" if lang == "zh" else ", "
    title = f"{report.plan} — {report.region}{comma}{labels['as_of']} {report.as_of or '—'}"
    count_html = _headline(report, lang)
    shown = [s for s in STATUSES if any(c[s] for c in report.summary.by_owner.values())]
    theirs: dict[str, list[str]] = {}
    for r in report.targets:
        for owner in r.owners:
            theirs.setdefault(owner, []).append(r.id)
    owner_rows = "".join(
        f"<tr><td><details><summary>{text(owner)}</summary>"
        + " ".join(f'<a href="#{text(i)}">{text(i)}</a>' for i in theirs.get(owner, ()))
        + "</details></td>"
        + "".join(f"<td>{c[s]}</td>" for s in shown)
        + "</tr>"
        for owner, c in report.summary.by_owner.items()  # ranked by summarize
    )
    owners = (
        f"<table><tr><th>{text(labels['owner'])}</th>"
        + "".join(f"<th>{text(STATUS_WORDS[lang][s])}</th>" for s in shown)
        + f"</tr>{owner_rows}</table>"
    )
    # Cards for the targets with something to show (worst first within each section, or
    # in --sort's order), then the targets without data as one compact list.
    sections: list[str] = []
    empty: list[TargetResult] = []
    for section, rows in groups(report, worst_within=True):
        with_data = [r for r in rows if r.status != "no_data"]
        empty += [r for r in rows if r.status == "no_data"]
        if with_data:
            heading = f"<h2>{text(report.section_title(section))}</h2>" if section else ""
            cards = "".join(_card(r, plan, lang, report.gate) for r in with_data)
            sections.append(f'{heading}<div class="cards">{cards}</div>')
    if empty:
        items = "".join(
            f'<li id="{text(r.id)}"><span class="section">{text(r.section)}</span> '
            f"{text(r.name_zh if lang == 'zh' else r.name_en)} <code>{text(r.id)}</code> "
            f'<span class="owners">{text(owners_text(r.owners, r.owners_now, lang))}</span></li>'
            for r in empty
        )
        sections.append(
            f'<h2>{text(labels["no_data_list"])} ({len(empty)})</h2><ul class="nodata">{items}</ul>'
        )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{text(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{text(title)}</h1>{count_html}"
        + _unreported(report, lang)
        + (_silent_city(report, plan, lang) or _attention(report, lang))
        + _moved(report, lang)
        + f"<h2>{text(labels['owner'])}</h2>{owners}"
        + "".join(sections)
        + "</body></html>\n"
    )
