"""The sample input reproduces the seed report: every paragraph, every label, every number."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import OUTLINE, SEED
from docxread import read

from reportgen.cli import main

ARTEFACTS = ("[bookmark: _GoBack]",)


def seed_lines() -> tuple[list[str], list[str]]:
    """The seed's prose lines and its table cells, artefacts removed."""
    prose: list[str] = []
    cells: list[str] = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        if raw.startswith("\t"):
            cell = raw.strip()
            if cell and cell != "，":  # the stray final comma
                cells.append("0" if cell == "00" else cell)  # the 00 typo in table 四
            continue
        if cells and cells[-1] == "本年新":  # a header cell broken over two lines
            cells[-1] += raw.strip()
            continue
        line = raw.strip()
        for artefact in ARTEFACTS:
            line = line.replace(artefact, "")
        line = line.removeprefix("（1）").strip()  # the stray （1） before （三）
        if line and line != "，":
            prose.append(line)
    return prose, cells


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "2019.docx"
    assert main(["build", "inputs/2019.toml", "-o", str(out)]) == 0
    return out


def test_every_seed_paragraph_is_a_paragraph_in_order(built: Path) -> None:
    prose, _ = seed_lines()
    body = read(built)
    title = body.styled("title")[0]
    paragraphs = [p.replace("\n", "") if p == title else p for p in body.paragraphs() if p.strip()]
    assert paragraphs == prose


def test_table_cells_in_grid_order_are_the_seed_cells(built: Path) -> None:
    _, cells = seed_lines()
    body = read(built)
    ours = []
    for grid in body.tables:
        seen = set()
        for row in grid:
            for r, c, text in row:
                if (r, c) not in seen:
                    seen.add((r, c))
                    ours.append(text)
    assert ours == cells


def test_document_starts_with_title_and_has_six_headings(built: Path) -> None:
    body = read(built)
    assert body.styled("title") == ["鄞州区统计局2019年\n政府信息公开工作年度报告"]  # broken by meaning
    assert body.styled("h1") == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert body.styled("h2") == [
        "（一）规范政府信息主动公开",
        "（二）依法处理依申请公开",
        "（三）加强政府信息管理",
        "（四）完善信息平台建设",
        "（五）提高监督保障能力",
    ]
    assert body.outline() == OUTLINE
