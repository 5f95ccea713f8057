"""How findings and results are printed: one format for every command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from reportgen.errors import Fix, Location, Problem

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def print_problems(problems: Sequence[Problem], err: TextIO, summary: bool = True) -> None:
    for problem in problems:
        print(problem, file=err)
    if not summary:
        return
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        print(f"共 {errors} 个错误、{warnings} 个警告；请改正错误后重新运行，文档没有生成。", file=err)
    elif warnings:
        print(f"共 {warnings} 个警告。", file=err)


def _where(location: Location) -> dict[str, Any]:
    if location.place:  # in a published report: its lines are those of a file nobody sees
        return {"file": location.path, "line": None, "column": None, "place": location.place}
    return {
        "file": location.path,
        "line": location.line or None,
        "column": location.column or None,
    }


def _fix(fix: Fix) -> dict[str, Any]:
    return {"line": fix.location.line or None, "column": fix.location.column or None, "value": fix.value}


def problem_json(problem: Problem) -> dict[str, Any]:
    """A problem as plain data: the interface of ``--format json``.

    ``fix`` is the one cell to retype when exactly one cell explains the finding; ``fixes``
    every correction offered, each a list of cells to retype together.
    """
    only = problem.fixes[0] if len(problem.fixes) == 1 and len(problem.fixes[0]) == 1 else ()
    return {
        "severity": "error" if problem.is_error else "warning",
        "code": problem.code,
        **_where(problem.location),
        "message": problem.message,
        "related": [{**_where(loc), "message": text} for loc, text in problem.related],
        "fields": list(problem.fields),
        "section": problem.section or None,
        "fix": _fix(only[0]) if only else None,
        "fixes": [[_fix(f) for f in fix] for fix in problem.fixes],
    }
