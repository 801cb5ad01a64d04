"""Commands for the clerk who checks the cities' submissions: check, template, merge."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from zjplan.cli.app import (
    DEFAULT_PLAN,
    ForceOpt,
    LangOpt,
    PlanOpt,
    PreferOpt,
    app,
    fail,
    find_inputs,
    output_format,
    outside_inputs,
    parse_as_of,
    pick_lang,
    print_out,
    region_name,
    today,
    workflow_commands,
    write_output,
)
from zjplan.cli.run import choose_plan, inputs_of
from zjplan.errors import ExitCode, Problem
from zjplan.render.formats import (
    ChaseFormat,
    CheckFormat,
    TemplateFormat,
    chase_spec,
    chase_writer,
    check_renderer,
    check_spec,
    template_spec,
    template_writer,
)
from zjplan.wording import say, says


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Submission files (.csv, .xlsx) or folders; default: data/progress/.",
            metavar="PATHS",
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = DEFAULT_PLAN,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] = (
        CheckFormat.table
    ),
    period: Annotated[
        str | None,
        typer.Option(help="Show who reported what for this period: 2019Q4, 2019-12, 2019."),
    ] = None,
    expect_regions: Annotated[
        str,
        typer.Option(
            "--expect-regions",
            help="With --period: 'all', or the regions expected, comma-separated "
            "(宁波,杭州 in the shipped plan).",
        ),
    ] = "all",
    strict: Annotated[bool, typer.Option(help="Fail on warnings and missing figures too.")] = False,
    prefer: PreferOpt = None,
    chase: Annotated[
        Path | None,
        typer.Option(
            "--chase",
            help="With --period: write the chase list here (.csv, .xlsx or .md): one row "
            "per region and missing figure with its cause, and a reminder to send.",
        ),
    ] = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """Check the plan and every submission; list each mistake with its place and fix.

    Each problem is one line: file:line:column: error[code]: message (hint). Exit 0 when
    there is no error (--strict: no warning and nothing missing either), 1 when there
    is, 2 when zjplan could not run (bad option, unreadable plan).

    Example: zjplan check submissions/ --period 2019Q4 --expect-regions all
    """
    from zjplan.sanitise import quoted
    from zjplan.submissions import check as run_check

    chosen_plan = choose_plan(plan)
    p = chosen_plan.plan
    regions: list[str] | None = None
    if expect_regions.strip().lower() != "all":
        regions = [r.strip() for r in expect_regions.split(",") if r.strip()]
        unknown = [r for r in regions if p.find_region(r) is None]
        if unknown:
            raise typer.BadParameter(
                f"not regions of the plan: {', '.join(quoted(u) for u in unknown)}",
                param_hint="--expect-regions",
            )
    if period is not None:
        parse_as_of(period, "--period")  # a clear usage error for a bad period
    if chase is not None and period is None:
        raise typer.BadParameter("the chase list needs --period (2019Q4)", param_hint="--chase")
    chase_fmt = output_format(chase, ChaseFormat, chase_spec) if chase is not None else None
    chosen = inputs_of(paths, chosen_plan)
    found = find_inputs(chosen)
    outside_inputs(chosen, {"--chase": chase})
    report = run_check(found, p, period, regions, today=today(), prefer=prefer or "")
    spec = check_spec(fmt)
    language = pick_lang(lang)
    if spec.payload == "rich":
        print_out(f"{plan}: ok, {len(p.targets)} targets, {len(p.regions)} regions\n")
    if fmt is CheckFormat.github:
        workflow_commands()
    print_out(check_renderer(fmt)(report, p, language))
    if chase is not None and chase_fmt is not None and report.completeness is not None:
        made = chase_writer(chase_fmt)(report.completeness, p, language)
        # Excel reads a CSV as UTF-8 only behind a byte-order mark; Markdown wants none.
        bom = chase_fmt is ChaseFormat.csv
        write_output(chase, made, encoding="utf-8-sig" if bom else "utf-8", force=force)
        print(say(says("wrote", path=str(chase)), language), file=sys.stderr)
    if not report.passed(strict):
        raise typer.Exit(ExitCode.FAILED)


@app.command()
def template(
    region: Annotated[
        str,
        typer.Option(
            help="The reporting region by name, short name or pinyin (e.g. 宁波 or Ningbo)."
        ),
    ],
    period: Annotated[str, typer.Option(help="The period: 2019Q4, 2019-12 or 2019.")],
    plan: PlanOpt = DEFAULT_PLAN,
    fmt: Annotated[
        TemplateFormat | None,
        typer.Option("--format", help="csv or xlsx; default: from --output, else csv."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """A submission template: one row per target the region reports, value left empty.

    Example: zjplan template --region 宁波市 --period 2019Q4 --output ningbo-2019Q4.xlsx
    """
    from zjplan.numbers import parse_period

    p = choose_plan(plan).plan
    name = region_name(p, region)
    found = p.find_region(name or "")
    assert found is not None  # _region raised otherwise
    parse_as_of(period, "--period")
    _, end, _ = parse_period(period)
    if fmt is None:
        fmt = output_format(output, TemplateFormat, template_spec) if output else None
    spec = template_spec(fmt or TemplateFormat.csv)
    if spec.payload == "bytes" and output is None:
        raise typer.BadParameter("an xlsx template needs --output FILE", param_hint="--format")
    made = template_writer(fmt or TemplateFormat.csv)(p, found, end)
    if output is None:
        assert isinstance(made, str)  # a binary template was refused above without --output
        print_out(made)
        return
    write_output(output, made, encoding="utf-8-sig", force=force)
    print(f"wrote {output}", file=sys.stderr)


@app.command()
def merge(
    paths: Annotated[
        list[str], typer.Argument(help="Submission files or folders.", metavar="PATHS")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The merged CSV to write.")],
    plan: PlanOpt = DEFAULT_PLAN,
    skip_errors: Annotated[
        bool, typer.Option("--skip-errors", help="Write the clean rows even when some have errors.")
    ] = False,
    prefer: PreferOpt = None,
    force: ForceOpt = False,
) -> None:
    """Merge clean submissions into one canonical CSV (ids, region names, ISO dates, sorted).

    Refuses to write while errors remain, unless --skip-errors (which lists what was
    left out). The file is written atomically: on failure the old one stays intact.

    Example: zjplan merge submissions/ --output data/progress/cities-2019Q4.csv
    """
    from zjplan.merge import merge as run_merge
    from zjplan.sanitise import inert

    p = choose_plan(plan).plan
    chosen = [Path(name) for name in paths]
    found = find_inputs(chosen)
    outside_inputs(chosen, {"--output": output})
    merged = run_merge(found, p, today=today(), prefer=prefer or "")
    for problem in merged.errors:
        print(inert(problem.format()), file=sys.stderr)
    if merged.errors and not skip_errors:
        print(
            f"zjplan: {len(merged.errors)} error(s); nothing written "
            "(fix them, or use --skip-errors to leave those rows out)",
            file=sys.stderr,
        )
        raise typer.Exit(ExitCode.FAILED)
    held = figures_held(output)
    if held > merged.rows and not force:
        fail(
            [
                Problem.said(
                    "would-lose-figures",
                    says("would-lose-figures", held=held, merged=merged.rows),
                    str(output),
                    hint=says("hint-force"),
                )
            ]
        )
    write_output(output, merged.text, encoding="utf-8-sig", force=force)
    skipped = merged.progress.skipped
    print(f"wrote {output}: {merged.rows} row(s); {skipped} row(s) left out", file=sys.stderr)


def figures_held(path: Path) -> int:
    """The data rows of a CSV that is there to be replaced (0 when there is none); a file
    that cannot be read as one counts as holding figures, so it is never replaced unasked."""
    from zjplan.files import FileProblem, read_regular
    from zjplan.progress.sources import MAX_FILE_BYTES

    if not os.path.lexists(path):
        return 0
    try:
        text = read_regular(path, MAX_FILE_BYTES).decode("utf-8-sig")
    except (FileProblem, UnicodeDecodeError):
        return sys.maxsize
    lines = [line for line in text.splitlines() if line.strip(" ,;\t")]
    return max(len(lines) - 1, 0)
