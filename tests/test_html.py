"""The HTML page: the same tables as the Word document, text that stays text, a page that stands alone."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import docxread
import htmlread
import pytest
from conftest import ROOT

from reportgen.cli import main
from reportgen.format import Format, Kind
from reportgen.formats import FORMATS
from reportgen.model import Report, SectionText, Subsection
from reportgen.pipeline import Checked, render_docx, render_html
from reportgen.source import Source


def synthetic(fmt: Format, prose: str = "正文") -> Checked:
    """A report of ``fmt`` whose every cell holds a different number, so a misplaced cell shows."""
    values = {}
    for n, f in enumerate(fmt.fields, start=1):
        values[f.id] = {
            Kind.COUNT: n,
            Kind.DELTA: -n,
            Kind.AMOUNT: Decimal(f"{n}.05"),
            Kind.UNIT: "万元",
        }[f.kind]
    sections = tuple(
        SectionText(
            spec=spec,
            heading=spec.key,
            paragraphs=(f"{prose}{k}",),
            subsections=(Subsection(f"（一）小节{k}", (f"小节正文{k}",), (spec.key, "小节", 0)),),
            after=(f"表后正文{k}",),
        )
        for k, spec in enumerate(fmt.sections, start=1)
    )
    report = Report(
        source=Source("synthetic.toml", "", {}, {}),
        format=fmt,
        agency="某某局",
        year=fmt.first_year,
        title=f"某某局{fmt.first_year}年政府信息公开工作年度报告",
        preamble=("前言",),
        sections=sections,
        values=values,
    )
    return Checked(report, values, [])


def html_tables(page: str) -> list[list[list[tuple[int, int, str]]]]:
    root, _ = htmlread.parse(page)
    return [htmlread.table_grid(t) for t in root.iter("table")]


@pytest.mark.parametrize("fmt", list(FORMATS.values()), ids=list(FORMATS))
def test_html_tables_have_the_word_grids(fmt: Format):
    checked = synthetic(fmt)
    word = docxread.read(render_docx(checked)).tables
    web = html_tables(render_html(checked))
    assert len(web) == len(word) == sum(1 for s in fmt.sections if s.table)
    for w, h in zip(word, web, strict=True):
        assert h == w
        assert docxread.spans(h) == docxread.spans(w)


@pytest.mark.parametrize("fmt", list(FORMATS.values()), ids=list(FORMATS))
def test_html_tables_are_the_format_grids(fmt: Format):
    """Straight from the Grid data too: headers as <th scope>, values as <td>, widths as <col>."""
    checked = synthetic(fmt)
    root, _ = htmlread.parse(render_html(checked))
    tables = list(root.iter("table"))
    grids = [fmt.grids[s.table] for s in fmt.sections if s.table]
    for table, grid in zip(tables, grids, strict=True):
        assert table.attrs["id"] == grid.id
        cols = list(table.iter("col"))
        assert len(cols) == grid.columns
        cells = [c for tr in table.iter("tr") for c in tr.children if isinstance(c, htmlread.Element)]
        origin = [cell for row in grid.rows for cell in row]
        assert len(cells) == len(origin)
        for el, cell in zip(cells, origin, strict=True):
            if cell.field:
                assert el.tag == "td" and el.attrs["id"] == f"c-{cell.field}"
            else:
                assert el.tag == "th" and el.attrs["scope"] in ("row", "col")
                assert el.text() == cell.text  # labels verbatim
        assert len(list(table.iter("thead"))) == (1 if grid.header_rows else 0)
        caption = next(table.iter("caption"))
        assert caption.text().strip()


def test_sample_builds_docx_and_html_with_the_same_tables(sample_2019: Path, tmp_path: Path, capsys):
    out = tmp_path / "out" / "报告.docx"
    assert main(["build", str(sample_2019), "--to", "docx,html", "-o", str(out)]) == 0
    page = out.with_suffix(".html")
    assert capsys.readouterr().out.splitlines() == [f"已生成 {out}", f"已生成 {page}"]
    text = page.read_text(encoding="utf-8")
    assert html_tables(text) == docxread.read(out).tables
    root, doctype = htmlread.parse(text)
    assert doctype.lower() == "doctype html"
    html = next(root.iter("html"))
    assert html.attrs["lang"] == "zh-CN"
    assert next(root.iter("title")).text() == "鄞州区统计局2019年政府信息公开工作年度报告"
    assert next(root.iter("h1")).text() == "鄞州区统计局2019年政府信息公开工作年度报告"
    word = docxread.read(out)
    assert [h.text() for h in root.iter("h2")] == word.styled("h1")
    assert [h.text() for h in root.iter("h3")] == word.styled("h2")
    assert [p.text() for p in root.iter("p")] == word.styled("body")
    assert root.by_id("c-t2_b5_r1_c2").text() == "475976.05元"


def test_default_is_word_only(sample_2019: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(sample_2019)]) == 0
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == ["2019.docx"]


def test_html_alone_goes_to_outputs(sample_2019: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(sample_2019), "--to", "html"]) == 0
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == ["2019.html"]


def test_unknown_target_is_a_usage_error(sample_2019: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(sample_2019), "--to", "docx,odt"]) == 2
    err = capsys.readouterr().err
    assert "--to 只能是 docx、html、pdf 中的一个或几个（用逗号分隔），现在是 'docx,odt'" in err
    assert not (tmp_path / "outputs").exists()


def test_markup_in_values_is_text(sample_2019: Path, tmp_path: Path):
    text = sample_2019.read_text(encoding="utf-8")
    text = text.replace('"机关名称" = "鄞州区统计局"', '"机关名称" = "甲&乙<b>局</b>"').replace(
        "依法开展政府信息公开，",
        '<script>alert("x")</script>{{ title }}</p><p onclick="x">依法开展政府信息公开，',
        1,
    )
    sample_2019.write_text(text, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["build", str(sample_2019), "--to", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    root, _ = htmlread.parse(page)
    assert list(root.iter("script")) == []
    assert not any("onclick" in e.attrs for e in root.iter())
    assert list(root.iter("b")) == []
    assert next(root.iter("h1")).text() == "甲&乙<b>局</b>2019年政府信息公开工作年度报告"
    first = next(root.iter("p")).text()
    assert '<script>alert("x")</script>{{ title }}</p><p onclick="x">依法开展' in first
    assert "&lt;script&gt;" in page


def test_line_breaks_inside_a_paragraph_are_kept():
    fmt = next(iter(FORMATS.values()))
    checked = synthetic(fmt, prose="第一行\n第二行")
    root, _ = htmlread.parse(render_html(checked))
    p = next(e for e in root.iter("p") if e.text().startswith("第一行"))
    assert p.text() == "第一行\n第二行1"
    assert [c.tag for c in p.children if isinstance(c, htmlread.Element)] == ["br"]


def test_published_page_stands_alone_and_prints():
    fmt = next(iter(FORMATS.values()))
    page = render_html(synthetic(fmt))
    root, _ = htmlread.parse(page)
    assert list(root.iter("script")) == [] and list(root.iter("link")) == [] and list(root.iter("img")) == []
    assert not re.search(r"\b(src|href)\s*=|@import|url\(|https?://", page)
    style = next(root.iter("style")).text()
    assert "@media print" in style and "@page" in style and "size: A4" in style
    assert next(root.iter("meta")).attrs == {"charset": "utf-8"}


def test_input_errors_write_no_html(sample_2019: Path, tmp_path: Path, capsys):
    text = sample_2019.read_text(encoding="utf-8").replace('"处理决定数量" = 6', '"处理决定数量" = "六"')
    sample_2019.write_text(text, encoding="utf-8")
    out = tmp_path / "r.docx"
    assert main(["build", str(sample_2019), "--to", "docx,html", "-o", str(out)]) == 1
    assert list(tmp_path.glob("r.*")) == []
    assert "文档没有生成" in capsys.readouterr().err


def test_template_lives_in_templates():
    from reportgen.render import html

    assert html.TEMPLATE == ROOT / "templates" / "report.html.j2"


def test_page_title_and_author_are_the_report_s():
    fmt = next(iter(FORMATS.values()))
    root, _ = htmlread.parse(render_html(synthetic(fmt)))
    assert root.attrs.get("lang") in (None, "") and next(root.iter("html")).attrs["lang"] == "zh-CN"
    assert next(root.iter("title")).text() == f"某某局{fmt.first_year}年政府信息公开工作年度报告"
    meta = {m.attrs.get("name"): m.attrs.get("content") for m in root.iter("meta")}
    assert meta["author"] == "某某局"
