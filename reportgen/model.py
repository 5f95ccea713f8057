"""From parsed TOML to a typed report: every key known, every value of the right type.

This layer knows the shape a format asks for (sections, rows, columns) and the types of
cells; it refuses unknown keys (naming the nearest valid one), missing keys and wrong
types, and never coerces. Judgement about the numbers belongs to :mod:`reportgen.rules`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from reportgen.errors import InputError, Location, Problem, Severity, excerpt
from reportgen.format import UNITS, Field, Format, Kind, Section
from reportgen.formats import FORMATS, for_year
from reportgen.grid import Grid, Role
from reportgen.source import KeyPath, Source

AGENCY = "机关名称"
YEAR = "报告年度"
FORMAT = "格式"
TITLE = "标题"
BYLINE = "署名"
PREAMBLE = "前言"
CLOSING = "落款"
EXTRA = "增加部分"
HEADING = "标题"
RUN_IN = "段首标题"
RUN_IN_FACE = "段首标题字体"
RUN_IN_FACES = ("楷体", "加粗", "黑体")  # the level-2 heading face (default), the body face bold, 黑体
TEXT = "正文"
SUBSECTIONS = "小节"
AFTER = "表后正文"
PRINTED = "印出的文字"
TOP_KEYS = (AGENCY, YEAR, FORMAT, TITLE, BYLINE, PREAMBLE, CLOSING, RUN_IN_FACE, EXTRA)
PROSE_KEYS = (HEADING, TEXT, SUBSECTIONS, AFTER, PRINTED)
PART_KEYS = (HEADING, TEXT, SUBSECTIONS)

# What a cell may hold instead of a number when the published table printed it so: nothing,
# a dash or 无 (a blank: counts as 0), or a number followed by a note ("15（其中修订3件）").
BLANKS = frozenset({"", "-", "－", "—", "——", "–", "/", "／", "无"})
_NOTED = re.compile(r"\s*([+\-－]?[0-9０-９]+(?:[.．][0-9０-９]+)?)(.*)", re.S)

Value = int | Decimal | str

# Characters no document can hold (XML 1.0 forbids C0 controls but tab, newline and CR, lone
# surrogates, U+FFFE and U+FFFF), the C1 controls and the line/paragraph separators: none of
# them prints anything, so they are removed from the text, never refused (docs: README).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n\s*")
_EDGE = " \u3000\r"


@dataclass(frozen=True)
class Subsection:
    heading: str
    paragraphs: tuple[str, ...]
    key: KeyPath
    run_in: bool = False  # the heading runs into the first paragraph (段首标题)


@dataclass(frozen=True)
class SectionText:
    spec: Section
    heading: str
    paragraphs: tuple[str, ...]
    subsections: tuple[Subsection, ...]
    after: tuple[str, ...]  # prose printed after the section's table
    heading_given: bool = False  # the clerk typed a "标题" of their own ("" : none printed)


@dataclass(frozen=True)
class Extra:
    """A part the agency printed beyond the six (``[["增加部分"]]``), after section ``follows``."""

    heading: str
    paragraphs: tuple[str, ...]
    subsections: tuple[Subsection, ...]
    key: KeyPath
    follows: str  # the canonical key of the section printed before it; "" : before 一


@dataclass(frozen=True)
class Prose:
    """A piece of text as the clerk typed it, for rules that read prose (and find its lines)."""

    key: KeyPath
    section: str  # the canonical heading of its section, "" for the title and preamble
    what: str  # how a message calls it: 正文, 表后正文, 小节正文, 标题, 前言
    text: str


@dataclass(frozen=True)
class Report:
    source: Source
    format: Format
    agency: str
    year: int
    title: str
    preamble: tuple[str, ...]
    sections: tuple[SectionText, ...]
    values: dict[str, Value | None]  # field id → value; None: a 总计 left out, or unusable
    prose: tuple[Prose, ...] = ()
    invalid: frozenset[str] = frozenset()  # fields whose value was refused (rules skip them)
    byline: tuple[str, ...] = ()  # lines printed under the title
    closing: tuple[str, ...] = ()  # the 落款: lines printed right-aligned at the end
    extras: tuple[Extra, ...] = ()
    printed: dict[str, str] = field(default_factory=dict)  # field id → text printed instead of the value
    # grid id → official text of a label or header cell → the text this report prints there
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    row_keys: dict[str, str] = field(default_factory=dict)  # official row → the key typed for it
    run_in_face: str = RUN_IN_FACES[0]  # how 段首标题 are set off from the text they run into
    collapsed: frozenset[str] = frozenset()  # row groups printed as one row (their group labels)
    group_rows: dict[str, str] = field(default_factory=dict)  # a collapsed group's first item → the key typed

    def location(self, field_id: str, column: bool = False) -> Location:
        """Where a cell is typed: its row's line (with ``column``, the column of its key)."""
        f = self.format.field(field_id)
        row = self.row_keys.get(f.row) or self.group_rows.get(f.row) or f.row
        return self.source.location((f.section, row, f.column), column=column)

    def label(self, field_id: str) -> str:
        """A cell's name for a message, its row as the clerk typed it (a variant, a group in one row)."""
        f = self.format.field(field_id)
        typed = self.row_keys.get(f.row) or self.group_rows.get(f.row)
        return f.label if typed is None else replace(f, row=typed, group="").label


