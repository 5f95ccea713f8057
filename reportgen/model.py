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
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from reportgen.errors import InputError, Location, Problem, Severity
from reportgen.format import UNITS, Field, Format, Kind, Section
from reportgen.formats import FORMATS, for_year
from reportgen.source import KeyPath, Source

AGENCY = "机关名称"
YEAR = "报告年度"
FORMAT = "格式"
TITLE = "标题"
PREAMBLE = "前言"
HEADING = "标题"
TEXT = "正文"
SUBSECTIONS = "小节"
AFTER = "表后正文"
TOP_KEYS = (AGENCY, YEAR, FORMAT, TITLE, PREAMBLE)
PROSE_KEYS = (HEADING, TEXT, SUBSECTIONS, AFTER)

Value = int | Decimal | str

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n\s*")
_EDGE = " \u3000\r"


@dataclass(frozen=True)
class Subsection:
    heading: str
    paragraphs: tuple[str, ...]
    key: KeyPath


@dataclass(frozen=True)
class SectionText:
    spec: Section
    heading: str
    paragraphs: tuple[str, ...]
    subsections: tuple[Subsection, ...]
    after: tuple[str, ...]  # prose printed after the section's table
    heading_given: bool = False  # the clerk typed a "标题" of their own


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

    def location(self, field_id: str) -> Location:
        f = self.format.field(field_id)
        return self.source.location((f.section, f.row, f.column))


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

    def unknown(self, key: KeyPath, valid: Iterable[str], where: str, near: str | None) -> None:
        name = str(key[-1])
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
            near = nearest(name, absent) or nearest(name, valid)
            if near is not None and near in absent:
                self.misspelt.add((*prefix, near))
            self.unknown((*prefix, name), valid, where, near)

    def cell(self, f: Field, row: Mapping[str, Any]) -> Value | None:
        value = row.get(f.column)
        if type(value) is int and (value >= 0 or f.kind is Kind.DELTA) and f.kind in _INTEGRAL:
            return value  # the usual case, decided without building anything
        key = (f.section, f.row, f.column)
        add = partial(self.add, fields=(f.id,))
        if value is None:
            if f.required and key not in self.misspelt:
                add(
                    "K-missing",
                    (f.section, f.row),
                    f'“{f.row}”这一行缺少“{f.column}”，请补上："{f.column}" = 0',
                )
            return None
        if f.kind is Kind.UNIT:
            if value not in UNITS:
                add(f.rule, key, f'{f.label}只能写 "元" 或 "万元"，现在是 {_shown(value)}。')
                return None
            return str(value)
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            add("T-type", key, f"{f.label}应当是数字，现在是 {_shown(value)}。{_number_hint(f, value)}")
            return None
        if f.kind is Kind.AMOUNT:
            amount = Decimal(value)
            if not amount.is_finite() or amount < 0:
                add(f.rule, key, f"{f.label}是金额，不能是负数，现在是 {value}。请填写 0 或正数。")
                return None
            return amount
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


_INTEGRAL = (Kind.COUNT, Kind.DELTA)


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
        return f'文字 "{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "一组数据 { }"
    if isinstance(value, list):
        return "一组数据 [ ]"
    return str(value)


def _number_hint(f: Field, value: Any = None) -> str:
    if isinstance(value, str):
        digits = _fold(value).replace(",", "")
        if re.fullmatch(r"-?\d+(\.\d+)?", digits):
            return f'请去掉引号{"并改用半角数字" if digits != value else ""}，写成 "{f.column}" = {digits}。'
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
        for name in data:
            if name not in TOP_KEYS and nearest(name, [YEAR]) == YEAR:
                b.misspelt.add((YEAR,))
                b.unknown((name,), TOP_KEYS, "文件最外层", YEAR)
    fmt = _choose_format(b, data)
    if fmt is not None:
        _check_top_keys(b, data, fmt)
    agency = b.text(data, (AGENCY,), "机关名称", required=True)
    title = b.text(data, (TITLE,), "标题", required=False)
    preamble = b.text(data, (PREAMBLE,), "前言", required=False)
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
    name = clean(agency or "")
    report = Report(
        source=source,
        format=fmt,
        agency=name,
        year=year,
        title=clean(title) if title else fmt.title_pattern.format(agency=name, year=year),
        preamble=paragraphs(preamble or ""),
        sections=tuple(sections),
        values=values,
        prose=tuple(prose),
        invalid=frozenset(b.invalid),
    )
    return report, b.problems


