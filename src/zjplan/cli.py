"""The command line: parse options, call the library, pick a renderer, set the exit code.

Heavy modules are imported inside the commands that need them, so ``--version`` and
``--help`` stay fast.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from zjplan import __version__
from zjplan.errors import ExitCode, Problem, ZjplanError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from zjplan.model import Plan

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


def _default_lang() -> Lang:
    return Lang.zh if os.environ.get("ZJPLAN_LANG", "").lower().startswith("zh") else Lang.en


PlanOpt = Annotated[
    Path,
    typer.Option(
        "--plan", envvar="ZJPLAN_PLAN", help="The plan file.", dir_okay=False, show_default=True
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option("--lang", help="Language of labels and names (default: $ZJPLAN_LANG, else en)."),
]
DEFAULT_PLAN = Path("data/plan.yaml")


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
    lang: LangOpt = _default_lang(),  # noqa: B008 - evaluated once, at start-up, on purpose
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
            print_out(render.targets_csv(chosen, lang))
        case TargetFormat.markdown:
            print_out(render.targets_markdown(chosen, lang))
        case TargetFormat.table:
            print_out(render.targets_table(p, chosen, lang))


@app.command()
def check(
    plan: PlanOpt = DEFAULT_PLAN,
) -> None:
    """Validate the plan; print every problem as file:line:column: error[code]: message.

    Exit 0 when valid, 2 when the plan has errors.

    Example: zjplan check --plan data/plan.yaml
    """
    p = load(plan)
    print(f"{plan}: ok, {len(p.targets)} targets, {len(p.regions)} regions")


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