def paragraphs(text: str) -> tuple[str, ...]:
    """Blank lines separate paragraphs; a single newline stays a line break inside one.

    Spaces and ideographic spaces at the ends of each line are dropped (the template
    indents every paragraph by two characters); tabs stay. Control characters, which a
    Word document cannot hold, are removed.
    """
    text = _CONTROL.sub("", text.replace("\r\n", "\n"))
    out = []
    for block in _PARAGRAPH_BREAK.split(text):
        lines = [line.strip(_EDGE) for line in block.split("\n")]
        para = "\n".join(lines).strip("\n")
        if para:
            out.append(para)
    return tuple(out)


def clean(text: str) -> str:
    """A one-line value: control characters removed, surrounding spaces trimmed."""
    return _CONTROL.sub("", text).strip(_EDGE + "\n\t")


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.misspelt: set[KeyPath] = set()  # missing keys already named by an unknown one
        self.invalid: set[str] = set()
        self.printed: dict[str, str] = {}  # field id → the text typed for a blank or noted cell
        self.blanks: list[tuple[Field, KeyPath]] = []
        self.unknowns = 0  # unknown keys seen; past UNKNOWN_LIMIT they are only counted
        self.uncounted: list[KeyPath] = []  # the unknown keys past the limit
        self.labels: dict[str, dict[str, str]] = {}  # grid id → official table text → printed text
        self.row_keys: dict[str, str] = {}  # official row → the key typed for it (a variant label)
        self.collapsed: dict[str, str] = {}  # a group printed as one row: its first item → its label

    # -- reporting ------------------------------------------------------------------
    def add(
        self,
        code: str,
        key: KeyPath,
        message: str,
        severity: Severity = Severity.ERROR,
        fields: tuple[str, ...] = (),
    ) -> None:
        section = str(key[0]) if key and isinstance(key[0], str) else ""
        if severity is Severity.ERROR:
            self.invalid.update(fields)
        location = self.source.location(key, column=True)
        self.problems.append(Problem(severity, code, location, message, fields=fields, section=section))

    def at_line(self, code: str, line: int, message: str, section: str = "") -> None:
        """An error at a line no key stands on (one the clerk commented out with #)."""
        location = Location(self.source.path, line)
        self.problems.append(Problem(Severity.ERROR, code, location, message, section=section))

    def over_limit(self, key: KeyPath) -> bool:
        """Whether unknown key ``key`` is past :data:`UNKNOWN_LIMIT`: then it is only counted, and
        one line at the end says how many more there are (see :func:`_unknown_summary`)."""
        self.unknowns += 1
        if self.unknowns <= UNKNOWN_LIMIT:
            return False
        self.uncounted.append(key)
        return True

    def unknown(self, key: KeyPath, valid: Iterable[str], where: str, near: str | None) -> None:
        name = excerpt(str(key[-1]))
        valid = list(valid)
        if near is not None:
            hint = f"是不是“{near}”？请照官方表格逐字改正。"
        elif len(valid) <= 8:
            hint = f"这里可以写的是：{'、'.join(valid)}。"
        else:
            hint = "请与官方表格的名称逐字核对（可以从样例文件中复制）。"
        self.add("K-unknown", key, f"{where}中没有“{name}”这一项，{hint}")

    def missing(self, key: KeyPath, what: str, example: str) -> None:
        line = self.source.commented_out(key)
        if line is not None:
            section = str(key[0]) if len(key) > 1 else ""
            self.at_line(
                "K-missing", line, f"缺少{what}：这一行以 # 开头，被当成了注释。请删去行首的 #。", section
            )
            return
        self.add("K-missing", key, f"缺少{what}，请补上一行：{example}")

    # -- typed getters --------------------------------------------------------------
    def text(self, table: Mapping[str, Any], key: KeyPath, what: str, required: bool) -> str | None:
        value = table.get(str(key[-1]))
        if value is None:
            if required and key not in self.misspelt:
                self.missing(key, what, f'"{key[-1]}" = "……"')
            return None
        if not isinstance(value, str):
            self.add(
                "T-type",
                key,
                f'{what}应当是文字，请用半角双引号括起来，如 "{key[-1]}" = "……"，现在是 {_shown(value)}。',
            )
            return None
        if required and not clean(value):
            self.add("K-missing", key, f'{what}是空的，请在引号中填写，如 "{key[-1]}" = "……"。')
            return None
        return value

    def check_keys(self, table: Mapping[str, Any], prefix: KeyPath, valid: Iterable[str], where: str) -> None:
        """Refuse unknown keys; one that looks like a missing key stands in for it (one message)."""
        valid = list(valid)
        unknown = [name for name in table if name not in valid]
        absent = [name for name in valid if name not in table]
        for name in unknown:
            if self.over_limit((*prefix, name)):
                continue
            near = nearest(name, absent) or nearest(name, valid)
            if near is not None and near in absent:
                self.misspelt.add((*prefix, near))
            self.unknown((*prefix, name), valid, where, near)

    def cell(self, f: Field, row: Mapping[str, Any], row_key: KeyPath) -> Value | None:
        """The value of ``f`` in ``row`` (typed at ``row_key``), or None when it is absent or refused."""
        value = row.get(f.column)
        if (
            type(value) is int
            and (0 <= value < COUNT_LIMIT or _small_delta(f, value))
            and f.kind in _INTEGRAL
        ):
            return value  # the usual case, decided without building anything
        key = (*row_key, f.column)
        add = partial(self.add, fields=(f.id,))
        if value is None:
            if f.required and key not in self.misspelt:
                add(
                    "K-missing",
                    row_key,
                    f'“{row_key[-1]}”这一行缺少“{f.column}”，请补上："{f.column}" = 0',
                )
            return None
        if f.kind is Kind.UNIT:
            if value not in UNITS:
                add(f.rule, key, f'{f.label}只能写 "元" 或 "万元"，现在是 {_shown(value)}。')
                return None
            return str(value)
        if isinstance(value, str):
            return self.as_printed(f, key, value)
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            add("T-type", key, f"{f.label}应当是数字，现在是 {_shown(value)}。{_number_hint(f, value)}")
            return None
        return self.number(f, key, value)

    def number(self, f: Field, key: KeyPath, value: int | Decimal) -> Value | None:
        add = partial(self.add, fields=(f.id,))
        unusable = _unusable(f, value)
        if unusable is not None:
            add(f.rule, key, unusable)
            return None
        if f.kind is Kind.AMOUNT:
            amount = Decimal(value)
            if amount < 0:
                add(f.rule, key, f"{f.label}是金额，不能是负数，现在是 {value}。请填写 0 或正数。")
                return None
            return amount.copy_abs()  # -0.0 is 0.0: never printed with a minus sign
        if isinstance(value, Decimal):
            if value.is_finite() and value == value.to_integral_value():
                hint = f"请写成整数 {int(value)}，不带小数点。"
            else:
                hint = "件数只能是整数，请核对。"
            add(f.rule, key, f"{f.label}是件数，应当是整数，现在是 {value}。{hint}")
            return None
        if f.kind is Kind.COUNT and value < 0:
            add(f.rule, key, f"{f.label}是件数，不能是负数，现在是 {value}。请填写 0 或正整数。")
            return None
        return value

    def as_printed(self, f: Field, key: KeyPath, typed: str) -> Value | None:
        """A cell typed as the published table printed it: blank, a dash, 无, or a number and a note.

        A blank counts as 0 (a blank 总计 as the sum of its parts: None, computed); a noted
        cell counts as its number. Either is printed exactly as typed. Anything else (a
        quoted plain number, words) is a type error.
        """
        text = _CONTROL.sub("", typed).strip(_EDGE + "\n\t")
        if text in BLANKS:
            self.printed[f.id] = text
            self.blanks.append((f, key))
            if f.computed:
                return None
            return Decimal(0) if f.kind is Kind.AMOUNT else 0
        m = _NOTED.fullmatch(text)
        if m is None or not m.group(2).strip(_EDGE):
            noted = '如果原表这一格印的是带说明的数字，请把数字写在最前面，如 "9（其中修订1件）"。'
            hint = noted if m is None and re.search(r"[0-9０-９]", text) else ""
            self.add(
                "T-type",
                key,
                f"{f.label}应当是数字，现在是 {_shown(typed)}。{_number_hint(f, typed)}{hint}",
                fields=(f.id,),
            )
            return None
        digits = unicodedata.normalize("NFKC", m.group(1)).replace("．", ".")
        value = self.number(f, key, Decimal(digits) if "." in digits else _integer(digits))
        if value is not None:
            self.printed[f.id] = text
            self.add(
                "V-note",
                key,
                f"{f.label}写的是“{excerpt(text)}”，数字后面带有说明：各项核对按 {m.group(1)} 计算，表格照原样印出。"
                f"官方格式的表格只填数字，说明通常写在表后正文里；如果不是照原表印出，请只写数字 {digits}。",
                Severity.WARNING,
                fields=(f.id,),
            )
        return value


