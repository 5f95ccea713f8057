"""Writing files so that a failure never leaves half a file, damages a good one or touches an input.

Every document is written to a temporary file beside its target, flushed to disk, and only
then renamed into place. Several documents of one report (``--to docx,html,pdf``) are
written all or nothing: every temporary file first, then every rename; if anything fails,
the temporary files are removed and the targets already replaced get their old file back.

A target is refused before anything is written (:func:`refuse`) when it is one of the
input files (also reached through ``..``, a symbolic link or a hard link), or exists and is
not a regular file that may be replaced: a folder, a FIFO, a device, a socket, a read-only
file. Temporary files are named ``.<target name>.<owner>.<random>.tmp``: a batch whose worker
was killed removes the ones its workers left (:func:`sweep`).
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from reportgen.errors import OutputError

OWNER = ""  # set by a batch before starting its workers: the temporary files of the whole run


def owner() -> str:
    """The mark in this process's temporary file names (a batch's workers share their parent's)."""
    return OWNER or f"rg{os.getpid()}"


def write_atomic(path: Path, data: bytes, overwrite: bool = True, protected: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`write_all`)."""
    write_all({path: data}, overwrite, protected)


def write_all(files: Mapping[Path, bytes], overwrite: bool = True, protected: Iterable[Path] = ()) -> None:
    """Write every ``path → data`` of ``files``, all or nothing.

    With ``overwrite=False`` an existing file is never replaced, even one that appears
    while writing: each finished file is hard-linked into place, which fails if the name is
    taken (where links are unsupported, an existence check just before the rename). No
    path in ``protected`` (the inputs) is ever written, whatever the target's spelling.
    """
    protected = list(protected)
    for path in files:
        refuse(path, protected)
    # Every name is recorded before the file is made: an interruption at any moment (a
    # signal is handled right after the system call it arrived in) leaves nothing unrecorded.
    made_dirs: list[Path] = []
    temps: dict[Path, str] = {}
    backups: dict[Path, str] = {}
    placed: list[Path] = []
    current = next(iter(files))  # the file being written, for the message
    try:
        for current, data in files.items():
            _make_parents(current, made_dirs)
            temps[current] = _temporary(current)
            _write(temps[current], data, current)
        for current in files:
            refuse(current, protected)  # again: the folders exist now, and time has passed
            if overwrite and current.exists():
                backups[current] = _temporary(current)
                _backup(current, backups[current])
        for current, tmp in temps.items():
            if overwrite:
                os.replace(tmp, current)
            else:
                _place_new(tmp, current)
            placed.append(current)
    except BaseException as exc:  # also Ctrl-C or a stopped worker: put everything back as it was
        _undo(temps, backups, placed, made_dirs)
        if isinstance(exc, FileExistsError):
            raise OutputError(f"{current} 已存在，没有改动它。") from None
        if isinstance(exc, OSError):
            others = "，也没有生成其他文件" if len(files) > 1 else ""
            raise OutputError(f"无法写入 {current}（{exc.strerror}）{others}。") from None
        raise
    for backup in backups.values():
        _remove(backup)


def refuse(path: Path, protected: Iterable[Path] = ()) -> None:
    """Raise :class:`OutputError` (in Chinese, saying what to do) if ``path`` must not be written."""
    try:
        st: os.stat_result | None = os.stat(path)
    except OSError:
        st = None  # absent (or unreachable: writing it will say why)
    # An existing target is an input when it is the same file, however it is reached (a
    # symbolic link, a hard link, ``..``); one that does not exist yet may still name an input
    # through folders still to be made (``d/../in.toml``): compared spelled out in full.
    target = _resolved(path) if st is None and ".." in Path(path).parts else None
    for source in protected:
        if (st is not None and _same(st, source)) or (target is not None and target == _resolved(source)):
            raise OutputError(
                f"输出文件 {path} 就是输入文件 {source}，不能覆盖它，没有生成任何文件。"
                "请用 -o 另外指定一个输出文件。"
            )
    if st is None:
        return
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(
            f"{path} 是一个文件夹，不能作为输出文件，没有生成任何文件。请用 -o 指定一个文件名。"
        )
    if not stat.S_ISREG(st.st_mode):
        kind = _KINDS.get(stat.S_IFMT(st.st_mode), "特殊文件")
        raise OutputError(
            f"{path} 是{kind}，不是普通文件，不能作为输出文件，没有改动它。请用 -o 指定一个普通的文件名。"
        )
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise OutputError(
            f"{path} 是只读文件，没有改动它。如果确实要替换它，请先取消它的只读属性，或用 -o 另外指定一个输出文件。"
        )


_KINDS = {
    stat.S_IFIFO: "一个命名管道（FIFO）",
    stat.S_IFCHR: "一个设备",
    stat.S_IFBLK: "一个设备",
    stat.S_IFSOCK: "一个套接字",
}


def sweep(paths: Iterable[Path], mark: str) -> None:
    """Remove the temporary files ``mark`` left beside ``paths`` (a worker killed while writing).

    Each folder is listed once, however many of ``paths`` are in it (a county's 10,000).
    """
    names: dict[Path, set[str]] = {}
    for path in paths:
        names.setdefault(path.parent, set()).add(path.name)
    for folder, targets in names.items():
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            name, _, rest = entry[1:].partition(f".{mark}.")
            if entry.startswith(".") and entry.endswith(".tmp") and rest and name in targets:
                _remove(str(folder / entry))


def _resolved(path: Path) -> Path:
    try:
        return Path(os.path.normcase(Path(path).resolve()))
    except (OSError, RuntimeError):
        return Path(os.path.normcase(os.path.abspath(path)))


def _same(st: os.stat_result, other: Path) -> bool:
    try:
        o = os.stat(other)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (o.st_dev, o.st_ino)


def _make_parents(path: Path, made: list[Path]) -> None:
    """Create the missing folders above ``path``, outermost first, each added to ``made`` (to undo)."""
    missing = []
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs
        except OSError as exc:
            where = exc.filename or path.parent
            raise OutputError(f"无法创建输出目录或文件：{where}（{exc.strerror}）") from None
        made.append(folder)


def _temporary(path: Path) -> str:
    """A fresh name beside ``path`` for a temporary file: ``.<name>.<owner>.<random>.tmp``."""
    return str(path.parent / f".{path.name}.{owner()}.{secrets.token_hex(6)}.tmp")


def _write(tmp: str, data: bytes, path: Path) -> None:
    """Create ``tmp`` (it must not exist) holding ``data``, on disk before this returns."""
    try:  # mode 0o666 less the umask: as an ordinary new file would be
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise OutputError(f"无法创建输出目录或文件：{path.parent}（{exc.strerror}）") from None
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _backup(path: Path, backup: str) -> None:
    """``backup`` made a second name for the file at ``path``, to put it back if a later rename
    fails; left absent where hard links are not supported (a rename rarely fails)."""
    try:
        os.link(path, backup)
    except OSError:
        pass


def _undo(
    temps: Mapping[Path, str], backups: Mapping[Path, str], placed: list[Path], dirs: list[Path]
) -> None:
    for path in placed:
        backup = backups.get(path)
        try:
            if backup and os.path.exists(backup):
                os.replace(backup, path)
            else:
                os.unlink(path)
        except OSError:
            pass
    for tmp in temps.values():
        _remove(tmp)
    for backup in backups.values():
        _remove(backup)
    _remove_dirs(dirs)


def _remove_dirs(dirs: list[Path]) -> None:
    for folder in reversed(dirs):  # innermost first; only if still empty
        try:
            folder.rmdir()
        except OSError:
            pass


def _remove(name: str) -> None:
    if not name:
        return
    try:
        os.unlink(name)
    except OSError:
        pass


def _place_new(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system
        if path.exists():
            raise FileExistsError(0, "exists", str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)
