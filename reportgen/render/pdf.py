"""PDF output: the finished .docx converted by LibreOffice, headless.

The PDF is made from the Word document itself, so it shows what Word readers get. The
official font names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) are mapped to the best
installed CJK faces by ``templates/fonts.conf``, passed to soffice alone through
``FONTCONFIG_FILE``. Each conversion uses a fresh LibreOffice profile in a temporary
directory, so it never meets a running LibreOffice or a stale profile, and several
documents are converted in one soffice run.

soffice is a launcher that starts ``soffice.bin``: it runs in a process group of its own,
and the whole group is killed on a timeout, on Ctrl-C or SIGTERM (see reportgen.cli) and on
any error, so no LibreOffice process outlives the conversion. Should reportgen itself be
killed outright (SIGKILL), a watchdog shell waiting on a pipe from it sees the pipe close
and kills the group, then removes the conversion's folder. LibreOffice's temporary files
(``lu*.tmp``) go to that folder too (``TMPDIR``), not to the system's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from reportgen.errors import OutputError
from reportgen.templates import FOLDER

FONTS_CONF = FOLDER / "fonts.conf"
TIMEOUT = 300  # seconds for one soffice run (the first run creates a profile: ~10 s)

MISSING = (
    "没有找到 LibreOffice（soffice 命令），无法生成 PDF，也没有生成其他文件。"
    "请先安装：Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk；"
    "Windows 请安装 LibreOffice。或者去掉 --to 中的 pdf，只生成 Word 和网页。"
)

_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def soffice() -> str | None:
    """The LibreOffice executable: on PATH, or where its installer puts it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in _PLACES:
        if os.path.isfile(place):
            return place
    return None


def require() -> str:
    """The soffice executable, or :class:`OutputError` saying how to install it."""
    found = soffice()
    if found is None:
        raise OutputError(MISSING)
    return found


def convert(documents: Sequence[bytes]) -> list[bytes]:
    """Each .docx package in ``documents`` as PDF bytes, in one soffice run."""
    if not documents:
        return []
    program = require()
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as tmp:
        work = Path(tmp)
        names = []
        for n, data in enumerate(documents):
            path = work / f"report{n}.docx"
            path.write_bytes(data)
            names.append(path)
        out = work / "pdf"
        env = dict(os.environ)
        if FONTS_CONF.is_file():
            env["FONTCONFIG_FILE"] = str(FONTS_CONF)
        for name in ("TMPDIR", "TMP", "TEMP"):  # soffice's lu*.tmp files: removed with the folder
            env[name] = str(work)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out),
            *(str(p) for p in names),
        ]
        done = _run(command, env, program, work)
        results = []
        for path in names:
            pdf = out / f"{path.stem}.pdf"
            if not pdf.is_file() or pdf.stat().st_size == 0:
                detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
                tail = f"：{detail[-1]}" if detail else ""
                raise OutputError(f"LibreOffice 没有生成 PDF（退出码 {done.returncode}{tail}）。")
            results.append(pdf.read_bytes())
        return results


def _run(
    command: list[str], env: dict[str, str], program: str, work: Path
) -> subprocess.CompletedProcess[bytes]:
    """Run soffice in a process group of its own, and kill the whole group when done."""
    windows = sys.platform == "win32"
    try:
        process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=not windows,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)
            | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
            if windows
            else 0,
        )
    except OSError as exc:
        raise OutputError(f"无法运行 LibreOffice（{program}：{exc.strerror}），PDF 没有生成。") from None
    watchdog = None if windows else _watchdog(process.pid, work)
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise OutputError(f"LibreOffice 转换 PDF 超过 {TIMEOUT} 秒没有完成，PDF 没有生成。") from None
    finally:  # also on Ctrl-C, SIGTERM, a stopped worker: LibreOffice goes too
        _kill_group(process)  # soffice.bin may still be closing after the launcher has returned
        _release(watchdog)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


# Reads one line from reportgen; if the pipe closes first (reportgen was killed), kills the
# LibreOffice group ($0) and removes the conversion's folder ($1).
_WATCHDOG = 'read -r done || { kill -s KILL -- -"$0"; sleep 1; rm -rf -- "$1"; }'


def _watchdog(group: int, work: Path) -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(
            ["/bin/sh", "-c", _WATCHDOG, str(group), str(work)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C at the terminal must not end it before its time
        )
    except OSError:
        return None  # no shell: only the SIGKILL case is not covered


def _release(watchdog: subprocess.Popen[bytes] | None) -> None:
    """Tell the watchdog all is done (it exits without killing anything)."""
    if watchdog is None or watchdog.stdin is None:
        return
    try:
        watchdog.stdin.write(b"done\n")
        watchdog.stdin.close()
        watchdog.wait(timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        pass


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill soffice and everything it started (its process group), and reap the launcher."""
    if sys.platform == "win32":
        subprocess.run(  # the tree under the launcher
            ["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False
        )
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.communicate(timeout=5)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        pass
