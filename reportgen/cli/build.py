"""``reportgen build INPUT... [-o PATH] [--to docx,html,pdf] [-j N]``: check, then write documents.

One file: ``-o`` is the output file (default ``outputs/<name>.docx``); its problems are
printed and the exit code says whether it was built. Several files, a folder or a glob
pattern: ``-o`` is the output folder (default ``outputs``), each document is named after
its input, a bad file never stops the others, and a summary ends the run (exit code 1 if
any file failed). On a terminal a progress line is shown; otherwise one line per file.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, TextIO

from reportgen.batch import GLOB_CHARS, Result, Status
from reportgen.cli.console import EXIT_INPUT, EXIT_OK, print_problems
from reportgen.errors import Problem, UsageError, printable

DEFAULT_DIR = Path("outputs")


def register(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "build",
        help="检查并生成 Word 文档（一个文件，或整个文件夹）",
        description="检查输入文件；没有错误时生成 Word 文档。有错误的文件不生成任何文件，已有的文档保持不变。"
        "一个输入文件时生成 outputs/<文件名>.docx（相对于当前目录）；多个文件、文件夹或通配符时，"
        "每个输入生成一个同名的 .docx 到输出文件夹（文件夹里的子文件夹照样保留），"
        "一个文件有错不影响其他文件，最后列出汇总；有文件失败时退出码为 1。",
        epilog="""示例：
  reportgen build inputs/2019.toml
      生成 outputs/2019.docx
  reportgen build inputs/2019.toml --to docx,html,pdf -o 报告/
      生成 报告/2019.docx、报告/2019.html、报告/2019.pdf
  reportgen build inputs/ -o 全区报告/ -j 2
      inputs 文件夹里的每个 .toml 各生成一个 Word 文档，用两个进程""",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="输入",
        help="输入的 .toml 文件、文件夹或通配符，如 inputs/2019.toml、inputs/、'inputs/*.toml'",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="输出",
        help="一个输入文件时为输出文件路径（默认 outputs/<文件名>.docx）；已有的文件夹，或以 / 或 \\ 结尾的路径"
        "（如 -o 报告/）表示文件夹，文件放在其中，文件夹不存在时自动创建；多个输入时为输出文件夹（默认 outputs）",
    )
    p.add_argument(
        "--to",
        type=targets,
        default=("docx",),
        metavar="格式",
        help="生成哪些文件，用逗号分隔：docx（Word，默认）、html（网页）、pdf（需要 LibreOffice），"
        "如 --to docx,html,pdf",
    )
    p.add_argument(
        "--prev",
        type=Path,
        metavar="去年的文件",
        help="上一年度的输入文件，用来做跨年度检查（默认：同一文件夹中把文件名里的年份减一的文件，存在时自动对照）",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=_workers,
        metavar="进程数",
        help="同时生成的进程数（默认为本机 CPU 核数）",
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


def _workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"-j 后面应当是不小于 1 的整数，现在是 {text!r}")
    return n


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from reportgen import batch

    inputs: list[str] = args.inputs
    if len(inputs) == 1 and _single_file(inputs[0]):
        return _build_one(Path(inputs[0]), args.to, args.output, args.prev, out, err)
    if args.prev is not None:
        raise UsageError(
            "--prev 只能用于一个输入文件；批量生成时，每个文件自动与同一文件夹中上一年度的文件对照。"
        )
    outdir = _path(args.output) if args.output else DEFAULT_DIR
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"有多个输入时 -o 应当是一个文件夹，{outdir} 是一个文件。")
    jobs = batch.collect(inputs, outdir, args.to)
    if "pdf" in args.to:
        from reportgen.render import pdf

        pdf.require()  # before any work: without LibreOffice nothing is written
    report = Report(len(jobs), out)
    with closing(batch.run(jobs, args.jobs)) as results:
        try:
            for result in results:
                report.add(result)
        finally:
            report.finish()
    return report.summary(err)


def _single_file(arg: str) -> bool:
    path = Path(arg)
    return not path.is_dir() and (path.exists() or not GLOB_CHARS & set(arg))


FOLDER_ENDS = ("/", "\\")  # -o 报告/ (or 报告\ on Windows) names a folder, existing or not


def _path(text: str) -> Path:
    """``-o`` as a path (a trailing / or \\ dropped: the caller has seen it)."""
    return Path(text.rstrip("/\\") or text)


def _build_one(
    source: Path, to: tuple[str, ...], output: str | None, prev: Path | None, out: TextIO, err: TextIO
) -> int:
    from reportgen import pipeline

    target = None
    if output:
        target = _path(output)
        if output.endswith(FOLDER_ENDS) or target.is_dir():
            target = target / f"{source.stem}.{to[0]}"
    made = pipeline.outputs(source, to, target)
    checked = pipeline.publish(source, made, display=str(source), prev=prev or pipeline.AUTO)
    print_problems(checked.warnings, err)
    if checked.previous:
        print(printable(f"已与上一年度文件 {checked.previous} 对照"), file=out)
    for target in made.values():
        print(printable(f"已生成 {target}"), file=out)
    return EXIT_OK


class Report:
    """Progress while the batch runs, and the summary at its end."""

    REFRESH = 0.1  # seconds between two redraws of the progress line

    def __init__(self, total: int, out: TextIO) -> None:
        self.total = total
        self.out = out
        self.tty = bool(getattr(out, "isatty", lambda: False)())
        self.done = 0
        self.noted: list[Result] = []  # the files with warnings or errors, for the summary
        self.counts = dict.fromkeys(Status, 0)
        self.drawn = 0.0
        self.started = time.monotonic()

    def add(self, result: Result) -> None:
        self.done += 1
        status = result.status
        self.counts[status] += 1
        if status is not Status.BUILT:
            self.noted.append(result)
        line = printable(self._line(result))
        if not self.tty:
            print(f"[{self.done:>{len(str(self.total))}}/{self.total}] {line}", file=self.out)
            return
        if status is Status.FAILED:
            self.out.write(f"\r\x1b[K{line}\n")
        now = time.monotonic()
        if status is Status.FAILED or now - self.drawn >= self.REFRESH or self.done == self.total:
            self.drawn = now
            self._draw()

    def _line(self, result: Result) -> str:
        errors = sum(1 for p in result.problems if p.is_error)
        warnings = len(result.problems) - errors
        if result.error:
            return f"失败 {result.job.display}：{result.error}"
        if errors:
            return f"失败 {result.job.display}（{errors} 个错误，见下方汇总）"
        note = f"（{warnings} 个警告）" if warnings else ""
        return f"已生成 {'、'.join(str(t) for t in result.job.targets.values())}{note}"

    def _draw(self) -> None:
        done = self.done
        width = 24
        filled = width * done // self.total
        bar = "█" * filled + "·" * (width - filled)
        built, warned, failed = (self.counts[s] for s in Status)
        self.out.write(
            f"\r\x1b[K生成中 {bar} {done}/{self.total}  已生成 {built + warned}（有警告 {warned}）  失败 {failed}"
        )
        self.out.flush()

    def finish(self) -> None:
        if self.tty and self.done:
            self._draw()
            self.out.write("\n")
            self.out.flush()

    def summary(self, err: TextIO) -> int:
        """Which files have warnings and which failed, and why; then the counts. The exit code."""
        self.out.flush()  # the lines above come first, also when both streams go to one log
        warned = [r for r in self.noted if r.status is Status.WARNINGS]
        failed = [r for r in self.noted if r.status is Status.FAILED]
        if warned:
            print(f"── 有警告的文件（{len(warned)} 个，文档已生成）──", file=err)
            for r in warned:
                _print_each(r.problems, err)
        if failed:
            print(f"── 失败的文件（{len(failed)} 个，没有生成文档，原有文档保持不变）──", file=err)
            for r in failed:
                if r.error:
                    print(printable(f"{r.job.display}: 错误 {r.error}"), file=err)
                _print_each(r.problems, err)
        err.flush()
        seconds = time.monotonic() - self.started
        print(
            f"共 {self.total} 个文件：已生成 {self.done - len(failed)} 个（其中 {len(warned)} 个有警告），"
            f"失败 {len(failed)} 个；用时 {seconds:.1f} 秒。",
            file=self.out,
        )
        return EXIT_INPUT if failed else EXIT_OK


def _print_each(problems: Sequence[Problem], err: TextIO) -> None:
    for problem in problems:
        print(problem, file=err)
