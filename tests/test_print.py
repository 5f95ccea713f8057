"""The printed report, read back from the PDF as its reader sees it: every character, inside the page.

Both samples (2019 and 2021 formats) are built to .docx and .pdf once; the PDF's text layer
and the boxes of its lines (poppler) are compared with the document's own paragraphs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfread
import pytest
from conftest import ROOT, SAMPLE_2019
from docxread import read

from reportgen.cli import main
from reportgen.grid import Role
from reportgen.render import pdf

SAMPLE_2021 = ROOT / "inputs" / "示例区统计局-2021.toml"
PROSE = ("title", "body", "h1", "h2")  # the styles of the paragraphs that are prose, not table cells

pytestmark = pytest.mark.skipif(
    pdf.soffice() is None or not pdfread.HAVE_POPPLER,
    reason="LibreOffice (soffice) or poppler-utils is not installed: bash scripts/system-packages",
)


@pytest.fixture(scope="module", params=[SAMPLE_2019, SAMPLE_2021], ids=["2019", "2021"])
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the .docx, the .pdf) of one sample."""
    out = tmp_path_factory.mktemp("print")
    source = out / Path(request.param).name
    shutil.copy(request.param, source)
    assert main(["build", str(source), "--to", "docx,pdf", "-o", str(out / "r.docx")]) == 0
    return out / "r.docx", out / "r.pdf"


def test_every_prose_paragraph_is_in_the_text_layer_character_for_character(printed) -> None:
    docx, pdf_path = printed
    layer = pdfread.flat(pdfread.text(pdf_path))
    at = 0
    for _kind, style, text in (i for i in read(docx).items if i[0] == "p"):
        want = pdfread.flat(text)
        if style not in PROSE or not want:
            continue
        found = layer.find(want, at)
        if found < 0:
            k = len(want)
            while k and layer.find(want[:k], at) < 0:
                k -= 1
            pytest.fail(f"paragraph not in the PDF as written; it differs after {want[:k]!r}: {want[k:k + 12]!r}…")
        at = found + len(want)


def test_no_character_stands_in_the_margins(printed) -> None:
    _, pdf_path = printed
    slack = 0.6  # points: the glyph boxes of a justified line end within a hair of the type area
    outside = [
        line
        for line in pdfread.lines(pdf_path)
        if line.y1 < pdfread.PAGE_H - pdfread.BOTTOM  # the page number stands in the foot margin
        and (line.x0 < pdfread.LEFT - slack or line.x1 > pdfread.PAGE_W - pdfread.RIGHT + slack)
    ]
    assert outside == []


NO_LINE_START = set("，。、；：？！）》」』”’〕】%")  # kinsoku: never the first character of a line
NO_LINE_END = set("（《「『“‘〔【")  # never the last


def body_lines(pdf_path: Path) -> list[pdfread.Line]:
    return [line for line in pdfread.lines(pdf_path) if line.y1 < pdfread.PAGE_H - pdfread.BOTTOM]


def test_no_line_begins_or_ends_with_a_forbidden_character(printed) -> None:
    _, pdf_path = printed
    wrong = [
        line.text
        for line in body_lines(pdf_path)
        if line.text and (line.text[0] in NO_LINE_START or line.text[-1] in NO_LINE_END)
    ]
    assert wrong == []


def test_title_is_broken_by_meaning_at_the_exact_line_pitch(printed) -> None:
    docx, pdf_path = printed
    title = read(docx).styled("title")[0]
    first, second, *_ = body_lines(pdf_path)
    expected = title.split("\n")
    assert [pdfread.flat(first.text), pdfread.flat(second.text)] == expected
    assert expected[1] == "政府信息公开工作年度报告"  # after the agency and year, nothing left alone
    pitch = 28.95  # the title style's exact line spacing, the body's grid pitch
    assert second.y1 - first.y1 == pytest.approx(pitch, abs=0.6)
    centre = (pdfread.LEFT + pdfread.PAGE_W - pdfread.RIGHT) / 2
    for line in (first, second):
        assert (line.x0 + line.x1) / 2 == pytest.approx(centre, abs=2)


def test_title_face_is_bold_where_the_fonts_allow(printed) -> None:
    _, pdf_path = printed
    faces = subprocess.run(["fc-list", ":style=Bold", "family"], capture_output=True, text=True).stdout
    if "Noto Serif CJK SC" not in faces:
        pytest.skip("Noto Serif CJK SC Bold is not installed: apt-get install fonts-noto-cjk")
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifCJK" in fonts and "-Bold" in fonts  # 方正小标宋简体 → Noto Serif CJK SC Bold


def test_pdf_metadata_is_the_report_s(printed) -> None:
    docx, pdf_path = printed
    title = read(docx).styled("title")[0].replace("\n", "")
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == title
    assert fields["Author"].strip() == title[: title.index("20")]  # the agency
    assert re.search(rb"/Lang\s*\(zh-CN\)", pdf_path.read_bytes())


