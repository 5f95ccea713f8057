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
class Group:
    """Rows under one merged group label (（三）不予公开 over its items 1.–8.) that a report may
    print as a single row: the group label across the label columns, the numbers of ``row``."""

    first: int  # index in Grid.rows of the group's first row
    count: int  # how many rows it has
    label: str  # the group label
    row: tuple[Cell, ...]  # the single row: group label and value cells (cells spanning from above left out)


@dataclass(frozen=True)
class Grid:
    id: str
    columns: int
    header_rows: int  # repeated at the top of every page
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]  # relative column widths
    groups: tuple[Group, ...] = ()  # row groups a report may print as one row each
    whole: bool = False  # a short table kept on one page with its heading (table 二)

    def collapse(self, labels: frozenset[str]) -> Grid:
        """This grid with the groups named by ``labels`` printed as one row each.

        A cell that spans down across a collapsed group (三、本年度办理结果) spans fewer rows.
        """
        chosen = [g for g in self.groups if g.label in labels]
        if not chosen:
            return self
        rows = [list(r) for r in self.rows]
        for g in sorted(chosen, key=lambda g: g.first, reverse=True):
            lost = g.count - 1
            last = g.first + g.count  # a cell of an earlier row spanning to here spans across the group
            lead = [c for c in rows[g.first] if c.rowspan > g.count]  # cells from this row spanning on
            for r in range(g.first):
                rows[r] = [
                    Cell(c.text, c.field, c.colspan, c.rowspan - lost, c.role) if r + c.rowspan >= last else c
                    for c in rows[r]
                ]
            short = [Cell(c.text, c.field, c.colspan, c.rowspan - lost, c.role) for c in lead]
            rows[g.first : g.first + g.count] = [[*short, *g.row]]
        return Grid(self.id, self.columns, self.header_rows, tuple(tuple(r) for r in rows), self.widths, whole=self.whole)

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
