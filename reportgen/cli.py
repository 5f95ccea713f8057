"""The command line: the only place that prints, and the only place that exits.

Exit codes: 0 done (warnings allowed), 1 the input has errors, 2 usage, I/O or
internal errors. Messages are Chinese and compiler-style (``file:line: 错误 CODE …``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from reportgen import __version__
from reportgen.errors import InputError, OutputError, Problem, ReportgenError, TemplateError, UsageError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"命令行参数有误：{message}（运行 reportgen {self.prog.split()[-1]} --help 查看用法）")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reportgen",
        description="政府信息公开工作年度报告生成工具：把一个 TOML 文件生成为官方格式的 Word 文档。",
    )
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    build = sub.add_parser(
        "build",
        help="检查并生成 Word 文档",
        description="检查输入文件；没有错误时生成 Word 文档（默认 outputs/<文件名>.docx）。",
    )
    build.add_argument("input", type=Path, help="输入的 .toml 文件，如 inputs/2019.toml")
    build.add_argument("-o", "--output", type=Path, help="输出文件路径（默认 outputs/<文件名>.docx）")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    for stream in (out, err):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a GBK console must not crash on a character
    try:
        return _run(list(sys.argv[1:] if argv is None else argv), out, err)
    except InputError as exc:
        _print_problems(exc.problems, err)
        return EXIT_INPUT
    except (UsageError, OutputError, TemplateError) as exc:
        print(f"reportgen: {exc}", file=err)
        return EXIT_USAGE
    except ReportgenError as exc:
        print(f"reportgen: {exc}", file=err)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("reportgen: 已中断。", file=err)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - no traceback ever reaches a clerk
        print(
            f"reportgen: 内部错误（{type(exc).__name__}）。输入文件没有被修改，也没有生成文档。"
            "请把输入文件和这条消息发给技术支持人员。",
            file=err,
        )
        return EXIT_USAGE


def _run(argv: list[str], out: TextIO, err: TextIO) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        return _build(args, out, err)
    _parser().print_help(out)
    return EXIT_USAGE


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import pipeline

    source: Path = args.input
    target: Path = args.output or Path("outputs") / f"{source.stem}.docx"
    checked = pipeline.build(source, target, display=str(source))
    _print_problems(checked.warnings, err)
    print(f"已生成 {target}", file=out)
    return EXIT_OK


def _print_problems(problems: Sequence[Problem], err: TextIO) -> None:
    for problem in problems:
        print(problem, file=err)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        print(f"共 {errors} 个错误、{warnings} 个警告；请改正错误后重新运行，文档没有生成。", file=err)
    elif warnings:
        print(f"共 {warnings} 个警告。", file=err)