def printed_labels(docx: Path):
    """The report's format and, for every fixed table label, the lines it is printed in."""
    from reportgen import layout
    from reportgen.formats import FORMATS

    fmt = FORMATS["2021" if "2021" in read(docx).styled("title")[0] else "2019"]
    out: dict[str, list[str]] = {}
    for grid in fmt.grids.values():
        widths = layout.column_widths(grid)
        for row in grid.positions():
            for c, cell in row:
                if cell.role is not Role.VALUE and cell.text:
                    out[cell.text] = layout.label_lines(cell, sum(widths[c : c + cell.colspan]))
    return fmt, out


def test_table_labels_are_printed_in_their_measured_lines(printed) -> None:
    docx, pdf_path = printed
    _, intended = printed_labels(docx)
    allowed = {line for lines in intended.values() for line in lines} | set(intended)
    stray = [
        w.text
        for w in pdfread.words(pdf_path)
        if w.y1 - w.y0 < 14  # table text (五号); prose is 三号
        and w.text not in allowed and any(w.text in label for label in intended) and len(w.text) <= 12
        and not w.text.isdigit()
    ]
    assert stray == []  # e.g. "人" of "自然 / 人", "息" of "…内部事务信 / 息", "、"


def test_a_group_of_rows_and_table_2_stay_on_one_page(printed) -> None:
    docx, pdf_path = printed
    fmt, intended = printed_labels(docx)
    found = pdfread.words(pdf_path)

    def page_of(text: str) -> int:
        first = intended.get(text, [text])[0]
        pages = {w.page for w in found if w.text == first}
        assert pages, text
        return min(pages)

    t2 = fmt.grids["t2"]
    t2_labels = [cell.text for row in t2.rows for cell in row if cell.role is Role.LABEL]
    assert {page_of(t) for t in t2_labels} == {page_of("信息内容")}  # table 二 whole
    heading = next(line for line in body_lines(pdf_path) if pdfread.flat(line.text) == "二、主动公开政府信息情况")
    assert heading.page == page_of(t2_labels[0])  # with its heading
    for row in fmt.grids["t3"].positions():
        for _c, cell in row:
            if cell.role is Role.LABEL and 1 < cell.rowspan <= 10:  # an outcome group, e.g. （五）不予处理
                rows = fmt.grids["t3"].rows
                start = next(r for r, cells in enumerate(rows) if cell in cells)
                items = [c.text for r in rows[start : start + cell.rowspan] for c in r if c.role is Role.LABEL and c is not cell and c.rowspan == 1]
                assert {page_of(t) for t in items} == {page_of(cell.text)}, cell.text


def test_the_heading_after_a_table_does_not_touch_it(printed) -> None:
    _, pdf_path = printed
    lines = body_lines(pdf_path)
    for n, line in enumerate(lines):
        if pdfread.flat(line.text) in ("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"):
            same_page = [x for x in lines[:n] if x.page == line.page]
            if not same_page:
                continue  # the table ended its page
            above = max(same_page, key=lambda x: x.y1)
            assert line.y0 - above.y1 >= 12, (line.text, line.y0 - above.y1)  # was ≈ 6 pt: touching


def test_group_labels_stand_in_the_middle_of_their_rows(printed) -> None:
    docx, pdf_path = printed
    fmt, intended = printed_labels(docx)
    small = [w for w in pdfread.words(pdf_path) if w.y1 - w.y0 < 14]

    def find(line: str) -> pdfread.Word:
        (word,) = [w for w in small if w.text == line]
        return word

    grid = fmt.grids["t3"]
    for r, row in enumerate(grid.positions()):
        for _c, cell in row:
            if cell.role is not Role.LABEL or not 1 < cell.rowspan <= 10:
                continue
            items = [c.text for cells in grid.rows[r : r + cell.rowspan] for c in cells if c.role is Role.LABEL and c is not cell]
            top = find(intended[items[0]][0])
            bottom = find(intended[items[-1]][-1])
            label = [find(line) for line in intended[cell.text]]
            middle = (label[0].y0 + label[-1].y1) / 2
            assert middle == pytest.approx((top.y0 + bottom.y1) / 2, abs=3), cell.text  # (四) stood at the top


def test_no_paragraph_leaves_its_last_line_alone_on_a_new_page(printed) -> None:
    _, pdf_path = printed
    prose = [line for line in body_lines(pdf_path) if line.y1 - line.y0 >= 14]  # 三号 text, not tables
    for page in sorted({line.page for line in prose})[1:]:
        first, *rest = [line for line in prose if line.page == page]
        continues = first.x0 < pdfread.LEFT + 5  # not indented: the tail of last page's paragraph
        if continues:
            assert rest and rest[0].x0 < pdfread.LEFT + 5, (page, first.text)  # "性。" stood alone


def test_the_stacked_label_is_printed_whole_on_one_page(printed) -> None:
    docx, pdf_path = printed
    _, intended = printed_labels(docx)
    stack = intended["三、本年度办理结果"]
    small = [w for w in pdfread.words(pdf_path) if w.y1 - w.y0 < 14]
    found = [[w for w in small if w.text == line] for line in stack]
    assert all(len(f) == 1 for f in found), stack  # each line once: "三、" together, never "、" alone
    assert len({f[0].page for f in found}) == 1
    tops = [f[0].y0 for f in found]
    assert tops == sorted(tops)  # one under the other
