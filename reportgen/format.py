"""What an official report format is, as data.

A format (2019, 2021, …) is one module in :mod:`reportgen.formats` that builds a
:class:`Format`: its sections, the input fields of its tables, the grids the tables are
printed in and the accounting identities that must hold. Nothing else in reportgen knows
a label; the next revision is one new module and one new template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from reportgen.grid import Grid


class Kind(StrEnum):
    COUNT = "count"  # a non-negative integer
    DELTA = "delta"  # an integer that may be negative (本年增/减)
    AMOUNT = "amount"  # a non-negative decimal amount of money, kept exact
    UNIT = "unit"  # the unit of an amount: 元 or 万元


UNITS = ("元", "万元")


@dataclass(frozen=True)
class Field:
    """One value cell of a table, and where the clerk types it: ``[section] row = { column = … }``."""

    id: str
    section: str
    row: str
    column: str
    kind: Kind = Kind.COUNT
    group: str = ""  # the printed group above the row, e.g. （三）不予公开
    computed: bool = False  # a 总计 that may be left out and is then computed
    unit_of: str | None = None  # for Kind.UNIT: the id of the amount it measures
    unit: str = ""  # a fixed unit printed after the amount

    @property
    def label(self) -> str:
        """The cell's name for a message: row and column as printed."""
        return f"{self.group}{self.row}（{self.column}）"


@dataclass(frozen=True)
class Term:
    field: str
    label: str  # how the cell is called inside this rule's message


@dataclass(frozen=True)
class Identity:
    """``sum(left) == sum(right)``: an accounting rule printed in, or implied by, the table."""

    code: str
    scope: str  # what the message names before the colon
    left: tuple[Term, ...]
    right: tuple[Term, ...]


Address = tuple[str, str, str]
"""Where a cell is typed: (section, row, column). The same words name the same cell in every format."""


@dataclass(frozen=True)
class Carry:
    """A cell that follows from last year's report: ``target = Σ last + Σ this`` (signed terms).

    The cross-year checks (:mod:`reportgen.history`) test it; ``reportgen new`` fills the
    target from last year's file (this year's terms are still 0 then). Cells are named by
    :data:`Address`, so a carry also works when last year's report is in an older format,
    as long as that format has the cells it names.
    """

    code: str  # the rule, e.g. R3-e
    target: Address
    last: tuple[tuple[Address, int], ...]  # cells of last year's report, each with its sign
    this: tuple[tuple[Address, int], ...] = ()  # cells of this year's report, each with its sign
    hard: bool = False  # an error; otherwise a warning
    across: str = ""  # the code to use when last year's report is in another format (R3-f)
    opening: Address | None = None  # in a new year's file, also written here so its sums hold


@dataclass(frozen=True)
class Section:
    key: str  # the canonical heading, also the TOML table name
    table: str | None = None  # the grid printed in this section
    variants: tuple[str, ...] = ()  # headings seen in real reports (accepted with a warning)
    topics: tuple[str, ...] = ()  # the subsection headings the format names (一、总体情况, 2021)
    guide: str = ""  # what the format asks this section to say, for a clerk starting a new year


@dataclass(frozen=True)
class Format:
    id: str
    name: str
    notice: str
    first_year: int
    last_year: int | None
    template: str  # file name under templates/
    sections: tuple[Section, ...]
    fields: tuple[Field, ...]
    grids: dict[str, Grid]
    identities: tuple[Identity, ...]
    title_pattern: str = "{agency}{year}年政府信息公开工作年度报告"
    extra: dict[str, str] = field(default_factory=dict)
    carries: tuple[Carry, ...] = ()  # what follows from last year's report
    explain: dict[str, str] = field(default_factory=dict)  # row or column label → what it counts

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def field(self, field_id: str) -> Field:
        return self._by_id[field_id]

    @property
    def _by_id(self) -> dict[str, Field]:
        cache = self.__dict__.get("_fields_by_id")
        if cache is None:
            cache = {f.id: f for f in self.fields}
            object.__setattr__(self, "_fields_by_id", cache)
        return cache

    def find(self, address: Address) -> Field | None:
        """The field typed at ``address``, or None when this format has no such cell."""
        cache = self.__dict__.get("_fields_by_address")
        if cache is None:
            cache = {(f.section, f.row, f.column): f for f in self.fields}
            object.__setattr__(self, "_fields_by_address", cache)
        return cache.get(address)

    def rows_of(self, section: str) -> dict[str, dict[str, Field]]:
        """The rows a section's table expects, in printed order: row → column → field."""
        rows: dict[str, dict[str, Field]] = {}
        for f in self.fields:
            if f.section == section:
                rows.setdefault(f.row, {})[f.column] = f
        return rows
