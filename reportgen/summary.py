"""A county's reports side by side: what the 政务公开办 reviews and reports upward.

What a summary holds and how it is computed from the reports, each read and judged exactly
as ``reportgen check`` does (:mod:`reportgen.review` reads the folder and makes the
:class:`Entry` of each report):

* one :class:`Entry` per report: who, which year and format, its findings, its key
  figures (:data:`FIGURES`) and last year's where last year's file is found;
* the sum over the reports of one year, cell by cell, for each table (:class:`Total`);
* the pairs of reports of one year whose prose copies each other (:class:`Pair`), by the
  measure of the cross-year copy warning (:mod:`reportgen.history`);
* with a roster, the agencies with no report and the reports of agencies not on it.

Nothing here reads, prints or writes: the workbook and the dashboard are renderers
(:mod:`reportgen.render.workbook`, :mod:`reportgen.render.dashboard`) of a :class:`Summary`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from zlib import crc32

from reportgen import history
from reportgen.errors import Problem
from reportgen.format import Format, Kind
from reportgen.formats import FORMATS
from reportgen.formats.sections import SECTION_2
from reportgen.formats.tables import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    RESULTS_TOTAL,
    REVIEW_BLOCKS,
    SECTION_3,
    SECTION_4,
    TOTAL,
)
from reportgen.model import Value

Number = int | Decimal | float  # counts and amounts as typed; rates as float


# ---------------------------------------------------------------- key figures


@dataclass(frozen=True)
class Figure:
    """One key figure of a report: a column of the overview."""

    name: str
    unit: str  # 件, %, 万元
    note: str  # how it is counted, for the reader of the workbook and the page

    @property
    def rate(self) -> bool:
        return self.unit == "%"


OUTCOMES = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
FEE = "收费（万元）"

FIGURES = (
    Figure("本年新收", "件", "表三“一、本年新收政府信息公开申请数量”的总计"),
    Figure("上年结转", "件", "表三“二、上年结转政府信息公开申请数量”的总计"),
    *(Figure(name, "件", f"表三办理结果中“{name}”一组各行的总计之和") for name in OUTCOMES),
    Figure("办结", "件", "表三“（七）总计”的总计"),
    Figure("结转下年度", "件", "表三“四、结转下年度继续办理”的总计"),
    Figure("公开率", "%", "予以公开 ÷ 办结"),
    Figure("实质公开率", "%", "（予以公开 + 部分公开）÷ 办结"),
    Figure("行政复议", "件", "表四行政复议的总计"),
    Figure("复议纠正率", "%", "行政复议结果纠正 ÷ 已审结（总计 − 尚未审结）"),
    Figure("行政诉讼", "件", "表四行政诉讼（未经复议直接起诉 + 复议后起诉）的总计"),
    Figure("诉讼纠正率", "%", "行政诉讼结果纠正 ÷ 已审结（总计 − 尚未审结）"),
    Figure(FEE, "万元", "表二“行政事业性收费”的本年收费金额（2021 年格式才有，2019 年格式空白）"),
)
COMPARED = ("本年新收", "办结", "实质公开率", "行政复议", "行政诉讼", FEE)  # shown beside last year's

_GROUP_NAME = re.compile(r"^（[一二三四五六七八九十]+）([^（]+)")


def _number(value: object) -> int | Decimal | None:
    return value if type(value) is int or type(value) is Decimal else None


def figures(fmt: Format, values: dict[str, Value | None]) -> dict[str, Number | None]:
    """The key figures of one report from its (completed) values; None where the format has
    no such cell, a cell could not be read, or a rate has nothing to divide by."""

    def cell(section: str, row: str, column: str) -> int | Decimal | None:
        f = fmt.find((section, row, column))
        return _number(values.get(f.id)) if f is not None else None

    def total(cells: list[int | Decimal | None]) -> int | Decimal | None:
        return None if not cells or any(c is None for c in cells) else sum(cells)  # type: ignore[arg-type]

    groups: dict[str, list[int | Decimal | None]] = {name: [] for name in OUTCOMES}
    for f in fmt.fields:
        if f.section != SECTION_3 or f.column != TOTAL:
            continue
        m = _GROUP_NAME.match(f.group or f.row)
        if m and m.group(1) in groups:
            groups[m.group(1)].append(_number(values.get(f.id)))
    out: dict[str, Number | None] = {
        "本年新收": cell(SECTION_3, NEW, TOTAL),
        "上年结转": cell(SECTION_3, CARRIED_IN, TOTAL),
        **{name: total(groups[name]) for name in OUTCOMES},
        "办结": cell(SECTION_3, RESULTS_TOTAL, TOTAL),
        "结转下年度": cell(SECTION_3, CARRIED_OUT, TOTAL),
    }
    done = out["办结"]
    out["公开率"] = _ratio(out["予以公开"], done)
    opened = total([_number(out["予以公开"]), _number(out["部分公开"])])
    out["实质公开率"] = _ratio(opened, done)
    review, lawsuits = REVIEW_BLOCKS[0], REVIEW_BLOCKS[1:]
    for name, rate, blocks in (("行政复议", "复议纠正率", (review,)), ("行政诉讼", "诉讼纠正率", lawsuits)):
        all_cases = total([cell(SECTION_4, b, TOTAL) for b in blocks])
        pending = total([cell(SECTION_4, b, "尚未审结") for b in blocks])
        corrected = total([cell(SECTION_4, b, "结果纠正") for b in blocks])
        out[name] = all_cases
        decided = all_cases - pending if all_cases is not None and pending is not None else None
        out[rate] = _ratio(corrected, decided)
    fee = next(
        (
            f
            for f in fmt.fields
            if f.section == SECTION_2 and f.row == "行政事业性收费" and f.kind is Kind.AMOUNT
        ),
        None,
    )
    out[FEE] = _number(values.get(fee.id)) if fee is not None else None
    return out


def _ratio(part: Number | None, whole: Number | None) -> float | None:
    if part is None or whole is None or whole <= 0:
        return None
    return float(part) / float(whole)


def change(this: Number | None, last: Number | None) -> Number | None:
    """This year's figure minus last year's (percentage points for a rate)."""
    if this is None or last is None:
        return None
    if isinstance(this, float) or isinstance(last, float):
        return float(this) - float(last)
    return this - last  # type: ignore[operator]


# ---------------------------------------------------------------- one report


class Status:
    OK = "可以生成"
    WARNINGS = "有警告"
    ERRORS = "有错误"
    UNREADABLE = "无法读取"
    ALL = (OK, WARNINGS, ERRORS, UNREADABLE)


@dataclass(frozen=True)
class Entry:
    """One report as the summary sees it (small and picklable: made in a worker process)."""

    file: str  # as the user named it, or as found in the folder
    agency: str | None  # None when the file could not be read far enough
    year: int | None
    format: str | None  # the format's id (2019, 2021)
    problems: tuple[Problem, ...]
    figures: dict[str, Number | None] = field(default_factory=dict)
    values: tuple[Value | None, ...] = ()  # the completed cells in the order of the format's fields
    texts: dict[str, str] = field(default_factory=dict)  # section → normalised prose, for 雷同
    sketches: dict[str, array[int]] = field(default_factory=dict)  # section → its :func:`sketch`
    previous: str | None = None  # last year's file, where found
    last: dict[str, Number | None] | None = None  # last year's key figures
    one_row: tuple[str, ...] = ()  # groups printed as one row (V-rows): the first item, holding their numbers

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def readable(self) -> bool:
        return not any(p.code == "F-io" for p in self.problems)

    @property
    def status(self) -> str:
        if not self.readable:
            return Status.UNREADABLE
        if self.errors:
            return Status.ERRORS
        return Status.WARNINGS if self.problems else Status.OK

    def codes(self, errors: bool) -> Counter[str]:
        """How many findings of each code, errors or warnings."""
        return Counter(p.code for p in self.problems if p.is_error is errors)


# ---------------------------------------------------------------- totals of one year


@dataclass(frozen=True)
class Total:
    """Every cell of tables 二, 三 and 四 summed over the reports of one year (one format).

    Amounts are summed in 万元 (a 2019 amount in 元 is divided by 10000); a cell some report
    could not give (an error there, or an amount without its unit) is summed over the
    others and listed in ``missing``. A report that printed a group of table 三 as one row
    (V-rows) counts its numbers in the group's first item: those cells list it in ``one_row``.
    """

    year: int
    format: Format
    files: tuple[str, ...]
    with_errors: tuple[str, ...]  # files summed although they have errors (their figures as written)
    values: dict[str, Number | str | None]  # field id → sum (a unit field → "万元")
    missing: dict[str, tuple[str, ...]]  # field id → the files whose cell is not in the sum
    one_row: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field id → files whose group is here

    @property
    def figures(self) -> dict[str, Number | None]:
        return figures(self.format, self.values)  # type: ignore[arg-type]


WAN = Decimal(10000)


def totals(entries: Sequence[Entry]) -> list[Total]:
    """One :class:`Total` per year and format, the latest year first."""
    groups: dict[tuple[int, str], list[Entry]] = {}
    for e in entries:
        if e.year is not None and e.format is not None:
            groups.setdefault((e.year, e.format), []).append(e)
    out = []
    for (year, fmt_id), group in sorted(groups.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        fmt = FORMATS[fmt_id]
        units = {f.unit_of: f.id for f in fmt.fields if f.kind is Kind.UNIT and f.unit_of}
        values: dict[str, Number | str | None] = {}
        missing: dict[str, tuple[str, ...]] = {}
        at = {f.id: k for k, f in enumerate(fmt.fields)}
        for k, f in enumerate(fmt.fields):
            if f.kind is Kind.UNIT:
                values[f.id] = "万元"
                continue
            parts: list[Number] = []
            lacking: list[str] = []
            for e in group:
                value = _number(e.values[k])
                if value is not None and f.id in units:
                    unit = e.values[at[units[f.id]]]
                    value = Decimal(value) / WAN if unit == "元" else value if unit == "万元" else None
                if value is None:
                    lacking.append(e.file)
                else:
                    parts.append(value)
            values[f.id] = sum(parts) if parts else (None if lacking else 0)  # type: ignore[arg-type]
            if lacking:
                missing[f.id] = tuple(lacking)
        one_row = {
            f.id: tuple(e.file for e in group if f.row in e.one_row)
            for f in fmt.fields
            if f.section == SECTION_3 and any(f.row in e.one_row for e in group)
        }
        out.append(
            Total(
                year,
                fmt,
                tuple(e.file for e in group),
                tuple(e.file for e in group if e.errors),
                values,
                missing,
                one_row,
            )
        )
    return out


# ---------------------------------------------------------------- copied prose (雷同)


@dataclass(frozen=True)
class Pair:
    """Two reports of one year whose prose of one section copies each other."""

    year: int
    section: str
    first: str  # file
    first_agency: str
    second: str
    second_agency: str
    first_share: float  # share of the first's text lying in runs found in the second's
    second_share: float  # and the other way round

    @property
    def share(self) -> float:
        return max(self.first_share, self.second_share)


COMMON = 50
"""Runs of text found in more reports of one year than this are the county's common wording
(quotations of the 条例, a template sent round): they alone do not make two reports a pair.
The share of a pair still counts every copied run."""

SAMPLE = 4
"""Pairs are looked for through one run in :data:`SAMPLE` (chosen by its characters, so the
same run is chosen wherever it occurs); the share of each pair found is then measured exactly."""


def sketch(text: str) -> array[int]:
    """The runs of ``text`` (normalised) through which copies of it are looked for, each as a
    32-bit checksum (two runs that share one are both measured: a clash costs a measurement,
    never a finding)."""
    run = history.RUN
    codes = [ord(c) for c in text]
    last = run - 1
    chosen = {
        text[i : i + run] for i in range(len(codes) - last) if (codes[i] * 7 + codes[i + last]) % SAMPLE == 0
    }
    return array("I", sorted(crc32(piece.encode("utf-8")) for piece in chosen))


def copies(entries: Sequence[Entry]) -> list[Pair]:
    """Every pair of reports of the same year with a section whose prose is copied: at least
    :data:`history.THRESHOLD` of one report's text of that section (of at least
    :data:`history.MIN_CHARS` characters) lies in runs of :data:`history.RUN` characters
    found in the other's — the cross-year copy measure, across agencies. Sorted by year
    (latest first), then share (largest first)."""
    by_year: dict[int, list[Entry]] = {}
    for e in entries:
        if e.year is not None and e.texts:
            by_year.setdefault(e.year, []).append(e)
    keys = list(dict.fromkeys(s.key for fmt in FORMATS.values() for s in fmt.sections))
    pairs: list[Pair] = []
    for year, group in by_year.items():
        for key in keys:
            pairs += _copies_in(year, key, [e for e in group if key in e.texts])
    pairs.sort(key=lambda p: (-p.year, -p.share, p.first, p.second, keys.index(p.section)))
    return pairs


def _copies_in(year: int, key: str, docs: list[Entry]) -> Iterator[Pair]:
    least = history.MIN_CHARS
    occurs = Counter(chain.from_iterable(e.sketches[key] for e in docs))
    shared = {piece for piece, n in occurs.items() if 1 < n <= COMMON}  # in another report, not common
    index: dict[int, list[int]] = {}
    kept: list[list[int]] = []
    for i, e in enumerate(docs):
        mine = [piece for piece in e.sketches[key] if piece in shared]
        kept.append(mine)
        for piece in mine:
            index.setdefault(piece, []).append(i)
    cut: dict[int, history.Runs] = {}

    def runs(i: int) -> history.Runs:
        if i not in cut:
            cut[i] = history.Runs(docs[i].texts[key])
        return cut[i]

    done: set[tuple[int, int]] = set()
    for b, e in enumerate(docs):
        if len(e.texts[key]) < least or not kept[b]:
            continue
        counts = Counter(chain.from_iterable(index[piece] for piece in kept[b]))
        # a copy of half the text shares about half its sampled runs, less 7 for each copied
        # passage (one run in RUN); asking for a quarter of that finds copies made of passages of
        # a dozen characters or more, without measuring every pair that shares a phrase by chance
        need = max(1, int(len(e.sketches[key]) * history.THRESHOLD / 4))
        for a, n in counts.items():
            if n < need or a == b:
                continue
            pair = (a, b) if a < b else (b, a)
            if pair in done:
                continue
            done.add(pair)
            one, two = runs(pair[0]), runs(pair[1])
            s1 = one.covered_by(two) if len(one.text) >= least else 0.0
            s2 = two.covered_by(one) if len(two.text) >= least else 0.0
            if max(s1, s2) >= history.THRESHOLD:
                first, second = docs[pair[0]], docs[pair[1]]
                yield Pair(
                    year, key, first.file, first.agency or "", second.file, second.agency or "", s1, s2
                )


# ---------------------------------------------------------------- the roster


@dataclass(frozen=True)
class RosterLine:
    year: int | None
    agency: str
    status: str  # 未报送, 不在名单中, 重复报送
    files: tuple[str, ...] = ()
    hint: str = ""  # a roster name the agency may be written differently as


class Roster:
    MISSING = "未报送"
    UNEXPECTED = "不在名单中"
    DUPLICATE = "重复报送"


def _key(name: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", name))


def roster_lines(names: Sequence[str], entries: Sequence[Entry], years: Sequence[int]) -> list[RosterLine]:
    """For each year: who on the roster has no report, whose report is not on it, who reported twice."""
    expected = {_key(n): n for n in names}
    out: list[RosterLine] = []
    for year in years:
        by_agency: dict[str, list[Entry]] = {}
        for e in entries:
            if e.year == year and e.agency:
                by_agency.setdefault(_key(e.agency), []).append(e)
        for k, name in expected.items():
            if k not in by_agency:
                out.append(RosterLine(year, name, Roster.MISSING))
        for k, group in by_agency.items():
            files = tuple(e.file for e in group)
            agency = group[0].agency or ""
            if k not in expected:
                missing = [expected[m] for m in expected if m not in by_agency]
                near = difflib.get_close_matches(agency, missing, n=1, cutoff=0.6)
                out.append(RosterLine(year, agency, Roster.UNEXPECTED, files, near[0] if near else ""))
            elif len(group) > 1:
                out.append(RosterLine(year, expected[k], Roster.DUPLICATE, files))
    return out


# ---------------------------------------------------------------- the whole folder


@dataclass(frozen=True)
class Summary:
    entries: tuple[Entry, ...]
    totals: tuple[Total, ...]
    pairs: tuple[Pair, ...]
    roster: tuple[RosterLine, ...] | None = None  # None: no roster given
    roster_file: str = ""
    skipped: tuple[tuple[str, str], ...] = ()  # (file, the file read in its place): one report in two forms
    year: int | None = None  # the year asked for, if any

    @property
    def years(self) -> list[int]:
        """The report years present, latest first."""
        return sorted({e.year for e in self.entries if e.year is not None}, reverse=True)

    @property
    def unreadable(self) -> list[Entry]:
        return [e for e in self.entries if not e.readable]

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.readable and e.errors]
