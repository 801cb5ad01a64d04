"""Commands for the planning office and CI: status, report, explain."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from zjplan.base import replace
from zjplan.cli.app import (
    DEFAULT_PLAN,
    WRITE_HINT,
    AsOfOpt,
    ForceOpt,
    LangOpt,
    PlanOpt,
    ProgressOpt,
    RegionOpt,
    app,
    columns,
    complete_owners,
    complete_sections,
    complete_targets,
    fail,
    match_owner,
    match_section,
    output_format,
    pick_lang,
    print_out,
    report_problems,
    write_output,
)
from zjplan.cli.run import Run
from zjplan.errors import ExitCode, Problem
from zjplan.render.formats import (
    CitiesFormat,
    StatusFormat,
    cities_renderer,
    status_renderer,
    status_spec,
)
from zjplan.render.labels import STATUS_WORDS
from zjplan.wording import say, says

if TYPE_CHECKING:
    from rich.console import RenderableType

    from zjplan.letterhead import Letterhead
    from zjplan.model import Plan, Target
    from zjplan.progress import Progress
    from zjplan.render.formats import Spec
    from zjplan.report import Report


class SortOrder(StrEnum):
    document = "document"
    status = "status"
    gap = "gap"
    owner = "owner"


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


F = TypeVar("F", bound=StrEnum)


def _named(output: Path | None) -> bool:
    """An --output that names a file (``-`` is stdout)."""
    return output is not None and str(output) != "-"


def _format_of(output: Path | None, formats: type[F], spec: Callable[[F], Spec], default: F) -> F:
    """The format --output's extension names, else the default."""
    return (
        output_format(output, formats, spec) if output is not None and _named(output) else default
    )


def _deliver(
    rendered: str | bytes | RenderableType, output: Path | None, force: bool, lang: str = "en"
) -> None:
    """Write what a renderer made to --output (atomically), or print it."""
    if output is not None and _named(output):
        write_output(output, _as_file(rendered), force=force)
        print(say(says("wrote", path=str(output)), lang), file=sys.stderr)
    else:
        assert not isinstance(rendered, bytes)  # a binary format needs --output (status says)
        print_out(rendered)


def _as_file(rendered: str | bytes | RenderableType) -> str | bytes:
    """What a renderer made, as a file's content (a rich renderable as plain text)."""
    if isinstance(rendered, str | bytes):
        return rendered
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=200, no_color=True, highlight=False, emoji=False).print(rendered)
    return buffer.getvalue()


# --output of the commands that print a report or write it to a file.
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report here (atomically) instead of stdout."),
]
FailOnUncertainOpt = Annotated[
    bool,
    typer.Option(
        "--fail-on-uncertain",
        help="With --fail-on: an uncertain verdict (a sum some cities are missing from, a "
        "bound) fails too; by default it is listed and does not.",
    ),
]
SortOpt = Annotated[
    SortOrder | None,
    typer.Option(
        "--sort",
        help="document (default), status (worst first), gap (most behind schedule "
        "first) or owner (the most behind owner's targets first).",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Compare with this earlier date or period (2019Q3, 2019-09-30): each "
        "target's figure and status then and now, and what moved.",
    ),
]
AllowErrorsOpt = Annotated[
    bool,
    typer.Option(
        "--allow-errors",
        help="With --fail-on: gate on the rows that were read even when others had errors.",
    ),
]


def _gated(report: Report, threshold: FailOn, uncertain: bool = False) -> Report:
    """The report's failing marks at --fail-on's threshold (behind when never); an
    uncertain verdict fails only with --fail-on-uncertain."""
    from zjplan.report import THRESHOLDS

    chosen = next((t for t in THRESHOLDS if t == threshold.value), None)
    if chosen is None:  # never: no gate, no ⛔ marks (JUnit still fails behind targets)
        return report
    return report.gated(chosen, uncertain)


def _gate(
    report: Report, threshold: FailOn, read: Progress, allow_errors: bool, lang: str = "en"
) -> None:
    """Exit 1 when a shown target is at the threshold or worse, when nothing was read, or
    when rows were skipped because of errors (unless --allow-errors): a gate never passes
    on data it could not read."""
    if threshold is FailOn.never:
        return
    reasons = []
    if not read.rows:
        reasons.append(says("gate-nothing-read"))
    if read.errors and not allow_errors:
        reasons.append(says("gate-skipped", skipped=read.skipped, errors=read.errors))
    level = STATUS_WORDS[lang].get(threshold.value, threshold.value)
    failing = [t.id for t in report.failing()]
    if failing:
        reasons.append(says("gate-failing", n=len(failing), level=level, ids=", ".join(failing)))
    held = [t.id for t in report.held()]
    if held:  # listed, never silently passed: the data cannot say yet
        said = says("gate-held", n=len(held), level=level, ids=", ".join(held))
        print(f"zjplan: {say(said, lang)}", file=sys.stderr)
    for reason in reasons:
        print(f"zjplan: {say(reason, lang)}", file=sys.stderr)
    if reasons:
        raise typer.Exit(ExitCode.FAILED)


