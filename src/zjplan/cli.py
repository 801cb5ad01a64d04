"""The command line: parse options, call the library, pick a renderer, set the exit code.

Heavy modules are imported inside the commands that need them, so ``--version`` and
``--help`` stay fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from zjplan import __version__
from zjplan.errors import ExitCode, Problem, ZjplanError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from zjplan.model import Plan
    from zjplan.progress import Progress
    from zjplan.report import Report

app = typer.Typer(
    name="zjplan",
    help="How far each target of 浙政办发〔2018〕10号 (Made in China 2025) is from being met.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class TargetFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class SchemaName(StrEnum):
    plan = "plan"
    report = "report"
    check_report = "check-report"


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    junit = "junit"
    html = "html"


class FailOn(StrEnum):
    at_risk = "at_risk"
    behind = "behind"
    missed = "missed"
    never = "never"


FailOnOpt = Annotated[
    FailOn,
    typer.Option(
        "--fail-on",
        help="Exit 1 when a shown target is at this status or worse "
        "(at_risk < behind < missed), after writing the report.",
    ),
]


def _lang(chosen: Lang | None) -> str:
    """--lang, else $ZJPLAN_LANG (zh, zh_CN, … mean Chinese), else English."""
    if chosen is not None:
        return chosen.value
    return "zh" if os.environ.get("ZJPLAN_LANG", "").lower().startswith("zh") else "en"


PlanOpt = Annotated[
    Path,
    typer.Option(
        "--plan", envvar="ZJPLAN_PLAN", help="The plan file.", dir_okay=False, show_default=True
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of labels and names (default: $ZJPLAN_LANG, else en)."),
]
DEFAULT_PLAN = Path("data/plan.yaml")
DEFAULT_PROGRESS = Path("data/progress")
# Paths given many times (a clerk's shell glob can name thousands of files) are taken as
# text: Typer 0.29 builds a pydantic adapter for every Path value (~0.3 ms each).
ProgressOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--progress",
        metavar="PATH",
        help="A progress CSV file or a directory of them; repeat for more. "
        "Default: data/progress/ when it exists.",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge the plan as it stood on this date (2019-12-31, 2019-12, 2019Q4); "
        "default: the date of the latest figure.",
    ),
]
RegionOpt = Annotated[
    str | None,
    typer.Option("--region", help="A city (宁波市, 宁波 or Ningbo); default: the province."),
]


def console(stderr: bool = False) -> Console:
    """A rich console: colour on a terminal, plain text (no escape codes) elsewhere."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    width = None if tty else int(os.environ.get("COLUMNS", "0") or 0) or 200
    return Console(file=stream, highlight=False, width=width, no_color=not tty, emoji=False)


def print_out(renderable: RenderableType | str) -> None:
    if isinstance(renderable, str):
        sys.stdout.write(renderable)
        sys.stdout.flush()
    else:
        console().print(renderable)


def fail(problems: list[Problem], code: ExitCode = ExitCode.BAD_INPUT) -> NoReturn:
    from zjplan.text import inert

    for problem in problems:
        print(inert(problem.format()), file=sys.stderr)
    raise typer.Exit(code)


def load(plan_path: Path) -> Plan:
    from zjplan.plan import load_plan

    try:
        return load_plan(plan_path)
    except ZjplanError as exc:
        fail(exc.problems)


