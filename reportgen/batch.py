"""Building many reports at once: a whole county's folder, each file on its own.

:func:`collect` turns what the user named (folders, files, glob patterns) into jobs, one
per input, each with its output path; :func:`run` builds them in worker processes and
yields one :class:`Result` per job, in the order of the jobs. One bad file never stops the
others, and a file that fails writes nothing (:func:`reportgen.output.write_atomic`).
Nothing here prints: the CLI turns results into progress lines and a summary.
"""

from __future__ import annotations

import gc
import glob
import os
import signal
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reportgen.errors import BatchError, InputError, Problem, ReportgenError, UsageError

SUFFIX = ".toml"
GLOB_CHARS = frozenset("*?[")


class Status(StrEnum):
    BUILT = "built"
    WARNINGS = "warnings"  # built, with warnings
    FAILED = "failed"  # nothing written


@dataclass(frozen=True)
class Job:
    """One input and the documents it becomes (docx, html, pdf → path); ``display`` is the
    input as the user named it."""

    source: Path
    targets: dict[str, Path]
    display: str

    @property
    def target(self) -> Path:
        """The first document: the Word file unless only others were asked for."""
        return next(iter(self.targets.values()))


@dataclass(frozen=True)
class Result:
    """What became of one job: the file's problems, or an error that is not about its content."""

    job: Job
    problems: tuple[Problem, ...] = ()
    error: str = ""  # I/O, template or internal failure, in Chinese

    @property
    def status(self) -> Status:
        if self.error or any(p.is_error for p in self.problems):
            return Status.FAILED
        return Status.WARNINGS if self.problems else Status.BUILT


def collect(inputs: Sequence[str], outdir: Path, to: Sequence[str] = ("docx",)) -> list[Job]:
    """The jobs for ``inputs``: a folder gives every ``*.toml`` inside it (sub-folders too,
    kept as sub-folders of ``outdir``); a file or a glob pattern's match gives
    ``outdir/<name>.docx`` (and ``.html``, ``.pdf`` as ``to`` asks). A path that does not
    exist is kept: it fails on its own. Raises :class:`UsageError` when nothing is found or
    two inputs would write one file.
    """
    jobs: list[Job] = []
    seen: set[Path] = set()

    def add(source: Path, base: Path, display: str) -> None:
        key = Path(os.path.normcase(os.path.abspath(source)))
        if key not in seen:
            seen.add(key)
            jobs.append(Job(source, {t: base.with_name(f"{base.name}.{t}") for t in to}, display))

    for arg in inputs:
        path = Path(arg)
        if path.is_dir():
            found = sorted(_tomls(path))
            if not found:
                raise UsageError(f"文件夹 {arg} 里没有 {SUFFIX} 文件。")
            for source in found:
                add(source, outdir / source.relative_to(path).with_suffix(""), str(source))
        elif not path.exists() and GLOB_CHARS & set(arg):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True) if Path(m).is_file())
            if not matches:
                raise UsageError(f"没有与 {arg} 相符的文件。")
            for source in matches:
                add(source, outdir / source.stem, str(source))
        else:
            add(path, outdir / path.stem, arg)
    if not jobs:
        raise UsageError("没有指定输入文件。")
    _refuse_clashes(jobs)
    return jobs


def _tomls(folder: Path) -> Iterable[Path]:
    for path in folder.rglob(f"*{SUFFIX}"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.is_file() and not hidden:
            yield path


def _refuse_clashes(jobs: list[Job]) -> None:
    by_target: dict[Path, list[Job]] = {}
    for job in jobs:
        by_target.setdefault(Path(os.path.normcase(os.path.abspath(job.target))), []).append(job)
    # every target of a job differs only in its suffix: the first one decides
    clashes = [group for group in by_target.values() if len(group) > 1]
    if clashes:
        group = clashes[0]
        names = "、".join(job.display for job in group)
        raise UsageError(
            f"{names} 都会生成 {group[0].target}，后一个会覆盖前一个。"
            f"请把它们放进不同的文件夹，以文件夹作为输入（输出保留子文件夹），或者改名。"
            + (f"（另有 {len(clashes) - 1} 处同样的冲突）" if len(clashes) > 1 else "")
        )


def build_one(job: Job) -> Result:
    """Check and write one document; every failure becomes the result, nothing is raised."""
    from reportgen import pipeline

    try:
        checked = pipeline.publish(job.source, job.targets, display=job.display)
    except InputError as exc:
        return Result(job, tuple(exc.problems))
    except ReportgenError as exc:
        return Result(job, error=str(exc))
    except Exception as exc:  # a defect: reported for this file, the others go on
        return Result(job, error=f"内部错误（{type(exc).__name__}: {exc}），没有生成文档")
    return Result(job, tuple(checked.warnings))


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run(jobs: Sequence[Job], workers: int | None = None) -> Iterator[Result]:
    """Build every job with ``workers`` processes (default: one per CPU); yield results in order.

    One worker builds in this process. When the caller stops early (an error, Ctrl-C), the
    jobs not started are dropped and the documents being written are finished, so that
    nothing is left half-written; the workers then exit on their own.
    """
    workers = max(1, min(workers or default_workers(), len(jobs)))
    if workers == 1:
        yield build_one(jobs[0])  # the first one imports and prepares what all the others use
        gc.freeze()  # the garbage collector then stops re-scanning all that: ~20% faster
        try:
            for job in jobs[1:]:
                yield build_one(job)
        finally:
            gc.unfreeze()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from reportgen import pipeline  # noqa: F401  # imported once here, inherited by forked workers
    from reportgen.render import context, docx  # noqa: F401

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    pool = ProcessPoolExecutor(workers, multiprocessing.get_context(method), initializer=_worker_started)
    try:
        yield from pool.map(build_one, jobs, chunksize=chunk)
    except BrokenProcessPool:
        raise BatchError("一个工作进程意外退出（内存不足或被强行结束？），其余文件没有生成。") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_started() -> None:
    """Ctrl-C is the parent's to handle: it lets the documents being written finish."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()  # what the parent imported is never garbage: do not re-scan it
