"""Next year's input file, written from last year's report and the new year's format.

``reportgen new`` calls :func:`next_year`. Everything here is driven by format data: the
rows come from the format's grids, the comment on each cell from ``Format.explain``, the
carried values from ``Format.carries``, the guidance for prose from ``Section.guide`` and
``Section.topics``; a new format needs nothing in this module.

What is carried: agency, a custom title (its year moved on), section and subsection
headings, and the cells named by the new format's carries (上年结转 = last year's 结转下年度;
the 现行有效件数 / 上一年项目数量 / 对外公开总数量 baselines). Every other count is 0 and the
totals are left out (computed). Prose is left empty, with last year's text beside it as
comments: the clerk rewrites rather than copies (the 2021 notice holds agencies
responsible for 雷同 reports), yet loses nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.format import Address, Field, Format, Kind
from reportgen.grid import Role
from reportgen.model import (
    AFTER,
    AGENCY,
    BYLINE,
    CLOSING,
    EXTRA,
    FORMAT,
    HEADING,
    PREAMBLE,
    PRINTED,
    RUN_IN,
    RUN_IN_FACE,
    RUN_IN_FACES,
    SUBSECTIONS,
    TEXT,
    TITLE,
    YEAR,
    Extra,
    Report,
    Subsection,
    Value,
)
from reportgen.rules import DATE

Values = dict[str, Value | None]
Carried = dict[str, tuple[Value, str, str | None]]  # field id → (value, how, the same said of a row)
ALIGN = 36  # display columns up to which row keys are padded so the "=" line up


@dataclass(frozen=True)
class Scaffold:
    text: str  # the new file, ready to write
    notes: tuple[str, ...]  # what could not be carried over, for the clerk to know


def next_year(last: Report, last_values: Values, fmt: Format, year: int, source_name: str) -> Scaffold:
    """The input file for ``year`` in ``fmt``, started from last year's report."""
    notes = _conversion_notes(last.format, fmt) if last.format is not fmt else []
    if FORMAT in last.source.data:
        notes.append(f"去年文件中的“{FORMAT}”没有带入：格式按报告年度确定（{year} 年用 {fmt.id} 年格式）。")
    carried, carry_notes = _carried(last, last_values, fmt)
    notes += carry_notes
    w = Writer()
    data = last.source.data
    w.comment(f"{last.agency} {year} 年政府信息公开工作年度报告 —— reportgen 输入文件")
    w.comment(f"由 reportgen new 根据 {source_name}（{last.year} 年度）生成；使用 {fmt.notice} 规定的格式。")
    w.comment("")
    w.comment("怎样填写：")
    w.comment("  * 只改等号右边的内容。数字直接写（如 0、12），不加引号；文字用半角双引号括起来。")
    w.comment("  * 表格里的数字都已设为 0，从去年带入的除外（见各行上方的说明）。请按本年实际填写。")
    w.comment("  * “总计”不必填写，由程序自动计算；写了就必须与各项之和相等。")
    w.comment("  * 正文已清空，去年的文字以 # 开头附在旁边供参考：请按本年情况重新撰写，不要照抄")
    w.comment("    （年度报告内容雷同的，按《中华人民共和国政府信息公开条例》第四十七条追究责任）。")
    w.comment('  * 多段文字写在三个双引号 """ 之间，段与段之间空一行。')
    w.comment("  * 用英文（半角）标点写等号、引号、逗号、方括号；保存时编码选 UTF-8。")
    if notes:
        w.comment("")
        w.comment("没有从去年带入的内容：")
        for note in notes:
            w.comment(f"  * {note}")
    w.blank()
    w.key(AGENCY, _string(last.agency))
    w.key(YEAR, str(year))
    title = data.get(TITLE)
    if isinstance(title, str):
        w.key(TITLE, _string(title.replace(str(last.year), str(year))))
    else:
        w.comment("标题默认为“机关名称 + 报告年度 + 年政府信息公开工作年度报告”，需要时可以另写：")
        w.comment(f'"{TITLE}" = {_string(fmt.title_pattern.format(agency=last.agency, year=year))}')
    due = year + 1
    if last.byline:
        w.comment("署名：印在标题下方。")
        w.lines_key(BYLINE, _undated(last.byline, due))
    if last.closing:
        w.comment(
            f"落款：印在文末右侧。日期请填写本报告的印发日期（如 {due}年1月20日），没有填完整时检查会提醒。"
        )
        w.lines_key(CLOSING, _undated(last.closing, due))
    if last.run_in_face != RUN_IN_FACES[0]:
        w.key(RUN_IN_FACE, _string(last.run_in_face))
    if last.preamble:
        w.reference("去年的前言", last.preamble)
        w.prose(PREAMBLE)
    by_key = {s.spec.key: s for s in last.sections}
    _extras(w, [e for e in last.extras if not e.follows])
    for spec in fmt.sections:
        old = by_key.get(spec.key)
        w.blank()
        w.blank()
        w.line(f"[{_string(spec.key)}]")
        if spec.guide:
            w.comment(f"本部分要写：{spec.guide}")
        if old is not None and old.heading != spec.key:
            w.key(HEADING, _string(old.heading))
        old_subs = list(old.subsections) if old else []
        keep_subs = bool(old_subs) and (last.format is fmt or not spec.topics)
        if old is not None:
            texts = list(old.paragraphs)
            if not keep_subs:
                for sub in old_subs:
                    if sub.paragraphs:
                        texts += [sub.heading, *sub.paragraphs]
            if texts:
                w.reference("去年的正文", texts)
        if spec.table is None or (old is not None and old.paragraphs):
            w.prose(TEXT)
        subs = old_subs if keep_subs else [Subsection(t, (), ()) for t in spec.topics]
        _subsections(w, _string(spec.key), subs)
        if spec.table is not None:
            table(w, fmt, spec.key, spec.table, carried, last.row_keys)
            if old is not None and old.after:
                w.blank()
                w.reference("去年的表后正文", old.after)
                w.prose(AFTER)
            _printed(w, spec.key, last.labels.get(spec.table, {}), set(last.row_keys.values()))
        _extras(w, [e for e in last.extras if e.follows == spec.key])
    return Scaffold(w.result(), tuple(notes))


