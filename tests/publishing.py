"""Published reports made for the tests, the way agencies make them (not the way reportgen does).

:func:`layout` lays a report out as blocks (paragraphs; tables as rows of spanned cells, from
the format's grids); the quirks below change that layout as real files do; :func:`word` writes
it with python-docx as a clerk's Word file (Normal style, headings as bold paragraphs, tables
merged by hand) and :func:`page` as a web page (site navigation around it, the report in a
layout table).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen import pipeline
from reportgen.grid import Role
from reportgen.render.context import cell_text


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    label: bool = True
    field: str = ""  # the value's field id


@dataclass
class Para:
    text: str
    bold: bool = False  # the whole paragraph (a heading)
    lead: str = ""  # a bold run-in heading before the text
    align: str = ""


@dataclass
class Tab:
    section: str
    rows: list[list[Cell]] = field(default_factory=list)


def layout(path: Path) -> list[Para | Tab]:
    checked = pipeline.check(path, prev=None)
    report, values = checked.report, checked.values
    printed = cell_text(report, values)
    blocks: list[Para | Tab] = [Para(line, bold=True, align="center") for line in report.title.split("\n")]
    blocks += [Para(b, align="center") for b in report.byline]
    blocks += [Para(p) for p in report.preamble]
    for s in report.sections:
        if s.heading:
            blocks.append(Para(s.heading, bold=True))
        blocks += [Para(p) for p in s.paragraphs]
        for sub in s.subsections:
            if sub.run_in:
                first, *rest = sub.paragraphs or ("",)
                blocks.append(Para(first, lead=sub.heading))
                blocks += [Para(p) for p in rest]
            else:
                blocks.append(Para(sub.heading, bold=True))
                blocks += [Para(p) for p in sub.paragraphs]
        if s.spec.table:
            grid = report.format.grids[s.spec.table]
            tab = Tab(s.spec.key)
            for row in grid.rows:
                tab.rows.append(
                    [
                        Cell(
                            printed[c.field] if c.field else report.labels.get(c.text, c.text),
                            c.colspan,
                            c.rowspan,
                            c.role is not Role.VALUE,
                            c.field or "",
                        )
                        for c in row
                    ]
                )
            blocks.append(tab)
        blocks += [Para(p) for p in s.after]
    blocks += [Para(line, align="right") for line in report.closing]
    return blocks


def matrix(tab: Tab) -> list[list[tuple[int, int] | None]]:
    """Grid position → (row, index) of the cell covering it in ``tab.rows``."""
    width = sum(c.colspan for c in tab.rows[0])
    out: list[list[tuple[int, int] | None]] = [[None] * width for _ in tab.rows]
    for r, row in enumerate(tab.rows):
        col = 0
        for k, cell in enumerate(row):
            while col < width and out[r][col] is not None:
                col += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    out[r + dr][col + dc] = (r, k)
            col += cell.colspan
    return out


# ---------------------------------------------------------------- writing


def word(
    blocks: list[Para | Tab], path: Path, split: dict[str, int] | None = None, lead_face: str = "楷体"
) -> Path:
    """A Word file as a clerk makes one; ``split``: section → row at which its table is cut in
    two; ``lead_face``: how run-in headings are set off (楷体, 加粗, 黑体)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    d = docx.Document()
    aligns = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
    for b in blocks:
        if isinstance(b, Para):
            p = d.add_paragraph()
            if b.align:
                p.alignment = aligns[b.align]
            if b.lead:
                lead = p.add_run(b.lead)
                if lead_face == "加粗":
                    lead.bold = True
                else:
                    lead.font.name = lead_face
                    lead._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), lead_face)
            lines = b.text.split("\n")
            for k, line in enumerate(lines):
                run = p.add_run(line)
                run.bold = b.bold
                if k < len(lines) - 1:
                    run.add_break()
            continue
        cut = (split or {}).get(b.section)
        pieces = [b] if cut is None else _cut(b, cut)
        for k, piece in enumerate(pieces):
            if k:
                d.add_paragraph()  # Word needs something between two tables, or it joins them
            _word_table(d, piece)
    d.save(str(path))
    return path


def _cut(tab: Tab, at: int) -> list[Tab]:
    """A table cut in two at row ``at``: merged cells crossing the cut restart below it."""
    top = Tab(tab.section, [])
    bottom = Tab(tab.section, [])
    for r, row in enumerate(tab.rows):
        if r < at:
            top.rows.append([replace(c, rowspan=min(c.rowspan, at - r)) for c in row])
        else:
            bottom.rows.append([replace(c) for c in row])
    # cells spanning the cut: repeat them at the top of the lower piece
    m = matrix(tab)
    carried: dict[int, Cell] = {}
    for col, origin in enumerate(m[at]):
        if origin is not None and origin[0] < at:
            cell = tab.rows[origin[0]][origin[1]]
            carried[col] = replace(cell, rowspan=origin[0] + cell.rowspan - at)
    if carried:
        first = bottom.rows[0]
        merged: list[Cell] = []
        k = 0
        col = 0
        width = len(m[0])
        while col < width:
            if col in carried:
                merged.append(carried[col])
                col += carried[col].colspan
            else:
                merged.append(first[k])
                col += first[k].colspan
                k += 1
        bottom.rows[0] = merged
    return [top, bottom]


