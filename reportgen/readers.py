"""Which files are reports, and which reader turns each into the checked model.

A reader takes a file (and the name to show for it) and returns a
:class:`~reportgen.pipeline.Draft`: the report as far as it can be read, its completed
values and every finding, errors or not. The TOML input is read by
:func:`reportgen.pipeline.draft`; a reader of published reports (.docx, .html) is one more
:class:`Reader` given to :func:`register`, and every command that walks a folder
(:func:`find`) picks its files up from then on.

When one folder holds the same report in two forms (``统计局-2021.toml`` beside
``统计局-2021.docx``), the reader registered first wins and the other file is listed as
skipped: the TOML file is what the agency maintains, the published file is made from it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Location, OutputError, Problem, Severity, UsageError
from reportgen.pipeline import AUTO, Draft

GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Reader:
    """How one kind of file becomes a draft report."""

    name: str  # what the files are called in a message: "TOML 输入文件", "Word 文件"
    suffixes: tuple[str, ...]  # lower case, with the dot
    read: Callable[[Path, str], Draft]  # (path, name shown) → draft; raises OutputError if unreadable


def _toml(path: Path, display: str) -> Draft:
    from reportgen import pipeline

    return pipeline.draft(path, display, AUTO)


def _published(path: Path, display: str) -> Draft:
    """A published report (Word file, web page): imported in memory (reportgen.published),
    then judged like an input file; its findings point into it (表三 第4行 总计)."""
    from reportgen import pipeline

    return pipeline.draft(path, display, AUTO)


READERS: list[Reader] = [
    Reader("TOML 输入文件", (".toml",), _toml),
    Reader("已发布的报告（Word 文件、网页）", (".docx", ".html", ".htm"), _published),
]


def register(reader: Reader) -> None:
    """Add a reader after those already known (a file they also read takes precedence)."""
    taken = {s for r in READERS for s in r.suffixes}
    clash = taken & set(reader.suffixes)
    if clash:
        raise ValueError(f"suffixes {sorted(clash)} already have a reader")
    READERS.append(reader)


def reader_for(path: Path) -> Reader | None:
    suffix = path.suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)


def _rank(path: Path) -> int:
    reader = reader_for(path)
    return READERS.index(reader) if reader is not None else len(READERS)


@dataclass(frozen=True)
class Found:
    """A file to read, as the user named it (``display``)."""

    path: Path
    display: str


@dataclass(frozen=True)
class Skipped:
    """A file left out because the same report is there in a form read first."""

    path: Path
    display: str
    instead: str  # the file read in its place


def find(inputs: Sequence[str], exclude: Iterable[Path] = ()) -> tuple[list[Found], list[Skipped]]:
    """The report files named by ``inputs``: folders (searched with their sub-folders, hidden
    ones left out), files, quoted glob patterns. In a folder only files some reader reads
    are taken, ``exclude`` left out (what the command itself writes there); a file named
    on its own is always taken (it is reported if it cannot be read). Raises
    :class:`UsageError` when nothing is found."""
    found: list[Found] = []
    seen: set[Path] = {_key(p) for p in exclude}

    def add(path: Path, display: str) -> None:
        key = _key(path)
        if key not in seen:
            seen.add(key)
            found.append(Found(path, display))

    skipped: list[Skipped] = []
    for arg in inputs:
        path = Path(arg)
        if path.is_dir():
            files, dropped = _preferred(_readable(path))
            if not files:
                kinds = "、".join(s for r in READERS for s in r.suffixes)
                raise UsageError(f"文件夹 {arg} 里没有报告文件（{kinds}）。")
            skipped += dropped
            for file in files:
                add(file, str(file))
        elif not path.exists() and GLOB_CHARS & set(arg):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True) if Path(m).is_file())
            if not matches:
                raise UsageError(f"没有与 {arg} 相符的文件。")
            for match in matches:
                add(match, str(match))
        else:
            add(path, arg)
    if not found:
        raise UsageError("没有指定输入文件。")
    return found, skipped


def _key(path: Path) -> Path:
    return Path(os.path.normcase(os.path.abspath(path)))


def _readable(folder: Path) -> Iterable[Path]:
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if not hidden and reader_for(path) is not None and path.is_file():
            yield path


def _preferred(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """One file per report: of the files with one name and different suffixes, the one read first."""
    by_stem: dict[Path, list[Path]] = {}
    for path in paths:
        by_stem.setdefault(path.with_suffix(""), []).append(path)
    kept: list[Path] = []
    skipped: list[Skipped] = []
    for group in by_stem.values():
        group.sort(key=_rank)
        kept.append(group[0])
        skipped += [Skipped(p, str(p), str(group[0])) for p in group[1:]]
    return sorted(kept), sorted(skipped, key=lambda s: s.path)


def read(path: Path, display: str) -> Draft:
    """The draft of any report file; one that cannot be read at all is a draft with one F-io error."""
    reader = reader_for(path)
    if reader is None and path.suffix.lower() and path.is_file():
        kinds = "、".join(f"{r.name}（{'、'.join(r.suffixes)}）" for r in READERS)
        message = f"reportgen 不能读取 {path.suffix} 文件：{display}。能读取的是 {kinds}。"
        return Draft(None, {}, [Problem(Severity.ERROR, "F-io", Location(display), message)])
    try:
        return (reader or READERS[0]).read(path, display)
    except OutputError as exc:
        return Draft(None, {}, [Problem(Severity.ERROR, "F-io", Location(display), str(exc))])