_INTEGRAL = (Kind.COUNT, Kind.DELTA)

UNKNOWN_LIMIT = 30  # unknown keys named one by one; the rest are counted in one line


def _unknown_summary(b: _Builder) -> None:
    """One line for the unknown keys past :data:`UNKNOWN_LIMIT`: how many, and on which lines."""
    if not b.uncounted:
        return
    lines = sorted({b.source.location(key).line for key in b.uncounted})
    where = f"第 {lines[0]} 行" if lines[0] == lines[-1] else f"第 {lines[0]}–{lines[-1]} 行"
    b.add(
        "K-unknown",
        b.uncounted[0],
        f"另有 {len(b.uncounted):,} 项（{where}）也不是官方格式中的项目，没有逐一列出。"
        f"请先改正上面列出的 {UNKNOWN_LIMIT} 项，其余的多半是同样的问题（例如复制时多粘贴了内容）。",
    )


# Bounds no real report comes near: beyond them a number is a slip of the keyboard (or an
# exponent), refused before anything is computed or printed with it.
COUNT_LIMIT = 10**9  # a count (or 本年增/减) has at most 9 digits
AMOUNT_DIGITS = 15  # an amount has at most 15 digits before the point
AMOUNT_PLACES = 6  # and at most 6 after it (万元 to the 分)


def _small_delta(f: Field, value: int) -> bool:
    return f.kind is Kind.DELTA and -COUNT_LIMIT < value < COUNT_LIMIT


def _integer(digits: str) -> int | Decimal:
    """Digits as an int, or as a Decimal when far too long for any count (int() of thousands
    of digits is slow, and refused past 4300): :func:`_unusable` then says so."""
    return int(digits) if len(digits.lstrip("0")) <= 20 else Decimal(digits)


