"""The format registries: one enum per command family, each member mapped to its renderer,
its file extensions, what it produces (text, bytes, or a rich renderable for a terminal)
and, for status, the file ``report --output-dir`` writes it to.

The CLI's ``--format`` choices, ``--output`` extension inference, ``report``'s file list and
the tests' lists all come from here. Each ``spec`` function is a ``match`` that ends in
``assert_never``: a new member is a type error until it has a row. Each family's
``*_renderer`` function imports its renderer only when asked, so a run pays only for its
own format, and returns it typed by the family's Protocol, so mypy checks every
renderer's arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, assert_never

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from zjplan.cities import CityMatrix
    from zjplan.model import Plan, Region, Target
    from zjplan.report import Report
    from zjplan.submissions import CheckReport, Completeness

# text: a str; bytes: a binary file (never printed to a terminal); rich: a renderable for
# the terminal, written as plain text to a file.
Payload = Literal["text", "bytes", "rich"]


@dataclass(frozen=True, slots=True)
class Spec:
    """One format of a command family: its file extensions, what it produces and (status
    only) the file `report --output-dir` writes it to. Its renderer is given by the
    family's ``*_renderer`` function, typed by the family's Protocol."""

    extensions: tuple[str, ...]  # the first is the one zjplan writes
    payload: Payload
    report_file: str | None = None


Rendered = Any  # str, bytes, or a rich renderable (rich is imported only for a terminal)


class StatusRenderer(Protocol):
    def __call__(self, report: Report, plan: Plan, lang: str, /) -> Rendered: ...


class CheckRenderer(Protocol):
    def __call__(self, report: CheckReport, plan: Plan, lang: str, /) -> Rendered: ...


class CitiesRenderer(Protocol):
    def __call__(self, matrix: CityMatrix, plan: Plan, lang: str, /) -> Rendered: ...


class ChaseWriter(Protocol):
    def __call__(self, completeness: Completeness, plan: Plan, lang: str, /) -> str | bytes: ...


class TargetsRenderer(Protocol):
    def __call__(self, plan: Plan, targets: Sequence[Target], lang: str, /) -> Rendered: ...


class TemplateWriter(Protocol):
    def __call__(self, plan: Plan, region: Region, as_of: date, /) -> str | bytes: ...


class StatusFormat(StrEnum):
    """What `status` (and `report`) can write."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    junit = "junit"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


def status_spec(fmt: StatusFormat) -> Spec:
    """Every status renderer takes (report, plan, lang)."""
    match fmt:
        case StatusFormat.table:
            return Spec((".txt",), "rich")
        case StatusFormat.json:
            return Spec((".json",), "text", "status.json")
        case StatusFormat.markdown:
            return Spec((".md", ".markdown"), "text", "status.md")
        case StatusFormat.csv:
            return Spec((".csv",), "text")
        case StatusFormat.junit:
            return Spec((".xml",), "text", "junit.xml")
        case StatusFormat.html:
            return Spec((".html", ".htm"), "text", "status.html")
        case StatusFormat.xlsx:
            return Spec((".xlsx",), "bytes", "status.xlsx")
        case StatusFormat.docx:
            return Spec((".docx",), "bytes", "status.docx")
        case _:
            assert_never(fmt)


def status_renderer(fmt: StatusFormat) -> StatusRenderer:
    """The renderer of a status format (the table's ``all_rows`` and the workbook's
    ``matrix`` are asked of status_table and report_xlsx by name)."""
    match fmt:
        case StatusFormat.table:
            from zjplan.render.status import status_table

            return status_table
        case StatusFormat.json:
            from zjplan.render.jsonout import report_json

            return report_json
        case StatusFormat.markdown:
            from zjplan.render.markdown import report_markdown

            return report_markdown
        case StatusFormat.csv:
            from zjplan.render.csvout import report_csv

            return report_csv
        case StatusFormat.junit:
            from zjplan.render.junit import report_junit

            return report_junit
        case StatusFormat.html:
            from zjplan.render.html import report_html

            return report_html
        case StatusFormat.xlsx:
            from zjplan.render.workbook import report_xlsx

            return report_xlsx
        case StatusFormat.docx:
            from zjplan.render.briefing import report_docx

            return report_docx
        case _:
            assert_never(fmt)


class CheckFormat(StrEnum):
    """What `check` can print."""

    table = "table"
    json = "json"
    github = "github"  # workflow commands: annotations on the submitted file's lines
    codequality = "codequality"  # GitLab's Code Quality report
    markdown = "markdown"  # a job summary


def check_spec(fmt: CheckFormat) -> Spec:
    """Every check renderer takes (check report, plan, lang)."""
    match fmt:
        case CheckFormat.table:
            return Spec((".txt",), "rich")
        case CheckFormat.json:
            return Spec((".json",), "text")
        case CheckFormat.github:
            return Spec((".github",), "text")
        case CheckFormat.codequality:
            return Spec((".codequality.json",), "text")
        case CheckFormat.markdown:
            return Spec((".md",), "text")
        case _:
            assert_never(fmt)


