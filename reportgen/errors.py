"""The one exceptions module.

Every problem reportgen finds in a clerk's file is a :class:`Problem`: a severity, a
stable code, a location (file and line) and a Chinese message. Problems travel in an
:class:`InputError`; the CLI is the only place that turns them into text and exit codes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

EXCERPT = 40  # characters of a clerk's value a message quotes; the rest is counted, not repeated
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on, or that shows nothing, written out.

    Control characters (ESC, BEL …), format characters (bidi overrides, zero-width
    spaces), line separators and unassigned code points become ``\\x1b``, ``\\u202e``;
    newlines and tabs become ``\\n`` and ``\\t``. Everything else is kept as it is.
    """
    if text.isprintable():
        return text  # the usual case: nothing to do (spaces, including U+3000, are kept)
    out = []
    for ch in text:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif unicodedata.category(ch) in _INVISIBLE:
            code = ord(ch)
            out.append(
                f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
            )
        else:
            out.append(ch)
    return "".join(out)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """A clerk's text as a message quotes it: made :func:`printable`, cut after ``limit``
    characters with the full length said (a 5 MB name is not repeated in every message)."""
    if len(text) <= limit:
        return printable(text)
    return f"{printable(text[:limit])}…（共 {len(text):,} 个字符）"


class Severity(StrEnum):
    ERROR = "错误"
    WARNING = "警告"


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file. ``line`` is 1-based; 0 means "the whole file"."""

    path: str
    line: int = 0
    column: int = 0
    place: str = ""  # in a published report (.docx, web page): 第12段, 表三 第7行 自然人

    def __str__(self) -> str:
        if self.place:
            return f"{self.path}:{self.place}"
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
        """The compiler-style lines a terminal shows: nothing in them can act on the terminal."""
        head = f"{self.location}: {self.severity.value} {self.code} {self.message}"
        tail = [f"    {loc}: {text}" for loc, text in self.related]
        return "\n".join(printable(line) for line in [head, *tail])


PER_KIND = 50  # findings of one code listed one by one; the rest are counted in one line


def capped(problems: list[Problem]) -> list[Problem]:
    """``problems`` (sorted) with at most :data:`PER_KIND` of each code per file, and for each
    code past that one line saying how many more there are and on which lines (a pasted text
    that mentions last year 10,000 times gets 50 warnings and a count, not 2 MB of them)."""
    counts: dict[tuple[str, str], int] = {}
    for p in problems:
        kind = (p.location.path, p.code)
        counts[kind] = counts.get(kind, 0) + 1
    if all(n <= PER_KIND for n in counts.values()):
        return problems  # the usual case
    kept: list[Problem] = []
    dropped: dict[tuple[str, str], list[Problem]] = {}
    seen: dict[tuple[str, str], int] = {}
    for p in problems:
        kind = (p.location.path, p.code)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= PER_KIND:
            kept.append(p)
        else:
            dropped.setdefault(kind, []).append(p)
    for (_, code), rest in dropped.items():
        severity = Severity.ERROR if any(p.is_error for p in rest) else Severity.WARNING
        first, last = min(p.location.line for p in rest), max(p.location.line for p in rest)
        where = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
        kept.append(
            Problem(
                severity,
                code,
                rest[0].location,
                f"另有 {len(rest):,} 条 {code}（{where}）与上面的同类，没有逐一列出。"
                f"请先处理上面列出的 {PER_KIND} 条，再重新检查。",
            )
        )
    return sorted(kept, key=Problem.sort_key)


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
