"""Write the docxtpl template of a format: ``python -m reportgen.blueprint``.

The template is a plain Word document with Jinja tags (``{{ v['t3_r01_c1'] }}``,
``{%p for para in s1.paragraphs %}``). It is made from the format's data, so labels and
merges cannot drift from the rules; a person can still open it in Word and restyle its
named styles (报告标题, 一级标题, 二级标题, 正文, 表格文字, 表格数字, 页码). The package is
written byte-for-byte reproducibly; a test checks the committed file is what this makes.

Typography (format-spec §9): A4; margins 37/35/28/26 mm; 22 lines of 3号 text per page
(exact line pitch 28.95 pt); title 2号 方正小标宋简体; body 3号 仿宋_GB2312 indented two
characters; 一、 headings 黑体, （一） headings 楷体_GB2312; tables 五号 仿宋_GB2312; page
number "— N —" in 4号 宋体, odd pages right, even pages left.
"""

from __future__ import annotations

import sys
import zipfile
from html import escape as _escape
from pathlib import Path

from reportgen import layout
from reportgen.format import Format
from reportgen.grid import Cell, Grid, Role
from reportgen.layout import column_widths, label_lines, stacked
from reportgen.templates import FOLDER

TEMPLATES = FOLDER  # the top-level templates/ folder (reportgen.templates once installed)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MM = 1440 / 25.4  # twips per millimetre
TEXT_WIDTH = layout.TEXT_WIDTH  # 版心 156 mm
LINE = 579  # 225 mm / 22 lines = 28.95 pt, in twips

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities (``xml.sax.saxutils`` would import urllib: 50 ms)."""
    return _escape(text, quote=False)


def _fonts(east: str, latin: str = "Times New Roman") -> str:
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" '
        f'w:cs="{latin}" w:hint="eastAsia"/>'
    )


def _style(
    style_id: str, name: str, ppr: str, rpr: str, *, based: str = "a", outline: int | None = None
) -> str:
    level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based}"/><w:qFormat/>'
        f"<w:pPr>{ppr}{level}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _run_style(style_id: str, name: str, rpr: str) -> str:
    return (
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"<w:qFormat/><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


INDENT = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
# Hanging punctuation. LibreOffice (up to at least 7.4) drops a "，" that hangs past the end of
# a justified line: the character is missing from the PDF page and its text layer. Its docx
# import reads w:overflowPunct inverted (on → no hanging; off or absent → hanging), while
# Word reads "on" as its own default (允许标点溢出边界). So "on" keeps Word as it always is
# and makes LibreOffice push the character before a line-end "，" to the next line instead.
NO_HANGING_IN_LIBREOFFICE = '<w:overflowPunct w:val="1"/>'
EXACT = f'<w:spacing w:line="{LINE}" w:lineRule="exact"/>'
TABLE_SPACING = '<w:snapToGrid w:val="0"/><w:spacing w:line="320" w:lineRule="exact"/>'


def styles_xml() -> str:
    body = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/>'
        # widow control: the last line of a paragraph never stands alone at the top of a page
        # ("性。" did), nor its first line alone at the foot of one; such a page is a line short
        f'<w:pPr><w:widowControl/>{NO_HANGING_IN_LIBREOFFICE}{EXACT}<w:jc w:val="both"/></w:pPr>'
        f'<w:rPr>{_fonts(FANGSONG)}<w:color w:val="000000"/><w:kern w:val="2"/>{_size(32)}'
        # digits and Latin words typeset by Western rules ("100%" never breaks before "%", which
        # LibreOffice allows under zh-CN); the document's own language is zh-CN (docDefaults)
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:style>',
        _style(
            "title",
            "报告标题",
            # off the document grid: on it, a 2号 line takes two grid lines (57.9 pt apart)
            f'<w:snapToGrid w:val="0"/><w:spacing w:after="{LINE}" w:line="{LINE}" w:lineRule="exact"/>'
            '<w:jc w:val="center"/>',
            _fonts(XIAOBIAOSONG, XIAOBIAOSONG) + _size(44),  # digits in the title face too
        ),
        _style("body", "正文", INDENT, ""),
        _style("byline", "署名", '<w:jc w:val="center"/>', _fonts(KAITI)),
        _style("closing", "落款", '<w:jc w:val="right"/>', ""),
        _style("h1", "一级标题", f"<w:keepNext/>{INDENT}", _fonts(HEITI), outline=0),
        _style("h2", "二级标题", f"<w:keepNext/>{INDENT}", _fonts(KAITI), outline=1),
        _style("cell", "表格文字", f'<w:jc w:val="left"/>{TABLE_SPACING}', _size(21)),
        _style("num", "表格数字", '<w:jc w:val="center"/>', "", based="cell"),
        _style("head", "表格表头", '<w:jc w:val="center"/>', _fonts(HEITI), based="cell"),
        # the space between a table and what follows it: half a line (the text after it then
        # takes the next line of the page grid)
        _style("gap", "表后空白", f'<w:snapToGrid w:val="0"/><w:spacing w:line="{LINE // 2}" w:lineRule="exact"/>', ""),
        _style(
            "pageno",
            "页码",
            '<w:spacing w:line="240" w:lineRule="auto"/>',
            _fonts(SONGTI, SONGTI) + _size(28),
        ),
        _run_style("h2run", "段首标题", _fonts(KAITI)),
        _run_style("h2bold", "段首标题（加粗）", "<w:b/><w:bCs/>"),
        _run_style("h2hei", "段首标题（黑体）", _fonts(HEITI)),
        '<w:style w:type="table" w:default="1" w:styleId="tbl"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
        '<w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        # the document's language (the PDF's /Lang): zh-CN
        f'{_fonts(FANGSONG)}{_size(32)}<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>" + "".join(body) + "</w:styles>"
    )


def _p(text: str, style: str, *, keep: bool = False, centre: bool = False, before: int = 0) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep else "")
    ppr += f'<w:spacing w:before="{before}"/>' if before else ""
    ppr += '<w:jc w:val="center"/>' if centre else ""
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>"


def _tag(tag: str) -> str:
    """A paragraph holding only a ``{%p … %}`` tag: docxtpl removes the paragraph itself."""
    return f"<w:p><w:r><w:t>{tag}</w:t></w:r></w:p>"


def _loop(var: str, seq: str, style: str) -> str:
    return _tag(f"{{%p for {var} in {seq} %}}") + _p(f"{{{{ {var} }}}}", style) + _tag("{%p endfor %}")


def _when(test: str, body: str) -> str:
    return _tag(f"{{%p if {test} %}}") + body + _tag("{%p endif %}")


def _subsections(parent: str) -> str:
    """The 小节 of a section or an added part: a heading paragraph, or a heading run into the text."""
    lead = (
        '<w:p><w:pPr><w:pStyle w:val="body"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="{{ run_style }}"/></w:rPr><w:t xml:space="preserve">{{ lead }}</w:t></w:r>'
        '<w:r><w:t xml:space="preserve">{{ para }}</w:t></w:r></w:p>'
    )
    return (
        _tag(f"{{%p for sub in {parent}.subsections %}}")
        + _when("sub.heading", _p("{{ sub.heading }}", "h2"))
        + _tag("{%p for lead, para in sub.runs %}")
        + lead
        + _tag("{%p endfor %}")
        + _tag("{%p endfor %}")
    )


def _parts(seq: str) -> str:
    """Parts an agency printed beyond the six (增加部分): a level-1 heading, prose and 小节."""
    return (
        _tag(f"{{%p for part in {seq} %}}")
        + _p("{{ part.heading }}", "h1")
        + _loop("para", "part.paragraphs", "body")
        + _subsections("part")
        + _tag("{%p endfor %}")
    )


BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


KEEP_SPAN = 10  # rows: a merged group of at most this many rows is kept on one page
CELL_LINE = 320  # twips: the exact line of table text (TABLE_SPACING)
CELL_PAD = 2 * 28  # twips: a cell's top and bottom margins (the table style's tblCellMar)


def kept_rows(grid: Grid) -> set[int]:
    """The rows kept on the page of the row after them: all but the last of a short table
    (table 二, with its heading), within a merged group of at most KEEP_SPAN rows, and the
    first rows beside a stacked label, as many as it needs."""
    if grid.whole:
        return set(range(len(grid.rows) - 1))
    widths = column_widths(grid)
    kept: set[int] = set()
    for r, row in enumerate(grid.positions()):
        for c, cell in row:
            if 1 < cell.rowspan <= KEEP_SPAN:
                kept.update(range(r, r + cell.rowspan - 1))
            elif cell.rowspan > KEEP_SPAN and stacked(cell, sum(widths[c : c + cell.colspan])):
                # a stacked label (三、本年度办理结果) starts on a page with rows enough to hold it
                height = len(label_lines(cell, sum(widths[c : c + cell.colspan]))) * CELL_LINE
                kept.update(range(r, r + min(cell.rowspan, -(-height // (CELL_LINE + CELL_PAD)) + 1) - 1))
    return kept


def row_lines(grid: Grid) -> list[int]:
    """How many lines of text each row of ``grid`` prints (its tallest one-row cell)."""
    widths = column_widths(grid)
    out = [1] * len(grid.rows)
    for r, row in enumerate(grid.positions()):
        for c, cell in row:
            if cell.rowspan == 1 and cell.role is not Role.VALUE:
                out[r] = max(out[r], len(label_lines(cell, sum(widths[c : c + cell.colspan]))))
    return out


def centring(grid: Grid) -> dict[tuple[int, int], int]:
    """(row, column) → the space before a cell's text that centres it in its rows, in twips.

    Cells are centred by w:vAlign, but LibreOffice ignores it in the last row of a page when
    a merged cell runs on to the next page (the row counts as split there): the last group
    label ("（五）/ 不予处理") and the numbers of a two-line row then stand at the top. So the
    cells that need it — a group label over several rows, a number beside a taller label —
    are set at the top with this space before them, the same in every word processor.
    Measured with the official labels: a report printing another label of another length
    (印出的文字) may stand a little off the middle."""
    widths = column_widths(grid)
    lines = row_lines(grid)
    out: dict[tuple[int, int], int] = {}
    for r, row in enumerate(grid.positions()):
        for c, cell in row:
            height = sum(n * CELL_LINE + CELL_PAD for n in lines[r : r + cell.rowspan]) - CELL_PAD
            if cell.role is Role.VALUE:
                own = 1
            elif stacked(cell, sum(widths[c : c + cell.colspan])):
                continue  # it runs over many rows (and pages)
            else:
                own = len(label_lines(cell, sum(widths[c : c + cell.colspan])))
            space = (height - own * CELL_LINE) // 2
            if space > 0:
                out[(r, c)] = space
    return out


def table_xml(grid: Grid) -> str:
    """A table of the template, its merges from the grid.

    A row group that a report may print as one row (:class:`~reportgen.grid.Group`) is written
    twice, each behind a ``{%tr if %}`` on ``collapsed['<grid>.<row>']``: its rows, and the single row.
    """
    widths = column_widths(grid)
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="tbl"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    matrix = grid.matrix()
    starts = {g.first: g for g in grid.groups}
    ends = {g.first + g.count - 1: g for g in grid.groups}
    for r in range(len(matrix)):
        if r in starts:
            out.append(_tag_row(f"{{%tr if not collapsed['{grid.id}.{r}'] %}}"))
        out.append(_row_xml(grid, matrix, r, widths))
        if r in ends:
            g = ends[r]
            single = grid.collapse(frozenset({g.label}))
            out += [
                _tag_row("{%tr endif %}"),
                _tag_row(f"{{%tr if collapsed['{grid.id}.{g.first}'] %}}"),
                _row_xml(single, single.matrix(), g.first, widths),
                _tag_row("{%tr endif %}"),
            ]
    out.append("</w:tbl>")
    return "".join(out)


def _tag_row(tag: str) -> str:
    """A row holding only a ``{%tr … %}`` tag: docxtpl replaces the whole row with the tag."""
    return f"<w:tr><w:tc>{_tag(tag)}</w:tc></w:tr>"


def _row_xml(grid: Grid, matrix: list[list[tuple[int, int, Cell]]], r: int, widths: list[int]) -> str:
    """Row ``r``: kept with the next one where :func:`kept_rows` says, its cells centred
    (by w:vAlign, or by the space :func:`centring` gives)."""
    header = "<w:tblHeader/>" if r < grid.header_rows else ""
    keep = r in kept_rows(grid)
    spaced = centring(grid)
    out = [f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>"]
    row = matrix[r]
    c = 0
    while c < grid.columns:
        orow, ocol, cell = row[c]
        width = sum(widths[ocol : ocol + cell.colspan])
        before = spaced.get((orow, ocol), 0)
        if orow == r:
            merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
            content = _cell_paragraph(cell, grid.id, f"{r}.{c}", keep, before, stacked(cell, width))
        else:
            merge, content = "<w:vMerge/>", _p("", "cell", keep=keep)
        span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
        shade = '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>' if cell.role is Role.TITLE else ""
        align = "top" if before else "center"
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}{shade}'
            f'<w:vAlign w:val="{align}"/></w:tcPr>{content}</w:tc>'
        )
        c = ocol + cell.colspan
    out.append("</w:tr>")
    return "".join(out)


def _cell_paragraph(cell: Cell, grid_id: str, at: str, keep: bool, before: int, centre: bool) -> str:
    """A value, or a label or header printed as the report has it (the official text by default).

    Labels are looked up by position (``at``: "row.column" of the cell's origin), not by their
    text: docxtpl rewrites curly quotes inside tags, and labels hold them (“三安全一稳定”).
    """
    if cell.role is Role.VALUE:
        return _p(f"{{{{ v['{cell.field}'] }}}}", "num", keep=keep, before=before)
    style = {Role.TITLE: "head", Role.HEAD: "head", Role.LABEL: "cell"}[cell.role]
    return _p(f"{{{{ label['{grid_id}']['{at}'] }}}}", style, keep=keep, centre=centre, before=before)

def document_xml(fmt: Format) -> str:
    body = [
        _p("{{ title_broken }}", "title"),
        _loop("line", "byline", "byline"),
        _loop("para", "preamble", "body"),
        _parts("front"),
    ]
    for n, spec in enumerate(fmt.sections, start=1):
        s = f"s{n}"
        body += [
            _when(f"{s}.heading", _p(f"{{{{ {s}.heading }}}}", "h1")),
            _loop("para", f"{s}.paragraphs", "body"),
            _subsections(s),
        ]
        if spec.table:
            body += [table_xml(fmt.grids[spec.table]), _p("", "gap")]
        body += [_loop("para", f"{s}.after", "body"), _parts(f"{s}.extras")]
    body += [_when("closing", _p("", "body")), _loop("line", "closing", "closing")]
    sect = (
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
        '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        f'<w:pgMar w:top="{round(37 * MM)}" w:right="{round(26 * MM)}" w:bottom="{round(35 * MM)}" '
        f'w:left="{round(28 * MM)}" w:header="851" w:footer="{round(35 * MM) - round(7 * MM) - 280}" w:gutter="0"/>'
        f'<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>'
    )


def footer_xml(align: str) -> str:
    indent = f'<w:ind w:{"right" if align == "right" else "left"}Chars="100" w:{"right" if align == "right" else "left"}="280"/>'

    def run(t: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>'

    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f'<w:p><w:pPr><w:pStyle w:val="pageno"/><w:jc w:val="{align}"/>{indent}</w:pPr>'
        + run("— ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + run(" —")
        + "</w:p></w:ftr>"
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>'
    "</Relationships>"
)
SETTINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
    '<w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
)


def core_xml(fmt: Format) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:title>{{ properties.title }}</dc:title>"
        f"<dc:subject>政府信息公开工作年度报告（{escape(fmt.notice)}）</dc:subject>"
        "<dc:creator>{{ properties.author }}</dc:creator><dc:language>zh-CN</dc:language>"
        "</cp:coreProperties>"
    )


def parts(fmt: Format) -> dict[str, str]:
    """Every part of the template package, by name, in package order."""
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": core_xml(fmt),
        "word/document.xml": document_xml(fmt),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(),
        "word/settings.xml": SETTINGS,
        "word/footer1.xml": footer_xml("right"),
        "word/footer2.xml": footer_xml("left"),
    }


def write(fmt: Format, path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts(fmt).items():
            info = zipfile.ZipInfo(name, date_time=(2019, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def main() -> int:
    from reportgen.formats import FORMATS
    from reportgen.render.docx import write_prepared

    TEMPLATES.mkdir(exist_ok=True)
    for fmt in FORMATS.values():
        path = TEMPLATES / fmt.template
        write(fmt, path)
        print(f"wrote {path}")
        print(f"wrote {write_prepared(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
