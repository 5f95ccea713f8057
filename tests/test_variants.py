"""What real reports print beyond the official format (docs/variants.md), built and read back.

Each element is typed in a small input, built to .docx and .html, and found where a reader
sees it: the byline under the title, a heading run into its paragraph in the heading face,
the 落款 right-aligned at the end, blank and noted cells as typed, a variant row label, an
added part after its section, a section printed without its heading. ``reportgen new``
carries them into next year's file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import htmlread
import pytest
from docxread import W, read
from lxml import etree

from reportgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "data" / "valid"
INVALID = ROOT / "tests" / "data" / "invalid"


def build(case: Path, tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "out.docx"
    err = io.StringIO()
    code = main(["build", str(case), "-o", str(out), "--to", "docx,html"], stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()
    return out, out.with_suffix(".html").read_text(encoding="utf-8")


def paragraph_xml(docx: Path, starts: str) -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    for p in root.iter(f"{W}p"):
        if "".join(t.text or "" for t in p.iter(f"{W}t")).startswith(starts):
            return p
    raise AssertionError(f"no paragraph starts with {starts}")


def style_of(docx: Path, style_id: str) -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/styles.xml"))
    return next(s for s in root.iter(f"{W}style") if s.get(f"{W}styleId") == style_id)


def page(html: str) -> htmlread.Element:
    return htmlread.parse(html)[0]


def test_title_on_two_lines_byline_and_closing(tmp_path: Path):
    docx, html = build(VALID / "as-published.toml", tmp_path)
    body = read(docx)
    assert body.items[0] == ("p", "title", "示例区统计局\n2021年政府信息公开工作年度报告")
    assert body.items[1] == ("p", "byline", "示例区统计局办公室")
    assert body.items[2][1] == "body" and body.items[2][2].startswith("本报告根据")
    assert body.styled("closing") == ["示例区统计局", "2022年1月20日"]
    assert [i[1] for i in body.items[-3:]] == ["body", "closing", "closing"]  # a blank line, then the 落款
    assert style_of(docx, "closing").find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"
    assert style_of(docx, "byline").find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"

    root = page(html)
    h1 = next(root.iter("h1"))
    assert h1.text() == "示例区统计局\n2021年政府信息公开工作年度报告"
    title = next(root.iter("title")).text()
    assert title == "示例区统计局2021年政府信息公开工作年度报告"
    assert [p.text() for p in root.iter("p") if "byline" in p.classes()] == ["示例区统计局办公室"]
    assert [p.text() for p in root.iter("p") if "closing" in p.classes()] == ["示例区统计局", "2022年1月20日"]


def test_run_in_heading_leads_its_paragraph_in_the_heading_face(tmp_path: Path):
    docx, html = build(VALID / "as-published.toml", tmp_path)
    body = read(docx)
    assert "（二）依申请公开方面。" not in body.styled("h2")
    assert body.styled("h2")[:1] == ["（一）主动公开"]  # a stand-alone heading stays one
    p = paragraph_xml(docx, "（二）依申请公开方面。")
    runs = p.findall(f"{W}r")
    assert runs[0].find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "h2run"
    assert "".join(t.text for t in runs[0].iter(f"{W}t")) == "（二）依申请公开方面。"
    assert "".join(t.text for t in runs[1].iter(f"{W}t")).startswith("全年新收政府信息公开申请13件")
    assert runs[1].find(f"{W}rPr") is None  # the rest in the body face
    fonts = style_of(docx, "h2run").find(f"{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == style_of(docx, "h2").find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")

    para = next(p for p in page(html).iter("p") if p.text().startswith("（二）依申请公开方面。"))
    lead = next(para.iter("span"))
    assert lead.classes() == {"run-in", "h2run"} and lead.text() == "（二）依申请公开方面。"


def test_blank_and_noted_cells_print_as_typed_and_count_as_numbers(tmp_path: Path):
    case = tmp_path / "x.toml"
    text = (INVALID / "v-blank-cells.toml").read_text(encoding="utf-8")
    text = text.replace('"现行有效件数" = 9 }', '"现行有效件数" = "9（其中修订1件）" }')
    case.write_text(text, encoding="utf-8")
    docx, html = build(case, tmp_path)
    t2, t3, t4 = read(docx).tables
    assert [c[2] for c in t4[-1]][-5:] == [""] * 5  # the last block, 复议后起诉: blank, its 总计 too
    assert [c[2] for c in t4[-1]][-10:-5] == ["0"] * 5  # 未经复议直接起诉, typed as 0
    row = next(r for r in t3 if any(c[2] == "1.属于国家秘密" for c in r))
    assert "—" in [c[2] for c in row]
    assert "9（其中修订1件）" in {c[2] for r in t2 for c in r}
    html_cells = {c[2] for t in page(html).iter("table") for r in htmlread.table_grid(t) for c in r}
    assert {"—", "/", "9（其中修订1件）"} <= html_cells


def test_blank_cells_still_count_in_the_identities(tmp_path: Path):
    case = tmp_path / "x.toml"
    text = (INVALID / "v-blank-cells.toml").read_text(encoding="utf-8")
    text = text.replace(
        '"行政复议"         = { "结果维持" = 1, "结果纠正" = 0, "其他结果" = 0, "尚未审结" = 0, "总计" = 1 }',
        '"行政复议"         = { "结果维持" = 1, "结果纠正" = "", "其他结果" = 0, "尚未审结" = 0, "总计" = 2 }',
    )
    case.write_text(text, encoding="utf-8")
    err = io.StringIO()
    assert main(["check", str(case)], stdout=io.StringIO(), stderr=err) == 1
    assert "R4-a" in err.getvalue() and "结果纠正 0" in err.getvalue()


def test_variant_row_label_is_printed_as_typed(tmp_path: Path):
    docx, html = build(INVALID / "v-label-2021.toml", tmp_path)
    t2 = read(docx).tables[0]
    texts = {c[2] for r in t2 for c in r}
    assert "规范性文件" in texts and "行政规范性文件" not in texts
    html_t2 = htmlread.table_grid(next(page(html).iter("table")))
    assert "规范性文件" in {c[2] for r in html_t2 for c in r}


def test_added_part_stands_after_its_section(tmp_path: Path):
    docx, html = build(INVALID / "s-c-extra-part.toml", tmp_path)
    outline = read(docx).outline()
    assert outline[-3:] == [
        "五、存在的主要问题及改进情况",
        "六、工作考核、社会评议和责任追究结果情况",
        "七、其他需要报告的事项",
    ]
    body = read(docx).paragraphs()
    assert (
        body.index("本年度未发生政府信息公开工作责任追究情况。")
        == body.index("六、工作考核、社会评议和责任追究结果情况") + 1
    )
    headings = [h.text() for h in page(html).iter("h2")]
    assert headings[-3:] == outline[-3:]


def test_section_without_its_heading(tmp_path: Path):
    docx, html = build(INVALID / "s-a-heading-not-printed.toml", tmp_path)
    body = read(docx)
    assert "五、存在的主要问题及改进情况" not in body.paragraphs()
    assert any(p.startswith("关于上年度报告所列问题的改进情况") for p in body.paragraphs())
    assert "五、存在的主要问题及改进情况" not in [h.text() for h in page(html).iter("h2")]


@pytest.mark.parametrize("case", ["as-published", "s-c-extra-part", "v-label-2021"])
def test_new_carries_what_was_published(case: str, tmp_path: Path):
    src = VALID / f"{case}.toml" if (VALID / f"{case}.toml").exists() else INVALID / f"{case}.toml"
    last = tmp_path / "甲局-2021.toml"
    last.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    assert main(["new", "2022", "--from", str(last)], stdout=out, stderr=io.StringIO()) == 0
    made = (tmp_path / "甲局-2022.toml").read_text(encoding="utf-8")
    err = io.StringIO()
    code = main(["check", str(tmp_path / "甲局-2022.toml")], stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()
    if case == "as-published":
        assert '"署名" = """\n示例区统计局办公室\n"""' in made
        assert '"落款" = """\n示例区统计局\n2023年  月  日\n"""' in made  # the date left for the clerk
        assert "P-date" in err.getvalue()
        assert '"段首标题" = "（二）依申请公开方面。"' in made
    if case == "s-c-extra-part":
        assert made.index('[["增加部分"]]') < made.index('["六、其他需要报告的事项"]')
        assert made.index('[["增加部分"]]') > made.index('["五、存在的主要问题及改进情况"]')
    if case == "v-label-2021":
        assert '\n"规范性文件"' in made


def test_table_texts_as_printed(tmp_path: Path):
    docx, html = build(INVALID / "v-label-as-printed.toml", tmp_path)
    t2, t3, t4 = read(docx).tables
    t3_texts = {c[2] for r in t3 for c in r}
    assert {"2.其他法律行政止公开", "4.无正当理由大量反复 申请"} <= t3_texts
    assert "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in t3_texts
    assert "2.其他法律行政法规禁止公开" not in t3_texts
    assert "总 计" in {c[2] for r in t4 for c in r} and "总计" not in {c[2] for r in t4 for c in r}
    assert "总计" in t3_texts  # an override applies to its own table only
    tables = [htmlread.table_grid(t) for t in page(html).iter("table")]
    assert [{c[2] for r in t for c in r} for t in tables] == [
        {c[2] for r in t for c in r} for t in (t2, t3, t4)
    ]


@pytest.mark.parametrize(("face", "style"), [("加粗", "h2bold"), ("黑体", "h2hei")])
def test_run_in_heading_face_as_the_agency_set_it(face: str, style: str, tmp_path: Path):
    case = tmp_path / "甲局-2021.toml"
    text = (VALID / "as-published.toml").read_text(encoding="utf-8")
    case.write_text(text.replace('"署名" =', f'"段首标题字体" = "{face}"\n"署名" =', 1), encoding="utf-8")
    docx, html = build(case, tmp_path)
    run = paragraph_xml(docx, "（二）依申请公开方面。").find(f"{W}r")
    assert run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == style
    if face == "加粗":
        assert style_of(docx, style).find(f"{W}rPr/{W}b") is not None
    span = next(s for s in page(html).iter("span") if "run-in" in s.classes())
    assert span.classes() == {"run-in", style}
    assert main(["new", "2022", "--from", str(case)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert f'"段首标题字体" = "{face}"' in (tmp_path / "甲局-2022.toml").read_text(encoding="utf-8")


def test_a_group_printed_as_one_row(tmp_path: Path):
    from reportgen.formats import FORMATS

    docx, html = build(INVALID / "v-rows-group-as-one-row.toml", tmp_path)
    t3 = read(docx).tables[1]
    expected = FORMATS["2021"].grids["t3"].collapse(frozenset({"（六）其他处理"}))
    assert len(t3) == len(expected.rows) == 26
    row = next(r for r in t3 if any(c[2] == "（六）其他处理" for c in r))
    assert [c[2] for c in row][1:] == ["（六）其他处理", "（六）其他处理", "1", "0", "0", "0", "0", "0", "1"]
    assert row[0][2] == "三、本年度办理结果"  # the merged label above goes on down through it
    assert "3.其他" not in {c[2] for r in t3 for c in r}
    html_t3 = htmlread.table_grid(list(page(html).iter("table"))[1])
    assert [[c[2] for c in r] for r in html_t3] == [[c[2] for c in r] for r in t3]
    # the sums hold with the row counted as the group's first item
    err = io.StringIO()
    assert main(["check", str(INVALID / "v-rows-group-as-one-row.toml")], stdout=io.StringIO(), stderr=err) == 0
