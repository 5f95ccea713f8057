"""How findings and results are printed: one format for every command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from reportgen.errors import Problem

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def print_problems(problems: Sequence[Problem], err: TextIO) -> None:
    for problem in problems:
        print(problem, file=err)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        print(f"共 {errors} 个错误、{warnings} 个警告；请改正错误后重新运行，文档没有生成。", file=err)
    elif warnings:
        print(f"共 {warnings} 个警告。", file=err)
