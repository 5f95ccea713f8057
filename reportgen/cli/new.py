"""``reportgen new YEAR --from LAST.toml [-o PATH] [--force]``: start next year's file from last year's."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from reportgen.cli.console import EXIT_OK
from reportgen.errors import OutputError, UsageError


def register(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "new",
        help="根据上一年度的文件生成本年度的输入文件",
        description="根据上一年度的输入文件生成本年度的输入文件：带入机关名称、各部分标题、"
        "上年结转（= 去年的结转下年度）和去年的基数，其余数字设为 0，正文清空并附上去年的文字供参考。"
        "默认文件名是把去年文件名中的年份换成本年度（如 inputs/2020.toml → inputs/2021.toml）。"
        "已有的文件不会被覆盖，除非加 --force。",
        epilog="""示例：
  reportgen new 2022 --from inputs/示例区统计局-2021.toml
      生成 inputs/示例区统计局-2022.toml
  reportgen new 2022 --from inputs/2021.toml -o 2022年报.toml
      生成 2022年报.toml""",
    )
    p.add_argument("year", type=int, metavar="年度", help="本年度，如 2022")
    p.add_argument(
        "--from", dest="last", type=Path, required=True, metavar="去年的文件", help="上一年度的输入文件"
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar="输出", help="新文件的路径（默认：去年文件名中的年份换成本年度）"
    )
    p.add_argument("--force", action="store_true", help="新文件已存在时覆盖它")
    return p


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import history, pipeline, scaffold
    from reportgen.formats import for_year
    from reportgen.output import refuse, write_atomic

    year: int = args.year
    last_path: Path = args.last
    fmt = for_year(year)
    if fmt is None:
        raise UsageError(f"{year} 年没有对应的年度报告格式。")
    target: Path | None = args.output or history.sibling(last_path, year - 1, year)
    if target is None:
        raise UsageError(
            f"无法从文件名 {last_path} 推出 {year} 年度的文件名（文件名中没有 {year - 1}），请用 -o 指定。"
        )
    refuse(target, [last_path])  # last year's file (however it is spelt), a folder, a FIFO …
    if target.exists() and not args.force:
        raise OutputError(f"{target} 已存在，没有改动它。要覆盖请加 --force。")
    last = pipeline.load(last_path, display=str(last_path))
    if last.report.year != year - 1:
        raise UsageError(
            f"{last_path} 是 {last.report.year} 年度的报告，只能用来生成 {last.report.year + 1} 年度的文件，"
            f"不能生成 {year} 年度的。"
        )
    made = scaffold.next_year(last.report, last.values, fmt, year, str(last_path))
    write_atomic(target, made.text.encode("utf-8"), overwrite=args.force, protected=[last_path])
    print(f"已生成 {target}（{year} 年度，{fmt.id} 年格式）", file=out)
    if made.notes:
        print("没有从去年带入的内容：", file=out)
        for note in made.notes:
            print(f"  * {note}", file=out)
    print(f"请编辑 {target}，填好本年的数字和正文后运行：reportgen build {target}", file=out)
    return EXIT_OK