def _check_top_keys(b: _Builder, data: Mapping[str, Any], fmt: Format) -> None:
    headings = [s.key for s in fmt.sections]
    valid = [*TOP_KEYS, *headings]
    absent = [k for k in valid if k not in data]
    for name in data:
        if name in valid:
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
            b.add(
                "K-unknown",
                (name,),
                f'没有“{name}”这一部分：表头要用官方标题 ["{near}"]。'
                f'如果确实要印成“{name}”，请在表头下加一行 "{HEADING}" = "{name}"。',
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
    known = [s.key for s in fmt.sections]
    # Rows of a section whose header is missing fall into the section above: the missing
    # header is the one error (S-a), not each of its rows.
    strays = {r for s in fmt.sections if s.key not in b.source.data for r in fmt.rows_of(s.key)}
    b.check_keys(
        {k: v for k, v in table.items() if k not in known and k not in strays},
        (spec.key,),
        [*PROSE_KEYS, *rows],
        f"“{spec.key}”",
    )
    heading = b.text(table, (spec.key, HEADING), "标题", required=False)
    text = b.text(table, (spec.key, TEXT), "正文", required=False)
    after = b.text(table, (spec.key, AFTER), "表后正文", required=False)
    if text:
        prose.append(Prose((spec.key, TEXT), spec.key, "正文", text))
    subsections = []
    raw_subs = table.get(SUBSECTIONS, [])
    if not isinstance(raw_subs, list) or not all(isinstance(s, dict) for s in raw_subs):
        b.add("T-type", (spec.key, SUBSECTIONS), f'小节应当写成 [["{spec.key}"."小节"]] 表头，每个小节一段。')
        raw_subs = []
    for i, sub in enumerate(raw_subs):
        key = (spec.key, SUBSECTIONS, i)
        b.check_keys(sub, key, (HEADING, TEXT), "小节")
        sub_heading = b.text(sub, (*key, HEADING), "小节标题", required=True)
        sub_text = b.text(sub, (*key, TEXT), "小节正文", required=False)
        if sub_heading:
            prose.append(Prose((*key, HEADING), spec.key, "小节标题", sub_heading))
        if sub_text:
            prose.append(Prose((*key, TEXT), spec.key, "小节正文", sub_text))
        subsections.append(Subsection(clean(sub_heading or ""), paragraphs(sub_text or ""), key))
    if after:
        prose.append(Prose((spec.key, AFTER), spec.key, "表后正文", after))
    for row, columns in rows.items():
        key = (spec.key, row)
        given = table.get(row)
        if given is None:
            values.update({f.id: None for f in columns.values()})
            if all(not f.required for f in columns.values()) or key in b.misspelt:
                continue
            example = "{ " + ", ".join(f'"{c}" = 0' for c, f in columns.items() if f.required) + " }"
            b.missing(key, f"“{row}”这一行", f'"{row}" = {example}')
            continue
        if not isinstance(given, dict):
            values.update({f.id: None for f in columns.values()})
            b.add("T-type", key, f'“{row}”这一行应当写成 {{ "列名" = 数字, … }}，现在是 {_shown(given)}。')
            continue
        b.check_keys(given, key, columns, f"“{row}”这一行")
        for f in columns.values():
            values[f.id] = b.cell(f, given)
    return SectionText(
        spec=spec,
        heading=clean(heading) if heading else spec.key,
        paragraphs=paragraphs(text or ""),
        subsections=tuple(subsections),
        after=paragraphs(after or ""),
        heading_given=bool(heading and clean(heading)),
    )


def load(source: Source) -> tuple[Report, list[Problem]]:
    """Like :func:`build`, but raise :class:`InputError` when there is any error."""
    report, problems = build(source)
    if report is None or any(p.is_error for p in problems):
        raise InputError(problems)
    return report, problems
