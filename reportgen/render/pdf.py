"""PDF output: the finished .docx converted by LibreOffice, headless.

The PDF is made from the Word document itself, so it shows what Word readers get. The
official font names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) are mapped to the best
installed CJK faces by ``templates/fonts.conf``, passed to soffice alone through
``FONTCONFIG_FILE``. Each conversion uses a fresh LibreOffice profile in a temporary
directory, so it never meets a running LibreOffice or a stale profile, and several
documents are converted in one soffice run.
"""

from __future__ import annotations

import os
import shutil
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
        try:
            done = subprocess.run(
                command,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0,
            )
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice 转换 PDF 超过 {TIMEOUT} 秒没有完成，PDF 没有生成。") from None
        except OSError as exc:
            raise OutputError(f"无法运行 LibreOffice（{program}：{exc.strerror}），PDF 没有生成。") from None
        results = []
        for path in names:
            pdf = out / f"{path.stem}.pdf"
            if not pdf.is_file() or pdf.stat().st_size == 0:
                detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
                tail = f"：{detail[-1]}" if detail else ""
                raise OutputError(f"LibreOffice 没有生成 PDF（退出码 {done.returncode}{tail}）。")
            results.append(pdf.read_bytes())
        return results
