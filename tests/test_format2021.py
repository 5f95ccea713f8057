"""The 2021 format (国办公开办函〔2021〕30号) read back from the .docx against format-spec §4.2, §5, §6.

The expected layouts are transcribed from the spec here, independently of
reportgen/formats, so a wrong label or merge in the format module is caught. The sample
is inputs/示例区统计局-2021.toml; its prose is read with tomli directly, not with reportgen.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import tomli
from conftest import OUTLINE, ROOT, libreoffice_pdf, needs_soffice
from docxread import read, spans

from reportgen.cli import main

SAMPLE_2021 = ROOT / "inputs" / "示例区统计局-2021.toml"
Row = list[tuple[str, int, int]]  # (text, rowspan, colspan) of each origin cell, left to right


def cell(text: str, rowspan: int = 1, colspan: int = 1) -> tuple[str, int, int]:
    return (text, rowspan, colspan)


def layout(grid: list[list[tuple[int, int, str]]]) -> list[Row]:
    rows: list[Row] = [[] for _ in grid]
    for (r, _c), (rowspan, colspan, text) in sorted(spans(grid).items()):
        rows[r].append((text, rowspan, colspan))
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "2021.docx"
    assert main(["build", str(SAMPLE_2021), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def tables(built: Path) -> list[list[list[tuple[int, int, str]]]]:
    return read(built).tables


def test_table_2_2021(tables) -> None:
    def wide(label: str, value: str) -> Row:  # one value cell across the three value columns
        return [cell(label), cell(value, 1, 3)]

    expected = [
        [cell("第二十条第（一）项", 1, 4)],
        [cell("信息内容"), cell("本年制发件数"), cell("本年废止件数"), cell("现行有效件数")],
        [cell("规章"), cell("0"), cell("0"), cell("0")],
        [cell("行政规范性文件"), cell("2"), cell("1"), cell("9")],
        [cell("第二十条第（五）项", 1, 4)],
        wide("信息内容", "本年处理决定数量"),
        wide("行政许可", "0"),
        [cell("第二十条第（六）项", 1, 4)],
        wide("信息内容", "本年处理决定数量"),
        wide("行政处罚", "7"),
        wide("行政强制", "0"),
        [cell("第二十条第（八）项", 1, 4)],
        wide("信息内容", "本年收费金额（单位：万元）"),
        wide("行政事业性收费", "0"),
    ]
    assert len(tables[0][0]) == 4
    assert layout(tables[0]) == expected


def test_fee_amount_keeps_its_decimals_without_a_unit(tmp_path: Path) -> None:
    text = SAMPLE_2021.read_text(encoding="utf-8").replace(
        '"本年收费金额（单位：万元）" = 0 }', '"本年收费金额（单位：万元）" = 5949.088667 }'
    )
    src = tmp_path / "fee-2021.toml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "fee.docx"
    assert main(["build", str(src), "-o", str(out)]) == 0
    assert read(out).tables[0][13][1][2] == "5949.088667"  # the unit is in the header, not the cell


def test_table_3_2021_has_28_rows_and_three_other_rows(tables) -> None:
    def values(*v: int) -> list[tuple[str, int, int]]:
        return [cell(str(x)) for x in v]

    zeros = values(0, 0, 0, 0, 0, 0, 0)
    expected: list[Row] = [
        [
            cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            cell("申请人情况", 1, 7),
        ],
        [cell("自然人", 2, 1), cell("法人或其他组织", 1, 5), cell("总计", 2, 1)],
        [cell("商业企业"), cell("科研机构"), cell("社会公益组织"), cell("法律服务机构"), cell("其他")],
        [cell("一、本年新收政府信息公开申请数量", 1, 3), *values(10, 2, 0, 0, 1, 0, 13)],
        [cell("二、上年结转政府信息公开申请数量", 1, 3), *values(1, 0, 0, 0, 0, 0, 1)],
        [cell("三、本年度办理结果", 22, 1), cell("（一）予以公开", 1, 2), *values(5, 1, 0, 0, 0, 0, 6)],
        [
            cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2),
            *values(1, 0, 0, 0, 0, 0, 1),
        ],
    ]
    groups = [
        (
            "（三）不予公开",
            [
                ("1.属于国家秘密", zeros),
                ("2.其他法律行政法规禁止公开", zeros),
                ("3.危及“三安全一稳定”", zeros),
                ("4.保护第三方合法权益", values(0, 1, 0, 0, 0, 0, 1)),
                ("5.属于三类内部事务信息", zeros),
                ("6.属于四类过程性信息", zeros),
                ("7.属于行政执法案卷", zeros),
                ("8.属于行政查询事项", zeros),
            ],
        ),
        (
            "（四）无法提供",
            [
                ("1.本机关不掌握相关政府信息", values(2, 0, 0, 0, 1, 0, 3)),
                ("2.没有现成信息需要另行制作", zeros),
                ("3.补正后申请内容仍不明确", zeros),
            ],
        ),
        (
            "（五）不予处理",
            [
                ("1.信访举报投诉类申请", values(1, 0, 0, 0, 0, 0, 1)),
                ("2.重复申请", zeros),
                ("3.要求提供公开出版物", zeros),
                ("4.无正当理由大量反复申请", zeros),
                ("5.要求行政机关确认或重新出具已获取信息", zeros),
            ],
        ),
        (
            "（六）其他处理",
            [
                (
                    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    values(1, 0, 0, 0, 0, 0, 1),
                ),
                ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", zeros),
                ("3.其他", zeros),
            ],
        ),
    ]
    for group, items in groups:
        for k, (item, cells) in enumerate(items):
            lead = [cell(group, len(items), 1)] if k == 0 else []
            expected.append([*lead, cell(item), *cells])
    expected += [
        [cell("（七）总计", 1, 2), *values(10, 2, 0, 0, 1, 0, 13)],
        [cell("四、结转下年度继续办理", 1, 3), *values(1, 0, 0, 0, 0, 0, 1)],
    ]
    assert len(tables[1]) == 28 and len(tables[1][0]) == 10
    assert layout(tables[1]) == expected


def test_table_4_2021(tables) -> None:
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    expected = [
        [cell("行政复议", 1, 5), cell("行政诉讼", 1, 10)],
        [*(cell(h, 2, 1) for h in results), cell("未经复议直接起诉", 1, 5), cell("复议后起诉", 1, 5)],
        [cell(h) for h in results * 2],
        [cell(v) for v in ["1", "0", "0", "0", "1", *["0"] * 10]],
    ]
    assert layout(tables[2]) == expected


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.strip().split("\n\n") if p.strip()]


def test_every_paragraph_of_the_sample_is_in_the_document_in_order(built: Path) -> None:
    data = tomli.loads(SAMPLE_2021.read_text(encoding="utf-8"))
    expected = ["示例区统计局2021年\n政府信息公开工作年度报告", *paragraphs(data["前言"])]  # title broken by meaning
    for key in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"):
        expected.append(key)
        section = data[key]
        expected += paragraphs(section.get("正文", ""))
        for sub in section.get("小节", []):
            expected += [sub["标题"], *paragraphs(sub["正文"])]
    for key in (
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        expected += [key, *paragraphs(data[key].get("正文", ""))]
    assert [p for p in read(built).paragraphs() if p] == expected


def test_headings_follow_the_2021_topics_and_fee_sentence_is_in_six(built: Path) -> None:
    body = read(built)
    assert body.styled("title") == ["示例区统计局2021年\n政府信息公开工作年度报告"]
    assert body.styled("h2") == [
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
    ]
    assert body.outline() == OUTLINE
    six = body.paragraphs()[body.paragraphs().index("六、其他需要报告的事项") + 1 :]
    assert any("信息处理费" in p for p in six)


def test_typography_is_the_same_as_the_2019_format(built: Path, tmp_path: Path) -> None:
    """Styles, page set-up and footers are shared: test_build checks them on the 2019 document."""
    out = tmp_path / "2019.docx"
    assert main(["build", "inputs/2019.toml", "-o", str(out)]) == 0
    a, b = zipfile.ZipFile(out), zipfile.ZipFile(built)
    for name in ("word/styles.xml", "word/settings.xml", "word/footer1.xml", "word/footer2.xml"):
        assert a.read(name) == b.read(name), name
    sect = b"<w:sectPr"
    doc_a, doc_b = a.read("word/document.xml"), b.read("word/document.xml")
    assert doc_a[doc_a.index(sect) :] == doc_b[doc_b.index(sect) :]


def test_format_follows_the_year_and_a_named_format_that_contradicts_it_is_a_warning(
    sample_2019: Path, tmp_path: Path, capsys
) -> None:
    text = sample_2019.read_text(encoding="utf-8")
    src = tmp_path / "late.toml"
    src.write_text(text.replace('"报告年度" = 2019', '"报告年度" = 2021\n"格式" = "2019"'), encoding="utf-8")
    assert main(["build", str(src), "-o", str(tmp_path / "late.docx")]) == 0
    err = capsys.readouterr().err
    assert (
        f"{src}:12:1: 警告 S-b 2021 年的报告应当使用2021 年格式，本文件指定了 2019 年格式（国办公开办函〔2019〕60号）。"
        in err
    )
    # without the name, a 2021 report must use the 2021 tables
    src.write_text(text.replace('"报告年度" = 2019', '"报告年度" = 2021'), encoding="utf-8")
    assert main(["build", str(src), "-o", str(tmp_path / "late.docx")]) == 1
    assert (
        "“二、主动公开政府信息情况”中没有“其他对外管理服务事项”这一项，请与官方表格的名称逐字核对"
        in capsys.readouterr().err
    )


def test_a_format_may_be_named_as_a_number(tmp_path: Path, capsys) -> None:
    src = tmp_path / "named-2021.toml"
    text = SAMPLE_2021.read_text(encoding="utf-8")
    src.write_text(text.replace('"报告年度" = 2021', '"报告年度" = 2021\n"格式" = 2021'), encoding="utf-8")
    assert main(["build", str(src), "-o", str(tmp_path / "n.docx")]) == 0
    assert capsys.readouterr().err == ""


@needs_soffice
def test_libreoffice_opens_the_2021_document(built: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    pdf = libreoffice_pdf(built, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = "".join(text.split())
        assert "申请人逾期未按收费通知要求缴纳费用" in flat
        assert "本年收费金额（单位：万元）" in flat