LetterheadOpt = Annotated[
    Path | None,
    typer.Option(
        help="A letterhead (YAML: issuer, number, to, signer, date, cc) for the Word 通报: "
        "红头, 发文字号, 主送, 落款 and 成文日期 as GB/T 9704-2012 lays them out.",
    ),
]


def _letterhead(path: Path | None) -> Letterhead | None:
    """The letterhead of ``path`` (exit 2, each problem located, when it is wrong)."""
    if path is None:
        return None
    from zjplan.errors import ZjplanError
    from zjplan.letterhead import load_letterhead

    try:
        return load_letterhead(path)
    except ZjplanError as exc:
        fail(exc.problems)


@app.command()
def status(
    plan: PlanOpt = DEFAULT_PLAN,
    progress: ProgressOpt = None,
    as_of: AsOfOpt = None,
    region: RegionOpt = None,
    owner: Annotated[
        str | None,
        typer.Option(help="Only targets this 责任单位 owns.", autocompletion=complete_owners),
    ] = None,
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
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.never,
    fail_on_uncertain: FailOnUncertainOpt = False,
    allow_errors: AllowErrorsOpt = False,
    lang: LangOpt = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say how each file was read.")
    ] = False,
    brief: Annotated[
        bool,
        typer.Option("--brief", help="Only the headline and what needs attention, worst first."),
    ] = False,
    force: ForceOpt = False,
    sort: SortOpt = None,
    section: Annotated[
        str | None,
        typer.Option(
            help="Only this section: 二(十六), (十六), 十六 or 16.",
            show_default=False,
            autocompletion=complete_sections,
        ),
    ] = None,
    since: SinceOpt = None,
    all_rows: Annotated[
        bool,
        typer.Option("--all", help="List targets without data one by one (table only)."),
    ] = False,
    letterhead: LetterheadOpt = None,
) -> None:
    """How far each target is from being met: achieved, on track, at risk, behind, missed.

    Formats: table (terminal), json, markdown (CI job summary), csv (Excel), junit (test
    reporters), html (one self-contained page), xlsx (a workbook), docx (a Word 通报;
    --letterhead gives it its 红头). With --fail-on, exit 1 when a shown
    target is at that status or worse, after the report is written.

    Example: zjplan status --as-of 2019-12-31 --only behind,at_risk --lang zh
    Example: zjplan status --output status.html --fail-on behind
    """
    from zjplan.report import STATUSES
    from zjplan.sanitise import quoted

    wanted: set[str] | None = None
    if only:
        wanted = {s.strip() for s in only.split(",") if s.strip()}
        unknown = wanted - set(STATUSES)
        if unknown:
            raise typer.BadParameter(
                f"unknown status {', '.join(quoted(u) for u in sorted(unknown))}; "
                f"choose from {', '.join(STATUSES)}",
                param_hint="--only",
            )
    if fmt is None:
        fmt = _format_of(output, StatusFormat, status_spec, StatusFormat.table)
    if letterhead is not None and fmt is not StatusFormat.docx:
        raise typer.BadParameter(
            "a letterhead is for the Word 通报: add --format docx (or --output FILE.docx)",
            param_hint="--letterhead",
        )
    head = _letterhead(letterhead)  # refused before any file is read, not after

    def options(p: Plan) -> tuple[str | None, str | None]:
        unit = match_owner(p, owner) if owner is not None else None
        return unit, match_section(p, section) if section is not None else None

    run = Run.open(
        plan, progress, as_of=as_of, region=region, since=since, writes={"--output": output},
        check=options, lang=pick_lang(lang),
    )  # fmt: skip
    p, read, city = run.plan, run.progress, run.region
    unit, part = options(p)
    report = run.report()
    if unit is not None or wanted is not None or part is not None:
        report = report.select(
            lambda t: (
                (unit is None or any(p.same_owner(unit, o) for o in t.owners))
                and (wanted is None or t.status in wanted)
                and (part is None or t.section == part)
            )
        )
        if not report.targets:
            what = " or ".join(sorted(wanted)) if wanted else "shown"
            whose = f" for {unit}" if unit else ""
            where = f" in {part}" if part else ""
            print_out(f"no target is {what}{whose}{where}\n")
            _gate(report, fail_on, read, allow_errors, pick_lang(lang))
            return
    if sort is not None:
        from zjplan.render.order import ordered

        report = replace(report, order=sort.value)
        report = replace(report, targets=ordered(report))
    report_problems(read, verbose, run.chosen.path, run.chosen.bundled, lang=pick_lang(lang))
    report = _gated(report, fail_on, fail_on_uncertain)
    spec = status_spec(fmt)
    if fmt is StatusFormat.table and not _named(output) and not sys.stdout.isatty():
        # A pipe or a CI log: the same lines as plain text, without loading rich.
        from zjplan.render.plain import brief_plain, status_plain

        if brief:
            print_out(brief_plain(report, pick_lang(lang)))
        else:
            room = columns() or 200
            print_out(status_plain(report, p, pick_lang(lang), all_rows=all_rows, room=room))
        _gate(report, fail_on, read, allow_errors, pick_lang(lang))
        return
    rendered: str | bytes | RenderableType
    if brief and fmt is StatusFormat.table:
        from zjplan.render.attention import brief as render_brief

        rendered = render_brief(report, p, pick_lang(lang))
    elif fmt is StatusFormat.table:
        from zjplan.render.status import status_table

        rendered = status_table(report, p, pick_lang(lang), all_rows=all_rows)
    elif fmt is StatusFormat.xlsx and city is None:
        from zjplan.render.workbook import report_xlsx

        rendered = report_xlsx(report, p, pick_lang(lang), matrix=run.matrix())
    elif fmt is StatusFormat.docx:
        from zjplan.render.briefing import report_docx

        rendered = report_docx(report, p, pick_lang(lang), head)
    else:
        rendered = status_renderer(fmt)(report, p, pick_lang(lang))
    if spec.payload == "bytes" and not _named(output):
        raise typer.BadParameter(f"{fmt.value} is a binary format: give --output FILE")
    _deliver(rendered, output, force, pick_lang(lang))
    _gate(report, fail_on, read, allow_errors, pick_lang(lang))


