"""A published report → the clerk's TOML file, with every line's place in the source.

:func:`read` picks the reader by the file's form, recognises the report and writes the
file with :mod:`reportgen.scaffold`'s writer (the same layout and comments as ``reportgen
new``). The result also knows, for each line and table cell of the text, where it was
printed in the source (``第12段``, ``表三 第7行 自然人``), so that ``check`` and ``build``
on a published file point at the source, not at a TOML file nobody saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportgen import model
from reportgen.errors import Location, OutputError, Problem, Severity
from reportgen.format import Field, Kind
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
    SUBSECTIONS,
    TEXT,
    TITLE,
    YEAR,
)
from reportgen.published.cells import Found
from reportgen.published.document import Document
from reportgen.published.recogniser import NotReport, Part, Recognised, Text, recognise
from reportgen.scaffold import Given, Writer, _string, number, table
from reportgen.source import KeyPath

SUFFIXES = {".docx": "Word", ".html": "网页", ".htm": "网页", ".pdf": "PDF", ".txt": "文本"}


class NotRecognised(Exception):
    """The file is not recognisable as an annual report (exit code 1); the message says why."""


@dataclass(frozen=True)
class Imported:
    """A published report as an input file: its text, and where each line came from."""

    text: str
    source: str  # the file as the user named it
    agency: str
    year: int
    lines: tuple[str, ...]  # for each line of ``text`` (0-based), its place in the source
    cells: dict[KeyPath, str]  # (section, row, column) → place of the cell in the source
    fields: dict[str, str]  # field id → place of the cell in the source
    findings: tuple[Problem, ...] = field(default=())

    def place(self, location: Location, fields: tuple[str, ...] = (), src: object = None) -> Location:
        """``location`` in the imported text → the same place in the published source."""
        if location.path != self.source or location.place:
            return location
        place = ""
        positions = getattr(src, "positions", {})
        by_position = {positions[k]: p for k, p in self.cells.items() if k in positions}
        if location.column and (location.line, location.column) in by_position:
            place = by_position[(location.line, location.column)]
        if not place and fields:
            on_line = {p for k, p in self.cells.items() if k in positions and positions[k][0] == location.line}
            # the cell the rule names last on that row: the total of a sum that does not add up
            place = next((self.fields[f] for f in reversed(fields) if self.fields.get(f) in on_line), "")
        if not place and 0 < location.line <= len(self.lines):
            place = self.lines[location.line - 1]
            k = location.line - 1
            while not place and k > 0:  # a line written without a place: the nearest above
                k -= 1
                place = self.lines[k]
        return Location(location.path, location.line, location.column, place or "开头")

    def locate(self, problem: Problem, src: object) -> Problem:
        """A problem found in the imported text, located in the published source."""
        from dataclasses import replace

        return replace(
            problem,
            location=self.place(problem.location, problem.fields, src),
            related=tuple((self.place(loc, (), src), text) for loc, text in problem.related),
        )

    @property
    def name(self) -> str:
        """The usual file name: 机关名称-年度.toml."""
        return f"{self.agency}-{self.year}.toml"


def is_published(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def read(path: Path, display_name: str | None = None) -> Imported:
    """Import ``path``; raise :class:`NotRecognised` (not a report) or OutputError (I/O)."""
    shown = display_name or str(path)
    doc = _document(path, shown)
    try:
        rec = recognise(doc)
    except NotReport as exc:
        raise NotRecognised(f"看来不是政府信息公开工作年度报告：{exc}。") from None
    return compose(rec, shown, doc)


def _document(path: Path, shown: str) -> Document:
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            from reportgen.published import wordfile

            try:
                return wordfile.read(path)
            except wordfile.NotWord as exc:
                raise NotRecognised(f"无法作为 Word 文件读取：{exc}。") from None
        if suffix in (".html", ".htm"):
            from reportgen.published import webpage

            return webpage.read(path)
        if suffix == ".pdf":
            from reportgen.published import pdffile

            return pdffile.read(path)
        if suffix == ".txt":
            from reportgen.published import plaintext

            return plaintext.read(path)
    except FileNotFoundError:
        raise OutputError(f"找不到文件：{shown}") from None
    except IsADirectoryError:
        raise OutputError(f"{shown} 是一个文件夹，不是文件") from None
    except PermissionError:
        raise OutputError(f"没有权限读取 {shown}") from None
    raise OutputError(f"{shown}：只能导入 .docx、.html/.htm、.pdf 或 .txt 文件。")


def _value(f: Field, found: Found) -> str:
    v = found.printed.value
    if isinstance(v, str):
        return _string(v)
    if f.kind is Kind.AMOUNT:
        return number(Decimal(v))
    return number(v)


def _lines(texts: list[Text]) -> list[tuple[str, str]]:
    return [(t.text, t.place) for t in texts]


def compose(rec: Recognised, shown: str, doc: Document | None = None) -> Imported:
    fmt = rec.format
    w = Writer()
    cell_places: dict[KeyPath, str] = {}
    form = doc.form if doc else ""
    givens = {
        s.key: _given(rec, s.key, cell_places) for s in fmt.sections if s.table is not None
    }
    problems = [(t.place, t.text) for t in rec.findings]
    w.comment(f"{rec.agency} {rec.year} 年政府信息公开工作年度报告 —— reportgen 输入文件")
    w.comment(f"由 reportgen import 从已发布的{form}报告 {Path(shown).name} 导入；使用 {fmt.notice} 规定的格式。")
    w.comment("")
    w.comment("怎样修改：")
    w.comment("  * 只改等号右边的内容。数字直接写（如 0、12），不加引号；文字用半角双引号括起来。")
    w.comment('  * 多段文字写在三个双引号 """ 之间，段与段之间空一行。')
    w.comment("  * 用英文（半角）标点写等号、引号、逗号、方括号；保存时编码选 UTF-8。")
    w.comment(f"  * 改完后运行：reportgen check {rec.agency}-{rec.year}.toml")
    if rec.findings:
        w.comment("")
        w.comment("导入时需要核对的地方（原文中的位置）：")
        for t in rec.findings:
            w.comment(f"  * {t.place + '：' if t.place else ''}{t.text}")
    w.blank()
    w.mark(rec.title_place)
    w.key(AGENCY, _string(rec.agency))
    w.key(YEAR, str(rec.year))
    if rec.format_named:
        w.comment(f"原文的表格是 {fmt.id} 年格式（{fmt.notice}）：")
        w.key(FORMAT, _string(fmt.id))
    if rec.title:
        w.comment("标题照原文（原文与默认的“机关名称 + 报告年度 + 年政府信息公开工作年度报告”不同）：")
        if "\n" in rec.title:
            w.lines_key(TITLE, rec.title.split("\n"))
        else:
            w.key(TITLE, _string(rec.title))
    else:
        w.comment("标题默认为“机关名称 + 报告年度 + 年政府信息公开工作年度报告”，需要时可以另写：")
        w.comment(f'"{TITLE}" = {_string(fmt.title_pattern.format(agency=rec.agency, year=rec.year))}')
    faces = getattr(model, "RUN_IN_FACES", ())
    if rec.run_in_face and faces and rec.run_in_face in faces and rec.run_in_face != faces[0]:
        w.comment(f"段首标题（接排的小节标题）原文用{rec.run_in_face}：")
        w.key(model.RUN_IN_FACE, _string(rec.run_in_face))
    if rec.byline:
        w.mark(rec.byline[0].place)
        w.comment("标题下的署名（每行一行）：")
        w.lines_key(BYLINE, [line for t in rec.byline for line in t.text.split("\n")])
    if rec.preamble:
        w.mark(rec.preamble[0].place)
        w.comment("标题之后、“一、”之前的前言：")
        w.text(PREAMBLE, _lines(rec.preamble))
    if rec.signature:
        w.mark(rec.signature[0].place)
        w.comment("报告末尾的落款（机关名称和日期，右对齐印在最后）：")
        w.lines_key(CLOSING, [line for t in rec.signature for line in t.text.split("\n")])
    for t in rec.top_comments:
        w.mark(t.place)
        w.comment(f"原文标题之前的内容（没有导入）：{t.text}")
    for part in rec.parts:
        _part(w, rec, part, givens)
    lines = tuple(w.places)
    findings = tuple(
        Problem(Severity.WARNING, "I-import", Location(shown, 0, 0, place) if place else Location(shown), text)
        for place, text in problems
    )
    field_places = {f.id: x.place for f in fmt.fields if (x := rec.values.get(f.id)) is not None}
    return Imported(w.result(), shown, rec.agency, rec.year, lines, cell_places, field_places, findings)


