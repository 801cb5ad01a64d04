"""`zjplan cities`: the summed targets × the plan's cities, in every format.

A cell gives the city's latest figure and, under it, its share of the province (or its
progress against its allocation); a city that reported nothing shows '—'. The last columns
give the cities' sum and the province's own figure side by side.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zjplan.cities import CityCell, CityMatrix, MatrixRow
from zjplan.csvtext import to_csv
from zjplan.model import Plan
from zjplan.render.fitted import Fitted
from zjplan.render.labels import QUALIFIER_MARKS, STATUS_HEX, STATUS_STYLE, STATUS_WORDS
from zjplan.render.tabular import to_markdown
from zjplan.render.words import number, percent
from zjplan.sanitise import inert

WORDS = {
    "en": {"title": "Cities side by side", "target": "target", "sum": "cities' sum",
           "province": "province's own", "reported": "reported", "share": "share",
           "progress": "of allocation", "as_of": "as of", "none": "no summed target"},
    "zh": {"title": "各市对比", "target": "指标", "sum": "各市合计", "province": "全省数据",
           "reported": "已报市数", "share": "占全省", "progress": "完成分解任务",
           "as_of": "截至", "none": "没有可按市汇总的指标"},
}  # fmt: skip


def _short(plan: Plan, city: str) -> str:
    found = plan.find_region(city)
    return found.short if found else city


def _cell_text(c: CityCell, lang: str) -> str:
    if c.value is None:
        return "—"
    words = WORDS[lang]
    text = number(c.value)
    if c.progress_share is not None:
        text += f" ({percent(c.progress_share)} {words['progress']})"
    elif c.share_of_province is not None:
        text += f" ({words['share']} {percent(c.share_of_province)})"
    return text


def _name(row: MatrixRow, lang: str) -> str:
    return row.name_zh if lang == "zh" else row.name_en


def cities_table(matrix: CityMatrix, plan: Plan, lang: str) -> RenderableType:
    words = WORDS[lang]
    title = f"{inert(matrix.plan)} · {words['title']} · {words['as_of']} {matrix.as_of or '—'}"
    if not matrix.rows:
        return Text(words["none"])
    table = Table(title=title, title_style="bold", pad_edge=False)
    table.add_column(words["target"], overflow="fold", max_width=24)
    for city in matrix.cities:
        table.add_column(inert(_short(plan, city)), justify="right", overflow="fold")
    table.add_column(words["sum"], justify="right")
    table.add_column(words["province"], justify="right")
    for row in matrix.rows:
        cells: list[Text] = []
        for c in row.cells:
            _, style = STATUS_STYLE[c.status] if c.value is not None else ("", "dim")
            value = Text(number(c.value) if c.value is not None else "—", style=style)
            if c.value is not None:
                share = c.progress_share if c.progress_share is not None else c.share_of_province
                value.append(f"\n{percent(share)}", style="dim")
            cells.append(value)
        table.add_row(
            Text(inert(_name(row, lang))),
            *cells,
            Text(f"{number(row.cities_sum)}\n{row.reported}/{len(matrix.cities)}"),
            Text(
                province_text(row, lang) + (f"\n{row.province_as_of}" if row.province_as_of else "")
            ),
        )
    return Fitted(table, _narrow(matrix, plan, lang, title))


def province_text(row: MatrixRow, lang: str) -> str:
    """The province's own figure with its bound (≥8.9万 for 超过8.9万), '—' for none."""
    if row.province_value is None:
        return "—"
    return QUALIFIER_MARKS[lang][row.province_qualifier] + number(row.province_value)


