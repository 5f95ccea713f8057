"""The measured layout of the tables: column widths, and the lines each label prints in.

One place for what the Word template (reportgen.blueprint) and the HTML page
(reportgen.render.html) both need: a grid's columns in twips across the 156 mm type area,
how much 五号 text a cell holds, and each fixed label broken by measure (reportgen.linebreak)
so that no line of it is an orphan.
"""

from __future__ import annotations

from reportgen import linebreak
from reportgen.grid import Cell, Grid, Role

TEXT_WIDTH = round(156 * 1440 / 25.4)  # twips: the 版心 is 156 mm wide (format-spec §9)

CELL_SIZE = 10.5  # pt: 五号, the size of table text
CELL_MARGINS = 2 * 57 / 20  # pt: a cell's left and right margins (the table style's tblCellMar)
CELL_SLACK = 1.5  # pt: room for digits and letters wider than half an em in the face printing them


def column_widths(grid: Grid) -> list[int]:
    """The grid's columns in twips, across the full type area."""
    total = sum(grid.widths)
    widths = [round(TEXT_WIDTH * w / total) for w in grid.widths]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


def capacity(width: int) -> float:
    """How many ems of table text a cell ``width`` twips wide holds on one line."""
    return (width / 20 - CELL_MARGINS - CELL_SLACK) / CELL_SIZE


def stacked(cell: Cell, width: int) -> bool:
    """A tall label in a column too narrow for three characters is stacked, one character
    under the other ("三、/ 本 / 年 / 度 …"), centred: never "、" alone on a line. (Vertical
    text, w:textDirection, would be the Word way; LibreOffice prints nothing of it in a
    merged cell that runs onto the next page.)"""
    return cell.role is Role.LABEL and cell.rowspan >= 3 and capacity(width) < 3


def label_lines(cell: Cell, width: int, text: str | None = None) -> list[str]:
    """The lines a label or header prints in, broken by measure (reportgen.linebreak):
    its official text, or the ``text`` a report prints in its place (印出的文字)."""
    text = cell.text if text is None else text
    if stacked(cell, width):
        return linebreak.stack(text)
    return linebreak.lines(text, capacity(width))
