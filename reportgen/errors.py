"""The one exceptions module.

Every problem reportgen finds in a clerk's file is a :class:`Problem`: a severity, a
stable code, a location (file and line) and a Chinese message. Problems travel in an
:class:`InputError`; the CLI is the only place that turns them into text and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "错误"
    WARNING = "警告"


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file. ``line`` is 1-based; 0 means "the whole file"."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        if self.column > 0:
            return f"{self.path}:{self.line}:{self.column}"
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Fix:
    """A value to type into one cell: where (its key's line and column) and what."""

    location: Location
    value: int
    field: str = ""  # the cell's id


@dataclass(frozen=True)
class Problem:
    """One finding: where, how bad, which rule, what to do."""

    severity: Severity
    code: str
    location: Location
    message: str
    related: tuple[tuple[Location, str], ...] = field(default=())
    fields: tuple[str, ...] = field(default=())  # ids of the table cells involved
    section: str = ""  # the section concerned, for findings about prose
    fixes: tuple[tuple[Fix, ...], ...] = field(
        default=()
    )  # ways to correct it: each a set of cells to retype

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.location.column, self.code)

    def __str__(self) -> str:
        head = f"{self.location}: {self.severity.value} {self.code} {self.message}"
        tail = [f"    {loc}: {text}" for loc, text in self.related]
        return "\n".join([head, *tail])


class ReportgenError(Exception):
    """Base of every error reportgen raises on purpose."""


class InputError(ReportgenError):
    """The input file is wrong; carries every problem found, errors and warnings."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(ReportgenError):
    """The command line is wrong (exit code 2)."""


class OutputError(ReportgenError):
    """A file could not be read or written (exit code 2)."""


class TemplateError(ReportgenError):
    """A template is broken: a maintainer's problem, not the clerk's (exit code 2)."""


class BatchError(ReportgenError):
    """A batch broke down as a whole, not one file in it: a worker process died (exit code 2)."""