def _version(value: bool) -> None:
    if value:
        print(f"zjplan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """How far each target of 浙政办发〔2018〕10号 is from being met.

    Start with `zjplan status`; see `zjplan COMMAND --help` for each command.
    """


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
    from zjplan.render import targets as render

    p = load(plan)
    chosen = [
        t
        for t in p.targets
        if (owner is None or owner in t.owners)
        and (section is None or t.section == section or t.section.startswith(section + "("))
    ]
    match fmt:
        case TargetFormat.json:
            print_out(render.targets_json(p, chosen))
        case TargetFormat.csv:
            print_out(render.targets_csv(chosen, _lang(lang)))
        case TargetFormat.markdown:
            print_out(render.targets_markdown(chosen, _lang(lang)))
        case TargetFormat.table:
            print_out(render.targets_table(p, chosen, _lang(lang)))


def _today() -> date:
    """Today, or $ZJPLAN_TODAY (YYYY-MM-DD) for reproducible runs."""
    fixed = os.environ.get("ZJPLAN_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def _progress_paths(paths: list[str] | None) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    return [DEFAULT_PROGRESS] if DEFAULT_PROGRESS.is_dir() else []


def _read(p: Plan, paths: list[str] | None) -> Progress:
    from zjplan.progress import read_progress

    return read_progress(_progress_paths(paths), p, today=_today())


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    from zjplan.numbers import CellError, parse_date

    try:
        return parse_date(text)
    except CellError as exc:
        raise typer.BadParameter(f"{exc.message}; {exc.hint}", param_hint="--as-of") from exc


def _region(p: Plan, text: str | None) -> str | None:
    if text is None:
        return None
    found = p.find_region(text)
    if found is None:
        names = ", ".join(r.name for r in p.regions)
        raise typer.BadParameter(
            f"{text!r} is not a region of the plan ({names})", param_hint="--region"
        )
    return found.name


def _report_problems(progress: Progress, verbose: bool) -> None:
    """On stderr: how many rows were skipped, and (verbose) each file's encoding."""
    if verbose:
        for f in progress.files:
            print(
                f"{f.file}: {f.encoding or 'unread'}, {f.rows} rows, {f.used} used", file=sys.stderr
            )
    if progress.problems:
        errors = progress.errors
        warnings = len(progress.problems) - errors
        print(
            f"zjplan: {progress.skipped} row(s) skipped, {errors} error(s), {warnings} warning(s) "
            "in the progress files; run `zjplan check` to list them",
            file=sys.stderr,
        )


class CheckFormat(StrEnum):
    table = "table"
    json = "json"


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


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
            help="With --period: 'all', or the regions expected, comma-separated (宁波,杭州).",
        ),
    ] = "all",
    strict: Annotated[bool, typer.Option(help="Fail on warnings and missing figures too.")] = False,
) -> None:
    """Check the plan and every submission; list each mistake with its place and fix.

    Each problem is one line: file:line:column: error[code]: message (hint). Exit 0 when
    there is no error (--strict: no warning and nothing missing either), 1 when there
    is, 2 when zjplan could not run (bad option, unreadable plan).

    Example: zjplan check submissions/ --period 2019Q4 --expect-regions all
    """
    from zjplan.batch import check as run_check

    p = load(plan)
    regions: list[str] | None = None
    if expect_regions.strip().lower() != "all":
        regions = [r.strip() for r in expect_regions.split(",") if r.strip()]
        unknown = [r for r in regions if p.find_region(r) is None]
        if unknown:
            raise typer.BadParameter(
                f"not regions of the plan: {', '.join(unknown)}", param_hint="--expect-regions"
            )
    if period is not None:
        _as_of(period)  # a clear usage error for a bad period
    report = run_check(_progress_paths(paths), p, period, regions, today=_today())
    if fmt is CheckFormat.json:
        from zjplan.text import json_safe

        print_out(json_safe(report.model_dump_json(indent=2)) + "\n")
    else:
        from zjplan.render.check import check_view

        print(f"{plan}: ok, {len(p.targets)} targets, {len(p.regions)} regions")
        print_out(check_view(report))
    if not report.passed(strict):
        raise typer.Exit(ExitCode.FAILED)