def _part(w: Writer, rec: Recognised, part: Part, givens: dict[str, Given]) -> None:
    fmt = rec.format
    w.blank()
    w.blank()
    w.mark(part.place)
    if part.key is None:
        w.comment("原文在这里多了一个部分（不是格式中的六个部分之一）：")
        w.line(f"[[{_string(EXTRA)}]]")
        w.key(HEADING, _string(part.heading))
        _prose(w, part, f"[[{_string(EXTRA)}.{_string(SUBSECTIONS)}]]")
        for c in part.comments:
            w.mark(c.place)
            w.comment(f"没有导入：{c.text}")
        return
    spec = next(s for s in fmt.sections if s.key == part.key)
    w.line(f"[{_string(spec.key)}]")
    if spec.guide:
        w.comment(f"本部分要写：{spec.guide}")
    if part.heading != spec.key:
        if part.heading:
            w.comment("标题照原文：")
        else:
            w.comment("原文没有印出这一部分的标题：")
        w.key(HEADING, _string(part.heading))
    if part.paragraphs or spec.table is None:
        w.text(TEXT, _lines(part.paragraphs))
    sub_header = f"[[{_string(spec.key)}.{_string(SUBSECTIONS)}]]"
    if spec.table is not None:  # the section's own keys first: TOML puts what follows a [[…]] in it
        if part.subsections:
            w.comment("本部分的小节写在表格后面（印在表格前面）。")
        w.blank()
        table(w, fmt, spec.key, spec.table, {}, _printed(rec, spec.key), givens[spec.key])
        if part.after:
            w.blank()
            w.text(AFTER, _lines(part.after))
    for c in part.comments:
        w.mark(c.place)
        w.comment(f"没有导入：{c.text}")
    _subsections(w, part, sub_header)
    texts = _texts(rec, spec.key) if spec.table is not None else {}
    if texts:
        w.blank()
        w.line(f"[{_string(spec.key)}.{_string(PRINTED)}]")
        w.comment("表格中照原文印出的文字（左边是官方文字，右边是原文印的）：")
        for official, shown in texts.items():
            w.row(_string(official), _string(shown))