@app.command()
def report(
    output_dir: Annotated[Path, typer.Option("--output-dir", "-d", help="Folder to write into.")],
    plan: PlanOpt = DEFAULT_PLAN,
    progress: ProgressOpt = None,
    as_of: AsOfOpt = None,
    fail_on: FailOnOpt = FailOn.never,
    fail_on_uncertain: FailOnUncertainOpt = False,
    allow_errors: AllowErrorsOpt = False,
    lang: LangOpt = None,
    since: SinceOpt = None,
    sort: SortOpt = None,
    letterhead: LetterheadOpt = None,
    region: RegionOpt = None,
) -> None:
    """Everything a CI job publishes: status.md, status.json, status.html, status.xlsx,
    status.docx, junit.xml, and one page per city (region-ningbo.html, …). With --region,
    the set for that region: its own view, and only its page.

    Example: zjplan report --output-dir public/ --fail-on behind --since 2019Q3
    """
    from zjplan.cities import place_among_cities
    from zjplan.output import write_set

    head = _letterhead(letterhead)  # refused before any file is read, not after
    run = Run.open(
        plan, progress, as_of=as_of, region=region, since=since,
        writes={"--output-dir": output_dir}, holds_inputs=output_dir, lang=pick_lang(lang),
    )  # fmt: skip
    p, read = run.plan, run.progress
    report_problems(read, verbose=False, lang=pick_lang(lang))
    language = pick_lang(lang)
    province = run.report()
    if sort is not None:
        from zjplan.render.order import ordered

        province = replace(province, order=sort.value)
        province = replace(province, targets=ordered(province))
    province = _gated(province, fail_on, fail_on_uncertain)
    files: dict[str, str | bytes] = {}
    matrix = run.matrix()
    for fmt in StatusFormat:
        spec = status_spec(fmt)
        if spec.report_file and fmt is StatusFormat.xlsx:
            from zjplan.render.workbook import report_xlsx

            files[spec.report_file] = report_xlsx(province, p, language, matrix=matrix)
        elif spec.report_file and fmt is StatusFormat.docx:
            from zjplan.render.briefing import report_docx

            files[spec.report_file] = report_docx(province, p, language, head)
        elif spec.report_file:
            files[spec.report_file] = _as_file(status_renderer(fmt)(province, p, language))
    html = status_renderer(StatusFormat.html)
    cities = run.cities(province.as_of)  # the reports the matrix was made from
    for r in p.regions:
        if r.level == "city" and (run.region is None or run.region == r.name):
            # A city's page: the targets its figures add up to (the summed ones), each with
            # its chart and its place among the cities. Its key (its id, else its pinyin)
            # is validated as [a-z][a-z0-9_-]* and unique by the plan model: safe in a file
            # name, and two cities' pages never share one.
            page = cities[r.name].select(lambda t: t.aggregate == "sum")
            page = place_among_cities(p, page, matrix)
            files[f"region-{r.key}.html"] = html(page, p, language)
    ours = frozenset(files) | {f"region-{r.key}.html" for r in p.regions}
    try:
        # The set is written as one: a reader never sees new pages beside old ones.
        write_set(output_dir, files, ours)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        why = says("cannot-write", why=reason)
        fail([Problem.said("cannot-write", why, str(output_dir), hint=WRITE_HINT)])
    print(say(says("wrote-files", n=len(files), path=str(output_dir)), language), file=sys.stderr)
    _gate(province, fail_on, read, allow_errors, pick_lang(lang))


