"""The summary as an Excel workbook (openpyxl): 概览, 问题, 汇总, 雷同 and, with a roster, 名单.

Numbers are written as numbers (counts as integers, amounts exactly, rates as fractions
shown in %), header rows are frozen and columns sized. The 汇总 sheet lays each year's sum
out in the official tables, built from the same :class:`~reportgen.grid.Grid` data as the
Word tables (same merges, labels verbatim).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.format import Kind
from reportgen.grid import Role
from reportgen.summary import COMPARED, FIGURES, Entry, Figure, Status, Summary, Total, change

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDE5EE")
TITLE_FILL = PatternFill("solid", fgColor="D9D9D9")
STATUS_FILL = {
    Status.ERRORS: PatternFill("solid", fgColor="F4C7C3"),
    Status.WARNINGS: PatternFill("solid", fgColor="FFF2CC"),
    Status.UNREADABLE: PatternFill("solid", fgColor="D9D9D9"),
}
MISSING_FILL = PatternFill("solid", fgColor="FCE4D6")
ONE_ROW_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
TOP = Alignment(vertical="top", wrap_text=True)

COUNT = "0"
RATE = "0.0%"
DELTA = "+0;-0;0"
DELTA_RATE = "+0.0%;-0.0%;0.0%"
AMOUNT = "General"


def render(summary: Summary) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    book = Workbook()
    overview = book.active
    assert overview is not None
    overview.title = "概览"
    problems = book.create_sheet("问题")
    first_problem = _problems(problems, summary.entries)
    _overview(overview, summary, first_problem)
    _totals(book.create_sheet("汇总"), summary.totals)
    _pairs(book.create_sheet("雷同"), summary)
    if summary.roster is not None:
        _roster(book.create_sheet("名单"), summary)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def number_format(figure: Figure, delta: bool = False) -> str:
    if figure.rate:
        return DELTA_RATE if delta else RATE
    if figure.unit == "万元":
        return AMOUNT
    return DELTA if delta else COUNT


def _value(value: Any) -> Any:
    """A value as the cell holds it: Decimal exactly (openpyxl writes its digits)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else value
    return value


def _header(ws: Worksheet, groups: Sequence[tuple[str, Sequence[str]]], notes: dict[str, str]) -> int:
    """Two header rows: group names merged over their columns, then column names. Returns the columns."""
    col = 1
    for group, names in groups:
        if names:
            ws.cell(1, col, group)
            if len(names) > 1:
                ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + len(names) - 1)
        for name in names:
            cell = ws.cell(2, col, name)
            if name in notes:
                cell.comment = Comment(notes[name], "reportgen")
            col += 1
    for row in (1, 2):
        for c in range(1, col):
            cell = ws.cell(row, c)
            cell.font = BOLD
            cell.fill = HEAD_FILL
            cell.alignment = CENTRE
            cell.border = GRID
    return col - 1


def _overview(ws: Worksheet, summary: Summary, first_problem: dict[str, int]) -> None:
    names = [f.name for f in FIGURES]
    compared = [f for f in FIGURES if f.name in COMPARED]
    groups = [
        ("报告", ["机关名称", "报告年度", "格式", "文件", "状态"]),
        ("问题", ["错误", "警告", "错误代码", "警告代码"]),
        ("本年主要数字", names),
        ("上一年度", ["上一年度文件", *(f.name for f in compared)]),
        ("比上年增减", [f.name for f in compared]),
    ]
    notes = {f.name: f"{f.note}（{f.unit}）" for f in FIGURES}
    notes["状态"] = (
        "可以生成：没有问题；有警告：可以生成，但请核对；有错误：不能生成，数字按所写列出；无法读取：文件打不开"
    )
    columns = _header(ws, groups, notes)
    first = 10  # the column of the first figure
    formats = [number_format(f) for f in FIGURES]
    formats += [""] + [number_format(f) for f in compared] + [number_format(f, True) for f in compared]
    styled = [(first + offset, fmt) for offset, fmt in enumerate(formats) if fmt]  # 上一年度文件 is text
    link = Font(color="0563C1", underline="single")
    for r, e in enumerate(summary.entries, start=3):
        last = e.last or {}
        row: list[Any] = [
            e.agency or "",
            e.year,
            f"{e.format} 年格式" if e.format else "",
            e.file,
            e.status,
            e.errors,
            e.warnings,
            _codes(e, True),
            _codes(e, False),
            *(_value(e.figures.get(n)) for n in names),
            e.previous or "",
            *(_value(last.get(f.name)) for f in compared),
            *(_value(change(e.figures.get(f.name), last.get(f.name))) for f in compared),
        ]
        ws.append(row)
        for col, fmt in styled:
            ws.cell(r, col).number_format = fmt
        fill = STATUS_FILL.get(e.status)
        if fill is not None:
            ws.cell(r, 5).fill = fill
        if e.file in first_problem:
            ws.cell(r, 4).hyperlink = f"#'问题'!A{first_problem[e.file]}"
            ws.cell(r, 4).font = link
    for col, _ in styled:
        ws.column_dimensions[get_column_letter(col)].width = 9
    widths = {1: 24, 2: 8, 3: 10, 4: 34, 5: 9, 6: 6, 7: 6, 8: 14, 9: 18, first + len(FIGURES): 30}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[2].height = 32
    ws.freeze_panes = "B3"
    ws.auto_filter.ref = f"A2:{get_column_letter(columns)}{max(2, len(summary.entries) + 2)}"


