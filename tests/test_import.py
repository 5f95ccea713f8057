"""reportgen import: a published report (Word, web page, PDF, text) back to the input file."""

from __future__ import annotations

from pathlib import Path

import pytest
from importread import built, said

from reportgen.published import importer

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted([*ROOT.glob("inputs/*.toml"), *ROOT.glob("tests/data/valid/*.toml")])


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
@pytest.mark.parametrize("form", ["docx", "html"])
def test_round_trip(path: Path, form: str, tmp_path: Path) -> None:
    """import(build(x)) states exactly what x states, for every sample and test input."""
    doc = built(path, tmp_path / f"report.{form}", form)
    imported = importer.read(doc)
    want = said(path.read_text(encoding="utf-8-sig"))
    got = said(imported.text)
    assert got == want


# ---------------------------------------------------------------- published the way agencies do

import publishing  # noqa: E402

SAMPLE_2021 = ROOT / "inputs" / "示例区统计局-2021.toml"
SAMPLE_2019 = ROOT / "inputs" / "2019.toml"


@pytest.mark.parametrize("sample", [SAMPLE_2019, SAMPLE_2021, ROOT / "tests/data/valid/as-published.toml"], ids=lambda p: p.stem)
@pytest.mark.parametrize("form", ["word", "page"])
def test_agency_made_files(sample: Path, form: str, tmp_path: Path) -> None:
    """A Word file made by a clerk (bold paragraphs for headings, tables merged by hand) and a
    site's page (navigation, a layout table, nbsp indents) import the values of the report."""
    blocks = publishing.layout(sample)
    made = getattr(publishing, form)(blocks, tmp_path / ("r.docx" if form == "word" else "r.html"))
    got = said(importer.read(made).text)
    want = said(sample.read_text(encoding="utf-8-sig"))
    assert got == want


def _made(sample: Path, tmp_path: Path, form: str, change, split: dict[str, int] | None = None) -> dict:
    blocks = publishing.layout(sample)
    change(blocks)
    maker = publishing.word if form == "word" else publishing.page
    made = maker(blocks, tmp_path / ("r.docx" if form == "word" else "r.html"), split)
    return said(importer.read(made).text)


def _nothing(blocks: list) -> None:
    return None


def _pad(blocks: list) -> None:
    for tab in publishing.tables(blocks).values():
        for k, c in enumerate(publishing.value_cells(tab)):
            c.text = ["\u00a0", "\u3000", " \u3000"][k % 3] + c.text + "\u00a0"


def _labels_spaced(blocks: list) -> None:
    digits = str.maketrans("0123456789", "０１２３４５６７８９")
    for tab in publishing.tables(blocks).values():
        for k, c in enumerate(publishing.label_cells(tab)):
            if len(c.text) > 4:
                c.text = [f"{c.text[:2]} {c.text[2:]}", f"{c.text[:3]}\n{c.text[3:]}", c.text.translate(digits)][k % 3]


def _blocks_of_merges(blocks: list) -> None:
    publishing.merged_in_blocks(publishing.tables(blocks)["三"])


def _extra_columns(blocks: list) -> None:
    publishing.extra_column(publishing.tables(blocks)["二"])
    publishing.extra_column(publishing.tables(blocks)["三"])


def _transposed(blocks: list) -> None:
    publishing.transposed_reviews(publishing.tables(blocks)["四"])


def _plain_headings(blocks: list) -> None:
    for b in blocks:
        if isinstance(b, publishing.Para):
            b.bold = False


QUIRKS = {
    "table split in two": (_nothing, {"三、收到和处理政府信息公开申请情况": 12, "二、主动公开政府信息情况": 5}),
    "cells padded with nbsp and full-width spaces": (_pad, None),
    "labels with spaces, line breaks, full-width digits": (_labels_spaced, None),
    "merged label column as separate merges": (_blocks_of_merges, None),
    "an extra grid column (5-column table 二)": (_extra_columns, None),
    "table 四 as three rows": (_transposed, None),
    "headings neither bold nor styled": (_plain_headings, None),
}


@pytest.mark.parametrize("quirk", list(QUIRKS))
@pytest.mark.parametrize("form", ["word", "page"])
def test_quirks_keep_every_value(quirk: str, form: str, tmp_path: Path) -> None:
    change, split = QUIRKS[quirk]
    got = _made(SAMPLE_2021, tmp_path, form, change, split)
    want = said(SAMPLE_2021.read_text(encoding="utf-8"))
    assert got["values"] == want["values"]
    assert got["sections"] == want["sections"]
    assert got["errors"] == []
