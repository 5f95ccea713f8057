"""Writing files so that a failure never leaves half a file or damages a good one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportgen.errors import OutputError


def write_atomic(path: Path, data: bytes, overwrite: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    With ``overwrite=False`` an existing ``path`` is never replaced, even one that appears
    while writing: the finished file is hard-linked into place, which fails if the name
    is taken (where links are unsupported, an existence check just before the rename).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"无法创建输出目录或文件：{path.parent}（{exc.strerror}）") from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file would be
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
    except BaseException as exc:  # also Ctrl-C or a stopped worker: never leave the temporary file
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, FileExistsError):
            raise OutputError(f"{path} 已存在，没有改动它。") from None
        if isinstance(exc, OSError):
            raise OutputError(f"无法写入 {path}（{exc.strerror}）") from None
        raise


def _place_new(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