def _codes(e: Entry, errors: bool) -> str:
    return " ".join(f"{code}×{n}" if n > 1 else code for code, n in sorted(e.codes(errors).items()))


def _problems(ws: Worksheet, entries: Sequence[Entry]) -> dict[str, int]:
    """One finding a row; returns the row of each file's first finding."""
    heads = ["机关名称", "报告年度", "文件", "行", "列", "级别", "代码", "说明", "涉及的其他位置"]
    ws.append(heads)
    for c in range(1, len(heads) + 1):
        cell = ws.cell(1, c)
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, CENTRE, GRID
    first: dict[str, int] = {}
    row = 1
    for e in entries:
        for p in e.problems:
            row += 1
            first.setdefault(e.file, row)
            related = "\n".join(f"{loc}: {text}" for loc, text in p.related)
            ws.append(
                [
                    e.agency or "",
                    e.year,
                    e.file,
                    p.location.line or None,
                    p.location.column or None,
                    p.severity.value,
                    p.code,
                    p.message,
                    related,
                ]
            )
            if p.is_error:
                ws.cell(row, 6).fill = STATUS_FILL[Status.ERRORS]
    for col, width in zip("ABCDEFGHI", (22, 8, 30, 6, 5, 6, 10, 90, 50), strict=True):
        ws.column_dimensions[col].width = width
    for (cell,) in ws.iter_rows(min_row=2, min_col=8, max_col=8):
        cell.alignment = TOP
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:I{max(1, row)}"
    return first


