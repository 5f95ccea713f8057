"""Writing files so that a failure never leaves half a file or damages a good one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportgen.errors import OutputError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
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
        os.replace(tmp, path)
    except BaseException as exc:  # also Ctrl-C or a stopped worker: never leave the temporary file
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"无法写入 {path}（{exc.strerror}）") from None
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