def _unusable(f: Field, value: int | Decimal) -> str | None:
    """Why ``value`` can stand in no cell of kind ``f.kind``, or None.

    nan and inf are not numbers; a count of ten digits or more, or an amount of more than
    :data:`AMOUNT_DIGITS` digits or :data:`AMOUNT_PLACES` decimals, is far beyond any real
    report. Judged on the exponent alone (``1e9999999`` is never expanded into its ten
    million digits, which would take minutes and gigabytes).
    """
    noun = "金额" if f.kind is Kind.AMOUNT else "件数"
    shown = excerpt(str(value))
    if isinstance(value, Decimal):
        if value.is_nan():
            return f"{f.label}写的是 nan（意思是“不是一个数”），这里要填{noun}，如 0。"
        if value.is_infinite():
            sign = "-" if value < 0 else ""
            return f"{f.label}写的是 {sign}inf（意思是“无穷大”），这里要填实际的{noun}。请核对。"
        # digits before the point (1234.5 → 4; 0 has none), computed from the exponent alone
        digits = 0 if value.is_zero() else value.adjusted() + 1
        places = -int(value.as_tuple().exponent)
    else:
        digits, places = (len(str(abs(value))) if abs(value) >= COUNT_LIMIT else 1), 0
    if f.kind is not Kind.AMOUNT:
        if digits > 9:
            return f"{f.label}是件数，现在是 {shown}，超出了合理的范围（件数最多是 9 位数）。请核对这个数字。"
        return None
    if digits > AMOUNT_DIGITS:
        return f"{f.label}是金额，现在是 {shown}，超出了合理的范围（最多 {AMOUNT_DIGITS} 位整数）。请核对这个数字。"
    if places > AMOUNT_PLACES:
        return f"{f.label}是金额，现在是 {shown}，小数位太多（最多写到小数点后 {AMOUNT_PLACES} 位）。请核对这个数字。"
    return None


def nearest(name: str, valid: Iterable[str]) -> str | None:
    """The valid key a clerk most likely meant: same after width folding, a prefix, or close."""
    valid = list(valid)
    folded = {_fold(v): v for v in valid}
    if _fold(name) in folded:
        return folded[_fold(name)]
    starts = [v for v in valid if len(name) >= 2 and (_fold(v).startswith(_fold(name)))]
    if len(starts) == 1:
        return starts[0]
    near = difflib.get_close_matches(name, valid, n=1, cutoff=0.5)
    return near[0] if near else None


