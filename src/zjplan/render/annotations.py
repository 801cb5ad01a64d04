"""`check`'s problems where a pull or merge request shows them: GitHub workflow commands,
GitLab Code Quality JSON, and a Markdown job summary."""

from __future__ import annotations

import hashlib

from zjplan.csvtext import Cell
from zjplan.errors import Problem
from zjplan.jsontext import indented_json
from zjplan.model import Plan
from zjplan.render.tabular import md_text, to_markdown
from zjplan.sanitise import inert, json_safe
from zjplan.submissions import CheckReport, FileReport

SUMMARY_PROBLEMS = 50  # problems a job summary lists; the rest are counted


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub documents (%, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value: the message's escapes, and ':' and ','."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """``::error file=…,line=…,col=…,title=…::message (hint)``: one annotation on the file."""
    where = [f"file={inert(_property(problem.file))}"]
    if problem.line:
        where.append(f"line={problem.line}")
        if problem.column:
            where.append(f"col={problem.column}")
    where.append(f"title={_property(f'zjplan {problem.code}')}")
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return f"::{problem.severity} {','.join(where)}::{inert(_data(message))}"


def check_github(report: CheckReport, plan: Plan, lang: str = "en") -> str:
    """Every problem as a GitHub workflow command, then a notice with the counts."""
    lines = [github_line(p) for p in report.problems]
    s = report.summary
    lines.append(
        f"::notice title=zjplan check::{s.files} file(s), {s.rows} row(s), {s.used} used: "
        f"{s.errors} error(s), {s.warnings} warning(s)"
    )
    return "\n".join(lines) + "\n"


def fingerprint(problem: Problem) -> str:
    """The same for the same problem in every run: file, place, code and message."""
    key = "\0".join(
        [problem.file, str(problem.line), str(problem.column), problem.code, problem.message]
    )
    return hashlib.sha256(key.encode("utf-8", "backslashreplace")).hexdigest()


def check_codequality(report: CheckReport, plan: Plan, lang: str = "en") -> str:
    """GitLab's Code Quality report: one issue per problem, with a stable fingerprint."""
    issues = [
        {
            "description": inert(p.message + (f" ({p.hint})" if p.hint else "")),
            "check_name": p.code,
            "fingerprint": fingerprint(p),
            "severity": "major" if p.severity == "error" else "minor",
            "location": {"path": inert(p.file), "lines": {"begin": max(p.line, 1)}},
        }
        for p in report.problems
    ]
    return json_safe(indented_json(issues)) + "\n"


def _file_row(f: FileReport) -> list[Cell]:
    read_as = f.format + (f" [{f.sheet}]" if f.sheet else "")
    return [f.file, read_as, f.owner or "—", f.rows, f.used, f.errors, f.warnings]


def check_markdown(report: CheckReport, plan: Plan, lang: str = "en") -> str:
    """A job summary: the counts, each file, the first problems, who is missing."""
    s = report.summary
    verdict = "❌" if s.errors else ("⚠️" if s.warnings else "✅")
    parts = [
        f"## {verdict} zjplan check\n",
        f"{s.files} file(s), {s.rows} row(s), {s.used} used: **{s.errors} error(s)**, "
        f"{s.warnings} warning(s)\n",
        to_markdown(
            ["file", "read as", "owner", "rows", "used", "errors", "warnings"],
            [_file_row(f) for f in report.files[:SUMMARY_PROBLEMS]],
        ),
    ]
    if report.problems:
        shown = report.problems[:SUMMARY_PROBLEMS]
        parts.append("### Problems\n")
        parts.append("\n".join(f"- {md_text(p.format())}" for p in shown) + "\n")
        if len(report.problems) > len(shown):
            parts.append(f"… and {len(report.problems) - len(shown)} more.\n")
    if report.completeness is not None:
        c = report.completeness
        parts.append(f"### Completeness {c.period}\n")
        parts.append(
            to_markdown(
                ["region", "reported", "missing"],
                [
                    [r.region, f"{r.reported}/{r.expected}", ", ".join(r.missing) or "—"]
                    for r in c.regions
                ],
            )
        )
    return "\n".join(parts)
