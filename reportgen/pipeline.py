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


TARGETS = ("docx", "html", "pdf")  # what ``build --to`` can write, in the order they are made


def outputs(path: Path, to: tuple[str, ...], output: Path | None = None) -> dict[str, Path]:
    """Where each target of ``path`` goes: ``outputs/<name>.<target>``, or beside ``output``.

    With one target ``output`` is the exact path; with several, each target takes
    ``output`` with its own suffix.
    """
    if output is not None and len(to) == 1:
        return {to[0]: output}
    base = output.with_suffix("") if output is not None else Path("outputs") / path.stem
    return {target: base.with_name(f"{base.name}.{target}") for target in to}


def render_html(checked: Checked) -> str:
    """The standalone HTML page of a checked report."""
    from reportgen.render import html

    return html.render(checked.report, checked.values)


def publish(path: Path, targets: dict[str, Path], display: str | None = None) -> Checked:
    """Check ``path`` and write each of its ``targets`` (docx, html, pdf → path).

    Every document is made in memory first and written only when all of them exist, each
    atomically: an error (in the input, or LibreOffice missing or failing) writes nothing.
    """
    from reportgen.output import write_atomic

    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        raise ValueError(f"unknown targets {unknown}")
    if "pdf" in targets:
        from reportgen.render import pdf

        pdf.require()  # before any work: without LibreOffice nothing is written
    checked = check(path, display)
    made: dict[str, bytes] = {}
    if "docx" in targets or "pdf" in targets:
        docx = render_docx(checked)
        if "docx" in targets:
            made["docx"] = docx
        if "pdf" in targets:
            from reportgen.render import pdf

            made["pdf"] = pdf.convert([docx])[0]
    if "html" in targets:
        made["html"] = render_html(checked).encode("utf-8")
    for target in TARGETS:
        if target in made:
            write_atomic(targets[target], made[target])
    return checked


@dataclass(frozen=True)
class Draft:
    """A file as far as it can be read, errors or not: what the preview shows.

    ``report`` is None when not even the format is known (a syntax error, no year);
    otherwise cells in error are None in ``values``. Nothing is ever built from a draft.
    """

    report: Report | None
    values: dict[str, Value | None]
    problems: list[Problem]


def draft(path: Path, display: str | None = None) -> Draft:
    """Read and judge ``path`` without stopping at errors; raise only if it cannot be read."""
    try:
        src = source.read(path, display)
    except InputError as exc:
        return Draft(None, {}, exc.problems)
    except FileNotFoundError:
        raise OutputError(f"找不到输入文件：{display or path}") from None
    except OSError as exc:
        raise OutputError(f"无法读取 {display or path}（{exc.strerror}）") from None
    report, problems = model.build(src, draft=True)
    if report is None:
        return Draft(None, {}, sorted(problems, key=Problem.sort_key))
    values = rules.complete(report)
    problems += rules.check(report, values)
    return Draft(report, values, sorted(problems, key=Problem.sort_key))
