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
from typing import Any

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
    _refuse_inputs_as_targets(jobs)
    return jobs


def _refuse_inputs_as_targets(jobs: list[Job]) -> None:
    """No document may be written over an input of the run, however it is reached (a
    symbolic link, a hard link, an input named like a document): refused before anything is
    built. Each job's own input is checked again when it is written."""
    from reportgen.output import refuse

    inputs = {_inode(job.source): job.source for job in jobs}
    inputs.pop(None, None)
    for job in jobs:
        for target in job.targets.values():
            found = inputs.get(_inode(target))
            if found is not None:
                refuse(target, [found])


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


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

    One worker builds in this process. When the caller stops early (an error, Ctrl-C,
    SIGTERM turned into an exception by the CLI), the workers are stopped at once: each
    removes the temporary file it was writing (no document is ever half-written) and exits.
    Workers also stop when this process dies, even killed outright (Linux: the parent-death
    signal); a worker killed outright leaves a temporary file, which is removed here.
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

    # pipeline, context, docx: imported once here, inherited by forked workers
    from reportgen import output, pipeline  # noqa: F401
    from reportgen.render import context, docx  # noqa: F401

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    mark = output.owner()  # the workers' temporary files carry this process's mark
    pool = ProcessPoolExecutor(
        workers,
        multiprocessing.get_context(method),
        initializer=_worker_started,
        initargs=(os.getpid(), mark),
    )
    finished = False
    try:
        yield from pool.map(_work, jobs, chunksize=chunk)
        finished = True
    except BrokenProcessPool:
        raise BatchError("一个工作进程意外退出（内存不足或被强行结束？），其余文件没有生成。") from None
    finally:
        if not finished:
            _stop(pool)
        pool.shutdown(wait=True, cancel_futures=True)
        if not finished:
            output.sweep((t for job in jobs for t in job.targets.values()), mark)


def _stop(pool: Any) -> None:
    """Terminate the workers now (SIGTERM: each removes its temporary file and exits)."""
    processes = getattr(pool, "_processes", None) or {}  # no public way before Python 3.14
    for process in list(processes.values()):
        try:
            process.terminate()
        except (OSError, AttributeError):
            pass


def _worker_started(parent: int | None = None, mark: str = "") -> None:
    """Ctrl-C is the parent's to handle (it stops the workers); SIGTERM, also sent when the
    parent dies, ends the worker through an exception, so the file it is writing is removed.
    ``parent`` is the pid the worker was started by, ``mark`` its temporary files' mark
    (without them, as in the summary's pool: the worker's parent now, and the worker's own)."""
    from reportgen import output

    output.OWNER = mark
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminated)
    _die_with(os.getppid() if parent is None else parent)
    gc.freeze()  # what the parent imported is never garbage: do not re-scan it


class _Stopped(BaseException):
    """Raised in a worker by SIGTERM while it builds: unwinds the build (temporary files removed)."""


_building = False  # in a worker: whether a document is being built now


def _work(job: Job) -> Result:
    """:func:`build_one` in a worker; on SIGTERM the worker ends when the build has unwound."""
    global _building
    _building = True
    try:
        return build_one(job)
    except _Stopped:
        os._exit(2)
    finally:
        _building = False


def _terminated(signum: int, frame: Any) -> None:
    if _building:
        raise _Stopped
    os._exit(2)  # between two documents: nothing to remove


def _die_with(parent: int) -> None:
    """Ask Linux to send SIGTERM to this process when its parent dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError, TypeError):
        return  # not Linux: the worker ends when its queue is closed
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(2)
