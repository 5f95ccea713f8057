"""From parsed TOML to a typed report: every key known, every value of the right type.

This layer knows the shape a format asks for (sections, rows, columns) and the types of
cells; it refuses unknown keys (naming the nearest valid one), missing keys and wrong
types, and never coerces. Judgement about the numbers belongs to :mod:`reportgen.rules`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from reportgen.errors import InputError, Problem, Severity
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


@dataclass(frozen=True)
class Report:
    source: Source
    format: Format
    agency: str
    year: int
    title: str
    preamble: tuple[str, ...]
    sections: tuple[SectionText, ...]
    values: dict[str, Value | None]  # field id → value; None: a 总计 left out

    def location(self, field_id: str):  # noqa: ANN201 - Location, kept import-light
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
        self.problems.append(
            Problem(severity, code, self.source.location(key), message, fields=fields, section=section)
        )

    def unknown(self, key: KeyPath, valid: Iterable[str], where: str) -> None:
        name = str(key[-1])
        valid = list(valid)
        near = difflib.get_close_matches(name, valid, n=1, cutoff=0.5)
        hint = f"是不是“{near[0]}”？" if near else f"这里可以写的是：{'、'.join(valid)}。"
        self.add("K-unknown", key, f"{where}中没有“{name}”这一项，{hint}")

    def missing(self, key: KeyPath, what: str, example: str) -> None:
        self.add("K-missing", key, f"缺少{what}，请补上一行：{example}")

    # -- typed getters --------------------------------------------------------------
    def text(self, table: Mapping[str, Any], key: KeyPath, what: str, required: bool) -> str | None:
        value = table.get(str(key[-1]))
        if value is None:
            if required:
                self.missing(key, what, f'"{key[-1]}" = "……"')
            return None
        if not isinstance(value, str):
            self.add("T-type", key, f'{what}应当是文字，请用半角双引号括起来，如 "{key[-1]}" = "……"。')
            return None
        return value

    def check_keys(self, table: Mapping[str, Any], prefix: KeyPath, valid: Iterable[str], where: str) -> None:
        valid = list(valid)
        for name in table:
            if name not in valid:
                self.unknown((*prefix, name), valid, where)

    def cell(self, f: Field, row: Mapping[str, Any]) -> Value | None:
        key = (f.section, f.row, f.column)
        add = partial(self.add, fields=(f.id,))
        value = row.get(f.column)
        if value is None:
            if not f.computed:
                add("K-missing", key, f'缺少“{f.label}”，请补上："{f.column}" = 0')
            return None
        if f.kind is Kind.UNIT:
            if value not in UNITS:
                add("T-type", key, f'{f.label}只能写 "元" 或 "万元"，现在是 {_shown(value)}。')
                return None
            return str(value)
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            add("T-type", key, f"{f.label}应当是数字，现在是 {_shown(value)}。{_number_hint(f)}")
            return None
        if f.kind is Kind.AMOUNT:
            amount = Decimal(value)
            if not amount.is_finite() or amount < 0:
                add("R2-c", key, f"{f.label}应当是不小于 0 的金额，现在是 {_shown(value)}。")
                return None
            return amount
        if isinstance(value, Decimal):
            add("T-type", key, f"{f.label}是件数，应当是整数，现在是 {value}。{_number_hint(f)}")
            return None
        if f.kind is Kind.COUNT and value < 0:
            code = "R2-c" if f.id.startswith("t2") else "R3-d"
            add(code, key, f"{f.label}是件数，不能是负数，现在是 {value}。")
            return None
        return value


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


def _number_hint(f: Field) -> str:
    if f.kind is Kind.AMOUNT:
        return f'请直接写金额数字，不加引号和单位，如 "{f.column}" = 0.00。'
    return f'请直接写整数，不加引号，如 "{f.column}" = 0。'


def build(source: Source, draft: bool = False) -> tuple[Report | None, list[Problem]]:
    """Type the parsed file; return the report (None if the shape is wrong) and problems.

    With ``draft``, a report is returned whenever the format is known, errors or not: what
    could be read is kept, a cell in error is None and a section in error is left out. The
    preview shows such a draft; nothing is ever built from one.
    """
    b = _Builder(source)
    data = source.data
    fmt = _choose_format(b, data)
    agency = b.text(data, (AGENCY,), "机关名称", required=True)
    title = b.text(data, (TITLE,), "标题", required=False)
    preamble = b.text(data, (PREAMBLE,), "前言", required=False)
    if fmt is None:
        return None, b.problems
    section_keys = [s.key for s in fmt.sections]
    b.check_keys(data, (), [*TOP_KEYS, *section_keys], "文件最外层")
    sections: list[SectionText] = []
    values: dict[str, Value | None] = {}
    for spec in fmt.sections:
        table = data.get(spec.key)
        if table is None:
            b.add("S-a", (spec.key,), f'缺少“{spec.key}”这一部分，请补上表头 ["{spec.key}"]。')
            continue
        if not isinstance(table, dict):
            b.add("T-type", (spec.key,), f'“{spec.key}”应当是一个表，写成单独一行的 ["{spec.key}"]。')
            continue
        sections.append(_section(b, spec, table, fmt, values))
    year = data.get(YEAR)
    if not draft and any(p.is_error for p in b.problems):
        return None, b.problems
    assert isinstance(year, int)
    agency = agency or ""
    report = Report(
        source=source,
        format=fmt,
        agency=clean(agency),
        year=year,
        title=clean(title) if title else fmt.title_pattern.format(agency=clean(agency), year=year),
        preamble=paragraphs(preamble or ""),
        sections=tuple(sections),
        values=values,
    )
    return report, b.problems


def _choose_format(b: _Builder, data: Mapping[str, Any]) -> Format | None:
    year = data.get(YEAR)
    if year is None:
        b.missing((YEAR,), "报告年度", f'"{YEAR}" = 2019')
        return None
    if isinstance(year, bool) or not isinstance(year, int):
        b.add(
            "T-type",
            (YEAR,),
            f'报告年度应当是四位数的年份，不加引号，如 "{YEAR}" = 2019，现在是 {_shown(year)}。',
        )
        return None
    by_year = for_year(year)
    named = data.get(FORMAT)
    if named is None:
        if by_year is None:
            first = min(f.first_year for f in FORMATS.values())
            b.add("T-type", (YEAR,), f"报告年度 {year} 早于 {first} 年，没有对应的年度报告格式。")
        return by_year
    if named not in FORMATS:
        b.add(
            "T-type",
            (FORMAT,),
            f"格式只能写 {'、'.join(repr(k) for k in FORMATS)} 之一，现在是 {_shown(named)}。",
        )
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
    b: _Builder, spec: Section, table: dict[str, Any], fmt: Format, values: dict[str, Value | None]
) -> SectionText:
    rows = fmt.rows_of(spec.key)
    b.check_keys(table, (spec.key,), [*PROSE_KEYS, *rows], f"“{spec.key}”")
    heading = b.text(table, (spec.key, HEADING), "标题", required=False)
    text = b.text(table, (spec.key, TEXT), "正文", required=False)
    after = b.text(table, (spec.key, AFTER), "表后正文", required=False)
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
        subsections.append(Subsection(clean(sub_heading or ""), paragraphs(sub_text or ""), key))
    for row, columns in rows.items():
        key = (spec.key, row)
        given = table.get(row)
        if given is None:
            if all(f.computed for f in columns.values()):
                values.update({f.id: None for f in columns.values()})
                continue
            example = "{ " + ", ".join(f'"{c}" = 0' for c, f in columns.items() if not f.computed) + " }"
            b.missing(key, f"“{row}”这一行", f'"{row}" = {example}')
            continue
        if not isinstance(given, dict):
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
    )


def load(source: Source) -> tuple[Report, list[Problem]]:
    """Like :func:`build`, but raise :class:`InputError` when there is any error."""
    report, problems = build(source)
    if report is None or any(p.is_error for p in problems):
        raise InputError(problems)
    return report, problems