@app.command()
def template(
    region: Annotated[str, typer.Option(help="The reporting region: 宁波市, 宁波 or Ningbo.")],
    period: Annotated[str, typer.Option(help="The period: 2019Q4, 2019-12 or 2019.")],
    plan: PlanOpt = DEFAULT_PLAN,
    fmt: Annotated[
        TemplateFormat | None,
        typer.Option("--format", help="csv or xlsx; default: from --output, else csv."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """A submission template: one row per target the region reports, value left empty.

    Example: zjplan template --region 宁波市 --period 2019Q4 --output ningbo-2019Q4.xlsx
    """
    from zjplan.numbers import parse_period
    from zjplan.output import write_atomic
    from zjplan.template import template_csv, template_xlsx

    p = load(plan)
    name = _region(p, region)
    found = p.find_region(name or "")
    assert found is not None  # _region raised otherwise
    _as_of(period)
    _, end, _ = parse_period(period)
    if fmt is None:
        fmt = (
            TemplateFormat.xlsx
            if output and output.suffix.lower() == ".xlsx"
            else TemplateFormat.csv
        )
    if fmt is TemplateFormat.xlsx:
        if output is None:
            raise typer.BadParameter("an xlsx template needs --output FILE", param_hint="--format")
        write_atomic(output, template_xlsx(p, found, end))
        print(f"wrote {output}", file=sys.stderr)
        return
    text = template_csv(p, found, end)
    if output is None:
        print_out(text)
    else:
        write_atomic(output, text, encoding="utf-8-sig")
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
) -> None:
    """Merge clean submissions into one canonical CSV (ids, region names, ISO dates, sorted).

    Refuses to write while errors remain, unless --skip-errors (which lists what was
    left out). The file is written atomically: on failure the old one stays intact.

    Example: zjplan merge submissions/ --output data/progress/cities-2019Q4.csv
    """
    from zjplan.merge import merge as run_merge
    from zjplan.output import write_atomic
    from zjplan.text import inert

    p = load(plan)
    merged = run_merge([Path(name) for name in paths], p, today=_today())
    for problem in merged.errors:
        print(inert(problem.format()), file=sys.stderr)
    if merged.errors and not skip_errors:
        print(
            f"zjplan: {len(merged.errors)} error(s); nothing written "
            "(fix them, or use --skip-errors to leave those rows out)",
            file=sys.stderr,
        )
        raise typer.Exit(ExitCode.FAILED)
    write_atomic(output, merged.text, encoding="utf-8-sig")
    skipped = merged.progress.skipped
    print(f"wrote {output}: {merged.rows} row(s); {skipped} row(s) left out", file=sys.stderr)


def _render(fmt: StatusFormat, report: Report, p: Plan, lang: str) -> str | RenderableType:
    if fmt is StatusFormat.table:
        from zjplan.render.status import status_table

        return status_table(p, report, lang)
    from zjplan.render.formats import renderer

    return renderer(fmt.value)(report, p, lang)


def _as_text(rendered: str | RenderableType) -> str:
    """A rich renderable as plain text, for a file."""
    if isinstance(rendered, str):
        return rendered
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=200, no_color=True, highlight=False, emoji=False).print(rendered)
    return buffer.getvalue()


def _failing(report: Report, threshold: FailOn) -> list[str]:
    from zjplan.report import SEVERITY

    if threshold is FailOn.never:
        return []
    bar = SEVERITY[threshold.value]
    return [t.id for t in report.targets if SEVERITY.get(t.status, -1) >= bar]


def _gate(report: Report, threshold: FailOn) -> None:
    failing = _failing(report, threshold)
    if failing:
        print(
            f"zjplan: {len(failing)} target(s) at {threshold.value} or worse: "
            + ", ".join(failing),
            file=sys.stderr,
        )
        raise typer.Exit(ExitCode.FAILED)


@app.command()
def status(
    plan: PlanOpt = DEFAULT_PLAN,
    progress: ProgressOpt = None,
    as_of: AsOfOpt = None,
    region: RegionOpt = None,
    owner: Annotated[str | None, typer.Option(help="Only targets this 责任单位 owns.")] = None,
    only: Annotated[
        str | None,
        typer.Option(help="Only these statuses, comma-separated, e.g. behind,at_risk."),
    ] = None,
    fmt: Annotated[
        StatusFormat | None,
        typer.Option(
            "--format", help="Output format; default: from --output's extension, else table."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the report here (atomically) instead of stdout."
        ),
    ] = None,
    fail_on: FailOnOpt = FailOn.never,
    lang: LangOpt = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say how each file was read.")
    ] = False,
) -> None:
    """How far each target is from being met: achieved, on track, at risk, behind, missed.

    Formats: table (terminal), json, markdown (CI job summary), csv (Excel), junit (test
    reporters), html (one self-contained page). With --fail-on, exit 1 when a shown
    target is at that status or worse, after the report is written.

    Example: zjplan status --as-of 2019-12-31 --only behind,at_risk --lang zh
    Example: zjplan status --output status.html --fail-on behind
    """
    from zjplan.engine import evaluate
    from zjplan.report import STATUSES

    wanted: set[str] | None = None
    if only:
        wanted = {s.strip() for s in only.split(",") if s.strip()}
        unknown = wanted - set(STATUSES)
        if unknown:
            raise typer.BadParameter(
                f"unknown status {', '.join(sorted(unknown))}; choose from {', '.join(STATUSES)}",
                param_hint="--only",
            )
    if fmt is None:
        from zjplan.render.formats import format_for

        inferred = format_for(output) if output else None
        fmt = StatusFormat(inferred) if inferred else StatusFormat.table
    p = load(plan)
    day = _as_of(as_of)
    city = _region(p, region)
    read = _read(p, progress)
    report = evaluate(p, read, as_of=day, region=city)
    if owner is not None or wanted is not None:
        report = report.select(
            lambda t: (
                (owner is None or owner in t.owners) and (wanted is None or t.status in wanted)
            )
        )
    _report_problems(read, verbose)
    rendered = _render(fmt, report, p, _lang(lang))
    if output is not None:
        from zjplan.output import write_atomic

        write_atomic(output, _as_text(rendered))
        print(f"wrote {output}", file=sys.stderr)
    else:
        print_out(rendered)
    _gate(report, fail_on)


