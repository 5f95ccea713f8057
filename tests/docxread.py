"""Reading a generated .docx back as a reader sees it: paragraphs, and tables as real grids.

python-docx's ``row.cells`` repeats a merged cell per grid column and hides vMerge, so
tables are read from the XML: ``w:gridSpan`` and ``w:vMerge`` give each grid position
the origin cell it belongs to.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(path: Path | bytes, part: str = "word/document.xml") -> etree._Element:
    src = path if isinstance(path, Path) else __import__("io").BytesIO(path)
    with zipfile.ZipFile(src) as z:
        return etree.fromstring(z.read(part))


def paragraph_text(p: etree._Element) -> str:
    out = []
    for el in p.iter(f"{W}t", f"{W}br", f"{W}tab"):
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag == f"{W}br":
            out.append("\n")
        else:
            out.append("\t")
    return "".join(out)


@dataclass(frozen=True)
class Body:
    """The document body in order: each item is ("p", style, text) or ("table", index)."""

    items: list[tuple]
    tables: list[list[list[tuple[int, int, str]]]]

    def paragraphs(self) -> list[str]:
        return [item[2] for item in self.items if item[0] == "p"]

    def styled(self, style: str) -> list[str]:
        return [item[2] for item in self.items if item[0] == "p" and item[1] == style]

    def outline(self) -> list[str]:
        """The level-1 headings, with "table" where a table stands."""
        return [
            item[0] if item[0] == "table" else item[2]
            for item in self.items
            if item[0] == "table" or item[1] == "h1"
        ]


def read(path: Path | bytes) -> Body:
    root = _xml(path)
    body = root.find(f"{W}body")
    items: list[tuple] = []
    tables = []
    for el in body:
        if el.tag == f"{W}p":
            style = el.find(f"{W}pPr/{W}pStyle")
            items.append(("p", style.get(f"{W}val") if style is not None else "", paragraph_text(el)))
        elif el.tag == f"{W}tbl":
            items.append(("table", len(tables)))
            tables.append(table_grid(el))
    return Body(items, tables)


def table_grid(tbl: etree._Element) -> list[list[tuple[int, int, str]]]:
    """Every grid position → (origin row, origin column, text of the origin cell)."""
    columns = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
    grid: list[list[tuple[int, int, str]]] = []
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        row: list[tuple[int, int, str]] = []
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            vm = tc.find(f"{W}tcPr/{W}vMerge")
            col = len(row)
            if vm is not None and vm.get(f"{W}val") != "restart":
                origin = grid[r - 1][col]
            else:
                # a line break inside a cell is where the blueprint broke a label to fit its
                # column (reportgen.linebreak), not part of the label: read as nothing
                text = "\n".join(paragraph_text(p).replace("\n", "") for p in tc.findall(f"{W}p"))
                origin = (r, col, text)
            row.extend([origin] * span)
        if len(row) != columns:
            raise AssertionError(f"row {r} covers {len(row)} grid columns, the grid has {columns}")
        grid.append(row)
    return grid


def spans(grid: list[list[tuple[int, int, str]]]) -> dict[tuple[int, int], tuple[int, int, str]]:
    """Origin (row, col) → (rowspan, colspan, text): the merges of a grid."""
    out: dict[tuple[int, int], list] = {}
    for row in grid:
        for r, c, text in row:
            out.setdefault((r, c), [0, 0, text])
    for (r, c), v in out.items():
        v[0] = sum(1 for row in grid if row[c][:2] == (r, c))
        v[1] = sum(1 for cell in grid[r] if cell[:2] == (r, c))
    return {k: tuple(v) for k, v in out.items()}
