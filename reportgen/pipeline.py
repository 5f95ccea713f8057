"""The steps from a file to a document, in order: read → model → rules → render → write.

Each function returns or raises; nothing here prints or exits (that is the CLI's job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportgen import model, rules, source
from reportgen.errors import InputError, Location, OutputError, Problem, Severity, capped
from reportgen.model import Report, Value


@dataclass(frozen=True)
class Checked:
    """A file that passed every error check: the report, its completed values, its warnings."""

    report: Report
    values: dict[str, Value | None]
    warnings: list[Problem]
    previous: str | None = None  # last year's file it was checked against, if any


AUTO = "auto"  # ``prev``: last year's file under the usual name, when it exists (reportgen.history)
Previous = Path | str | None  # a path, AUTO, or None for no cross-year checks


@dataclass(frozen=True)
class Loaded:
    """A file read and typed, its totals completed, its numbers not judged: last year's report."""

    report: Report
    values: dict[str, Value | None]


def _read(path: Path, display: str | None) -> source.Source:
    """The input file parsed; a published report (.docx, .html, …) is imported in memory first
    (never written) and its findings are then located in it (:func:`_relocated`)."""
    from reportgen.published import importer

    if importer.is_published(path):
        return _imported(path, display)
    try:
        return source.read(path, display)
    except InputError as exc:  # e.g. 20,000 full-width commas: 50 of them and a count
        raise InputError(capped(exc.problems)) from None
    except FileNotFoundError:
        raise OutputError(f"找不到输入文件：{display or path}") from None
    except IsADirectoryError:
        raise OutputError(f"{display or path} 是一个文件夹，不是 .toml 文件") from None
    except OSError as exc:
        raise OutputError(f"无法读取 {display or path}（{exc.strerror}）") from None


def _imported(path: Path, display: str | None) -> source.Source:
    from reportgen.published import importer

    shown = display or str(path)
    try:
        imported = importer.read(path, shown)
    except importer.NotRecognised as exc:
        raise InputError([Problem(Severity.ERROR, "I-report", Location(shown), str(exc))]) from None
    from dataclasses import replace

    return replace(source.parse(imported.text, shown), origin=imported)


def _relocated(src: source.Source, problems: list[Problem]) -> list[Problem]:
    """Problems on a published report, pointed at the source (第12段, 表三 第7行 自然人),
    with what the import itself found; unchanged for a clerk's TOML file."""
    imported = src.origin
    if imported is None:
        return problems
    return [*imported.findings, *(imported.locate(p, src) for p in problems)]


def load(path: Path, display: str | None = None) -> Loaded:
    """Read a file whose numbers are not checked again (last year's, already published).

    Raises :class:`InputError` only when its shape is wrong (a missing row, a word where
    a number belongs): without that, no cell of it can be trusted.
    """
    src = _read(path, display)
    report, problems = model.build(src)
    problems = _relocated(src, problems)
    if report is None or any(p.is_error for p in problems):
        raise InputError(problems)
    return Loaded(report, rules.complete(report))


def check(path: Path, display: str | None = None, prev: Previous = AUTO) -> Checked:
    """Validate one input file; raise :class:`InputError` listing every problem if it has errors.

    ``prev`` adds the cross-year checks against last year's file: a path, :data:`AUTO`
    (the file under the usual name beside ``path``, if there is one) or None.
    """
    judged = _judge(_read(path, display), path, display, prev)
    if judged.report is None or any(p.is_error for p in judged.problems):
        raise InputError(judged.problems)
    return Checked(judged.report, judged.values, judged.problems, judged.previous)


@dataclass(frozen=True)
class Draft:
    """A file as far as it can be read, errors or not: what the preview shows.

    ``report`` is None when not even the format is known (a syntax error, no year);
    otherwise cells in error are None in ``values``. Nothing is ever built from a draft.
    """

    report: Report | None
    values: dict[str, Value | None]
    problems: list[Problem]
    previous: str | None = None
    last: Loaded | None = None  # last year's report it was compared with (its figures, for a summary)


