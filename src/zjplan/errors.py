"""Problems found in input, the fatal error that carries them, and the exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class ExitCode(IntEnum):
    """What zjplan's exit status means; documented in the README."""

    OK = 0
    FAILED = 1  # a check found errors, or a target is at or past --fail-on
    BAD_INPUT = 2  # bad option, unreadable or invalid plan
    SOFTWARE = 70  # a bug in zjplan
    INTERRUPTED = 130


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Every problem code zjplan can report: what it means and how to fix it.
CATALOGUE: dict[str, tuple[str, str]] = {
    "file-not-found": ("The file does not exist or cannot be read.", "Check the path."),
    "file-too-large": ("The file is larger than zjplan accepts.", "Split the file."),
    "not-utf8": ("The plan file is not valid UTF-8.", "Save the plan as UTF-8."),
    "yaml-syntax": ("The YAML is malformed.", "Fix the syntax at the position given."),
    "yaml-alias": (
        "YAML anchors and aliases (&a / *a) are not accepted.",
        "Write the value out in full.",
    ),
    "yaml-tag": (
        "Only plain YAML values are accepted; tags like !!python or !!binary are refused.",
        "Remove the tag.",
    ),
    "yaml-too-deep": ("The YAML nests deeper than any plan needs.", "Flatten the structure."),
    "duplicate-key": ("A mapping has the same key twice.", "Keep one of the two keys."),
    "unknown-key": ("A key that the plan format does not define.", "Remove or rename it."),
    "missing-key": ("A required key is missing.", "Add the key."),
    "wrong-type": ("A value has the wrong type.", "Write a value of the type named."),
    "invalid-value": ("A value breaks a rule of the plan format.", "Follow the rule named."),
    "duplicate-id": ("Two targets share one id.", "Give each target its own id."),
    "unknown-reference": (
        "A reference to a task or region that the plan does not define.",
        "Use an id or region name that exists in the plan.",
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One located mistake in an input file."""

    code: str
    message: str
    file: str
    line: int = 0
    column: int = 0
    severity: Severity = Severity.ERROR
    hint: str = ""

    def format(self) -> str:
        """The compiler-style one-liner: ``file:line:column: error[code]: message (hint)``."""
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.severity}[{self.code}]: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ZjplanError(Exception):
    """A fatal input error: the operation cannot go on. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
