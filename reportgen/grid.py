"""The layout of an official table as data: rows of cells with spans.

A :class:`Grid` names each cell once, at its top-left corner, with its ``colspan`` and
``rowspan``; the docx template builder, the HTML writer and the tests all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    TITLE = "title"  # a block-title row across the whole table (table 二)
    HEAD = "head"  # a column or group header
    LABEL = "label"  # a row label
    VALUE = "value"  # a number filled from the input


@dataclass(frozen=True)
class Cell:
    text: str = ""
    field: str | None = None  # the id of the value shown here (Role.VALUE only)
    colspan: int = 1
    rowspan: int = 1
    role: Role = Role.LABEL


@dataclass(frozen=True)
class Grid:
    id: str
    columns: int
    header_rows: int  # repeated at the top of every page
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]  # relative column widths
    whole: bool = False  # a short table kept on one page with its heading (table 二)

    def positions(self) -> list[list[tuple[int, Cell]]]:
        """For each row, its origin cells with the grid column each starts at."""
        covered: dict[tuple[int, int], bool] = {}
        placed: list[list[tuple[int, Cell]]] = []
        for r, row in enumerate(self.rows):
            col = 0
            out: list[tuple[int, Cell]] = []
            for cell in row:
                while covered.get((r, col)):
                    col += 1
                out.append((col, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        covered[(r + dr, col + dc)] = True
                col += cell.colspan
            placed.append(out)
        return placed

    def matrix(self) -> list[list[tuple[int, int, Cell]]]:
        """Every grid position → (origin row, origin column, cell): the table as a reader sees it."""
        out: list[list[tuple[int, int, Cell] | None]] = [[None] * self.columns for _ in self.rows]
        for r, row in enumerate(self.positions()):
            for c, cell in row:
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        out[r + dr][c + dc] = (r, c, cell)
        for r, row_cells in enumerate(out):
            if any(x is None for x in row_cells):
                raise ValueError(f"grid {self.id}: row {r} is not filled")
        return out  # type: ignore[return-value]
