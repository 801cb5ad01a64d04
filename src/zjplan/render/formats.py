"""The format registries: one enum per command family, each member mapped to its renderer,
its file extensions, what it produces (text, bytes, or a rich renderable for a terminal)
and, for status, the file ``report --output-dir`` writes it to.

The CLI's ``--format`` choices, ``--output`` extension inference, ``report``'s file list and
the tests' lists all come from here. Each ``spec`` function is a ``match`` that ends in
``assert_never``: a new member is a type error until it has a row. Renderers are named as
``module:function`` and imported only when used, so a run pays only for its own format.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, assert_never

if TYPE_CHECKING:
    from zjplan.model import Plan
    from zjplan.report import Report
    from zjplan.submissions import CheckReport

# text: a str; bytes: a binary file (never printed to a terminal); rich: a renderable for
# the terminal, written as plain text to a file.
Payload = Literal["text", "bytes", "rich"]


@dataclass(frozen=True, slots=True)
class Spec:
    """One format of a command family."""

    render: str  # "module:function"
    extensions: tuple[str, ...]  # the first is the one zjplan writes
    payload: Payload
    report_file: str | None = None  # status only: the file `report --output-dir` writes

    def load(self) -> Callable[..., Any]:
        module, _, function = self.render.partition(":")
        found: Callable[..., Any] = getattr(importlib.import_module(module), function)
        return found


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
            return Spec("zjplan.render.status:status_table", (".txt",), "rich")
        case StatusFormat.json:
            return Spec("zjplan.render.formats:report_json", (".json",), "text", "status.json")
        case StatusFormat.markdown:
            return Spec(
                "zjplan.render.markdown:report_markdown", (".md", ".markdown"), "text", "status.md"
            )
        case StatusFormat.csv:
            return Spec("zjplan.render.csvout:report_csv", (".csv",), "text")
        case StatusFormat.junit:
            return Spec("zjplan.render.junit:report_junit", (".xml",), "text", "junit.xml")
        case StatusFormat.html:
            return Spec("zjplan.render.html:report_html", (".html", ".htm"), "text", "status.html")
        case StatusFormat.xlsx:
            return Spec("zjplan.render.workbook:report_xlsx", (".xlsx",), "bytes", "status.xlsx")
        case StatusFormat.docx:
            return Spec("zjplan.render.briefing:report_docx", (".docx",), "bytes", "status.docx")
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
            return Spec("zjplan.render.check:check_view", (".txt",), "rich")
        case CheckFormat.json:
            return Spec("zjplan.render.formats:check_json", (".json",), "text")
        case CheckFormat.github:
            return Spec("zjplan.render.annotations:check_github", (".github",), "text")
        case CheckFormat.codequality:
            return Spec(
                "zjplan.render.annotations:check_codequality", (".codequality.json",), "text"
            )
        case CheckFormat.markdown:
            return Spec("zjplan.render.annotations:check_markdown", (".md",), "text")
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
            return Spec("zjplan.render.cities:cities_table", (".txt",), "rich")
        case CitiesFormat.json:
            return Spec("zjplan.render.cities:cities_json", (".json",), "text")
        case CitiesFormat.markdown:
            return Spec("zjplan.render.cities:cities_markdown", (".md", ".markdown"), "text")
        case CitiesFormat.csv:
            return Spec("zjplan.render.cities:cities_csv", (".csv",), "text")
        case CitiesFormat.html:
            return Spec("zjplan.render.cities:cities_html", (".html", ".htm"), "text")
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
            return Spec("zjplan.render.chase:chase_csv", (".csv",), "text")
        case ChaseFormat.xlsx:
            return Spec("zjplan.render.chase:chase_xlsx", (".xlsx",), "bytes")
        case ChaseFormat.markdown:
            return Spec("zjplan.render.chase:chase_markdown", (".md", ".markdown"), "text")
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
            return Spec("zjplan.render.targets:targets_table", (".txt",), "rich")
        case TargetFormat.json:
            return Spec("zjplan.render.targets:targets_json", (".json",), "text")
        case TargetFormat.csv:
            return Spec("zjplan.render.targets:targets_csv", (".csv",), "text")
        case TargetFormat.markdown:
            return Spec("zjplan.render.targets:targets_markdown", (".md", ".markdown"), "text")
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
            return Spec("zjplan.template:template_csv", (".csv",), "text")
        case TemplateFormat.xlsx:
            return Spec("zjplan.template:template_xlsx", (".xlsx",), "bytes")
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


# Below this many history points the json module writes the Report: it needs no serializer
# built (~30 ms of a run's start-up); above it pydantic's serializer is faster (a report of
# 1,008,000 points: ~0.2 s against ~1.2 s). Both give the same JSON (a test).
PLAIN_JSON_POINTS = 50_000
# The same for a check report, counted in problems and files: 2,000 files take 27 ms by the
# json module against 90 ms by pydantic (its import and serializer included); 10,000 take
# 128 ms against 121 ms.
PLAIN_JSON_ITEMS = 10_000


def model_json(value: Any, large: bool = False) -> str:
    """A model as indented JSON: the json module's for a small one, pydantic's serializer
    for a large one (or a value the plain writer does not know)."""
    from zjplan.base import dump_json, plain_data
    from zjplan.sanitise import json_safe

    text = None
    if not large:
        import json

        # A value the plain writer does not know: pydantic's says it as the schema does.
        with contextlib.suppress(TypeError, ValueError):
            text = json.dumps(plain_data(value), ensure_ascii=False, indent=2, allow_nan=False)
    return json_safe(dump_json(value) if text is None else text) + "\n"


def report_json(report: Report, plan: Plan, lang: str) -> str:
    """The Report as JSON (``zjplan schema report``)."""
    return model_json(report, sum(len(t.history) for t in report.targets) >= PLAIN_JSON_POINTS)


def check_json(report: CheckReport, plan: Plan, lang: str = "en") -> str:
    """The check report as JSON (``zjplan schema check-report``)."""
    return model_json(report, len(report.problems) + len(report.files) >= PLAIN_JSON_ITEMS)
