"""The run's problem budget: every problem of a file is counted, the first MAX_LISTED listed.

A hostile file can hold a mistake on each of a million rows: listing them all would take
gigabytes to say what the first thousand say. The rest are counted, and the file gets one
``too-many-problems`` line (:func:`unlisted_problem`). Every problem of a run, the reader's,
the checked path's and the cross-file checks', goes through one :class:`Budget`.

A problem is named as :data:`~zjplan.wording.Words` (a key of the catalogue and its
parameters): its sentence is made only when it is listed.
"""

from __future__ import annotations

from zjplan.errors import Problem, Severity
from zjplan.progress.result import FileSummary
from zjplan.progress.sources import cell_ref
from zjplan.wording import Words, says, tell

MAX_LISTED = 10_000  # problems listed for one file; past that they are only counted


def unlisted_problem(summary: FileSummary) -> Problem | None:
    """The one line that says how many problems of a file were counted but not listed."""
    if not summary.unlisted:
        return None
    errors = summary.unlisted_errors
    return Problem.said(
        "too-many-problems",
        says(
            "too-many-problems",
            total=summary.errors + summary.warnings,
            listed=MAX_LISTED,
            unlisted=summary.unlisted,
            errors=errors,
        ),
        summary.file,
        0,
        0,
        Severity.ERROR if errors else Severity.WARNING,
        says("hint-fix-listed"),
    )


class Budget:
    """Counts each file's problems in its summary and lists them into the run's list."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems  # the run's list

    def problem(
        self,
        summary: FileSummary,
        code: str,
        message: Words,
        line: int = 0,
        column: int = 0,
        hint: Words | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Count a problem of the file, and list it unless the file has MAX_LISTED already."""
        if self.listed(summary, severity):
            self.list_problem(summary, code, message, line, column, hint, severity)

    def list_problem(
        self,
        summary: FileSummary,
        code: str,
        message: Words,
        line: int,
        column: int,
        hint: Words | None,
        severity: Severity,
    ) -> None:
        """List a problem already counted by :meth:`listed` (for a caller that names the
        problem only when it will be shown)."""
        spreadsheet = summary.format not in ("csv", "other") and line and column
        text, told_hint, params = tell(message, hint, cell_ref(line, column) if spreadsheet else "")
        self.problems.append(
            Problem(code, text, summary.file, line, column, severity, told_hint, params)
        )

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
