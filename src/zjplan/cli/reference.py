"""Commands about the plan and zjplan itself: targets, errors, schema."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from zjplan.cli.app import (
    DEFAULT_PLAN,
    LangOpt,
    PlanOpt,
    app,
    match_owner,
    match_section,
    pick_lang,
    print_out,
)
from zjplan.cli.run import choose_plan
from zjplan.render.formats import TargetFormat, targets_renderer


class SchemaName(StrEnum):
    plan = "plan"
    report = "report"
    check_report = "check-report"
    cities = "cities"


class ErrorsFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command()
def targets(
    plan: PlanOpt = DEFAULT_PLAN,
    fmt: Annotated[TargetFormat, typer.Option("--format", help="Output format.")] = (
        TargetFormat.table
    ),
    owner: Annotated[
        str | None, typer.Option(help="Only targets this 责任单位 owns, e.g. 省经信委.")
    ] = None,
    section: Annotated[
        str | None, typer.Option(help="Only this section and its tasks, e.g. 二(九) or 一.")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """List every target of the plan, as the document states it.

    Example: zjplan targets --owner 省经信委 --format markdown
    """
    p = choose_plan(plan).plan
    unit = match_owner(p, owner) if owner is not None else None
    part = section
    if section is not None and not any(t.section.startswith(section + "(") for t in p.targets):
        part = match_section(p, section)  # not a part's head (二): one section, as typed
    chosen = [
        t
        for t in p.targets
        if (unit is None or any(p.same_owner(unit, o) for o in t.owners))
        and (part is None or t.section == part or t.section.startswith(part + "("))
    ]
    print_out(targets_renderer(fmt)(p, chosen, pick_lang(lang)))


@app.command()
def errors(
    code: Annotated[str | None, typer.Argument(help="One problem code, e.g. not-a-number.")] = None,
    fmt: Annotated[ErrorsFormat, typer.Option("--format", help="Output format.")] = (
        ErrorsFormat.text
    ),
) -> None:
    """Every problem code zjplan reports: its severity, what it means, how to fix it.

    Example: zjplan errors unit-mismatch
    """
    from zjplan.errors import CATALOGUE, catalogue_markdown

    if fmt is ErrorsFormat.markdown:
        print_out(catalogue_markdown())
        return
    if code is not None and code not in CATALOGUE:
        import difflib

        close = difflib.get_close_matches(code, list(CATALOGUE), n=1)
        hint = f"; did you mean {close[0]}?" if close else "; run `zjplan errors` for the list"
        raise typer.BadParameter(f"no problem code {code!r}{hint}", param_hint="CODE")
    for name, entry in CATALOGUE.items():
        if code is None or name == code:
            print(
                f"{name} ({entry.severity}, {entry.where})\n  {entry.meaning}\n  fix: {entry.fix}"
            )


@app.command()
def schema(
    which: Annotated[SchemaName, typer.Argument(help="Which schema.")] = SchemaName.plan,
) -> None:
    """Print the JSON Schema of a zjplan file, for editors and other tools.

    Example: zjplan schema plan > data/plan.schema.json
    """
    from zjplan.schemas import schema_json

    print_out(schema_json(which.value))