def _fold(text: str) -> str:
    """Full-width and half-width forms, spaces and quotes made alike, for comparing labels."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s“”\"'‘’]", "", folded)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'文字 "{excerpt(value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "一组数据 { }"
    if isinstance(value, list):
        return "一组数据 [ ]"
    return excerpt(str(value))


def _number_hint(f: Field, value: Any = None) -> str:
    if isinstance(value, str):
        digits = _fold(value).replace(",", "")
        if re.fullmatch(r"-?\d+(\.\d+)?", digits):
            return f'请去掉引号{"并改用半角数字" if digits != value else ""}，写成 "{f.column}" = {excerpt(digits)}。'
        if not value.strip():
            return f'没有就写 0：写成 "{f.column}" = 0。'
    if f.kind is Kind.AMOUNT:
        return f'请直接写金额数字，不加引号和单位，如 "{f.column}" = 0.00。'
    return f'请直接写整数，不加引号，如 "{f.column}" = 0。'


def build(source: Source) -> tuple[Report | None, list[Problem]]:
    """Type the parsed file; return the report and every problem found.

    The report is None only when no format can be chosen (the year is missing or wrong);
    otherwise it is returned even with errors, its unusable cells set to None, so that the
    rules can still judge everything else in the same run (and the preview can show a
    draft). Nothing is ever built from a report with errors (:func:`load` and the
    pipeline refuse it).
    """
    b = _Builder(source)
    data = source.data
    if YEAR not in data:  # a misspelt year is named as such, not as a missing one
        for name in [name for name in data if name not in TOP_KEYS][:UNKNOWN_LIMIT]:
            if nearest(name, [YEAR]) == YEAR:
                b.misspelt.add((YEAR,))
                b.unknown((name,), TOP_KEYS, "文件最外层", YEAR)
    fmt = _choose_format(b, data)
    if fmt is not None:
        _check_top_keys(b, data, fmt)
    agency = b.text(data, (AGENCY,), "机关名称", required=True)
    title = b.text(data, (TITLE,), "标题", required=False)
    byline = b.text(data, (BYLINE,), "署名", required=False)
    preamble = b.text(data, (PREAMBLE,), "前言", required=False)
    closing = b.text(data, (CLOSING,), "落款", required=False)
    face = b.text(data, (RUN_IN_FACE,), "段首标题字体", required=False)
    if face is not None and face not in RUN_IN_FACES:
        choices = "、".join(f'"{f}"' for f in RUN_IN_FACES)
        b.add(
            "T-type",
            (RUN_IN_FACE,),
            f"段首标题字体只能写 {choices} 之一（默认楷体），现在是 {_shown(face)}。",
        )
        face = None
    if fmt is None:
        return None, b.problems
    year = data[YEAR]
    prose: list[Prose] = []
    if title:
        prose.append(Prose((TITLE,), "", "标题", title))
    if preamble:
        prose.append(Prose((PREAMBLE,), "", "前言", preamble))
    sections: list[SectionText] = []
    values: dict[str, Value | None] = {}
    present = [s for s in fmt.sections if isinstance(data.get(s.key), dict)]
    for spec in fmt.sections:
        table = data.get(spec.key)
        if table is None:
            if (spec.key,) not in b.misspelt:
                _missing_section(b, spec, fmt, present)
            continue
        if not isinstance(table, dict):
            b.add("T-type", (spec.key,), f'“{spec.key}”应当是一个表，写成单独一行的 ["{spec.key}"]。')
            continue
        sections.append(_section(b, spec, table, fmt, values, prose))
    _blank_cells(b, fmt)
    _unknown_summary(b)
    name = clean(agency or "")
    report = Report(
        source=source,
        format=fmt,
        agency=name,
        year=year,
        title=_lines(title) if title and clean(title) else fmt.title_pattern.format(agency=name, year=year),
        preamble=paragraphs(preamble or ""),
        sections=tuple(sections),
        values=values,
        prose=tuple(prose),
        invalid=frozenset(b.invalid),
        byline=_split_lines(byline or ""),
        closing=_split_lines(closing or ""),
        extras=_extras(b, data, fmt, prose),
        printed=b.printed,
        labels=b.labels,
        row_keys=b.row_keys,
        run_in_face=face or RUN_IN_FACES[0],
        collapsed=frozenset(b.collapsed.values()),
        group_rows=b.collapsed,
    )
    texts = [(p.key, p.what, p.text) for p in prose]  # the 增加部分 too (added by _extras)
    lines = [
        ((key,), key, text or "") for key, text in ((AGENCY, agency), (BYLINE, byline), (CLOSING, closing))
    ]
    _long_paragraphs(b, [*lines, *texts])
    return report, b.problems


PARAGRAPH_LIMIT = 5000  # characters in one paragraph; real reports stay below 1000
_ONE_LINE = (AGENCY, TITLE, HEADING, RUN_IN, BYLINE, CLOSING)  # keys of texts printed as one paragraph
_BREAK = re.compile(r"\n[ \t\u3000\r]*\n")  # a blank line, as paragraphs() splits (also in CRLF text)


def _long_paragraphs(b: _Builder, texts: Iterable[tuple[KeyPath, str, str]]) -> None:
    """An error at each paragraph longer than :data:`PARAGRAPH_LIMIT` characters.

    LibreOffice lays a paragraph out in time that grows with the square of its length when
    it is made of many pieces (the script changes between Chinese and Latin letters or
    digits, tabs): one line of 100,000 characters mixing Chinese and Latin letters took 31 s
    to convert to PDF, as twenty paragraphs 10 s; 50,000 tabs in one line, 30 s. No report
    has a paragraph like that (the longest in the corpus has 400 characters): it is a text
    pasted without its blank lines, and the clerk is asked to put them back.
    """
    for key, what, text in texts:
        if len(text) <= PARAGRAPH_LIMIT:
            continue  # the usual case: nothing to split
        start = 0
        for end, after in [*((m.start(), m.end()) for m in _BREAK.finditer(text)), (len(text), len(text))]:
            size = len(text[start:end].strip())
            if size > PARAGRAPH_LIMIT:
                if key[-1] in _ONE_LINE:
                    message = f"{what}有 {size:,} 个字符，太长了（最多 {PARAGRAPH_LIMIT:,} 个字符）。请核对。"
                else:
                    message = (
                        f"{what}从这里开始的一段有 {size:,} 个字符，太长了：一段最多 {PARAGRAPH_LIMIT:,} 个字符"
                        "（这样长的一段，Word 和 PDF 排版都极慢）。请在适当的地方空一行，分成几段。"
                    )
                b.problems.append(
                    Problem(
                        Severity.ERROR,
                        "T-length",
                        b.source.text_location(key, start),
                        message,
                        section=str(key[0]) if len(key) > 1 else "",
                    )
                )
            start = after


def _split_lines(text: str) -> tuple[str, ...]:
    """A value printed line by line (署名, 落款): each line trimmed, empty lines dropped."""
    return tuple(line for line in (clean(x) for x in text.replace("\r\n", "\n").split("\n")) if line)


def _lines(text: str) -> str:
    """A one-paragraph value that may be broken into lines (a long title): the breaks kept."""
    return "\n".join(_split_lines(text))


def _blank_cells(b: _Builder, fmt: Format) -> None:
    """One V-blank warning per table, at its first blank cell, naming the rows that have blanks."""
    by_section: dict[str, list[tuple[Field, KeyPath]]] = {}
    for f, key in b.blanks:
        by_section.setdefault(f.section, []).append((f, key))
    for section, cells in by_section.items():
        rows: dict[str, list[str]] = {}
        for f, key in cells:
            rows.setdefault(str(key[-2]), []).append(f.column)
        named = [f"{row}（{'、'.join(cols)}）" for row, cols in list(rows.items())[:4]]
        more = f"等 {len(rows)} 行" if len(rows) > 4 else ""
        b.add(
            "V-blank",
            cells[0][1],
            f"{section}的表格中有 {len(cells)} 格没有填数字，印出来是空白或横线：{'；'.join(named)}{more}。"
            "官方格式要求没有的填 0；这些格子在各项核对中按 0 计算（空着的总计按各项之和核对）。"
            f'如果不是照原表印出，请填 0（如 "{cells[0][0].column}" = 0）。',
            Severity.WARNING,
            fields=tuple(f.id for f, _ in cells),
        )


def _extras(b: _Builder, data: Mapping[str, Any], fmt: Format, prose: list[Prose]) -> tuple[Extra, ...]:
    """The parts printed beyond the six, each placed after the section written above it in the file."""
    raw = data.get(EXTRA)
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        b.add("T-type", (EXTRA,), f'增加的部分应当写成 [["{EXTRA}"]] 表头，下面写 "标题" 和 "正文"。')
        return ()
    headers = sorted(
        (b.source.location((s.key,)).line, s.key) for s in fmt.sections if isinstance(data.get(s.key), dict)
    )
    out = []
    for i, part in enumerate(raw):
        key: KeyPath = (EXTRA, i)
        b.check_keys(part, key, PART_KEYS, "增加部分")
        heading = b.text(part, (*key, HEADING), "增加部分的标题", required=True)
        text = b.text(part, (*key, TEXT), "增加部分的正文", required=False)
        line = b.source.location(key).line
        follows = ""
        for header_line, section in headers:
            if header_line < line:
                follows = section
        shown = clean(heading or "")
        if heading:
            prose.append(Prose((*key, HEADING), shown, "标题", heading))
        if text:
            prose.append(Prose((*key, TEXT), shown, "正文", text))
        where = f"在“{follows}”之后" if follows else "在“一、”之前"
        b.add(
            "S-c",
            (*key, HEADING) if heading else key,
            f"“{shown}”不是官方格式的六个部分之一，将作为增加的部分印{where}。"
            "官方格式只有六个部分；如果这部分内容属于其中某一部分，请写进那一部分。",
            Severity.WARNING,
        )
        subs = _subsections(b, key, part.get(SUBSECTIONS, []), shown, prose)
        out.append(Extra(shown, paragraphs(text or ""), subs, key, follows))
    return tuple(out)


def _subsections(
    b: _Builder, parent: KeyPath, raw: Any, section: str, prose: list[Prose]
) -> tuple[Subsection, ...]:
    """The 小节 of a section or extra part: a heading on its own line, or one run into the text."""
    where = f"{parent[0]}" if len(parent) == 1 else EXTRA
    if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
        b.add("T-type", (*parent, SUBSECTIONS), f'小节应当写成 [["{where}"."小节"]] 表头，每个小节一段。')
        return ()
    out = []
    for i, sub in enumerate(raw):
        key = (*parent, SUBSECTIONS, i)
        b.check_keys(sub, key, (HEADING, RUN_IN, TEXT), "小节")
        run_in = RUN_IN in sub
        if run_in and HEADING in sub:
            b.add(
                "K-unknown",
                (*key, RUN_IN),
                f'一个小节只能写 "{HEADING}"（标题单独一行）或 "{RUN_IN}"（标题接着正文印在同一段）之一，请删去其中一行。',
            )
        heading_key = RUN_IN if run_in else HEADING
        what = "小节的段首标题" if run_in else "小节标题"
        heading = b.text(sub, (*key, heading_key), what, required=True)
        text = b.text(sub, (*key, TEXT), "小节正文", required=False)
        if heading:
            prose.append(Prose((*key, heading_key), section, "小节标题", heading))
        if text:
            prose.append(Prose((*key, TEXT), section, "小节正文", text))
        out.append(Subsection(clean(heading or ""), paragraphs(text or ""), key, run_in=run_in))
    return tuple(out)


def _check_top_keys(b: _Builder, data: Mapping[str, Any], fmt: Format) -> None:
    headings = [s.key for s in fmt.sections]
    valid = [*TOP_KEYS, *headings]
    absent = [k for k in valid if k not in data]
    for name in data:
        if name in valid or b.over_limit((name,)):
            continue
        line = b.source.location((name,)).line
        header = b.source.commented_header_above(line) if name in PROSE_KEYS else None
        if header is not None:
            b.at_line(
                "K-unknown",
                header,
                f"这个表头以 # 开头，被当成了注释，它下面的“{name}”因此不属于任何部分。请删去行首的 #。",
            )
            continue
        near = nearest(name, absent) or nearest(name, valid)
        if near is not None and near in absent:
            b.misspelt.add((near,))
        if near in headings:
            shown = excerpt(name)
            b.add(
                "K-unknown",
                (name,),
                f'没有“{shown}”这一部分：表头要用官方标题 ["{near}"]。'
                f'如果确实要印成“{shown}”，请在表头下加一行 "{HEADING}" = "{shown}"。',
            )
        else:
            b.unknown((name,), valid, "文件最外层", near)


def _missing_section(b: _Builder, spec: Section, fmt: Format, present: list[Section]) -> None:
    """A section left out: pointed at where it belongs, before the next section present."""
    commented = b.source.commented_out((spec.key,))
    if commented is not None:
        b.problems.append(
            Problem(
                Severity.ERROR,
                "S-a",
                Location(b.source.path, commented),
                f"缺少“{spec.key}”这一部分：它的表头这一行以 # 开头，被当成了注释。请删去行首的 #。",
                section=spec.key,
            )
        )
        return
    order = [s.key for s in fmt.sections]
    later = [s for s in present if order.index(s.key) > order.index(spec.key)]
    where = f"（在“{later[0].key}”之前）" if later else ""
    key: KeyPath = (later[0].key,) if later else ()
    b.problems.append(
        Problem(
            Severity.ERROR,
            "S-a",
            b.source.location(key) if key else Location(b.source.path, _last_line(b.source.text)),
            f'缺少“{spec.key}”这一部分，请{where}补上表头 ["{spec.key}"] 和它的内容。',
            section=spec.key,
        )
    )


def _last_line(text: str) -> int:
    return text.rstrip("\n").count("\n") + 1


def _choose_format(b: _Builder, data: Mapping[str, Any]) -> Format | None:
    year = data.get(YEAR)
    if year is None:
        if (YEAR,) not in b.misspelt:
            b.missing((YEAR,), "报告年度", f'"{YEAR}" = 2019')
        return None
    if isinstance(year, bool) or not isinstance(year, int):
        b.add(
            "T-type",
            (YEAR,),
            f'报告年度应当是四位数的年份，不加引号，如 "{YEAR}" = 2019，现在是 {_shown(year)}。',
        )
        return None
    latest = date.today().year + 1  # a report is written in January of the year after
    if year > latest:
        b.add(
            "S-b",
            (YEAR,),
            f'报告年度 {year} 还没有到。请核对年份：报告年度是四位数，如 2025 年度的报告写 "{YEAR}" = 2025。',
        )
        return None
    by_year = for_year(year)
    named = data.get(FORMAT)
    if isinstance(named, int) and not isinstance(named, bool):
        named = str(named)  # "格式" = 2021 means the same as "格式" = "2021"
    if named is None:
        if by_year is None:
            first = min(f.first_year for f in FORMATS.values())
            if year < first:
                message = f"报告年度 {year} 早于 {first} 年，没有对应的年度报告格式。请核对年份。"
            else:
                known = "、".join(f"{f.first_year} 年起的格式" for f in FORMATS.values())
                message = f"reportgen 还没有适用于 {year} 年度的报告格式（现有：{known}）。请核对年份。"
            b.add("S-b", (YEAR,), message)
        return by_year
    if named not in FORMATS:
        choices = "、".join(f'"{k}"' for k in FORMATS)
        b.add("T-type", (FORMAT,), f"格式只能写 {choices} 之一，现在是 {_shown(named)}。")
        return None
    fmt = FORMATS[named]
    if by_year is not fmt:
        b.add(
            "S-b",
            (FORMAT,),
            f"{year} 年的报告应当使用{'（无）' if by_year is None else by_year.id + ' 年格式'}，"
            f"本文件指定了 {fmt.id} 年格式（{fmt.notice}）。",
            Severity.WARNING,
        )
    return fmt


def _section(
    b: _Builder,
    spec: Section,
    table: dict[str, Any],
    fmt: Format,
    values: dict[str, Value | None],
    prose: list[Prose],
) -> SectionText:
    rows = fmt.rows_of(spec.key)
    for name in table:
        if name in (s.key for s in fmt.sections):  # a heading typed as a key: the [ ] were left out
            b.misspelt.add((name,))
            b.add(
                "K-unknown",
                (spec.key, name),
                f'“{name}”是一个部分的标题，要单独写成一行表头 ["{name}"]（带方括号），下面再写 "正文" = …。',
            )
    printed = b.labels.setdefault(spec.table, {}) if spec.table else {}
    groups = _single_row_groups(b, spec, table, fmt, rows, values)
    typed = _row_labels(b, spec, table, rows, fmt.row_variants, printed)
    b.row_keys.update(typed)
    if spec.table:
        _printed_texts(b, spec, table.get(PRINTED), fmt.grids[spec.table], printed)
    known = [s.key for s in fmt.sections]
    # Rows of a section whose header is missing fall into the section above: the missing
    # header is the one error (S-a), not each of its rows.
    strays = {r for s in fmt.sections if s.key not in b.source.data for r in fmt.rows_of(s.key)}
    b.check_keys(
        {k: v for k, v in table.items() if k not in known and k not in strays and k not in typed.values()},
        (spec.key,),
        [
            *(k for k in PROSE_KEYS if spec.table or k != PRINTED),
            *(r for r in rows if r not in typed),
            *(g.label for g in (fmt.grids[spec.table].groups if spec.table else ())),
        ],
        f"“{spec.key}”",
    )
    heading = b.text(table, (spec.key, HEADING), "标题", required=False)
    text = b.text(table, (spec.key, TEXT), "正文", required=False)
    after = b.text(table, (spec.key, AFTER), "表后正文", required=False)
    if text:
        prose.append(Prose((spec.key, TEXT), spec.key, "正文", text))
    subsections = _subsections(b, (spec.key,), table.get(SUBSECTIONS, []), spec.key, prose)
    if after:
        prose.append(Prose((spec.key, AFTER), spec.key, "表后正文", after))
    for row, columns in rows.items():
        if row in groups:
            continue  # printed in its group's single row
        key = (spec.key, typed.get(row, row))
        given = table.get(key[1])
        if given is None:
            values.update({f.id: None for f in columns.values()})
            if all(not f.required for f in columns.values()) or key in b.misspelt:
                continue
            example = "{ " + ", ".join(f'"{c}" = 0' for c, f in columns.items() if f.required) + " }"
            b.missing(key, f"“{row}”这一行", f'"{row}" = {example}')
            continue
        if not isinstance(given, dict):
            values.update({f.id: None for f in columns.values()})
            b.add("T-type", key, f'“{key[1]}”这一行应当写成 {{ "列名" = 数字, … }}，现在是 {_shown(given)}。')
            continue
        b.check_keys(given, key, columns, f"“{key[1]}”这一行")
        for f in columns.values():
            values[f.id] = b.cell(f, given, key)
    return SectionText(
        spec=spec,
        heading=clean(heading) if heading is not None else spec.key,
        paragraphs=paragraphs(text or ""),
        subsections=subsections,
        after=paragraphs(after or ""),
        heading_given=heading is not None,
    )


def _single_row_groups(
    b: _Builder,
    spec: Section,
    table: Mapping[str, Any],
    fmt: Format,
    rows: Mapping[str, Mapping[str, Field]],
    values: dict[str, Value | None],
) -> set[str]:
    """Row groups typed as one row under their group label, as some reports print them.

    The row's numbers count as the group's first item, its other items as 0 (so every sum
    holds); V-rows says so. Returns the item rows thus accounted for.
    """
    done: set[str] = set()
    for g in fmt.grids[spec.table].groups if spec.table else ():
        given = table.get(g.label)
        if given is None:
            continue
        items = [r for r, cols in rows.items() if next(iter(cols.values())).group == g.label]
        key: KeyPath = (spec.key, g.label)
        written = [r for r in items if r in table]
        if written:
            b.add(
                "K-unknown",
                key,
                f"“{g.label}”下面的各项（{written[0]}等）已经分行写了，就不能再写“{g.label}”这一行。"
                f"原表把它印成一行时，只写这一行、删去各项；否则删去这一行。",
            )
            continue
        if not isinstance(given, dict):
            b.add(
                "T-type", key, f'“{g.label}”这一行应当写成 {{ "列名" = 数字, … }}，现在是 {_shown(given)}。'
            )
            continue
        first, *rest = items
        b.check_keys(given, key, rows[first], f"“{g.label}”这一行")
        for f in rows[first].values():
            values[f.id] = b.cell(f, given, key)
        for row in rest:
            values.update({f.id: None if f.computed else 0 for f in rows[row].values()})
        b.collapsed[first] = g.label
        done.update(items)
        b.add(
            "V-rows",
            key,
            f"“{g.label}”印成一行，没有分列其下的 {len(items)} 项（{first}……）。官方格式要求分项填写；"
            f"核对时这一行的数字算作第 1 项、其余各项为 0。如果不是照原表印出，请改为分行填写各项。",
            Severity.WARNING,
        )
    return done


def _row_labels(
    b: _Builder,
    spec: Section,
    table: Mapping[str, Any],
    rows: Mapping[str, Any],
    variants: Mapping[str, str],
    printed: dict[str, str],
) -> dict[str, str]:
    """Rows typed under the label the report printed instead of the official one: official → typed.

    Accepted are the variants the format lists (2021: 规范性文件) and labels that differ from
    the official one only in spaces, full-width forms or 、 for . after the number. Each is
    printed as typed, with a V-label warning.
    """
    absent = {_label_fold(r): r for r in rows if r not in table}
    typed = {}
    for name in table:
        if name in rows or name in PROSE_KEYS:
            continue
        official = variants.get(name) or absent.get(_label_fold(name))
        if official is None or official not in rows or official in table or official in typed:
            continue
        typed[official] = name
        printed[official] = name
        known = "（这是一些报告中印的写法）" if name in variants else ""
        b.add(
            "V-label",
            (spec.key, name),
            f"“{name}”这一行在官方格式中叫“{official}”{known}。表格将照写“{name}”；"
            f'如果不是照原表印出，请把这一行开头改为 "{official}"。',
            Severity.WARNING,
        )
    return typed


def _printed_texts(b: _Builder, spec: Section, given: Any, grid: Grid, printed: dict[str, str]) -> None:
    """``["…"."印出的文字"]``: table labels and headers printed in other words, official → printed."""
    if given is None:
        return
    key: KeyPath = (spec.key, PRINTED)
    if not isinstance(given, dict):
        b.add(
            "T-type",
            key,
            f'“{PRINTED}”应当写成单独一行的表头 ["{spec.key}"."{PRINTED}"]，下面每行 "官方文字" = "印出的文字"。',
        )
        return
    texts = list(dict.fromkeys(c.text for row in grid.rows for c in row if c.role is not Role.VALUE))
    b.check_keys(given, key, texts, f"{spec.key}的表格")
    for official, text in given.items():
        if official not in texts:
            continue
        if not isinstance(text, str):
            b.add(
                "T-type",
                (*key, official),
                f'印出的文字应当用半角双引号括起来，如 "{official}" = "……"，现在是 {_shown(text)}。',
            )
            continue
        printed[official] = _CONTROL.sub("", text)
        b.add(
            "V-label",
            (*key, official),
            f"表格中的“{official}”将印成“{excerpt(text)}”，与官方格式的文字不同。如果不是照原表印出，请删去这一行。",
            Severity.WARNING,
        )


def _label_fold(text: str) -> str:
    """A label with spaces, full-width forms and a 、 after its number made alike."""
    folded = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"^(\d+)、", r"\1.", folded)


def load(source: Source) -> tuple[Report, list[Problem]]:
    """Like :func:`build`, but raise :class:`InputError` when there is any error."""
    report, problems = build(source)
    if report is None or any(p.is_error for p in problems):
        raise InputError(problems)
    return report, problems
