"""Judgement on a typed report: fill the 总计 cells left out, check every identity.

The identities are data in each format module; this one engine evaluates them all and
words every finding the same way, naming the cells involved and their lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportgen.errors import Location, Problem, Severity
from reportgen.format import Identity, Term
from reportgen.model import Report, Value

Number = int | Decimal


def complete(report: Report) -> dict[str, Value | None]:
    """The values with every 总计 the clerk left out computed from its parts."""
    values = dict(report.values)
    changed = True
    while changed:
        changed = False
        for ident in report.format.identities:
            for side, other in ((ident.left, ident.right), (ident.right, ident.left)):
                target = side[0].field
                if len(side) != 1 or values.get(target) is not None:
                    continue
                if not report.format.field(target).computed:
                    continue
                parts = [values.get(t.field) for t in other]
                if all(isinstance(p, (int, Decimal)) for p in parts):
                    values[target] = sum(parts)  # type: ignore[arg-type]
                    changed = True
    return values


def check(report: Report, values: dict[str, Value | None]) -> list[Problem]:
    """Every identity of the format that does not hold, as an error."""
    problems = []
    for ident in report.format.identities:
        problem = _check_identity(report, values, ident)
        if problem is not None:
            problems.append(problem)
    return problems


def _check_identity(report: Report, values: dict[str, Value | None], ident: Identity) -> Problem | None:
    left = [values.get(t.field) for t in ident.left]
    right = [values.get(t.field) for t in ident.right]
    if not all(isinstance(v, (int, Decimal)) for v in (*left, *right)):
        return None  # a cell is missing or mistyped: already reported by the model
    lsum, rsum = sum(left), sum(right)  # type: ignore[arg-type]
    if lsum == rsum:
        return None
    given = {t.field for t in (*ident.left, *ident.right) if report.values.get(t.field) is not None}
    message = (
        f"{ident.scope}：{_expr(report, ident.left, left, given)} = {lsum}，"
        f"但 {_expr(report, ident.right, right, given)}"
        f"{'' if len(right) == 1 else f' = {rsum}'}，相差 {abs(lsum - rsum)}"
    )
    terms = [t for t in (*ident.right, *ident.left) if t.field in given]
    primary = report.location(terms[0].field) if terms else Location(report.source.path)
    related: dict[Location, str] = {}
    for t in (*ident.left, *ident.right):
        if t.field not in given:
            continue
        loc = report.location(t.field)
        if loc != primary and loc not in related:
            related[loc] = report.format.field(t.field).label
    return Problem(
        Severity.ERROR,
        ident.code,
        primary,
        message,
        tuple(sorted(related.items())),
        fields=tuple(t.field for t in (*ident.left, *ident.right)),
    )


def _expr(report: Report, terms: Sequence[Term], values: Sequence[Value | None], given: set[str]) -> str:
    parts = []
    for term, value in zip(terms, values, strict=True):
        mark = "" if term.field in given else "（自动计算）"
        parts.append(f"{term.label}{mark} {value}")
    return " + ".join(parts)
