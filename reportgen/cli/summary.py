"""``reportgen summary DIR|FILE... [-o FILE.xlsx|FILE.html] [--roster ROSTER] [--year YEAR]``.

Every report of a county's folder, checked as ``check`` does, gathered into an Excel
workbook and a standalone HTML dashboard (:mod:`reportgen.review`, :mod:`reportgen.summary`). Prints the reports
with errors and the counts; exit codes as ``check``: 0 no report has errors, 1 some
report has errors (the summary is written all the same), 2 a file could not be read, a
wrong command line, or the summary could not be written.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any, TextIO

from reportgen.cli.build import _workers
from reportgen.cli.console import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from reportgen.errors import UsageError

DEFAULT_DIR = Path("outputs")
DEFAULT_NAME = "summary"


def register(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "summary",
        help="汇总一个文件夹里各机关的报告：Excel 工作簿和网页",
        description="读取并检查文件夹里的每一份报告（与 reportgen check 相同的检查），生成 Excel 工作簿"
        "（概览、问题、汇总、雷同，给出 --roster 时还有名单）和一个可以离线打开的网页。"
        "有错误的报告照样汇总，数字按所写列出并标明。"
        "退出码：0 没有报告有错误，1 有报告有错误（汇总照样生成），2 文件无法读取或无法写入。",
        epilog="""示例：
  reportgen summary 全区报告/
      汇总文件夹里的每一份报告，生成 outputs/summary.xlsx 和 outputs/summary.html
  reportgen summary 全区报告/ -o 汇总2023.xlsx --year 2023 --roster 名单.txt
      只汇总 2023 年度，写成 Excel 工作簿，并列出名单上没有报告的机关""",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="输入",
        help="报告所在的文件夹（包括子文件夹）、报告文件或通配符，如 全区报告/、'全区报告/*-2021.toml'",
    )
    p.add_argument(
        "-o",
        "--output",
        action="append",
        metavar="输出文件",
        help="写到哪里：以 .xlsx 结尾为 Excel 工作簿，以 .html 结尾为网页；可以写两次，各写一个；"
        "写一个已有的文件夹则两个都放在其中（默认 outputs/summary.xlsx 和 outputs/summary.html）",
    )
    p.add_argument(
        "--roster",
        type=Path,
        metavar="名单",
        help="应当报送的机关名单：文字文件，每行一个机关名称（# 开头的行不算）；列出没有报告的机关和名单以外的报告",
    )
    p.add_argument(
        "--year", type=int, metavar="年度", help="只汇总这一年度的报告（其他年度的文件仍用作上一年度对照）"
    )
    p.add_argument("-j", "--jobs", type=_workers, metavar="N", help="同时检查的进程数（默认为本机 CPU 核数）")
    return p


def targets(outputs: list[str] | None) -> list[Path]:
    """The files to write, from the ``-o`` options (default: both, in outputs/)."""
    from reportgen.review import TARGETS

    made: list[Path] = []
    for text in outputs or [f"{DEFAULT_DIR}/"]:
        out = Path(text)
        if out.is_dir() or text.endswith(("/", "\\")):
            made += [out / f"{DEFAULT_NAME}.xlsx", out / f"{DEFAULT_NAME}.html"]
        elif out.suffix.lower() in TARGETS:
            made.append(out)
        else:
            raise UsageError(
                f"-o {out}：汇总只能写成 .xlsx（Excel 工作簿）或 .html（网页），请用这两种扩展名，或给出一个文件夹。"
            )
    kinds = [TARGETS[p.suffix.lower()] for p in made]
    if len(set(kinds)) < len(kinds) or len(set(made)) < len(made):
        raise UsageError("-o 给了两个同一种的文件：工作簿和网页各写一个。")
    return made


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import review
    from reportgen import summary as summary_

    started = time.monotonic()
    paths = targets(args.output)
    if args.year is not None and not 1900 < args.year < 3000:
        raise UsageError(f"--year 应当是四位数的年份，现在是 {args.year}。")
    result = review.summarise(
        args.inputs, roster=args.roster, year=args.year, workers=args.jobs, exclude=paths
    )
    review.publish(result, paths)
    for e in result.unreadable + result.failed:
        p = next(p for p in e.problems if p.is_error)
        first = f"{p.location}: {p.severity.value} {p.code} {p.message}"  # without its related lines
        detail = f"：{first}" if e.errors == 1 else f"（{e.errors} 个错误，第一个：{first}）"
        print(f"{e.status} {e.file}{detail}", file=err)
    for skipped, instead in result.skipped:
        print(f"跳过 {skipped}：同一报告以 {instead} 为准", file=err)
    err.flush()
    counts = {status: sum(1 for e in result.entries if e.status == status) for status in summary_.Status.ALL}
    line = (
        f"共 {len(result.entries)} 份报告：可以生成 {counts[summary_.Status.OK]}，"
        f"有警告 {counts[summary_.Status.WARNINGS]}，有错误 {counts[summary_.Status.ERRORS]}"
    )
    if counts[summary_.Status.UNREADABLE]:
        line += f"，无法读取 {counts[summary_.Status.UNREADABLE]}"
    line += f"；雷同 {len(result.pairs)} 处"
    if result.roster is not None:
        missing = sum(1 for r in result.roster if r.status == summary_.Roster.MISSING)
        line += f"；名单上未报送 {missing} 个，名单以外 {sum(1 for r in result.roster if r.status == summary_.Roster.UNEXPECTED)} 份"
    print(f"{line}；用时 {time.monotonic() - started:.1f} 秒。", file=out)
    for path in paths:
        print(f"已生成 {path}", file=out)
    if result.unreadable:
        return EXIT_USAGE
    return EXIT_INPUT if result.failed else EXIT_OK