def _totals(ws: Worksheet, totals: Sequence[Total]) -> None:
    """Each year's sum in the layout of tables 二, 三 and 四, the latest year first."""
    row = 1
    if not totals:
        ws.cell(1, 1, "没有可以汇总的报告。")
        return
    for total in totals:
        fmt = total.format
        head = ws.cell(
            row, 1, f"{total.year} 年度汇总：{len(total.files)} 份报告（{fmt.id} 年格式，{fmt.notice}）"
        )
        head.font = Font(bold=True, size=14)
        row += 1
        if total.with_errors:
            ws.cell(
                row,
                1,
                f"其中 {len(total.with_errors)} 份有错误，其数字按所写计入：" + "、".join(total.with_errors),
            ).font = Font(color="C00000")
            row += 1
        if total.missing:
            ws.cell(
                row, 1, "橙色的格子：有报告的这一格无法读取（或金额没有单位），未计入合计，见批注。"
            ).font = Font(color="C65911")
            row += 1
        if total.one_row:
            ws.cell(
                row,
                1,
                "浅蓝色的格子：有报告把这一组印成一行（没有分项），其数字计在这一组的第 1 项，见批注。",
            ).font = Font(color="2F5597")
            row += 1
        row += 1
        sections = {s.table: s.key for s in fmt.sections if s.table}
        units = {f.unit_of for f in fmt.fields if f.kind is Kind.UNIT}
        fee_in_wan = {f.id for f in fmt.fields if f.kind is Kind.AMOUNT}
        for grid_id in ("t2", "t3", "t4"):
            grid = fmt.grids[grid_id]
            ws.cell(row, 1, sections.get(grid_id, grid_id)).font = BOLD
            row += 1
            for r, placed in enumerate(grid.positions()):
                for c, cell in placed:
                    target = ws.cell(row + r, c + 1)
                    if cell.role is Role.VALUE:
                        assert cell.field is not None
                        target.value = _value(total.values.get(cell.field))
                        if cell.field in units or cell.field in fee_in_wan:
                            target.number_format = 'General"万元"' if cell.field in units else AMOUNT
                        if cell.field in total.one_row:
                            target.fill = ONE_ROW_FILL
                            target.comment = Comment(
                                "这一组只印了一行的报告，其数字计在这一项："
                                + _files(total.one_row[cell.field]),
                                "reportgen",
                            )
                        if cell.field in total.missing:
                            target.fill = MISSING_FILL
                            files = total.missing[cell.field]
                            target.comment = Comment(
                                f"{len(files)} 份报告的这一格未计入：" + _files(files), "reportgen"
                            )
                        target.alignment = CENTRE
                    else:
                        target.value = cell.text
                        target.alignment = CENTRE if cell.role is not Role.LABEL else WRAP
                        if cell.role in (Role.HEAD, Role.TITLE):
                            target.font = BOLD
                        if cell.role is Role.TITLE:
                            target.fill = TITLE_FILL
                    if cell.colspan > 1 or cell.rowspan > 1:
                        ws.merge_cells(
                            start_row=row + r,
                            start_column=c + 1,
                            end_row=row + r + cell.rowspan - 1,
                            end_column=c + cell.colspan,
                        )
                    for dr in range(cell.rowspan):
                        for dc in range(cell.colspan):
                            ws.cell(row + r + dr, c + 1 + dc).border = GRID
            row += len(grid.rows) + 1
        row += 1
    for col, width in enumerate((14, 16, 34, 11, 11, 11, 11, 11, 11, 11, 10, 10, 10, 10, 10), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _files(files: Sequence[str], most: int = 20) -> str:
    return "、".join(files[:most]) + ("……" if len(files) > most else "")


def _pairs(ws: Worksheet, summary: Summary) -> None:
    heads = [
        "报告年度",
        "部分",
        "文件甲",
        "机关甲",
        "文件乙",
        "机关乙",
        "甲的文字与乙相同",
        "乙的文字与甲相同",
    ]
    ws.append(heads)
    for c in range(1, len(heads) + 1):
        cell = ws.cell(1, c)
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, CENTRE, GRID
    from reportgen import history

    ws.cell(1, 7).comment = Comment(
        f"甲这一部分的文字中，落在与乙一字不差的连续 {history.RUN} 个字以上片段里的比例（空白不计，数字不计差别）；"
        f"任一方向达到 {history.THRESHOLD:.0%} 即列出；少于 {history.MIN_CHARS} 个字的部分不比较。",
        "reportgen",
    )
    for p in summary.pairs:
        ws.append(
            [
                p.year,
                p.section,
                p.first,
                p.first_agency,
                p.second,
                p.second_agency,
                p.first_share,
                p.second_share,
            ]
        )
    for a, b in ws.iter_rows(min_row=2, min_col=7, max_col=8):
        a.number_format = b.number_format = "0%"
    if not summary.pairs:
        ws.cell(2, 1, "没有发现雷同的报告。")
    for col, width in zip("ABCDEFGH", (8, 30, 30, 22, 30, 22, 12, 12), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:H{max(1, len(summary.pairs) + 1)}"


def _roster(ws: Worksheet, summary: Summary) -> None:
    heads = ["报告年度", "机关名称", "情况", "文件", "说明"]
    ws.append(heads)
    for c in range(1, len(heads) + 1):
        cell = ws.cell(1, c)
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, CENTRE, GRID
    assert summary.roster is not None
    for line in summary.roster:
        hint = f"名单中有“{line.hint}”，是否为同一机关？" if line.hint else ""
        ws.append([line.year, line.agency, line.status, "、".join(line.files), hint])
    if not summary.roster:
        ws.cell(2, 1, f"名单（{summary.roster_file}）上的机关都已报送，也没有名单以外的报告。")
    for col, width in zip("ABCDE", (8, 28, 12, 40, 36), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:E{max(1, len(summary.roster) + 1)}"
