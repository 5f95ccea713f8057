"""Reading a PDF's text layer (``pdftotext -layout``, poppler-utils) into the neutral document.

The text keeps its layout: a paragraph starts on an indented line (the first-line indent
of the body text) and goes on over the lines below it; page numbers (``— 1 —``) and the
spaces pdftotext puts between Chinese characters and digits are removed. Tables are read
from their lines by :mod:`.plaintext` (labels and numbers; a table whose text is out of
order cannot be read, and the import says which cells it did not find).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from reportgen.errors import OutputError
from reportgen.published import plaintext
from reportgen.published.document import Document

_PAGE = re.compile(r"^\s*(?:[—–\-－]\s*\d+\s*[—–\-－]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+)\s*$")
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]"
_GAP = re.compile(
    rf"(?<={_CJK}) (?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) (?={_CJK})"
    rf"|(?<={_CJK}) (?=[“‘《（])|(?<=[”’》）]) (?={_CJK})"  # around full-width quotes and brackets
)


def read(path: Path) -> Document:
    if shutil.which("pdftotext") is None:
        raise OutputError("读取 PDF 需要 pdftotext：apt-get install poppler-utils")
    if not path.is_file():
        raise FileNotFoundError(path)
    try:
        done = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise OutputError(f"pdftotext 读取 {path} 超时") from None
    if done.returncode != 0:
        raise OutputError(f"pdftotext 无法读取 {path}：{done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    text = done.stdout.decode("utf-8", errors="replace")
    if not text.strip():
        raise OutputError(f"{path} 没有文字层（可能是扫描件），无法导入。")
    return parse(text)


_SPREAD = re.compile(rf"(?<={_CJK}) (?={_CJK})")


def _unspread(line: str) -> str:
    """A justified line's letter spacing (``号 ， 邮 编 ：``) removed; a lone space is kept."""
    line = _GAP.sub("", line.replace("\f", ""))
    core = line.strip()
    if len(_SPREAD.findall(core)) >= 3:
        lead = line[: len(line) - len(line.lstrip())]
        return lead + _SPREAD.sub("", core)
    return line


def parse(text: str, form: str = "PDF") -> Document:
    lines = [_unspread(line) for line in text.split("\n")]
    lines = [line for line in lines if not _PAGE.match(line)]
    return plaintext.parse(lines, form, join=True)
