"""The printed report, read back from the PDF as its reader sees it: every character, inside the page.

Both samples (2019 and 2021 formats) are built to .docx and .pdf once; the PDF's text layer
and the boxes of its lines (poppler) are compared with the document's own paragraphs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfread
import pytest
from conftest import ROOT, SAMPLE_2019
from docxread import read

from reportgen.cli import main
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