def check_renderer(fmt: CheckFormat) -> CheckRenderer:
    match fmt:
        case CheckFormat.table:
            from zjplan.render.check import check_view

            return check_view
        case CheckFormat.json:
            from zjplan.render.jsonout import check_json

            return check_json
        case CheckFormat.github:
            from zjplan.render.annotations import check_github

            return check_github
        case CheckFormat.codequality:
            from zjplan.render.annotations import check_codequality

            return check_codequality
        case CheckFormat.markdown:
            from zjplan.render.annotations import check_markdown

            return check_markdown
        case _:
            assert_never(fmt)


class CitiesFormat(StrEnum):
    """What `cities` can write."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


def cities_spec(fmt: CitiesFormat) -> Spec:
    """Every cities renderer takes (city matrix, plan, lang)."""
    match fmt:
        case CitiesFormat.table:
            return Spec((".txt",), "rich")
        case CitiesFormat.json:
            return Spec((".json",), "text")
        case CitiesFormat.markdown:
            return Spec((".md", ".markdown"), "text")
        case CitiesFormat.csv:
            return Spec((".csv",), "text")
        case CitiesFormat.html:
            return Spec((".html", ".htm"), "text")
        case _:
            assert_never(fmt)


def cities_renderer(fmt: CitiesFormat) -> CitiesRenderer:
    from zjplan.render import cities

    match fmt:
        case CitiesFormat.table:
            return cities.cities_table
        case CitiesFormat.json:
            return cities.cities_json
        case CitiesFormat.markdown:
            return cities.cities_markdown
        case CitiesFormat.csv:
            return cities.cities_csv
        case CitiesFormat.html:
            return cities.cities_html
        case _:
            assert_never(fmt)


class ChaseFormat(StrEnum):
    """What `check --chase FILE` can write."""

    csv = "csv"
    xlsx = "xlsx"
    markdown = "markdown"


def chase_spec(fmt: ChaseFormat) -> Spec:
    """Every chase writer takes (completeness, plan, lang)."""
    match fmt:
        case ChaseFormat.csv:
            return Spec((".csv",), "text")
        case ChaseFormat.xlsx:
            return Spec((".xlsx",), "bytes")
        case ChaseFormat.markdown:
            return Spec((".md", ".markdown"), "text")
        case _:
            assert_never(fmt)


def chase_writer(fmt: ChaseFormat) -> ChaseWriter:
    from zjplan.render import chase

    match fmt:
        case ChaseFormat.csv:
            return chase.chase_csv
        case ChaseFormat.xlsx:
            return chase.chase_xlsx
        case ChaseFormat.markdown:
            return chase.chase_markdown
        case _:
            assert_never(fmt)


class TargetFormat(StrEnum):
    """What `targets` can print."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def target_spec(fmt: TargetFormat) -> Spec:
    """Every targets renderer takes (plan, the chosen targets, lang)."""
    match fmt:
        case TargetFormat.table:
            return Spec((".txt",), "rich")
        case TargetFormat.json:
            return Spec((".json",), "text")
        case TargetFormat.csv:
            return Spec((".csv",), "text")
        case TargetFormat.markdown:
            return Spec((".md", ".markdown"), "text")
        case _:
            assert_never(fmt)


def targets_renderer(fmt: TargetFormat) -> TargetsRenderer:
    from zjplan.render import targets

    match fmt:
        case TargetFormat.table:
            return targets.targets_table
        case TargetFormat.json:
            return targets.targets_json
        case TargetFormat.csv:
            return targets.targets_csv
        case TargetFormat.markdown:
            return targets.targets_markdown
        case _:
            assert_never(fmt)


class TemplateFormat(StrEnum):
    """What `template` can write."""

    csv = "csv"
    xlsx = "xlsx"


def template_spec(fmt: TemplateFormat) -> Spec:
    """Every template writer takes (plan, region, the period's last day)."""
    match fmt:
        case TemplateFormat.csv:
            return Spec((".csv",), "text")
        case TemplateFormat.xlsx:
            return Spec((".xlsx",), "bytes")
        case _:
            assert_never(fmt)


def template_writer(fmt: TemplateFormat) -> TemplateWriter:
    from zjplan import template

    match fmt:
        case TemplateFormat.csv:
            return template.template_csv
        case TemplateFormat.xlsx:
            return template.template_xlsx
        case _:
            assert_never(fmt)


F = TypeVar("F", bound=StrEnum)


class UnknownExtension(ValueError):
    """An output file's extension that names no format of the command."""

    def __init__(self, path: Path, known: dict[str, str]) -> None:
        choices = ", ".join(f"{ext} ({fmt})" for ext, fmt in known.items())
        suffix = path.suffix or "no extension"
        super().__init__(f"{suffix} is not a format zjplan writes here; name the file {choices}")


def extensions(formats: type[F], spec: Callable[[F], Spec]) -> dict[str, F]:
    """Each extension a family's formats take, to its format (a table: .txt, as plain text)."""
    return {ext: fmt for fmt in formats for ext in spec(fmt).extensions}


def format_for(path: Path, formats: type[F], spec: Callable[[F], Spec]) -> F:
    """The format an output file's extension asks for; UnknownExtension when none does."""
    known = extensions(formats, spec)
    found = known.get(path.suffix.lower())
    if found is None:
        raise UnknownExtension(path, {ext: fmt.value for ext, fmt in known.items()})
    return found
