"""``reportgen import FILE [-o OUT.toml] [--force]``: a published report becomes the input file.

Exit codes: 0 imported (what needs checking is printed as warnings), 1 the file is not
recognisable as an annual report (the message says why), 2 I/O (the file cannot be read,
the output exists and ``--force`` was not given).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from reportgen.cli.console import EXIT_INPUT, EXIT_OK
from reportgen.errors import OutputError


def register(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "import",
        help="把已发布的报告（Word、网页、PDF、文本）转成输入文件",
        description="读取已发布的年度报告（.docx、.html/.htm、.pdf 或 .txt），生成同样内容的 .toml 输入文件："
        "标题、各部分文字、小节、三张表格的每一格。默认文件名为“机关名称-年度.toml”，放在当前文件夹。"
        "已有的文件不会被覆盖，除非加 --force。退出码：0 已导入（需要核对的地方作为警告列出），"
        "1 看来不是年度报告，2 文件无法读取或写入。",
        epilog="""示例：
  reportgen import 去年的报告.docx
      生成当前文件夹中的 示例区统计局-2021.toml（机关名称-年度.toml）
  reportgen import 报告网页.html -o inputs/
      把保存下来的网页导入到 inputs/ 文件夹""",
    )
    p.add_argument("source", type=Path, metavar="报告", help="已发布的报告：.docx、.html/.htm、.pdf 或 .txt")
    p.add_argument(
        "-o", "--output", type=Path, metavar="输出", help="输出的 .toml 文件或文件夹（默认：当前文件夹中的“机关名称-年度.toml”）"
    )
    p.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    return p


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import model, source
    from reportgen.output import refuse, write_atomic
    from reportgen.published import importer

    path: Path = args.source
    if not importer.is_published(path):
        raise OutputError(f"{path}：只能导入 .docx、.html/.htm、.pdf 或 .txt 文件。")
    try:
        imported = importer.read(path, str(path))
    except importer.NotRecognised as exc:
        print(f"{path}: 错误 I-report {exc}", file=err)
        return EXIT_INPUT
    target: Path = args.output or Path(imported.name)
    if target.is_dir():
        target = target / imported.name
    refuse(target, [path])  # the report imported (a .txt), a folder, a FIFO …: never written
    if target.exists() and not args.force:
        raise OutputError(f"{target} 已存在，没有改动它。要覆盖请加 --force。")
    model.build(source.parse(imported.text, str(target)))  # the written file must be readable
    for problem in imported.findings:
        print(problem, file=err)
    write_atomic(target, imported.text.encode("utf-8"), overwrite=args.force, protected=[path])
    print(f"已导入 {target}（{imported.agency} {imported.year} 年度，来自 {path}）", file=out)
    if imported.findings:
        print(f"有 {len(imported.findings)} 处需要核对，已列在上面，也写在 {target} 的开头。", file=err)
    print(f"请运行 reportgen check {target} 检查，reportgen build {target} 生成文档。", file=out)
    return EXIT_OK
