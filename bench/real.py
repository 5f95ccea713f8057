"""Rebuild every real report of the corpus from its TOML and compare it with what was published.

    .venv/bin/python bench/real.py            # every report under tests/data/real/
    .venv/bin/python bench/real.py DIR...     # some of them

For each report (a folder holding ``report.toml`` and the published form: ``published.pdf``,
``.html``, ``.docx`` or ``.txt``) the document is built in memory and read back as a reader
sees it; it is *reproduced* when

- every paragraph (title, byline, preamble, headings, run-in headings with their text, prose,
  落款) is found in the published text, in order;
- each table's label and header texts are found in the published table, and its numbers,
  read row by row, are the published table's numbers in the same order (a blank cell is no
  number in either).

Whitespace is ignored (PDF text extraction inserts spaces between Chinese and digits, and
breaks lines inside cells), and page numbers ("- 3 -") are page furniture. One line per report,
then ``reproduced N/M``. A report that is not reproduced says why: the first paragraph or
table text not found, or the check's errors when the published numbers break a rule (such a
report cannot be built).
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree

from reportgen import pipeline
from reportgen.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "real"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"^\s*[-—–]\s*\d+\s*[-—–]\s*$", re.M)
_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(元|万元)?$")  # a cell's number, with the unit printed after it


@dataclass(frozen=True)
class Table:
    labels: list[str]  # label and header cells, each once
    numbers: list[str]  # value cells row by row, blanks left out


@dataclass(frozen=True)
class Result:
    name: str
    reproduced: bool
    why: str = ""


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


# ------------------------------------------------------------------ the published text


class _Text(HTMLParser):
    """A page's text, one block element a line; table cells each on a line of their own."""

    BLOCK = frozenset({"p", "div", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "li", "table", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


def published_text(folder: Path) -> str:
    """The published report as plain text, from the most faithful form the folder holds."""
    if (folder / "published.pdf").is_file():
        done = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(folder / "published.pdf"), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        text = done.stdout.decode("utf-8")
    elif (folder / "published.html").is_file():
        parser = _Text()
        parser.feed((folder / "published.html").read_text(encoding="utf-8"))
        text = "".join(parser.out)
    elif (folder / "published.docx").is_file():
        text = "\n".join(_docx_lines((folder / "published.docx").read_bytes()))
    else:
        text = (folder / "published.txt").read_text(encoding="utf-8")
    return _PAGE_NUMBER.sub("", text)


def _docx_lines(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(f"{W}p"):
        lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return lines


# ------------------------------------------------------------------ the rebuilt document


def built(data: bytes) -> tuple[list[str], list[Table]]:
    """The paragraphs (outside tables) and the tables of a built .docx, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    paragraphs: list[str] = []
    tables: list[Table] = []
    for el in body:
        if el.tag == f"{W}p":
            text = "".join(t.text or "" for t in el.iter(f"{W}t"))
            if text.strip():
                paragraphs.append(text)
        elif el.tag == f"{W}tbl":
            tables.append(_table(el))
    return paragraphs, tables


def _table(tbl: etree._Element) -> Table:
    labels: list[str] = []
    numbers: list[str] = []
    for tr in tbl.iter(f"{W}tr"):
        for tc in tr.findall(f"{W}tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(f"{W}val") != "restart":
                continue  # the cell above goes on
            style = tc.find(f".//{W}pStyle")
            text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
            if style is not None and style.get(f"{W}val") == "num":
                if text.strip():
                    numbers.append(text.strip())
            elif text.strip() and text not in labels:
                labels.append(text)
    return Table(labels, numbers)


# ------------------------------------------------------------------ comparing


def _same_number(a: str, b: str) -> bool:
    ma, mb = _NUMBER.match(a), _NUMBER.match(b)
    if ma is None or mb is None:
        return a == b
    try:
        return Decimal(ma.group(1)) == Decimal(mb.group(1)) and ma.group(2) == mb.group(2)
    except InvalidOperation:
        return a == b


def _within(needle: str, text: str) -> bool:
    """``needle`` in ``text``, its characters in order but maybe apart (a merged cell's label is
    extracted line by line between the rows beside it)."""
    if needle in text:
        return True
    at = 0
    for ch in needle:
        at = text.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def _numbers(region: str) -> list[str]:
    return [t for t in region.split() if _NUMBER.match(t)]


def compare(paragraphs: list[str], tables: list[Table], published: str) -> str:
    """ "" when the document is the published one, else what differs first."""
    flat = squeeze(published)
    # where each paragraph stands in the published text: in order
    spots: list[tuple[int, int]] = []
    at = 0
    for para in paragraphs:
        needle = squeeze(para)
        found = flat.find(needle, at)
        if found < 0:
            return (
                f"paragraph not found: “{para[:40]}…”" if len(para) > 40 else f"paragraph not found: “{para}”"
            )
        spots.append((found, found + len(needle)))
        at = found + len(needle)
    # each table stands between the paragraphs printed before and after it, in order
    regions = _table_regions(published, paragraphs, len(tables))
    for name, table, region in zip(("表二", "表三", "表四"), tables, regions, strict=False):
        squeezed = squeeze(region)
        for label in table.labels:
            if not _within(squeeze(label), squeezed):
                return f"{name}: text not found: “{label}”"
        printed = _numbers(region)
        if len(printed) != len(table.numbers) or not all(
            _same_number(a, b) for a, b in zip(printed, table.numbers, strict=True)
        ):
            first = next(
                (
                    i
                    for i, (a, b) in enumerate(zip(printed, table.numbers, strict=False))
                    if not _same_number(a, b)
                ),
                min(len(printed), len(table.numbers)),
            )
            return (
                f"{name}: numbers differ at number {first + 1}: published "
                f"{printed[first : first + 5]}, built {table.numbers[first : first + 5]} "
                f"({len(printed)} published, {len(table.numbers)} built)"
            )
    return ""


def _table_regions(published: str, paragraphs: list[str], count: int) -> list[str]:
    """The published text of each table: from the heading above it to the paragraph after it.

    The tables stand under 二, 三, 四: the text between a level-1 heading of those sections
    and the next paragraph of the document that is found after it.
    """
    lines = published
    markers = ["二、", "三、", "四、"]
    heads = []
    for marker in markers[:count]:
        heading = next((p for p in paragraphs if p.startswith(marker)), None)
        heads.append(heading)
    regions = []
    cursor = 0
    for k, heading in enumerate(heads):
        start = _find_loose(lines, heading, cursor) if heading else cursor
        end_heading = (
            heads[k + 1]
            if k + 1 < len(heads)
            else next((p for p in paragraphs if p.startswith("五、")), None)
        )
        end = _find_loose(lines, end_heading, start + 1) if end_heading else len(lines)
        regions.append(lines[start:end] if end > start else lines[start:])
        cursor = max(start, end)
    return regions


def _find_loose(text: str, needle: str | None, start: int) -> int:
    """Where ``needle`` stands in ``text`` from ``start``, whitespace in either ignored; -1 if absent."""
    if not needle:
        return -1
    pattern = r"\s*".join(re.escape(ch) for ch in squeeze(needle))
    m = re.compile(pattern).search(text, start)
    return m.start() if m else -1


def check_one(folder: Path) -> Result:
    name = folder.name
    source = folder / "report.toml"
    try:
        checked = pipeline.check(source)
        data = pipeline.render_docx(checked)
    except InputError as exc:
        errors = [p for p in exc.problems if p.is_error]
        codes = ", ".join(sorted({p.code for p in errors}))
        return Result(name, False, f"the published numbers break {codes}: {errors[0].message[:80]}…")
    paragraphs, tables = built(data)
    why = compare(paragraphs, tables, published_text(folder))
    return Result(name, not why, why)


def corpus(root: Path = CORPUS) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/report.toml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args(argv)
    folders = args.folders or corpus()
    results = [check_one(f) for f in folders]
    for r in results:
        print(f"{'ok ' if r.reproduced else 'NOT'} {r.name}{'' if r.reproduced else ': ' + r.why}")
    done = sum(r.reproduced for r in results)
    print(f"reproduced {done}/{len(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