def draft(path: Path, display: str | None = None, prev: Previous = AUTO) -> Draft:
    """Read and judge ``path`` without stopping at errors; raise only if it cannot be read."""
    try:
        src = _read(path, display)
    except InputError as exc:
        return Draft(None, {}, exc.problems)
    return _judge(src, path, display, prev)


def _judge(src: source.Source, path: Path, display: str | None, prev: Previous) -> Draft:
    """Every finding on a parsed file: types, the format's rules, last year's file."""
    report, problems = model.build(src)
    if report is None:
        return Draft(None, {}, capped(sorted(_relocated(src, problems), key=Problem.sort_key)))
    values = rules.complete(report)
    problems += rules.check(report, values)
    last, found = _previous(path, display, report.year, prev)
    problems += found
    if last is not None:
        from reportgen import history

        problems += history.compare(last.report, last.values, report, values)
    shown = last.report.source.path if last is not None else None
    return Draft(report, values, capped(sorted(_relocated(src, problems), key=Problem.sort_key)), shown, last)


def _previous(
    path: Path, display: str | None, year: int, prev: Previous
) -> tuple[Loaded | None, list[Problem]]:
    """Last year's report: the one named (its errors are errors), or the one beside ``path``
    under the usual name (if it cannot be read, a warning, and no cross-year checks)."""
    if prev is None:
        return None, []
    if isinstance(prev, Path):
        return load(prev, str(prev)), []
    from reportgen import history

    found = history.neighbour(path, year)
    if found is None:
        return None, []
    shown = str(Path(display).with_name(found.name)) if display else str(found)
    try:
        return load(found, shown), []
    except (InputError, OutputError) as exc:
        first = exc.problems[0] if isinstance(exc, InputError) and exc.problems else exc
        return None, [
            Problem(
                Severity.WARNING,
                "H-unreadable",
                Location(display or str(path), 1),
                f"旁边有上一年度的文件 {shown}，但它有错误，没有与它对照：{first}",
            )
        ]


def template_path(checked: Checked) -> Path:
    from reportgen.templates import FOLDER

    return FOLDER / checked.report.format.template


def render_docx(checked: Checked) -> bytes:
    from reportgen.render.context import context
    from reportgen.render.docx import renderer

    return renderer(template_path(checked)).render(context(checked.report, checked.values))


def build(path: Path, out: Path, display: str | None = None, prev: Previous = AUTO) -> Checked:
    """Check ``path`` (against last year's file, see :func:`check`) and write its Word document atomically."""
    return publish(path, {"docx": out}, display, prev)


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


def _inputs(path: Path, prev: Previous) -> list[Path]:
    """The files a build reads, never to be written: ``path`` and last year's file (named, or
    the one beside it under the usual name, judged here from the year in the file name)."""
    if isinstance(prev, Path):
        return [path, prev]
    if prev is None:
        return [path]
    from reportgen import history

    years = re.findall(r"(?<!\d)\d{4}(?!\d)", path.name)
    found = history.sibling(path, int(years[-1]), int(years[-1]) - 1) if years else None
    return [path, *([found] if found is not None and found.is_file() else [])]


def publish(
    path: Path, targets: dict[str, Path], display: str | None = None, prev: Previous = AUTO
) -> Checked:
    """Check ``path`` (against last year's file, see :func:`check`) and write each of its
    ``targets`` (docx, html, pdf → path).

    Every document is made in memory first and written only when all of them exist, all or
    nothing (:func:`reportgen.output.write_all`): an error (in the input, LibreOffice missing
    or failing, a full disk) writes nothing. A target that is an input file (this one, or
    last year's), or not a regular file, is refused before any work.
    """
    from reportgen.output import refuse, write_all

    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        raise ValueError(f"unknown targets {unknown}")
    inputs = _inputs(path, prev)
    for target in targets.values():
        refuse(target, inputs)
    if "pdf" in targets:
        from reportgen.render import pdf

        pdf.require()  # before any work: without LibreOffice nothing is written
    checked = check(path, display, prev)
    if prev == AUTO:
        from reportgen import history

        found = history.neighbour(path, checked.report.year)
        inputs += [found] if found is not None else []
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
    write_all({targets[t]: made[t] for t in TARGETS if t in made}, protected=inputs)
    return checked