@app.command()
def report(
    output_dir: Annotated[Path, typer.Option("--output-dir", "-d", help="Folder to write into.")],
    plan: PlanOpt = DEFAULT_PLAN,
    progress: ProgressOpt = None,
    as_of: AsOfOpt = None,
    fail_on: FailOnOpt = FailOn.never,
    lang: LangOpt = None,
) -> None:
    """Everything a CI job publishes: status.md, status.json, status.html, junit.xml, and
    one page per city (region-ningbo.html, …).

    Example: zjplan report --output-dir public/ --fail-on behind
    """
    from zjplan.engine import evaluate
    from zjplan.output import write_atomic
    from zjplan.render.formats import renderer

    p = load(plan)
    day = _as_of(as_of)
    read = _read(p, progress)
    _report_problems(read, verbose=False)
    language = _lang(lang)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(
            [
                Problem(
                    "file-not-found", f"cannot create the folder: {exc.strerror}", str(output_dir)
                )
            ]
        )
    province = evaluate(p, read, as_of=day)
    files = {
        "status.md": "markdown",
        "status.json": "json",
        "status.html": "html",
        "junit.xml": "junit",
    }
    for name, fmt_name in files.items():
        write_atomic(output_dir / name, renderer(fmt_name)(province, p, language))
    html = renderer("html")
    for r in p.regions:
        if r.level == "city":
            # pinyin is validated as [A-Z][a-z]+ by the plan model: safe in a file name.
            page = evaluate(p, read, as_of=day, region=r.name)
            write_atomic(output_dir / f"region-{r.pinyin.lower()}.html", html(page, p, language))
    print(f"wrote {len(files) + len(p.regions) - 1} files to {output_dir}", file=sys.stderr)
    _gate(province, fail_on)


@app.command()
def explain(
    target_id: Annotated[
        str, typer.Argument(help="The target's id, e.g. industrial_robots_in_use.")
    ],
    plan: PlanOpt = DEFAULT_PLAN,
    progress: ProgressOpt = None,
    as_of: AsOfOpt = None,
    region: RegionOpt = None,
    lang: LangOpt = None,
) -> None:
    """Everything about one target: wording, owners, figures used, each number's formula.

    Example: zjplan explain industrial_robots_in_use --as-of 2019-06-30
    """
    import difflib

    from zjplan.engine import evaluate
    from zjplan.render.explain import explain as render
    from zjplan.series import group, series_for

    p = load(plan)
    target = p.by_id.get(target_id)
    if target is None:
        close = difflib.get_close_matches(target_id, list(p.by_id), n=1)
        hint = f"; did you mean {close[0]}?" if close else "; see `zjplan targets`"
        raise typer.BadParameter(f"no target {target_id!r}{hint}", param_hint="TARGET_ID")
    day = _as_of(as_of)
    city = _region(p, region)
    read = _read(p, progress)
    report = evaluate(p, read, as_of=day, region=city)
    result = next(t for t in report.targets if t.id == target_id)
    mine = group(o for o in read.observations if o.target_id == target_id).get(target_id, [])
    known = [o for o in mine if report.as_of is None or o.as_of <= report.as_of]
    series, _ = series_for(p, target, known, city)
    if city is not None:
        used = [o for o in known if o.region == city]
    elif target.aggregate == "sum":
        used = known
    else:
        used = [o for o in known if o.region == p.province.name]
    _report_problems(read, verbose=False)
    print_out(render(target, result, used, series, _lang(lang)))


class ErrorsFormat(StrEnum):
    text = "text"
    markdown = "markdown"


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


def main() -> None:
    """Console entry point: exit codes per :class:`ExitCode`, never a raw traceback."""
    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        code = ExitCode.INTERRUPTED
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:  # pragma: no cover - every Typer usage error has show()
            print(f"zjplan: {exc.format_message()}", file=sys.stderr)
        code = ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); silence the flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitCode.OK)
    except Exception as exc:
        if os.environ.get("ZJPLAN_DEBUG") == "1":
            raise
        print(
            f"zjplan: internal error: {type(exc).__name__}: {exc}. This is a bug in zjplan; "
            "please report it with the command you ran (set ZJPLAN_DEBUG=1 for the traceback).",
            file=sys.stderr,
        )
        sys.exit(ExitCode.SOFTWARE)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)