def _printed(w: Writer, section: str, printed: dict[str, str], row_keys: set[str]) -> None:
    """Table texts last year's report printed in other words (other than rows typed so)."""
    texts = {k: v for k, v in printed.items() if v not in row_keys}
    if not texts:
        return
    w.blank()
    w.line(f"[{_string(section)}.{_string(PRINTED)}]")
    w.comment("表格中照去年印出的文字（左边是官方文字，右边是印出来的）：")
    for official, text in texts.items():
        w.row(_string(official), _string(text))


def _subsections(w: Writer, parent: str, subs: Iterable[Subsection]) -> None:
    """Each 小节 with last year's heading (stand-alone or run-in) and its text as reference."""
    for sub in subs:
        w.blank()
        w.line(f"[[{parent}.{_string(SUBSECTIONS)}]]")
        w.key(RUN_IN if sub.run_in else HEADING, _string(sub.heading))
        if sub.paragraphs:
            w.reference("去年的正文", sub.paragraphs)
        w.prose(TEXT)


def _extras(w: Writer, extras: Iterable[Extra]) -> None:
    """Parts last year's report added beyond the six, at the same place, their text as reference."""
    for extra in extras:
        w.blank()
        w.blank()
        w.line(f"[[{_string(EXTRA)}]]")
        w.key(HEADING, _string(extra.heading))
        if extra.paragraphs:
            w.reference("去年的正文", extra.paragraphs)
        w.prose(TEXT)
        _subsections(w, _string(EXTRA), extra.subsections)


def _undated(lines: Iterable[str], due: int) -> list[str]:
    """Last year's 署名/落款 with each date left for the clerk to fill in: ``2023年  月  日``."""
    return [DATE.sub(f"{due}年  月  日", line) for line in lines]


@dataclass(frozen=True)
class Given:
    """The cells of a file written from a published report (``reportgen import``): each value
    as TOML text, and comments and the source place of each row."""

    values: dict[str, str]  # field id → TOML value text; a field not here is left out
    comments: dict[str, list[str]]  # official row → comment lines above it
    places: dict[str, str]  # official row → where it is printed in the source
    groups: dict[str, str] = field(default_factory=dict)  # a group printed as one row: first item → label


