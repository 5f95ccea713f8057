"""Table labels as printed: measured against their columns, broken by meaning, no orphans.

Every label and header of every table is measured (reportgen.linebreak: a Chinese character
one em of 五号 text, a digit half) against the width its column gives it, less the cell's
margins: each printed line fits, and no line leaves one or two characters alone. The
documents carry exactly these breaks, so Word and LibreOffice have nothing left
to wrap. tests/test_print.py reads the same labels back from the PDF.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import ROOT
from lxml import etree

from reportgen import layout, linebreak
from reportgen.formats import FORMATS
from reportgen.grid import Role

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def labels(fmt):
    """(grid id, cell, width in twips, printed lines) of every fixed label and header."""
    for grid in fmt.grids.values():
        widths = layout.column_widths(grid)
        for row in grid.positions():
            for c, cell in row:
                if cell.role is Role.VALUE or not cell.text:
                    continue
                width = sum(widths[c : c + cell.colspan])
                yield grid.id, cell, width, layout.label_lines(cell, width)


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=lambda f: f.id)
def test_every_label_line_fits_its_column_and_none_is_an_orphan(fmt) -> None:
    for grid_id, cell, width, lines in labels(fmt):
        assert "".join(lines) == cell.text
        if layout.stacked(cell, width):
            assert all(len(line.rstrip("、，。")) == 1 for line in lines), (grid_id, lines)
            continue
        room = layout.capacity(width)
        assert all(linebreak.ems(line) <= room for line in lines), (grid_id, lines, room)
        assert not linebreak.orphaned(lines), (grid_id, lines)


@pytest.mark.parametrize(
    ("fmt_id", "sample"), [("2019", "2019.toml"), ("2021", "示例区统计局-2021.toml")], ids=["2019", "2021"]
)
def test_the_document_carries_the_measured_breaks(fmt_id: str, sample: str) -> None:
    from reportgen import pipeline

    data = pipeline.render_docx(pipeline.check(ROOT / "inputs" / sample))
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    printed = set()
    for p in xml.iter(f"{W}p"):
        if p.getparent().tag != f"{W}tc":
            continue
        parts, line = [], ""
        for el in p.iter(f"{W}t", f"{W}br"):
            if el.tag == f"{W}br":
                parts.append(line)
                line = ""
            else:
                line += el.text or ""
        printed.add(tuple([*parts, line]))
    for grid_id, _cell, _width, lines in labels(FORMATS[fmt_id]):
        assert tuple(lines) in printed, (grid_id, lines)


def test_known_labels_print_as_a_reader_expects() -> None:
    got = {cell.text: lines for _g, cell, _w, lines in labels(FORMATS["2021"])}
    assert got["三、本年度办理结果"][:2] == ["三、", "本"]  # stacked, "、" never alone
    assert got["自然人"] == ["自然人"]
    assert got["社会公益组织"] == ["社会", "公益", "组织"]
    assert got["（三）不予公开"] == ["（三）", "不予公开"]
    assert got["5.属于三类内部事务信息"] == ["5.属于三类内部事务信息"]
    assert got["3.危及“三安全一稳定”"] == ["3.危及“三安全一稳定”"]
