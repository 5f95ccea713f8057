"""``reportgen preview FILE [--port N]``: show the report in the browser while it is edited."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from reportgen.cli.console import EXIT_OK, EXIT_USAGE

DEFAULT_PORT = 8765


def register(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "preview",
        help="在浏览器中预览报告，保存文件后自动刷新",
        description="在本机启动预览（只有本机能访问）：用浏览器打开显示的地址，就能看到报告的样子；"
        "每次保存输入文件，页面在一秒内自动刷新，有问题的单元格和段落会标红并说明原因。"
        "预览只读取输入文件，从不修改它。按 Ctrl-C 停止。",
        epilog="""示例：
  reportgen preview inputs/2019.toml
      然后用浏览器打开 http://127.0.0.1:8765/
  reportgen preview inputs/2019.toml --port 9000
      换一个端口""",
    )
    p.add_argument("input", type=Path, metavar="输入", help="输入的 .toml 文件，如 inputs/2019.toml")
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="端口",
        help=f"端口号（默认 {DEFAULT_PORT}；0 表示任选一个空闲端口）",
    )
    return p


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import preview

    source: Path = args.input
    if not source.is_file():
        print(f"reportgen: 找不到输入文件：{source}", file=err)
        return EXIT_USAGE
    if not 0 <= args.port <= 65535:
        print(f"reportgen: 端口号应当在 0 到 65535 之间，现在是 {args.port}", file=err)
        return EXIT_USAGE
    server = preview.serve(source, args.port, display=str(source))
    try:
        print(f"正在预览 {source}：请用浏览器打开 {server.url}", file=out)
        print("保存文件后页面会自动刷新。按 Ctrl-C 停止预览。", file=out, flush=True)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("预览已停止。", file=out, flush=True)
    finally:
        server.server_close()
    return EXIT_OK