def table(
    w: Writer,
    fmt: Format,
    section: str,
    grid_id: str,
    carried: Carried,
    printed: dict[str, str],
    given: Given | None = None,
) -> None:
    """A section's table, one line per printed row in printed order, each explained; the
    values are ``carried`` (next year's file) or ``given`` (a published report's)."""
    explained: set[str] = set()
    rows = fmt.rows_of(section)
    done: set[str] = set()
    for row_cells in fmt.grids[grid_id].rows:
        values = [c for c in row_cells if c.role is Role.VALUE and c.field]
        if not values:
            for c in row_cells:
                if c.role is Role.TITLE:
                    w.comment(f"── {c.text} ──")
                elif c.role is Role.LABEL and c.text in fmt.explain:
                    w.comment(f"{c.text}：{fmt.explain[c.text]}")
            continue
        labels = list(dict.fromkeys(fmt.field(c.field or "").row for c in values))
        for c in row_cells:  # a group label that starts on this row, e.g. （三）不予公开
            if c.role is Role.LABEL and c.text not in labels and c.rowspan > 1 and c.text in fmt.explain:
                w.comment(f"{c.text}：{fmt.explain[c.text]}")
        for label in labels:
            if label not in done:
                done.add(label)
                _row(w, fmt, label, rows[label], explained, carried, printed.get(label, label), given)


def _row(
    w: Writer,
    fmt: Format,
    label: str,
    columns: dict[str, Field],
    explained: set[str],
    carried: Carried,
    printed: str,
    given: Given | None = None,
) -> None:
    """One table row; ``printed`` is the row label the report printed (a variant)."""
    for col in columns:
        if col not in explained and col in fmt.explain:
            explained.add(col)
            w.comment(f"“{col}”列：{fmt.explain[col]}")
    if label in fmt.explain:
        w.comment(f"{label}：{fmt.explain[label]}")
    if given is not None:
        for line in given.comments.get(label, []):
            w.comment(line)
        shown = [f for f in columns.values() if f.id in given.values]
        if shown:
            w.mark(given.places.get(label, ""))
            cells = ", ".join(f"{_string(f.column)} = {given.values[f.id]}" for f in shown)
            w.row(_string(given.groups.get(label, printed)), "{ " + cells + " }")
        return
    typed = [f for f in columns.values() if not f.computed]
    if not typed:
        w.comment(f"“{label}”这一行不必填写，由程序自动计算。")
        return
    came = [f for f in typed if f.id in carried]
    rows = {carried[f.id][2] for f in came}
    if len(came) > 2 and len(rows) == 1 and None not in rows:
        w.comment(str(rows.pop()))
    else:
        for f in came:
            w.comment(f"“{f.column}”已从去年带入：{carried[f.id][1]}")
    cells = ", ".join(f"{_string(f.column)} = {_value(f, carried)}" for f in typed)
    w.row(_string(printed), "{ " + cells + " }")


def _value(f: Field, carried: Carried) -> str:
    if f.id in carried:
        value = carried[f.id][0]
        return _string(value) if isinstance(value, str) else number(value)
    if f.kind is Kind.UNIT:
        return _string("元")
    return "0"


def _carried(last: Report, last_values: Values, fmt: Format) -> tuple[Carried, list[str]]:
    """Field id → (value, how it was found) for every cell carried from last year."""
    out: Carried = {}
    notes: list[str] = []
    for carry in fmt.carries:
        target = fmt.find(carry.target)
        if target is None or target.computed:
            continue
        sources = [(last.format.find(a), sign) for a, sign in carry.last]
        if any(f is None for f, _ in sources):
            continue  # reported by _conversion_notes
        parts = [(f, sign, last_values.get(f.id)) for f, sign in sources if f is not None]
        if not all(isinstance(v, (int, Decimal)) for _, _, v in parts):
            continue
        total = sum(sign * v for _, sign, v in parts)  # type: ignore[operator]
        expr = " + ".join(f"去年{_cell(f, target)} {v}" for f, _, v in parts).replace("+ -", "- ")
        how = expr if len(parts) == 1 else f"{expr} = {total}"
        if carry.this:
            how += f"；填好{'、'.join(f'“{_column(a)}”' for a, _ in carry.this)}后请相应调整"
        if total < 0:
            notes.append(f"{target.label}按去年算得 {total}，是负数，已设为 0，请核实。")
            total = 0
        plain = len(parts) == 1 and parts[0][1] == 1 and parts[0][0].column == target.column
        src = parts[0][0].row
        out[target.id] = (total, how, f"这一行各列已从去年带入，等于去年“{src}”的同一列。" if plain else None)
        opening = fmt.find(carry.opening) if carry.opening else None
        if opening is not None and not opening.computed:
            out[opening.id] = (
                total,
                f"暂按本年“{target.row}”填入",
                f"这一行各列暂按本年“{target.row}”填入，使表中的勾稽关系成立；"
                "这些申请在本年办结的，请计入相应的办理结果，并从这一行减去。",
            )
    for f in fmt.fields:  # units typed beside amounts: keep last year's choice
        if f.kind is Kind.UNIT:
            old = last.format.find((f.section, f.row, f.column))
            if old is not None and isinstance(last_values.get(old.id), str):
                out[f.id] = (last_values[old.id], f"沿用去年的“{last_values[old.id]}”", None)  # type: ignore[assignment]
    return out, notes


