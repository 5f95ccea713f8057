"""``reportgen check FILE... [--format json]``: every problem in every file; nothing written.

Exit codes: 0 no errors (warnings allowed), 1 some file has errors, 2 a file could not be
read (or the command line is wrong). The text output is compiler-style on stderr, so an
editor can jump to each line; ``--format json`` prints one JSON document on stdout for
scripts and editors.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from reportgen.cli.console import EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_problems, problem_json
from reportgen.errors import InputError, Location, OutputError, Problem, Severity, UsageError, printable


def register(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "check",
        help="只检查，不生成文档",
        description="检查输入文件中的每一项：TOML 写法、键名、数字类型、表格的勾稽关系和总计，以及文字与表格是否一致。"
        "不写任何文件。退出码：0 没有错误（可能有警告），1 有错误，2 文件无法读取。",
        epilog="""示例：
  reportgen check inputs/2019.toml
      检查一个文件，问题写明文件、行号和改法
  reportgen check inputs/*.toml --format json
      检查多个文件，结果以 JSON 输出，供其他程序读取""",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        metavar="输入",
        help="输入的 .toml 文件，或已发布的报告 .docx/.html（可以多个；给出文件夹则检查其中所有这些文件）",
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        dest="output_format",
        metavar="text|json",
        help="text：给人看的消息（默认）；json：给程序读的结果，输出到标准输出",
    )
    p.add_argument(
        "--prev",
        type=Path,
        metavar="去年的文件",
        help="上一年度的输入文件，用来做跨年度检查（只检查一个文件时可用；默认：同一文件夹中把文件名里的年份减一的文件，"
        "存在时自动对照）",
    )
    return p


def check_file(path: Path, prev: Path | None = None) -> tuple[list[Problem], bool, str | None]:
    """Every problem of one file, sorted by line, whether the file could be read at all, and
    last year's file it was compared with (``prev``, or the one found beside it)."""
    from reportgen import pipeline

    shown = str(path)
    try:
        judged = pipeline.draft(path, display=shown, prev=prev or pipeline.AUTO)
    except InputError as exc:  # last year's file, named with --prev, has errors of its own
        return exc.problems, True, None
    except OutputError as exc:
        return [Problem(Severity.ERROR, "F-io", Location(shown), str(exc))], False, None
    return judged.problems, True, judged.previous


CHECKED = (".toml", ".docx", ".html", ".htm")  # what a folder given to check is searched for


def _expanded(paths: list[Path]) -> list[Path]:
    """A folder stands for every report file under it (a county's published .docx and web
    pages, the clerks' .toml files), in name order; hidden files are skipped."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in CHECKED
                and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            )
            if not found:
                raise UsageError(f"文件夹 {path} 里没有 .toml、.docx 或 .html 文件。")
            out += found
        else:
            out.append(path)
    return out


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.prev is not None and (len(args.inputs) > 1 or args.inputs[0].is_dir()):
        raise UsageError(
            "--prev 只能在检查一个文件时使用；检查多个文件时，各自旁边的上一年度文件会自动对照。"
        )
    inputs = _expanded(args.inputs)
    checked = [(path, *check_file(path, args.prev)) for path in inputs]
    previous = {path: prev for path, _, _, prev in checked}
    results = [(path, problems, readable) for path, problems, readable, _ in checked]
    unreadable = any(not readable for _, _, readable in results)
    errors = sum(p.is_error for _, problems, _ in results for p in problems)
    warnings = sum(not p.is_error for _, problems, _ in results for p in problems)
    code = EXIT_USAGE if unreadable else EXIT_INPUT if errors else EXIT_OK
    if args.output_format == "json":
        document = {
            "files": [
                {
                    "file": str(path),
                    "readable": readable,
                    "previous": previous[path],
                    "errors": sum(p.is_error for p in problems),
                    "warnings": sum(not p.is_error for p in problems),
                    "problems": [problem_json(p) for p in problems],
                }
                for path, problems, readable in results
            ],
            "errors": errors,
            "warnings": warnings,
            "exit_code": code,
        }
        json.dump(document, out, ensure_ascii=False, indent=2)
        print(file=out)
        return code
    for path, problems, _ in results:
        if previous[path]:
            print(printable(f"{path}: 已与上一年度文件 {previous[path]} 对照"), file=out)
        if problems:
            print_problems(problems, err, summary=False)
        else:
            print(printable(f"{path}: 没有发现问题。"), file=out)
    failed = sum(1 for _, problems, _ in results if any(p.is_error for p in problems))
    if len(results) > 1:
        print(
            f"检查了 {len(results)} 个文件：{len(results) - failed} 个没有错误，{failed} 个有错误。", file=err
        )
    if errors:
        print(f"共 {errors} 个错误、{warnings} 个警告；请改正错误后重新检查。", file=err)
    elif warnings:
        print(f"共 {warnings} 个警告：可以生成文档，但请逐条核对。", file=err)
    return code
