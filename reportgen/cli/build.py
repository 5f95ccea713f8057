"""``reportgen build FILE [-o PATH] [--to docx,html,pdf]``: check, then write the documents."""

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
        "--to",
        type=targets,
        default=("docx",),
        metavar="格式",
        help="生成哪些文件，用逗号分隔：docx（Word，默认）、html（网页）、pdf（需要 LibreOffice），"
        "如 --to docx,html,pdf",
    )
    return p


def targets(text: str) -> tuple[str, ...]:
    from reportgen.pipeline import TARGETS

    chosen = tuple(dict.fromkeys(t.strip().lower() for t in text.split(",") if t.strip()))
    wrong = [t for t in chosen if t not in TARGETS]
    if wrong or not chosen:
        raise argparse.ArgumentTypeError(
            f"--to 只能是 {'、'.join(TARGETS)} 中的一个或几个（用逗号分隔），现在是 {text!r}"
        )
    return chosen


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import pipeline

    source: Path = args.input
    made = pipeline.outputs(source, args.to, args.output)
    checked = pipeline.publish(source, made, display=str(source))
    print_problems(checked.warnings, err)
    for target in made.values():
        print(f"已生成 {target}", file=out)
    return EXIT_OK
