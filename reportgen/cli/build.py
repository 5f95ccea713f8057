"""``reportgen build FILE [-o PATH]``: check, then write the Word document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from reportgen.cli.console import EXIT_OK, print_problems


def register(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "build",
        help="检查并生成 Word 文档",
        description="检查输入文件；没有错误时生成 Word 文档（默认 outputs/<文件名>.docx，相对于当前目录）。"
        "有错误时不生成任何文件，已有的文档保持不变。",
    )
    p.add_argument("input", type=Path, help="输入的 .toml 文件，如 inputs/2019.toml")
    p.add_argument("-o", "--output", type=Path, help="输出文件路径（默认 outputs/<文件名>.docx）")
    p.add_argument(
        "--prev",
        type=Path,
        metavar="LAST.toml",
        help="上一年度的输入文件，用来做跨年度检查（默认：同一文件夹中把文件名里的年份减一的文件，存在时自动对照）",
    )
    return p


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import pipeline

    source: Path = args.input
    target: Path = args.output or Path("outputs") / f"{source.stem}.docx"
    checked = pipeline.build(source, target, display=str(source), prev=args.prev or pipeline.AUTO)
    print_problems(checked.warnings, err)
    if checked.previous:
        print(f"已与上一年度文件 {checked.previous} 对照", file=out)
    print(f"已生成 {target}", file=out)
    return EXIT_OK
