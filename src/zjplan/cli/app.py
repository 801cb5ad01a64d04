"""The zjplan command line: one Typer app, its shared options and helpers, and main().

Commands live beside this module by what they serve: reference.py (targets, errors,
schema), submissions.py (check, template, merge), reports.py (status, report, explain).
Only this package touches Typer, stdout/stderr and exit codes. Heavy modules are imported
inside the commands that need them, so ``--version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from zjplan.errors import ExitCode, Problem, ZjplanError
from zjplan.render.formats import Spec, UnknownExtension, format_for
from zjplan.sanitise import LostOutput
from zjplan.version import __version__
from zjplan.wording import say, says

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from zjplan.model import Plan
    from zjplan.progress import Progress
    from zjplan.progress.sources import Found


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="zjplan",
        help="How far each target of a plan is from being met (shipped: 浙政办发〔2018〕10号).",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


app = _new_app()


def command_line(args: list[str]) -> typer.Typer:
    """The app to run ``args`` with. Typer builds every command's options on each run (~8 ms
    for the ten, a tenth of the start-up): when the first word names a command, an app of
    that command alone (the same root options) is enough. ``zjplan``, ``--help``, shell
    completion and a word no command has get the whole app (its list, its "no such
    command")."""
    if not args or os.environ.get("_ZJPLAN_COMPLETE"):
        return app
    chosen = [c for c in app.registered_commands if _command_name(c) == args[0]]
    if not chosen:
        return app
    one = _new_app()
    one.registered_callback = app.registered_callback
    one.registered_commands = chosen
    return one


def command_of(args: list[str]) -> Any:
    """The click command to run ``args`` with; its help in Chinese when help is asked for
    and the language is Chinese (--lang zh, $ZJPLAN_LANG, the locale)."""
    command = typer.main.get_command(command_line(args))
    if "--help" in args and _help_lang(args) == "zh":
        from zjplan.cli.help_zh import translate

        translate(command)
    return command


def _help_lang(args: list[str]) -> str:
    """The language --help is asked in: --lang's (either spelling), else pick_lang's."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "zh" if args[i + 1] == "zh" else "en"
        if arg.startswith("--lang="):
            return "zh" if arg == "--lang=zh" else "en"
    return pick_lang(None)


def _command_name(info: typer.models.CommandInfo) -> str:
    """The word that runs a command: its name, else its function's (as Typer spells it)."""
    if info.name:
        return info.name
    function = info.callback.__name__ if info.callback else ""
    return function.lower().replace("_", "-")


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def pick_lang(chosen: Lang | None) -> str:
    """--lang, else $ZJPLAN_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG: zh_CN.UTF-8
    means Chinese), else English."""
    if chosen is not None:
        return chosen.value
    for name in ("ZJPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


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


class Prefer(StrEnum):
    newest = "newest"


PreferOpt = Annotated[
    Prefer | None,
    typer.Option(
        "--prefer",
        help="newest: when two files of one region give one figure differently, use the "
        "newer file's (by modification time) instead of neither.",
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Replace an output file even when it is read-only.")
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


def _completion_plan() -> Plan | None:
    """The plan a completion offers names from: $ZJPLAN_PLAN, ./data/plan.yaml or the
    bundled one; None when it cannot be read (completion then offers nothing)."""
    from zjplan.plan import load_plan

    for path in (os.environ.get("ZJPLAN_PLAN"), DEFAULT_PLAN, bundled("plan.yaml")):
        if path and os.path.exists(path):
            try:
                return load_plan(path)
            except ZjplanError:
                return None
    return None


def complete_targets(incomplete: str) -> list[str]:
    p = _completion_plan()
    return [t.id for t in p.targets if incomplete in t.id] if p else []


def complete_owners(incomplete: str) -> list[str]:
    p = _completion_plan()
    owners = sorted({o for t in p.targets for o in t.owners} | known_owner_names(p)) if p else []
    return [o for o in owners if incomplete in o]


def known_owner_names(p: Plan) -> set[str]:
    """Every name of a body the plan's owners table gives (as named, now, aliases)."""
    return {n for o in p.owners for n in o.names}


def match_owner(p: Plan, text: str) -> str:
    """The 责任单位 a person means: exact, or any name the owners table gives it (经信厅 →
    省经信委, renamed 省经济和信息化厅), else the one that contains what was typed (经信委 →
    省经信委); none or several: a usage error with 'did you mean'. Compare a target's owners
    with Plan.same_owner: one body may be named several ways."""
    import difflib

    owners = sorted({o for t in p.targets for o in t.owners})
    if text in owners:
        return text
    named = next((o for o in owners if p.same_owner(text, o)), None)
    if named is not None:
        return named
    owners = sorted(set(owners) | known_owner_names(p))
    close = [o for o in owners if text and text in o]
    if len(close) == 1:
        return close[0]
    close = close or difflib.get_close_matches(text, owners, n=3, cutoff=0.4)
    hint = f"; did you mean {' or '.join(close)}?" if close else f"; owners: {', '.join(owners)}"
    from zjplan.sanitise import quoted

    raise typer.BadParameter(f"no owner {quoted(text)}{hint}", param_hint="--owner")


def match_section(p: Plan, text: str) -> str:
    """The section a person means: 二(十六) as written, or (十六), 十六 or 16 for the one
    part so numbered; none or several: a usage error with 'did you mean'."""
    import difflib
    import re

    from zjplan.render.order import numeral_text, section_key
    from zjplan.sanitise import quoted

    sections = sorted({t.section for t in p.targets}, key=section_key)
    typed = text.strip().replace("（", "(").replace("）", ")")[:64]
    # 16 -> 十六 for the numbers a section can have (1 to 99); 0, 100 or 5,000 digits stay
    # as typed and match nothing
    typed = re.sub(r"\d+", lambda m: numeral_text(int(m.group())) if len(m.group()) <= 2
                   and int(m.group()) else m.group(), typed)  # fmt: skip
    if typed in sections:
        return typed
    inner = typed.strip("()")
    found = [s for s in sections if inner and s.partition("(")[2].rstrip(")") == inner]
    if len(found) == 1:
        return found[0]
    close = found or difflib.get_close_matches(typed, sections, n=3, cutoff=0.5)
    hint = (
        f"; did you mean {' or '.join(close)}?" if close else f"; sections: {', '.join(sections)}"
    )
    raise typer.BadParameter(f"no section {quoted(text)}{hint}", param_hint="--section")


def complete_sections(incomplete: str) -> list[str]:
    p = _completion_plan()
    sections = sorted({t.section for t in p.targets}) if p else []
    return [s for s in sections if incomplete in s]


def complete_regions(incomplete: str) -> list[str]:
    p = _completion_plan()
    names = [a for r in p.regions for a in r.aliases] if p else []
    return [n for n in names if n.lower().startswith(incomplete.lower())]


RegionOpt = Annotated[
    str | None,
    typer.Option(
        "--region",
        help="A city (宁波市, 宁波 or Ningbo in the shipped plan); default: the province.",
        autocompletion=complete_regions,
    ),
]


def columns() -> int | None:
    """$COLUMNS when it is a sensible width (20 to 10,000), else None."""
    text = os.environ.get("COLUMNS", "").strip()
    return int(text) if text.isdigit() and 20 <= int(text) <= 10_000 else None


def quiet_stdout() -> None:
    """The reader went away (`| head`): the rest of the output goes nowhere, and the command
    still finishes and exits with its own code."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def console(stderr: bool = False) -> Console:
    """A rich console: colour on a terminal, plain text (no escape codes) elsewhere."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1 here
            quiet_stdout()

    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    width = columns() if tty else columns() or 200
    return _Console(file=stream, highlight=False, width=width, no_color=not tty, emoji=False)


def print_out(renderable: RenderableType | str) -> None:
    try:
        if isinstance(renderable, str):
            sys.stdout.write(renderable)
            sys.stdout.flush()
        else:
            from rich.console import Group

            # A group part by part: the console keeps what it prints until the print ends.
            parts = renderable.renderables if isinstance(renderable, Group) else [renderable]
            for part in parts:  # a part may ask not to be cut at the width (check's lines)
                console().print(part, crop=getattr(part, "crop", True))
    except BrokenPipeError:
        quiet_stdout()


def write_output(
    path: Path, data: str | bytes, encoding: str = "utf-8", *, force: bool = False
) -> None:
    """Write an output file atomically; an OS error (a missing or read-only folder, a full
    disk, a link or device in the way, a read-only file without ``force``, another run
    writing there) is one located line and exit 2, never a traceback."""
    from zjplan.output import write_atomic

    try:
        write_atomic(path, data, encoding, force=force)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        fail(
            [
                Problem.said(
                    "cannot-write", says("cannot-write", why=reason), str(path), hint=WRITE_HINT
                )
            ]
        )


WRITE_HINT = says("hint-writable")


F = TypeVar("F", bound=StrEnum)


def output_format(path: Path, formats: type[F], spec: Callable[[F], Spec]) -> F:
    """The format ``--output``'s extension names; a usage error (exit 2) when it names none,
    never the default format under a name that promises another."""
    try:
        return format_for(path, formats, spec)
    except UnknownExtension as exc:
        raise typer.BadParameter(str(exc), param_hint="--output") from exc


def fail(problems: list[Problem], code: ExitCode = ExitCode.BAD_INPUT) -> NoReturn:
    from zjplan.sanitise import inert

    for problem in problems:
        print(inert(problem.format()), file=sys.stderr)
    raise typer.Exit(code)


def bundled(name: str) -> Path:
    """A file shipped inside the package: the 2018 plan and its public figures."""
    return Path(__file__).resolve().parent.parent / "bundled" / name


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
    """How far each target of a plan is from being met (the shipped plan: 浙政办发〔2018〕10号).

    Start with `zjplan status`; see `zjplan COMMAND --help` for each command.
    """


def today() -> date:
    """Today, or $ZJPLAN_TODAY (YYYY-MM-DD) for reproducible runs."""
    fixed = os.environ.get("ZJPLAN_TODAY")
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        from zjplan.sanitise import quoted

        raise typer.BadParameter(
            f"ZJPLAN_TODAY={quoted(fixed)} is not a date; write YYYY-MM-DD or unset it"
        ) from None


PATH_HINT = says("hint-check-path")


def find_inputs(chosen: list[Path]) -> Found:
    """The files to read under the paths named (sources.find_files, one status a path); a
    path that does not exist is file-not-found, exit 2, before a file is read, in every
    command alike."""
    from zjplan.progress.sources import find_files

    found = find_files(chosen)
    if found.missing:
        fail(
            [
                Problem.said("file-not-found", says("no-such-path"), str(path), hint=PATH_HINT)
                for path in found.missing
            ]
        )
    return found


def outside_inputs(
    inputs: list[Path], writes: dict[str, Path | None], holds_inputs: Path | None = None
) -> None:
    """An output inside the files or folders a run reads would overwrite a city's own
    submission (or be read back as one next quarter): a usage error, exit 2, before anything
    is read. ``holds_inputs``, a folder the run replaces whole, must not hold any input."""
    outputs = [o for o in writes.values() if o is not None and str(o) not in ("", "-")]
    if not outputs and holds_inputs is None:
        return  # nothing is written: no input to protect (2,000 files: 2,000 realpaths saved)
    read = [Path(os.path.realpath(path)) for path in inputs]

    def within(path: Path, folder: Path) -> bool:
        return path == folder or folder in path.parents

    for option, output in writes.items():
        if output is None or str(output) in ("", "-"):
            continue
        target = Path(os.path.realpath(output))
        for given, source in zip(inputs, read, strict=True):
            if within(target, source):
                raise typer.BadParameter(
                    f"{output} is inside {given}, which this run reads: write it elsewhere",
                    param_hint=option,
                )
    if holds_inputs is not None:
        folder = Path(os.path.realpath(holds_inputs))
        for given, source in zip(inputs, read, strict=True):
            if within(source, folder):
                raise typer.BadParameter(
                    f"{holds_inputs} holds {given}, which this run reads: write it elsewhere",
                    param_hint="--output-dir",
                )


def parse_as_of(text: str | None, option: str = "--as-of") -> date | None:
    if text is None:
        return None
    from zjplan.numbers import CellError, parse_date

    try:
        return parse_date(text)
    except CellError as exc:
        raise typer.BadParameter(f"{exc.message}; {exc.hint}", param_hint=option) from exc


def region_name(p: Plan, text: str | None) -> str | None:
    if text is None:
        return None
    found = p.find_region(text)
    if found is None:
        names = ", ".join(r.name for r in p.regions)
        from zjplan.sanitise import quoted

        raise typer.BadParameter(
            f"{quoted(text)} is not a region of the plan ({names})", param_hint="--region"
        )
    return found.name


def report_problems(
    progress: Progress,
    verbose: bool,
    plan: Path | None = None,
    bundled_plan: bool = False,
    *,
    lang: str = "en",
) -> None:
    """On stderr: how many rows were skipped, and (verbose) the plan read (``plan``, the
    bundled one when ``bundled_plan``) and each file's encoding."""
    if verbose:
        from zjplan.sanitise import inert

        if plan is not None:
            where = " (bundled with zjplan)" if bundled_plan else ""
            print(inert(f"zjplan: plan {plan}{where}"), file=sys.stderr)
        for f in progress.files:
            print(
                inert(f"{f.file}: {f.encoding or 'unread'}, {f.rows} rows, {f.used} used"),
                file=sys.stderr,
            )
        for path, why in progress.skipped_files:
            print(inert(f"{path}: skipped, {why}"), file=sys.stderr)
    if progress.problems:
        errors = progress.errors
        warnings = progress.warnings
        summary = says("rows-skipped", skipped=progress.skipped, errors=errors, warnings=warnings)
        print(say(summary, lang), file=sys.stderr)


def guard_streams() -> None:
    """Every line zjplan prints, on stdout and stderr, passes one sanitiser
    (sanitise.GuardedStream): no control character of the data reaches a terminal, and
    no line a CI log reads starts a workflow command."""
    from zjplan.sanitise import GuardedStream

    if not isinstance(sys.stdout, GuardedStream):
        sys.stdout = GuardedStream(sys.stdout)
    if not isinstance(sys.stderr, GuardedStream):
        sys.stderr = GuardedStream(sys.stderr)


def workflow_commands() -> None:
    """Let workflow commands through stdout: for ``--format github`` alone, whose lines
    zjplan builds with every value escaped as GitHub documents."""
    from zjplan.sanitise import GuardedStream

    if isinstance(sys.stdout, GuardedStream):
        sys.stdout.commands = True


def main() -> None:
    """Console entry point: exit codes per :class:`ExitCode`, never a raw traceback."""
    # Process-wide settings belong to the program, so they are made here, once, never by
    # the library: zjplan's numpy passes sort and compare and need no BLAS, and OpenBLAS
    # would start a thread per core as numpy loads (twice the CPU of its import). A
    # user's own setting stands.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if sys.stdout is None or sys.stderr is None:  # started with a standard stream closed
        if sys.stderr is not None:
            print("zjplan: standard output is closed; nothing can be printed", file=sys.stderr)
        sys.exit(ExitCode.BAD_INPUT)
    for stream in (sys.stdout, sys.stderr):  # PYTHONIOENCODING=ascii: escape, never crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    guard_streams()
    try:
        code = command_of(sys.argv[1:])(standalone_mode=False)
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
    except LostOutput as exc:
        lost_output(exc)
    except Exception as exc:
        if os.environ.get("ZJPLAN_DEBUG") == "1":
            raise
        print(
            f"zjplan: internal error: {type(exc).__name__}: {exc}. This is a bug in zjplan; "
            "please report it with the command you ran (set ZJPLAN_DEBUG=1 for the traceback).",
            file=sys.stderr,
        )
        sys.exit(ExitCode.SOFTWARE)
    try:  # what is still buffered: a reader that went away keeps the exit code as it is
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
    except LostOutput as exc:
        lost_output(exc)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def lost_output(exc: LostOutput) -> NoReturn:
    """Output that did not all arrive (a full disk, /dev/full): one line, exit 2."""
    with contextlib.suppress(Exception):
        os.write(2, f"zjplan: error[cannot-write]: {exc}; {WRITE_HINT}\n".encode())
    with contextlib.suppress(Exception):  # what is still buffered would fail, and say so, again
        quiet_stdout()
    sys.exit(ExitCode.BAD_INPUT)
