"""The neutral document every reader produces: paragraphs and tables, in reading order.

A paragraph keeps its runs' emphasis (bold, or a heading face such as 黑体/楷体), its
alignment, a heading level the source declares (a Word heading style, an HTML ``<h2>``),
and where it stands in the source (``第12段``). A table is a full grid: every position
holds the cell that covers it, so merged cells (gridSpan/vMerge, colspan/rowspan) are
resolved once, here, and a merged label reads the same in every row it spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# Spaces a published text pads with: no-break, ideographic, zero-width, narrow no-break.
SPACES = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\u202f\ufeff"
_EDGE = re.compile(f"^[{SPACES}]+|[{SPACES}]+$", re.M)


@dataclass(frozen=True)
class Run:
    text: str
    emphasis: str = ""  # how the run is set off: "加粗" (bold), "楷体", "黑体"; "" not at all


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    align: str = ""  # "center", "right" or "" (left / justified)
    level: int = 0  # a heading level the source declares: 1 title-like … 3; 0 none
    place: str = ""  # where it stands in the source, for messages: 第12段
    container: tuple[int, ...] = ()  # the enclosing elements of a web page (outermost first)

    @property
    def text(self) -> str:
        """The text with line breaks, each line trimmed of padding."""
        return _EDGE.sub("", "".join(r.text for r in self.runs)).strip("\n")


@dataclass(frozen=True)
class Cell:
    text: str
    origin: tuple[int, int]  # (row, column) of the merged cell's top-left position


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]  # every grid position, merges resolved
    place: str = ""  # 第2个表格
    container: tuple[int, ...] = ()
    first_row: int = 1  # the number of its first row as printed (a piece of a split table)
    heads: tuple[str, ...] = ()  # header texts a text table could not set in its grid

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Table


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    form: str = ""  # Word, 网页, PDF, 文本: how messages name the source


@dataclass(frozen=True)
class Spanned:
    """A cell as a source writes it: text, spans, and whether it continues a vertical merge."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    continues: bool = False  # Word's vMerge without "restart": the cell above goes on


def grid(
    rows: Sequence[Sequence[Spanned]],
    place: str = "",
    container: tuple[int, ...] = (),
    heads: tuple[str, ...] = (),
) -> Table:
    """Resolve spans into a full grid; ragged rows are padded with empty cells."""
    taken: dict[tuple[int, int], Cell] = {}
    out: list[list[Cell]] = []
    for r, row in enumerate(rows):
        line: list[Cell] = []
        col = 0
        for spanned in row:
            while (r, col) in taken:
                line.append(taken[(r, col)])
                col += 1
            above = out[r - 1] if r > 0 else []
            own = Cell(spanned.text, (r, col))
            for dc in range(max(1, spanned.colspan)):
                # Word: a vMerge without "restart" continues the cell above (none above: a new cell)
                cell = above[col + dc] if spanned.continues and col + dc < len(above) else own
                line.append(cell)
                for dr in range(1, max(1, spanned.rowspan)):
                    taken[(r + dr, col + dc)] = cell
            col += max(1, spanned.colspan)
        while (r, col) in taken:
            line.append(taken[(r, col)])
            col += 1
        out.append(line)
    width = max((len(r) for r in out), default=0)
    for r, line in enumerate(out):
        while len(line) < width:
            line.append(Cell("", (r, len(line))))
    return Table(tuple(tuple(line) for line in out), place, container, heads=heads)
