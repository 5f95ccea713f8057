"""The command line: the only place that prints, and the only place that exits.

Each command is one module here with ``register(subparsers)`` and
``run(args, out, err) -> int``. Exit codes: 0 done (warnings allowed), 1 the input has
errors, 2 usage, I/O or internal errors. Messages are Chinese and compiler-style
(``file:line: 错误 CODE …``).
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from reportgen import __version__
from reportgen.cli.console import EXIT_INPUT, EXIT_USAGE, print_problems
from reportgen.cli.parser import Parser
from reportgen.errors import InputError, ReportgenError, excerpt, printable

COMMANDS = (
    "build",
    "check",
    "import",
    "new",
    "preview",
    "summary",
)  # modules of reportgen.cli, in the order --help lists them
MODULES = {"import": "importing"}  # a command whose module has another name (import is a keyword)

EXAMPLES = """示例：
  reportgen build inputs/2019.toml
      检查 inputs/2019.toml，没有错误时生成 outputs/2019.docx
  reportgen check inputs/2019.toml
      只检查，不生成文件
  reportgen new 2022 --from inputs/2021.toml
      用去年的文件生成今年的 inputs/2022.toml
  reportgen preview inputs/2019.toml
      在浏览器中边改边看
每个命令的详细用法：reportgen 命令 --help，如 reportgen build --help"""


def parser() -> argparse.ArgumentParser:
    top = Parser(
        prog="reportgen",
        description="政府信息公开工作年度报告生成工具：把一个 TOML 文件生成为官方格式的 Word 文档。",
        epilog=EXAMPLES,
    )
    top.add_argument(
        "--version", action="version", version=f"reportgen {__version__}", help="显示版本号后退出"
    )
    sub = top.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"reportgen.cli.{MODULES.get(name, name)}")
        module.register(sub).set_defaults(run=module.run)
    return top


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    stops = _stop_on_signals()
    try:
        return _main(argv, out, err)
    finally:
        for signum, handler in stops.items():
            signal.signal(signum, handler)


def _stop_on_signals() -> dict[int, Any]:
    """SIGTERM and SIGHUP end the command like Ctrl-C: through an exception, so that every
    temporary file is removed and every worker and LibreOffice process is stopped (the
    default action would end this process alone, at once). A signal this process was started
    with ignored stays ignored (``nohup`` ignores SIGHUP). Returns the handlers replaced."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    replaced = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:
            replaced[signum] = signal.signal(signum, _interrupt)
    return replaced


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _main(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    for stream in (out, err):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a GBK console must not crash on a character
    try:
        args = parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        if not getattr(args, "run", None):
            parser().print_help(out)
            return EXIT_USAGE
        return int(args.run(args, out, err))
    except InputError as exc:
        print_problems(exc.problems, err)
        return EXIT_INPUT
    except ReportgenError as exc:
        print(f"reportgen: {printable(str(exc))}", file=err)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("reportgen: 已中断。", file=err)
        return EXIT_USAGE
    except Exception as exc:
        print(
            f"reportgen: 内部错误（{type(exc).__name__}: {excerpt(str(exc), 300)}）。输入文件没有被修改，也没有生成文档。"
            "请把输入文件和这条消息发给技术支持人员。",
            file=err,
        )
        return EXIT_USAGE