def _prose(w: Writer, part: Part, sub_header: str) -> None:
    w.text(TEXT, _lines(part.paragraphs + part.after))
    _subsections(w, part, sub_header)


def _subsections(w: Writer, part: Part, header: str) -> None:
    for sub in part.subsections:
        w.blank()
        w.mark(sub.place)
        w.line(header)
        w.key(RUN_IN if sub.run_in else HEADING, _string(sub.heading))
        w.text(TEXT, _lines(sub.paragraphs))


def _accepted(fmt: object, official: str, printed: str) -> bool:
    """The model takes ``printed`` as the row's key (a listed variant, or the same label
    but for spaces, full-width forms or 、 after the number)."""
    from reportgen import model

    fold = getattr(model, "_label_fold", None)
    variants = getattr(fmt, "row_variants", {})
    return variants.get(printed) == official or (fold is not None and fold(printed) == fold(official))


def _printed(rec: Recognised, section: str) -> dict[str, str]:
    """Official row → the key to write: the label as printed, when the format accepts it."""
    out = {}
    for row in rec.format.rows_of(section):
        printed = rec.row_labels.get(row)
        if printed and printed != row and _accepted(rec.format, row, printed):
            out[row] = printed
    return out


def _texts(rec: Recognised, section: str) -> dict[str, str]:
    """Official table text → as printed, for ``["…"."印出的文字"]``: headers printed otherwise,
    and row labels the model does not take as keys."""
    out = dict(rec.texts.get(section, {}))
    keys = _printed(rec, section)
    for row in rec.format.rows_of(section):
        printed = rec.row_labels.get(row)
        if printed and row not in keys and row not in rec.groups:
            out[row] = printed
    return out


def _given(rec: Recognised, section: str, cell_places: dict[KeyPath, str]) -> Given:
    fmt = rec.format
    values: dict[str, str] = {}
    comments: dict[str, list[str]] = {}
    places: dict[str, str] = {}
    keys = _printed(rec, section)
    for row, columns in fmt.rows_of(section).items():
        key = rec.groups.get(row, keys.get(row, row))
        group = _group_of(fmt, section, row)
        if group is not None and any(first in rec.groups for first in _items(fmt, section, group)[:1]):
            if row not in rec.groups:
                continue  # printed in its group's single row
        missing = []
        for column, f in columns.items():
            found = rec.values.get(f.id)
            if f.kind is Kind.UNIT:
                amount = rec.values.get(f.unit_of or "")
                if amount is not None and amount.printed.unit in ("元", "万元"):
                    values[f.id] = _string(amount.printed.unit)
                continue
            if found is None:
                if not f.computed:
                    values[f.id] = _string("")
                    missing.append(column)
                continue
            values[f.id] = _value(f, found)
            places.setdefault(row, found.place.rsplit(" ", 1)[0])
            cell_places[(section, key, column)] = found.place
        if missing:
            comments.setdefault(row, []).append(f"原文没有{'、'.join(missing)}这一格（导入为空白）")
            rec.findings.append(Text(f"{row}：原文没有{'、'.join(missing)}这一格，导入为空白", ""))
    return Given(values, comments, places, dict(rec.groups))


def _group_of(fmt: object, section: str, row: str) -> str | None:
    f = next(iter(fmt.rows_of(section)[row].values()))  # type: ignore[attr-defined]
    return f.group or None


def _items(fmt: object, section: str, group: str) -> list[str]:
    return [r for r, cols in fmt.rows_of(section).items() if next(iter(cols.values())).group == group]  # type: ignore[attr-defined]
