"""The run's problem budget: every problem of a file is counted, the first MAX_LISTED listed.

A hostile file can hold a mistake on each of a million rows: listing them all would take
gigabytes to say what the first thousand say. The rest are counted, and the file gets one
``too-many-problems`` line (:func:`unlisted_problem`). Every problem of a run, the reader's,
the checked path's and the cross-file checks', goes through one :class:`Budget`.
"""

from __future__ import annotations

from zjplan.errors import Problem, Severity
from zjplan.progress.result import FileSummary
from zjplan.progress.sources import cell_ref
from zjplan.sanitise import inert

MAX_LISTED = 10_000  # problems listed for one file; past that they are only counted


def unlisted_problem(summary: FileSummary) -> Problem | None:
    """The one line that says how many problems of a file were counted but not listed."""
    if not summary.unlisted:
        return None
    errors = summary.unlisted_errors
    return Problem(
        "too-many-problems",
        f"{summary.errors + summary.warnings:,} problems in this file: {MAX_LISTED:,} are "
        f"listed, the other {summary.unlisted:,} ({errors:,} errors) only counted",
        summary.file,
        0,
        0,
        Severity.ERROR if errors else Severity.WARNING,
        "fix the problems listed (often one mistake repeated on every row) and check again",
    )


class Budget:
    """Counts each file's problems in its summary and lists them into the run's list."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems  # the run's list

    def problem(
        self,
        summary: FileSummary,
        code: str,
        message: str,
        line: int = 0,
        column: int = 0,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Count a problem of the file, and list it unless the file has MAX_LISTED already."""
        if self.listed(summary, severity):
            self.list_problem(summary, code, message, line, column, hint, severity)

    def list_problem(
        self,
        summary: FileSummary,
        code: str,
        message: str,
        line: int,
        column: int,
        hint: str,
        severity: Severity,
    ) -> None:
        """List a problem already counted by :meth:`listed` (for a caller that makes the
        message only when it will be shown)."""
        if summary.format not in ("csv", "other") and line and column:
            message = f"{cell_ref(line, column)}: {message}"
        message = inert(message)
        self.problems.append(Problem(code, message, summary.file, line, column, severity, hint))

    def add(self, problem: Problem, summary: FileSummary) -> None:
        """A problem found after reading (the cross-file checks), counted and listed alike."""
        if self.listed(summary, problem.severity):
            self.problems.append(problem)

    @staticmethod
    def listed(summary: FileSummary, severity: Severity) -> bool:
        """Count one more problem of the file; whether it is among the first MAX_LISTED."""
        error = severity is Severity.ERROR
        summary.errors += error
        summary.warnings += not error
        if summary.errors + summary.warnings <= MAX_LISTED:
            return True
        summary.unlisted += 1
        summary.unlisted_errors += error
        return False