@app.command()
def cities(
    plan: PlanOpt = DEFAULT_PLAN,
    progress: ProgressOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[
        CitiesFormat | None,
        typer.Option(
            "--format", help="Output format; default: from --output's extension, else table."
        ),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """The cities side by side: each summed target's latest figure in every city, its share
    of the province (or progress against its allocation), the cities' sum and the
    province's own figure; '—' where a city has reported nothing.

    Example: zjplan cities --as-of 2019-12-31 --output cities.html
    """
    from zjplan.render.formats import CitiesFormat as Formats
    from zjplan.render.formats import cities_spec

    if fmt is None:
        fmt = _format_of(output, Formats, cities_spec, Formats.table)
    run = Run.open(plan, progress, as_of=as_of, writes={"--output": output}, lang=pick_lang(lang))
    report_problems(run.progress, verbose=False, lang=pick_lang(lang))
    rendered = cities_renderer(fmt)(run.matrix(), run.plan, pick_lang(lang))
    _deliver(rendered, output, force, pick_lang(lang))


@app.command()
def explain(
    target_id: Annotated[
        str,
        typer.Argument(
            help="The target's id (or a part naming one), e.g. robots.",
            autocompletion=complete_targets,
        ),
    ],
    plan: PlanOpt = DEFAULT_PLAN,
    progress: ProgressOpt = None,
    as_of: AsOfOpt = None,
    region: RegionOpt = None,
    lang: LangOpt = None,
    since: Annotated[
        str | None,
        typer.Option(help="Also show the target at this earlier date or period (2019Q3)."),
    ] = None,
) -> None:
    """Everything about one target: wording, owners, figures used, each number's formula.

    Example: zjplan explain industrial_robots_in_use --as-of 2019-06-30
    """
    import difflib

    from zjplan.render.explain import explain as render
    from zjplan.sanitise import quoted
    from zjplan.series import group, series_for

    def find(p: Plan) -> Target:
        target = p.by_id.get(target_id)
        if target is not None and target.milestones:  # one indicator, judged per deadline
            stages = [t.id for t in p.judged if p.indicator_of.get(t.id) == target.id]
            raise typer.BadParameter(
                f"{quoted(target_id)} has milestones: explain {' or '.join(stages)}",
                param_hint="TARGET_ID",
            )
        parts: list[Target] = []
        if target is None:  # a part of an id that names one target (robots) serves too,
            text = target_id.strip().casefold()  # and a part of its name (机器人, 小升规)
            parts = [t for t in p.judged if text and text in t.id]
            parts = parts or [
                t for t in p.judged if text and (text in t.name_zh or text in t.name_en.casefold())
            ]
            target = parts[0] if len(parts) == 1 else None
        if target is None:
            ids = list(p.by_id)
            close = [t.id for t in parts][:5] or difflib.get_close_matches(target_id, ids, n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else "; see `zjplan targets`"
            raise typer.BadParameter(f"no target {quoted(target_id)}{hint}", param_hint="TARGET_ID")
        return target

    run = Run.open(
        plan, progress, as_of=as_of, region=region, since=since, check=find, lang=pick_lang(lang)
    )
    p, read, city = run.plan, run.progress, run.region
    target = find(p)
    target_id = target.id
    report = run.report()
    result = next(t for t in report.targets if t.id == target_id)
    figures = p.indicator_of.get(target_id, target_id)  # a milestone's: its indicator's
    mine = group(read.observations_of_target(figures)).get(figures, [])
    known = [o for o in mine if report.as_of is None or o.as_of <= report.as_of]
    if p.county_parent:  # counties roll up into their cities, as the engine rolls them
        from zjplan.rollup import roll_up

        known = roll_up(p, target, known, until=report.as_of)
    series, _ = series_for(p, target, known, city)
    if city is not None:
        used = [o for o in known if o.region == city]
    elif target.aggregate == "sum":
        used = known
    else:
        used = [o for o in known if o.region == p.province.name]
    report_problems(read, verbose=False, lang=pick_lang(lang))
    section = p.sections.get(target.section, "")
    print_out(render(target, result, used, series, pick_lang(lang), section))
