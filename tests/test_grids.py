"""The tables of the 2019 format, read back from the .docx XML, against format-spec §4.1, §5, §6.

The expected layouts are transcribed from the spec here, independently of the format
module, so a wrong label or merge in reportgen/formats is caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docxread import read, spans
from lxml import etree

from reportgen.cli import main

Row = list[tuple[str, int, int]]  # (text, rowspan, colspan) of each origin cell, left to right


def cell(text: str, rowspan: int = 1, colspan: int = 1) -> tuple[str, int, int]:
    return (text, rowspan, colspan)


def layout(grid: list[list[tuple[int, int, str]]]) -> list[Row]:
    merged = spans(grid)
    rows: list[Row] = [[] for _ in grid]
    for (r, _c), (rowspan, colspan, text) in sorted(merged.items()):
        rows[r].append((text, rowspan, colspan))
    return rows


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> list[list[list[tuple[int, int, str]]]]:
    out = tmp_path_factory.mktemp("out") / "2019.docx"
    assert main(["build", "inputs/2019.toml", "-o", str(out)]) == 0
    return read(out).tables


def test_table_2_2019(tables) -> None:
    def block(title: str, heads: list[str], rows: list[list[str]]) -> list[Row]:
        two = len(heads) == 2  # blocks (八) and (九): the last value cell spans two columns
        head = [cell("信息内容"), *(cell(h, 1, 2 if two and i == 1 else 1) for i, h in enumerate(heads))]
        body = [
            [cell(r[0]), *(cell(v, 1, 2 if two and i == 1 else 1) for i, v in enumerate(r[1:]))] for r in rows
        ]
        return [[cell(title, 1, 4)], head, *body]

    expected = [
        *block(
            "第二十条第（一）项",
            ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
            [["规章", "0", "3", "24"], ["规范性文件", "0", "0", "0"]],
        ),
        *block(
            "第二十条第（五）项",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            [["行政许可", "0", "0", "0"], ["其他对外管理服务事项", "0", "0", "0"]],
        ),
        *block(
            "第二十条第（六）项",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            [["行政处罚", "3", "0", "6"], ["行政强制", "0", "0", "0"]],
        ),
        *block("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [["行政事业性收费", "0", "0"]]),
        *block("第二十条第（九）项", ["采购项目数量", "采购总金额"], [["政府集中采购", "8", "475976.05元"]]),
    ]
    assert len(tables[0][0]) == 4
    assert layout(tables[0]) == expected


def test_table_3_2019(tables) -> None:
    zeros = ["0"] * 7
    two = ["2", "0", "0", "0", "0", "0", "2"]

    def values(v: list[str]) -> Row:
        return [cell(x) for x in v]

    expected: list[Row] = [
        [
            cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            cell("申请人情况", 1, 7),
        ],
        [cell("自然人", 2, 1), cell("法人或其他组织", 1, 5), cell("总计", 2, 1)],
        [cell("商业企业"), cell("科研机构"), cell("社会公益组织"), cell("法律服务机构"), cell("其他")],
        [cell("一、本年新收政府信息公开申请数量", 1, 3), *values(two)],
        [cell("二、上年结转政府信息公开申请数量", 1, 3), *values(zeros)],
        [cell("三、本年度办理结果", 20, 1), cell("（一）予以公开", 1, 2), *values(two)],
        [cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2), *values(zeros)],
    ]
    groups = [
        (
            "（三）不予公开",
            [
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"],
        ),
        (
            "（五）不予处理",
            [
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
    ]
    for group, items in groups:
        for k, item in enumerate(items):
            lead = [cell(group, len(items), 1)] if k == 0 else []
            expected.append([*lead, cell(item), *values(zeros)])
    expected += [
        [cell("（六）其他处理", 1, 2), *values(zeros)],
        [cell("（七）总计", 1, 2), *values(two)],
        [cell("四、结转下年度继续办理", 1, 3), *values(zeros)],
    ]
    assert len(tables[1]) == 26 and len(tables[1][0]) == 10
    assert layout(tables[1]) == expected


def test_table_4(tables) -> None:
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    expected = [
        [cell("行政复议", 1, 5), cell("行政诉讼", 1, 10)],
        [*(cell(h, 2, 1) for h in results), cell("未经复议直接起诉", 1, 5), cell("复议后起诉", 1, 5)],
        [cell(h) for h in results * 2],
        [cell("0")] * 15,
    ]
    assert len(tables[2][0]) == 15
    assert layout(tables[2]) == expected


def test_header_rows_repeat_and_rows_do_not_split(tmp_path: Path) -> None:
    out = tmp_path / "2019.docx"
    assert main(["build", "inputs/2019.toml", "-o", str(out)]) == 0
    import zipfile

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    root = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    tbls = root.findall(".//w:tbl", ns)
    repeated = [len(t.findall("w:tr/w:trPr/w:tblHeader", ns)) for t in tbls]
    assert repeated == [0, 3, 3]  # table 二 has no common header; 三 and 四 repeat three rows
    for t in tbls:
        rows = t.findall("w:tr", ns)
        assert len(t.findall("w:tr/w:trPr/w:cantSplit", ns)) == len(rows)
