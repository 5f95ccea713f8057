"""What an official report format is, as data.

A format (2019, 2021, …) is one module in :mod:`reportgen.formats` that builds a
:class:`Format`: its sections, the input fields of its tables, the grids the tables are
printed in and the accounting identities that must hold. Nothing else in reportgen knows
a label; the next revision is one new module and one new template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from reportgen.errors import Severity
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
    optional: bool = False  # may be left out (a rule may still warn about it)
    rule: str = "T-value"  # the code of the rule that bounds the value (R2-c, R3-d, …)

    @property
    def required(self) -> bool:
        return not (self.computed or self.optional)

    @property
    def row_label(self) -> str:
        """The row's name for a message: its printed group, a space, then the row with its own number."""
        return f"{self.group} {self.row}" if self.group else self.row

    @property
    def label(self) -> str:
        """The cell's name for a message: row and column as printed, one bracket level deep."""
        if "（" in self.column:  # 本年收费金额（单位：万元）
            return f"{self.row_label}“{self.column}”"
        return f"{self.row_label}（{self.column}）"


@dataclass(frozen=True)
class Term:
    field: str
    label: str  # how the cell is called inside this rule's message


Number = int | Decimal


@dataclass(frozen=True)
class Facts:
    """What a rule's predicate may look at: who reports, for which year, and every cell."""

    agency: str
    year: int
    values: Mapping[str, object]  # field id → int | Decimal | str | None (None: not usable)
    doubtful: frozenset[str] = frozenset()  # cells of identities that do not hold (errors already)

    def number(self, field_id: str) -> Number | None:
        value = self.values.get(field_id)
        return value if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else None


# ---------------------------------------------------------------- rules, as data
# A format declares its rules with these types; reportgen.rules evaluates them all with one
# engine. Each carries a stable code (format-spec §8, or reportgen's own: P-…, S-…).


@dataclass(frozen=True)
class Identity:
    """``sum(left) == sum(right)``: an accounting rule printed in, or implied by, the table (an error)."""

    code: str
    scope: str  # what the message names before the colon
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    advice: str = ""  # what to do, when the engine cannot say which cell is wrong


@dataclass(frozen=True)
class Bound:
    """``sum(small) <= sum(large)``: holds normally, real reports break it (a warning)."""

    code: str
    scope: str
    small: tuple[Term, ...]
    large: tuple[Term, ...]
    advice: str = ""
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class Condition:
    """A predicate over the values: ``finding(facts)`` returns what is wrong, or None.

    The problem stands at the first of ``fields`` and lists the lines of the others.
    """

    code: str
    scope: str
    fields: tuple[str, ...]
    finding: Callable[[Facts], str | None]
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class Wording:
    """Prose that the table contradicts: a phrase that is false once any ``contradicted_by`` is not 0."""

    code: str
    phrases: tuple[str, ...]
    contradicted_by: tuple[Term, ...]
    claim: str  # what the phrase says, in a few words
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class ProseRequired:
    """A section whose prose must say something: not empty, not just “无”."""

    code: str
    section: str
    advice: str
    empty: tuple[str, ...] = ("无", "没有", "暂无", "无。", "没有。", "暂无。")
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class ProseMentions:
    """A section whose prose (headings of its 小节 included) should name one of ``phrases``.

    Not judged while the section is empty: :class:`ProseRequired` says that once.
    """

    code: str
    section: str
    phrases: tuple[str, ...]
    advice: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class YearUse:
    """A normal reason for the prose to name another year: the words around the year.

    ``before`` is a regular expression matched against the text of the same clause before
    the year (ending where the year begins), ``after`` against the text after the year's
    digits (starting with its 年). ``offsets`` limits the use to those years relative to
    the report year (empty: any year).
    """

    before: str = ""
    after: str = ""
    offsets: tuple[int, ...] = ()


@dataclass(frozen=True)
class YearMention:
    """Prose names a year other than the report year plus ``allowed`` offsets (a copied report?).

    Not when the year stands inside a title in 《》 (a document named with its year), nor in
    one of the ``usual`` uses.
    """

    code: str
    allowed: tuple[int, ...] = (0, 1)
    usual: tuple[YearUse, ...] = ()
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class ProseFigure:
    """A number the prose states about a table quantity, compared with the cells (a warning).

    Each of ``patterns`` is a regular expression matched within one sentence (up to 。；！？
    or a line end), with ``{n}`` standing for the number (Arabic or Chinese numerals,
    captured by the engine). When ``subject`` is given — (this subject, its rivals), two
    regular expressions — the number counts only if the nearest of them named before it in
    the sentence is this subject (结果维持 after 行政复议 is the review's, after 行政诉讼 the
    litigation's). The number must equal the sum of one of ``accepted``: the first is the
    quantity the words name; the others are what the prose may legitimately mean by them
    (收到申请 N 件: 新收, or 新收 + 上年结转). ``units`` (regex of the unit after the number →
    factor to the cells' unit) is for amounts; counts take 件/起/宗/个.
    """

    code: str
    patterns: tuple[str, ...]
    accepted: tuple[tuple[str, tuple[Term, ...]], ...]  # (what it is called, the cells it sums)
    subject: tuple[str, str] | None = None
    units: tuple[tuple[str, Decimal], ...] = ()
    cues: tuple[str, ...] = ()  # plain words one of which a sentence must hold to be read (speed)
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class Numbering:
    """Items the prose numbers (一是、二是…; （一）（二）…; 1. 2. …): each is the one before plus one,
    or 1 (a new list). ``pattern`` has a group ``n`` (the ordinal, Arabic or Chinese); with
    ``line_start`` it counts only at the start of a line or of a 小节 heading. A list runs
    within one text (a 正文, a 小节's text) or over the 小节 headings of one section.
    """

    code: str
    pattern: str
    line_start: bool = False
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class CanonicalHeading:
    """A section heading typed differently from the format's canonical one."""

    code: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class ClosingDate:
    """The 落款 (if any) ends with a whole date (年月日) in the year after the report year."""

    code: str
    severity: Severity = Severity.WARNING


Rule = (
    Identity
    | Bound
    | Condition
    | Wording
    | ProseRequired
    | ProseMentions
    | YearMention
    | CanonicalHeading
    | ClosingDate
)


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
    checks: tuple[Rule, ...] = ()  # every other rule: soft bounds, conditions, prose, headings
    title_pattern: str = "{agency}{year}年政府信息公开工作年度报告"
    # Row labels that real reports print instead of the official ones (printed → official):
    # accepted with a warning (V-label) and printed as typed.
    row_variants: dict[str, str] = field(default_factory=dict)
    carries: tuple[Carry, ...] = ()  # what follows from last year's report
    explain: dict[str, str] = field(default_factory=dict)  # row or column label → what it counts

    @property
    def rules(self) -> tuple[Rule, ...]:
        return (*self.identities, *self.checks)

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
        cache = self.__dict__.get("_rows_by_section")
        if cache is None:
            cache = {}
            for f in self.fields:
                cache.setdefault(f.section, {}).setdefault(f.row, {})[f.column] = f
            object.__setattr__(self, "_rows_by_section", cache)
        return cache.get(section, {})