def _word_table(d: object, tab: Tab) -> None:
    m = matrix(tab)
    width = len(m[0])
    table = d.add_table(rows=len(tab.rows), cols=width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    done = set()
    for r in range(len(tab.rows)):
        for c in range(width):
            origin = m[r][c]
            if origin is None or origin in done:
                continue
            done.add(origin)
            cell = tab.rows[origin[0]][origin[1]]
            target = table.cell(r, c)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            lines = cell.text.split("\n")
            target.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)


def page(blocks: list[Para | Tab], path: Path, split: dict[str, int] | None = None) -> Path:
    """A web page as a county site publishes one: navigation, a layout table holding the
    article, paragraphs indented with no-break spaces, a footer."""
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府信息公开</title></head><body>",
        "<div class='nav'><a href='/'>首页</a> &gt; <a href='/xxgk'>政府信息公开</a> &gt; 年度报告</div>",
        "<table width='100%'><tr><td class='left'><ul><li>机构概况</li><li>政策文件</li></ul></td>",
        "<td class='main'><div class='article'>",
    ]
    for b in blocks:
        if isinstance(b, Para):
            style = f" style='text-align:{b.align}'" if b.align else ""
            text = "<br>".join(html.escape(x) for x in b.text.split("\n"))
            if b.bold:
                text = f"<strong>{text}</strong>"
            if b.lead:
                text = f"<span style='font-family:楷体_GB2312,KaiTi'>{html.escape(b.lead)}</span>{text}"
            out.append(f"<p{style}>&nbsp;&nbsp;&nbsp;&nbsp;{text}</p>")
            continue
        cut = (split or {}).get(b.section)
        for piece in [b] if cut is None else _cut(b, cut):
            out.append("<table border='1' cellspacing='0'>")
            for row in piece.rows:
                cells = "".join(
                    f"<td colspan='{c.colspan}' rowspan='{c.rowspan}'>{'<br>'.join(html.escape(x) for x in c.text.split(chr(10)))}</td>"
                    for c in row
                )
                out.append(f"<tr>{cells}</tr>")
            out.append("</table>")
    out += [
        "</div></td></tr></table>",
        "<div class='footer'><p>【打印本页】【关闭窗口】</p><p>主办单位：示例区人民政府办公室</p></div>",
        "</body></html>",
    ]
    path.write_text("\n".join(out), encoding="utf-8")
    return path


# ---------------------------------------------------------------- what real files do


def tables(blocks: list[Para | Tab]) -> dict[str, Tab]:
    return {b.section[0]: b for b in blocks if isinstance(b, Tab)}


def value_cells(tab: Tab) -> list[Cell]:
    return [c for row in tab.rows for c in row if not c.label]


def label_cells(tab: Tab) -> list[Cell]:
    return [c for row in tab.rows for c in row if c.label]


def merged_in_blocks(tab: Tab, size: int = 4) -> None:
    """Every tall merged label (三、本年度办理结果) written as several merges of ``size`` rows."""
    out: list[list[Cell]] = [list(row) for row in tab.rows]
    for r, row in enumerate(tab.rows):
        for k, cell in enumerate(row):
            if cell.label and cell.rowspan > size:
                total = cell.rowspan
                out[r][k] = replace(cell, rowspan=size)
                start = r + size
                while start < r + total:
                    span = min(size, r + total - start)
                    # the continuation goes where the column starts in that row
                    col = _column_of(tab, r, k)
                    out[start].insert(_index_at(tab, start, col), replace(cell, rowspan=span))
                    start += span
    tab.rows = out


def _column_of(tab: Tab, r: int, k: int) -> int:
    m = matrix(tab)
    return next(c for c, o in enumerate(m[r]) if o == (r, k))


def _index_at(tab: Tab, r: int, col: int) -> int:
    m = matrix(tab)
    return len({o for o in m[r][:col] if o is not None and o[0] == r})


def extra_column(tab: Tab) -> None:
    """One more (empty) grid column on the right of every row."""
    for row in tab.rows:
        if row[-1].colspan == sum(c.colspan for c in tab.rows[0]) and len(row) == 1:
            row[-1].colspan += 1  # a title row across the table
        else:
            row.append(Cell("", label=True))


def transposed_reviews(tab: Tab) -> None:
    """Table 四 as three rows (行政复议, 未经复议直接起诉, 复议后起诉) of five results each."""
    numbers = [c.text for c in value_cells(tab)]
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    tab.rows = [[Cell("", label=True), *(Cell(h) for h in heads)]]
    for k, name in enumerate(["行政复议", "未经复议直接起诉", "复议后起诉"]):
        tab.rows.append([Cell(name), *(Cell(n, label=False) for n in numbers[5 * k : 5 * k + 5])])


def cell(blocks: list[Para | Tab], field_id: str) -> Cell:
    return next(c for t in tables(blocks).values() for c in value_cells(t) if c.field == field_id)
