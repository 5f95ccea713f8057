"""Reading a generated PDF back as a reader sees it: the text layer, and where each line stands.

poppler's ``pdftotext`` gives the text; ``-bbox-layout`` gives every line with its box in
points (origin top left), so a test can see a character hanging into the margin, a table
label broken into pieces, or a heading touching the table above it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

MM = 72 / 25.4  # points per millimetre
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, 26 * MM, 37 * MM, 35 * MM  # GB/T 9704 margins (format-spec §9)

HAVE_POPPLER = shutil.which("pdftotext") is not None


def text(pdf: Path) -> str:
    """The text of the type area of every page, in reading order (page numbers left out)."""
    out = subprocess.run(
        [
            "pdftotext",
            "-enc",
            "UTF-8",
            "-x",
            "0",
            "-y",
            "0",
            "-W",
            str(round(PAGE_W)),
            "-H",
            str(round(PAGE_H - BOTTOM)),
            str(pdf),
            "-",
        ],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return out


def flat(s: str) -> str:
    """``s`` without any white space: lines broken anywhere compare equal."""
    return re.sub(r"\s+", "", s)


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float
    text: str  # the words of the line joined by one space


def _boxes(pdf: Path, option: str) -> etree._Element:
    """pdftotext's XHTML of the PDF's text boxes (``-bbox`` words, ``-bbox-layout`` lines too)."""
    xml = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", option, str(pdf), "-"], capture_output=True, check=True
    ).stdout
    return etree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml), etree.XMLParser(recover=True))


def lines(pdf: Path) -> list[Line]:
    """Every text line of the PDF with its box, page by page, as pdftotext lays them out."""
    root = _boxes(pdf, "-bbox-layout")
    out: list[Line] = []
    for n, page in enumerate(root.iter("{*}page"), start=1):
        for line in page.iter("{*}line"):
            words = [w.text or "" for w in line.iter("{*}word")]
            out.append(
                Line(
                    n,
                    float(line.get("xMin")),
                    float(line.get("yMin")),
                    float(line.get("xMax")),
                    float(line.get("yMax")),
                    " ".join(words),
                )
            )
    return out


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(pdf: Path) -> list[Word]:
    """Every word pdftotext finds (a run of text without a gap: in a table, part of one cell)."""
    root = _boxes(pdf, "-bbox")
    out: list[Word] = []
    for n, page in enumerate(root.iter("{*}page"), start=1):
        for w in page.iter("{*}word"):
            out.append(Word(n, *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or ""))
    return out