def _narrow(matrix: CityMatrix, plan: Plan, lang: str, title: str) -> RenderableType:
    words = WORDS[lang]
    parts: list[RenderableType] = [Text(title, style="bold")]
    for row in matrix.rows:
        head = Text(inert(_name(row, lang)), style="bold")
        totals = Text(
            f"  {words['sum']} {number(row.cities_sum)} ({row.reported}/{len(matrix.cities)})"
            f" · {words['province']} {province_text(row, lang)}"
            + (f" @{row.province_as_of}" if row.province_as_of else ""),
            style="dim",
        )
        parts += [head, totals]
        cities = Text("  ")
        for c in row.cells:
            _, style = STATUS_STYLE[c.status] if c.value is not None else ("", "dim")
            cities.append(inert(_short(plan, c.region)) + "\u00a0", style="")
            cities.append(number(c.value) if c.value is not None else "—", style=style)
            cities.append("   ")
        parts.append(cities)
    return Group(*parts)


HEADER = ("id", "name", "region", "value", "as_of", "share_of_province", "progress_share",
          "status")  # fmt: skip


def cities_csv(matrix: CityMatrix, plan: Plan, lang: str) -> str:
    """One row per target and region (the cities, then the sum and the province's own)."""
    rows: list[list[str | float | None]] = []
    for row in matrix.rows:
        name = _name(row, lang)
        for c in row.cells:
            rows.append([row.id, name, c.region, c.value, c.as_of.isoformat() if c.as_of else None,
                         c.share_of_province, c.progress_share, c.status])  # fmt: skip
        rows.append([row.id, name, "sum", row.cities_sum, None, None, None, None])
        as_of = row.province_as_of.isoformat() if row.province_as_of else None
        rows.append([row.id, name, plan.province.name, row.province_value, as_of, None, None, None])
    return "\ufeff" + to_csv(HEADER, rows)


def cities_json(matrix: CityMatrix, plan: Plan, lang: str) -> str:
    from zjplan.render.jsonout import model_json

    return model_json(matrix)


def cities_markdown(matrix: CityMatrix, plan: Plan, lang: str) -> str:
    words = WORDS[lang]
    head = [words["target"], *(_short(plan, c) for c in matrix.cities), words["sum"],
            words["province"]]  # fmt: skip
    rows = [
        [_name(row, lang), *(_cell_text(c, lang) for c in row.cells),
         f"{number(row.cities_sum)} ({row.reported}/{len(matrix.cities)})",
         number(row.province_value)]
        for row in matrix.rows
    ]  # fmt: skip
    title = f"## {words['title']} — {words['as_of']} {matrix.as_of or '—'}\n\n"
    return title + (to_markdown(head, rows) if rows else words["none"] + "\n")


def cities_html(matrix: CityMatrix, plan: Plan, lang: str) -> str:
    """A colour-coded matrix: each cell tinted by the city's status on the target."""
    from zjplan.render.html import text

    words = WORDS[lang]
    head = "".join(f"<th>{text(_short(plan, c))}</th>" for c in matrix.cities)
    body = []
    for row in matrix.rows:
        cells = []
        for c in row.cells:
            colour = STATUS_HEX[c.status] if c.value is not None else "#eaeef2"
            tip = STATUS_WORDS[lang][c.status]
            cells.append(
                f'<td style="background:{colour}22;border-left:4px solid {colour}" '
                f'title="{text(tip)}">{text(_cell_text(c, lang))}</td>'
            )
        body.append(
            f"<tr><th>{text(_name(row, lang))}</th>{''.join(cells)}"
            f"<td>{text(number(row.cities_sum))} ({row.reported}/{len(matrix.cities)})</td>"
            f"<td>{text(number(row.province_value))}</td></tr>"
        )
    title = f"{matrix.plan} — {words['title']}, {words['as_of']} {matrix.as_of or '—'}"
    style = (
        'body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;'
        "margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;"
        "padding:.3rem .5rem;text-align:right;font-size:.9rem}th{text-align:left}"
        "@media print{@page{size:A4 landscape;margin:10mm}tr{break-inside:avoid}}"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{text(title)}</title><style>{style}</style></head><body>"
        f"<h1>{text(title)}</h1><table><tr><th>{text(words['target'])}</th>{head}"
        f"<th>{text(words['sum'])}</th><th>{text(words['province'])}</th></tr>"
        + "".join(body)
        + "</table></body></html>\n"
    )
