"""The registry of report formats: each maps a Report to text, imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from zjplan.model import Plan
from zjplan.report import Report

Renderer = Callable[[Report, Plan, str], str]

# format -> "module:function"; every renderer takes (report, plan, lang) and returns text.
FORMATS: dict[str, str] = {
    "json": "zjplan.render.formats:report_json",
    "markdown": "zjplan.render.markdown:report_markdown",
    "csv": "zjplan.render.csvout:report_csv",
    "junit": "zjplan.render.junit:report_junit",
    "html": "zjplan.render.html:report_html",
}
EXTENSIONS = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".xml": "junit",
    ".html": "html",
    ".htm": "html",
}


def report_json(report: Report, plan: Plan, lang: str) -> str:
    from zjplan.sanitise import json_safe

    return json_safe(report.model_dump_json(indent=2)) + "\n"


def renderer(fmt: str) -> Renderer:
    module, _, function = FORMATS[fmt].partition(":")
    found: Renderer = getattr(importlib.import_module(module), function)
    return found


def format_for(path: Path) -> str | None:
    """The format an output file's extension asks for, if any."""
    return EXTENSIONS.get(path.suffix.lower())
