"""The steps from a file to a document, in order: read → model → rules → render → write.

Each function returns or raises; nothing here prints or exits (that is the CLI's job).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen import model, rules, source
from reportgen.errors import InputError, OutputError, Problem
from reportgen.model import Report, Value


@dataclass(frozen=True)
class Checked:
    """A file that passed every error check: the report, its completed values, its warnings."""

    report: Report
    values: dict[str, Value | None]
    warnings: list[Problem]


def check(path: Path, display: str | None = None) -> Checked:
    """Validate one input file; raise :class:`InputError` listing every problem if it has errors."""
    try:
        src = source.read(path, display)
    except FileNotFoundError:
        raise OutputError(f"找不到输入文件：{display or path}") from None
    except IsADirectoryError:
        raise OutputError(f"{display or path} 是一个文件夹，不是 .toml 文件") from None
    except OSError as exc:
        raise OutputError(f"无法读取 {display or path}（{exc.strerror}）") from None
    report, problems = model.build(src)
    if report is None:
        raise InputError(problems)
    values = rules.complete(report)
    problems += rules.check(report, values)
    if any(p.is_error for p in problems):
        raise InputError(problems)
    return Checked(report, values, sorted(problems, key=Problem.sort_key))


def template_path(checked: Checked) -> Path:
    from reportgen.blueprint import TEMPLATES

    return TEMPLATES / checked.report.format.template


def render_docx(checked: Checked) -> bytes:
    from reportgen.render.context import context
    from reportgen.render.docx import renderer

    return renderer(template_path(checked)).render(context(checked.report, checked.values))


def build(path: Path, out: Path, display: str | None = None) -> Checked:
    """Check ``path`` and write its Word document to ``out`` atomically."""
    from reportgen.output import write_atomic

    checked = check(path, display)
    write_atomic(out, render_docx(checked))
    return checked