def _conversion_notes(old: Format, new: Format) -> list[str]:
    """What the change of format drops: baselines the old format lacks, columns the new one lacks."""
    notes: list[str] = []
    for carry in new.carries:
        missing = [a for a, _ in carry.last if old.find(a) is None]
        if missing and new.find(carry.target) is not None:
            notes.append(
                f"{_where(carry.target)}：{old.id} 年格式没有“{_column(missing[0])}”，无法从去年带入，"
                f"已设为 0，请按实际填写。"
            )
    dropped: dict[str, list[str]] = {}
    for carry in old.carries:
        if new.find(carry.target) is None:
            dropped.setdefault(carry.target[2], []).append(carry.target[1])
    for column, rows in dropped.items():
        notes.append(f"去年表中的“{column}”（{'、'.join(rows)}）：{new.id} 年格式没有这一栏，不再带入。")
    topics = [s for s in new.sections if s.topics]
    for spec in topics:
        notes.append(
            f"“{spec.key}”的小节标题换成了 {new.id} 年格式要求的{'、'.join(spec.topics)}；"
            "去年各小节的文字附在该部分开头供参考。"
        )
    return notes


def _where(address: Address) -> str:
    return f"{address[1]}（{address[2]}）"


def _column(address: Address) -> str:
    return address[2]


def _cell(f: Field, target: Field) -> str:
    return f"“{f.column}”" if f.row == target.row else f"“{f.row_label}”（{f.column}）"


# ---------------------------------------------------------------- writing TOML text


def number(value: int | Decimal) -> str:
    """A number as TOML text, a Decimal exactly as written (as printed: ``environment.display``,
    without importing Jinja for it)."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _string(text: object) -> str:
    """A TOML basic string."""
    s = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{s}"'


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not allowed in a TOML string


def _multiline(text: str) -> str:
    """A line inside a TOML multi-line basic string."""
    return _CONTROL.sub("", text).replace("\\", "\\\\").replace('"""', '""\\"')


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class Writer:
    """TOML text line by line; each line remembers the place in a source it came from
    (``mark``), so that a finding on a file written from a published report points there."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.places: list[str] = []  # per line: where it came from ("" for none)
        self.place = ""

    def mark(self, place: str) -> None:
        """The source place of the lines written from now on."""
        self.place = place

    def _add(self, *lines: str) -> None:
        for text in lines:
            self.lines.append(text)
            self.places.append(self.place)

    def line(self, text: str) -> None:
        self._add(text)

    def blank(self) -> None:
        self._add("")

    def comment(self, text: str) -> None:
        for part in str(text).split("\n"):
            self._add(f"# {part}".rstrip())

    def key(self, name: str, value: str) -> None:
        self._add(f"{_string(name)} = {value}")

    def row(self, key: str, value: str) -> None:
        self._add(f"{key}{' ' * max(1, ALIGN - _width(key))}= {value}")

    def lines_key(self, name: str, lines: Iterable[str]) -> None:
        """A value printed line by line, as a multi-line string."""
        self._add(f'{_string(name)} = """', *(_multiline(line) for line in lines), '"""')

    def prose(self, name: str) -> None:
        self._add(f'{_string(name)} = """', '"""')

    def text(self, name: str, paragraphs: Iterable[tuple[str, str]]) -> None:
        """Prose as a multi-line string: a blank line between paragraphs, line breaks kept;
        each paragraph's lines marked with its place (``paragraphs``: (text, place))."""
        self._add(f'{_string(name)} = """')
        for k, (para, place) in enumerate(paragraphs):
            if k:
                self._add("")
            self.mark(place)
            for line in para.split("\n"):
                self._add(_multiline(line))
        self._add('"""')

    def reference(self, what: str, paragraphs: Iterable[str]) -> None:
        """Last year's text as comments: there to read, not to publish."""
        self.comment(f"{what}（仅供参考，请按本年情况重新撰写；这些 # 开头的行不会印到报告里）：")
        for k, para in enumerate(paragraphs):
            if k:
                self.line("#")
            for line in para.split("\n"):
                self.comment(f"  {line}")

    def result(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"
