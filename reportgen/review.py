"""The review desk's step: a folder of reports → the :class:`~reportgen.summary.Summary` → its files.

Every file found (:mod:`reportgen.readers`) is read and judged as ``reportgen check`` does,
over worker processes like the batch; each becomes a small :class:`~reportgen.summary.Entry`;
the summary is computed from them (:mod:`reportgen.summary`) and written as a workbook and
a dashboard (:mod:`reportgen.render.workbook`, :mod:`reportgen.render.dashboard`).
Nothing here prints: the CLI does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportgen import history, readers
from reportgen.errors import OutputError
from reportgen.readers import Found
from reportgen.summary import Entry, Summary, copies, figures, roster_lines, sketch, totals


def entry(found: Found) -> Entry:
    """Read and judge one report, as ``check`` does; never raises for a bad file."""
    draft = readers.read(found.path, found.display)
    problems = tuple(draft.problems)
    report = draft.report
    if report is None:
        return Entry(found.display, None, None, None, problems)
    texts = {}
    for spec in report.format.sections:
        text = history.normalise(history.section_text(report, spec.key))
        if text:
            texts[spec.key] = text
    sketches = {key: sketch(text) for key, text in texts.items()}
    last = draft.last
    return Entry(
        found.display,
        report.agency or None,
        report.year,
        report.format.id,
        problems,
        figures(report.format, draft.values),
        tuple(draft.values.get(f.id) for f in report.format.fields),
        texts,
        sketches,
        draft.previous,
        figures(last.report.format, last.values) if last is not None else None,
        tuple(report.group_rows),
    )


def read_roster(path: Path) -> list[str]:
    """The agencies of a roster file: one a line; blank lines and lines starting with # skipped.
    UTF-8 (with or without BOM), or GBK as Notepad saves it ("ANSI")."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise OutputError(f"找不到名单文件：{path}") from None
    except IsADirectoryError:
        raise OutputError(f"{path} 是一个文件夹，不是名单文件") from None
    except OSError as exc:
        raise OutputError(f"无法读取名单文件 {path}（{exc.strerror}）") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise OutputError(f"名单文件 {path} 不是文字文件")
    names = [line.strip().strip("\u3000") for line in text.splitlines()]
    return list(dict.fromkeys(n for n in names if n and not n.startswith("#")))


def summarise(
    inputs: Sequence[str],
    roster: Path | None = None,
    year: int | None = None,
    workers: int | None = None,
    exclude: Sequence[Path] = (),
) -> Summary:
    """Read and judge every report named by ``inputs`` (folders, files, globs) and gather the
    summary; ``year`` keeps that year's reports only (the others still serve as last year's
    files); ``exclude`` names files not to read (the summary's own outputs, when they are
    written into the folder summarised). Raises :class:`~reportgen.errors.UsageError` when nothing is found and
    :class:`~reportgen.errors.OutputError` when the roster cannot be read."""
    names = read_roster(roster) if roster is not None else None
    found, skipped = readers.find(inputs, exclude)
    entries = [e for e in judge(found, workers) if year is None or e.year in (None, year)]
    years = [year] if year is not None else sorted({e.year for e in entries if e.year}, reverse=True)
    return Summary(
        entries=tuple(entries),
        totals=tuple(totals(entries)),
        pairs=tuple(copies(entries)),
        roster=tuple(roster_lines(names, entries, years)) if names is not None else None,
        roster_file=str(roster) if roster is not None else "",
        skipped=tuple((s.display, s.instead) for s in skipped),
        year=year,
    )


def judge(found: Sequence[Found], workers: int | None = None) -> list[Entry]:
    """:func:`entry` for every file, in order, over ``workers`` processes (default: one per CPU)."""
    from reportgen.batch import default_workers

    workers = max(1, min(workers or default_workers(), len(found)))
    if workers == 1 or len(found) < 8:
        return [entry(f) for f in found]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from reportgen import pipeline  # noqa: F401  # imported once here, inherited by forked workers
    from reportgen.batch import _worker_started
    from reportgen.errors import BatchError

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    chunk = max(1, min(32, len(found) // (workers * 8)))
    pool = ProcessPoolExecutor(workers, multiprocessing.get_context(method), initializer=_worker_started)
    try:
        return list(pool.map(entry, found, chunksize=chunk))
    except BrokenProcessPool:
        raise BatchError("一个工作进程意外退出（内存不足或被强行结束？），没有生成汇总。") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- writing


TARGETS = {".xlsx": "xlsx", ".html": "html", ".htm": "html"}  # output suffix → what is written


def publish(summary: Summary, targets: Sequence[Path]) -> None:
    """Render every target (.xlsx workbook, .html dashboard) in memory, then write them all
    or nothing: a failure writes nothing half-done and leaves an existing file whole."""
    from reportgen.output import write_all

    made: list[tuple[Path, bytes]] = []
    for path in targets:
        kind = TARGETS[path.suffix.lower()]
        if kind == "xlsx":
            from reportgen.render import workbook

            made.append((path, workbook.render(summary)))
        else:
            from reportgen.render import dashboard

            made.append((path, dashboard.render(summary).encode("utf-8")))
    write_all(dict(made))
