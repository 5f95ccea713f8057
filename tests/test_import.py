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


PRINTED = {
    # field: (printed in the source, value imported, printed by the built report)
    "t3_r05_c1": ("/", 0, "/"),
    "t3_r05_c2": ("—", 0, "—"),
    "t3_r05_c3": ("无", 0, "无"),
    "t3_r05_c4": ("", 0, ""),
    "t2_b1_r2_c3": ("9（其中修订3件）", 9, "9（其中修订3件）"),
    "t3_r01_c1": ("10件", 10, None),  # the unit is dropped (and said)
}


@pytest.mark.parametrize("form", ["word", "page"])
def test_blanks_notes_units(form: str, tmp_path: Path) -> None:
    """Blank cells and dashes stay blank, a note stays, a unit word goes: as variants.md spells them."""
    def change(blocks: list) -> None:
        for fid, (text, _, _) in PRINTED.items():
            publishing.cell(blocks, fid).text = text

    got = _made(SAMPLE_2021, tmp_path, form, change)
    want = said(SAMPLE_2021.read_text(encoding="utf-8"))
    for fid, (_, value, printed) in PRINTED.items():
        if value is not None:
            assert got["values"][fid] == value, fid
        if printed is not None:
            assert got["printed"][fid] == printed, fid
    assert "t3_r01_c1" not in got["printed"]
    same = {k: v for k, v in want["values"].items() if k not in PRINTED}
    assert {k: got["values"][k] for k in same} == same


def test_thousands_separator_and_unit_in_the_amount(tmp_path: Path) -> None:
    def change(blocks: list) -> None:
        publishing.cell(blocks, "t2_b5_r1_c2").text = "475,976.05元"

    got = _made(SAMPLE_2019, tmp_path, "word", change)
    from decimal import Decimal

    assert got["values"]["t2_b5_r1_c2"] == Decimal("475976.05")
    assert got["values"]["t2_b5_r1_c2_unit"] == "元"


# ---------------------------------------------------------------- the command line

from reportgen.cli import main  # noqa: E402

REAL = ROOT / "tests" / "data" / "published" / "real"


def run(*argv: str) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_import_writes_the_usual_name_and_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = built(SAMPLE_2021, tmp_path / "去年的报告.docx")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("import", "去年的报告.docx")
    assert code == 0, err
    written = tmp_path / "示例区统计局-2021.toml"
    assert "已导入 示例区统计局-2021.toml" in out
    assert said(written.read_text(encoding="utf-8")) == said(SAMPLE_2021.read_text(encoding="utf-8"))
    written.write_text("# 改过了\n", encoding="utf-8")
    code, out, err = run("import", str(doc))
    assert code == 2
    assert "已存在，没有改动它。要覆盖请加 --force" in err
    assert written.read_text(encoding="utf-8") == "# 改过了\n"
    assert run("import", str(doc), "--force")[0] == 0
    assert written.read_text(encoding="utf-8").startswith("# 示例区统计局 2021 年")
    code, out, err = run("import", str(doc), "-o", "别处/a.toml")
    assert code == 0 and (tmp_path / "别处" / "a.toml").is_file()


def test_import_refuses_what_is_not_a_report(tmp_path: Path) -> None:
    """The blank template agencies are sent (a real Word file): no agency, no year, exit 1."""
    code, _out, err = run("import", str(REAL / "政务公开年报模版.docx"), "-o", str(tmp_path / "x.toml"))
    assert code == 1
    assert "看来不是政府信息公开工作年度报告" in err and "报告年度" in err
    assert not (tmp_path / "x.toml").exists()
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (tmp_path / "bad.docx").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert run("import", str(tmp_path / "old.doc"))[0] == 2
    code, _, err = run("import", str(tmp_path / "bad.docx"))
    assert code == 1 and "另存为 .docx" in err
    assert run("import", str(tmp_path / "nope.docx"))[0] == 2


def test_check_reads_a_word_file_and_points_into_it(tmp_path: Path) -> None:
    """check on a published .docx: nothing written, the wrong cell named as printed."""
    blocks = publishing.layout(SAMPLE_2021)
    publishing.cell(blocks, "t3_r01_c1").text = "11"  # 自然人 of 本年新收: the row no longer adds up
    doc = publishing.word(blocks, tmp_path / "报告.docx")
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _out, err = run("check", str(doc))
    assert code == 1
    assert f"{doc}:表三 第4行 自然人: 错误 R3-c" in err  # the planted cell, as issue 11 locates it
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # imported in memory only
    code, out, _err = run("check", str(doc), "--format", "json")
    first = __import__("json").loads(out)["files"][0]["problems"]
    r3c = next(p for p in first if p["code"] == "R3-c")
    assert (r3c["place"], r3c["line"], r3c["file"]) == ("表三 第4行 自然人", None, str(doc))


def test_check_a_county_folder(tmp_path: Path) -> None:
    folder = tmp_path / "published"
    folder.mkdir()
    built(SAMPLE_2021, folder / "统计局.docx")
    built(SAMPLE_2019, folder / "鄞州.html", "html")
    (folder / "说明.txt").write_text("不是报告", encoding="utf-8")
    bad = publishing.layout(SAMPLE_2021)
    publishing.cell(bad, "t4_b1_c5").text = "9"
    publishing.word(bad, folder / "有错.docx")
    code, _out, err = run("check", str(folder))
    assert code == 1
    assert "检查了 3 个文件：2 个没有错误，1 个有错误。" in err
    assert "有错.docx:表四 第4行 总计: 错误 R4-a" in err


def test_build_from_a_web_page(tmp_path: Path) -> None:
    page = built(SAMPLE_2019, tmp_path / "报告.html", "html")
    code, _out, err = run("build", str(page), "--to", "docx,html", "-o", str(tmp_path / "out" / "r.docx"))
    assert code == 0, err
    assert (tmp_path / "out" / "r.docx").is_file() and (tmp_path / "out" / "r.html").is_file()
    assert not list(tmp_path.rglob("*.toml"))


# ---------------------------------------------------------------- structure noise

import zipfile  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from lxml import etree  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PADS = ["\u00a0", "\u3000", " ", "\u00a0\u00a0"]


def _noisy(docx: bytes, data: st.DataObject) -> bytes:
    """``docx`` with random structure noise: empty paragraphs between blocks, cells padded with
    no-break or full-width spaces, and one table cut in two."""
    with zipfile.ZipFile(__import__("io").BytesIO(docx)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    cut = data.draw(st.sampled_from(tables), label="table cut")
    rows = cut.findall(f"{W}tr")
    at = data.draw(st.integers(1, len(rows) - 1), label="cut at row")
    lower = etree.Element(f"{W}tbl")
    for child in cut:
        if child.tag != f"{W}tr":
            lower.append(__import__("copy").deepcopy(child))
    for tr in rows[at:]:
        lower.append(tr)
    cut.addnext(lower)
    cut.addnext(etree.Element(f"{W}p"))
    pad = __import__("random").Random(data.draw(st.integers(0, 2**16), label="padding"))
    for t in root.iter(f"{W}t"):
        if t.getparent().getparent().getparent().tag == f"{W}tc" and pad.random() < 0.3:
            t.text = pad.choice(PADS) + (t.text or "") + pad.choice(PADS)
    blocks = list(body)
    for _ in range(data.draw(st.integers(0, 6), label="empty paragraphs")):
        k = data.draw(st.integers(0, len(blocks) - 1))
        blocks[k].addprevious(etree.Element(f"{W}p"))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = __import__("io").BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


NOISE_BASES = {}


def _base(name: str, tmp: Path) -> tuple[bytes, dict]:
    if name not in NOISE_BASES:
        sample = {"2019": SAMPLE_2019, "2021": SAMPLE_2021}[name[:4]]
        if name.endswith("word"):
            path = publishing.word(publishing.layout(sample), tmp / f"{name}.docx")
        else:
            path = built(sample, tmp / f"{name}.docx")
        NOISE_BASES[name] = (path.read_bytes(), said(sample.read_text(encoding="utf-8-sig")))
    return NOISE_BASES[name]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), base=st.sampled_from(["2019-reportgen", "2021-reportgen", "2021-word"]))
def test_structure_noise_never_changes_the_values(data: st.DataObject, base: str, tmp_path: Path) -> None:
    docx, want = _base(base, tmp_path)
    path = tmp_path / "noisy.docx"
    path.write_bytes(_noisy(docx, data))
    got = said(importer.read(path).text)
    assert got["values"] == want["values"]
    assert got["sections"] == want["sections"]
    assert got["errors"] == []


# ---------------------------------------------------------------- PDF, text, LibreOffice

import re  # noqa: E402
import subprocess  # noqa: E402

from conftest import libreoffice_pdf, needs_soffice  # noqa: E402


def _unpunctuated(sections: list) -> list:
    """Prose compared without punctuation: a PDF's text layer drops a comma that ends a line."""
    return re.sub(r"[，。、；：,]", "", repr(sections))


@needs_soffice
@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="pdftotext 未安装（poppler-utils）")
@pytest.mark.parametrize("sample", [SAMPLE_2019, SAMPLE_2021], ids=lambda p: p.stem)
def test_sample_built_to_pdf_imports_back(sample: Path, tmp_path: Path) -> None:
    pdf = libreoffice_pdf(built(sample, tmp_path / "r.docx"), tmp_path)
    imported = importer.read(pdf)
    got = said(imported.text)
    want = said(sample.read_text(encoding="utf-8-sig"))
    assert got["values"] == want["values"]
    assert got["title"] == want["title"].replace("\n", "")
    assert _unpunctuated(got["sections"]) == _unpunctuated(want["sections"])
    assert got["errors"] == []


def _as_text(blocks: list, one_cell_a_line: bool) -> str:
    """A report copied as text from a page: one paragraph a line; a table row as cells
    separated by ``|``, or one cell a line."""
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, publishing.Para):
            lines.append(b.lead + b.text.replace("\n", ""))
            continue
        m = publishing.matrix(b)
        for r, row in enumerate(m):
            cells = []
            for origin in dict.fromkeys(row):
                if origin is not None and origin[0] == r:
                    cells.append(b.rows[origin[0]][origin[1]].text.replace("\n", ""))
            lines += cells if one_cell_a_line else [" | ".join(cells)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("sample", [SAMPLE_2019, SAMPLE_2021], ids=lambda p: p.stem)
@pytest.mark.parametrize("one_cell_a_line", [False, True], ids=["bars", "one-cell-a-line"])
def test_copied_text_imports(sample: Path, one_cell_a_line: bool, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(_as_text(publishing.layout(sample), one_cell_a_line), encoding="utf-8")
    got = said(importer.read(path).text)
    want = said(sample.read_text(encoding="utf-8-sig"))
    assert got["values"] == want["values"]
    assert got["sections"] == want["sections"]


@needs_soffice
def test_web_page_converted_to_word_by_libreoffice_imports_the_same(tmp_path: Path) -> None:
    """A county page saved and opened in LibreOffice, saved as .docx: the same report."""
    page = publishing.page(publishing.layout(SAMPLE_2021), tmp_path / "page.html")
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path),
            str(page),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    from_word = said(importer.read(tmp_path / "page.docx").text)
    from_page = said(importer.read(page).text)
    assert from_word == from_page
    assert from_word["values"] == said(SAMPLE_2021.read_text(encoding="utf-8"))["values"]


# ---------------------------------------------------------------- real files reportgen did not write


needs_pdftotext = pytest.mark.skipif(
    __import__("shutil").which("pdftotext") is None,
    reason="pdftotext 未安装：apt-get install poppler-utils（scripts/test 会安装）",
)


@needs_pdftotext
def test_real_pdf_report(tmp_path: Path) -> None:
    """淮安市人民政府2024年 (as published, PDF): every table and section found."""
    imported = importer.read(REAL / "淮安市人民政府-2024.pdf")
    got = said(imported.text)
    v = got["values"]
    assert (imported.agency, imported.year, got["format"]) == ("淮安市人民政府", 2024, "2021")
    assert got["title"] == "淮安市人民政府\n2024年政府信息公开工作年度报告"
    assert [v[f"t3_r01_c{k}"] for k in range(1, 8)] == [3001, 53, 0, 0, 61, 4, 3119]
    assert [v[f"t3_r25_c{k}"] for k in range(1, 8)] == [103, 0, 0, 0, 0, 0, 103]
    assert [v[f"t4_b1_c{k}"] for k in range(1, 6)] == [72, 64, 178, 37, 351]
    assert [v[f"t4_b3_c{k}"] for k in range(1, 6)] == [12, 1, 1, 6, 20]
    assert str(v["t2_b4_r1_c1"]) == "96171.6"
    subs = got["sections"][0][3]
    assert [(h, run_in) for h, run_in, _ in subs] == [
        ("（一）主动公开情况。", True),
        ("（二）依申请公开情况。", True),
        ("（三）政府信息管理情况。", True),
        ("（四）政府信息公开平台建设情况。", True),
        ("（五）政府信息公开监督保障情况。", True),
    ]
    assert got["errors"] == [] and not imported.findings


def test_real_word_template_filled_in(tmp_path: Path) -> None:
    """The Word template agencies are sent (labels broken over lines, cells padded with
    full-width spaces, the label column merged), filled in as a clerk would: every cell read."""
    import docx

    d = docx.Document(str(REAL / "政务公开年报模版.docx"))
    d.paragraphs[1].text = "示例县水利局2022年政府信息公开工作年度报告"
    n = 0
    for table in d.tables:
        for row in table.rows:
            seen = set()
            for c in row.cells:
                if id(c._tc) in seen or c.text.strip("\u3000 ") or (c._tc.tcPr is None and False):
                    continue
                seen.add(id(c._tc))
                n += 1
                c.text = f"\u3000{n % 7}"
    path = tmp_path / "水利局.docx"
    d.save(str(path))
    imported = importer.read(path)
    got = said(imported.text)
    assert (imported.agency, imported.year, got["format"]) == ("示例县水利局", 2022, "2021")
    filled = docx.Document(str(path))
    t3 = filled.tables[1]
    first = [c.text.strip("\u3000") for c in t3.rows[3].cells[3:]]
    assert [str(got["values"][f"t3_r01_c{k}"]) for k in range(1, 8)] == first
    t4 = filled.tables[2]
    assert [str(got["values"][f"t4_b1_c{k}"]) for k in range(1, 6)] == [c.text.strip("\u3000") for c in t4.rows[3].cells[:5]]


# ---------------------------------------------------------------- what cannot be placed, and variant parts


def test_extra_part_and_a_heading_not_printed(tmp_path: Path) -> None:
    blocks = publishing.layout(SAMPLE_2021)
    heading = next(b for b in blocks if isinstance(b, publishing.Para) and b.text == "二、主动公开政府信息情况")
    blocks.remove(heading)
    blocks.append(publishing.Para("七、下一步工作打算", bold=True))
    blocks.append(publishing.Para("2022年，本局将继续做好政府信息公开工作。"))
    got = said(importer.read(publishing.word(blocks, tmp_path / "r.docx")).text)
    want = said(SAMPLE_2021.read_text(encoding="utf-8"))
    assert got["values"] == want["values"]
    assert [s[1] for s in got["sections"]][:3] == ["一、总体情况", "", "三、收到和处理政府信息公开申请情况"]
    assert got["extras"] == [("六、其他需要报告的事项", "七、下一步工作打算", ("2022年，本局将继续做好政府信息公开工作。",), [])]


def test_what_cannot_be_placed_is_kept_as_a_comment_and_said(tmp_path: Path) -> None:
    blocks = publishing.layout(SAMPLE_2021)
    t3 = publishing.tables(blocks)["三"]
    t3.rows.append([publishing.Cell("（八）其他情况", colspan=3), *(publishing.Cell("0", label=False) for _ in range(7))])
    k = next(i for i, b in enumerate(blocks) if isinstance(b, publishing.Para) and b.text.startswith("五、"))
    other = publishing.Tab("五、存在的主要问题及改进情况", [[publishing.Cell("整改事项"), publishing.Cell("完成时限")], [publishing.Cell("栏目更新"), publishing.Cell("3月底")]])
    blocks.insert(k + 1, other)
    blocks.insert(0, publishing.Para("附件2"))
    path = publishing.word(blocks, tmp_path / "r.docx")
    imported = importer.read(path)
    said_text = "\n".join(str(p) for p in imported.findings)
    assert f"{path}:第1段: 警告 I-import 标题之前的内容没有归入报告：“附件2”" in said_text
    assert "（八）其他情况" in said_text and "表三 第29行" in said_text
    assert "整改事项" in said_text and "第4个表格" in said_text
    text = imported.text
    section_5 = text.index('["五、存在的主要问题及改进情况"]')
    assert text.index("# 没有导入：第4个表格（表格）：整改事项 | 完成时限", section_5) > section_5
    assert "# 没有导入：表三 第29行：（八）其他情况" in text
    assert "# 原文标题之前的内容（没有导入）：附件2" in text
    assert said(text)["values"] == said(SAMPLE_2021.read_text(encoding="utf-8"))["values"]


# ---------------------------------------------------------------- the corpus of real reports

CORPUS = ROOT / "tests" / "data" / "real"
CORPUS_FORMS = sorted(
    (d, p)
    for d in (CORPUS.iterdir() if CORPUS.is_dir() else [])
    if (d / "report.toml").is_file()
    for p in d.glob("published.*")
    if importer.is_published(p)
)


def corpus_comparison(report: Path, published: Path) -> list[str]:
    """What an import of ``published`` states differently from the hand-made ``report``:
    every cell the report types, every paragraph and heading, title, agency and year."""
    want = said(report.read_text(encoding="utf-8-sig"))
    got = said(importer.read(published).text)
    out = [k for k in ("agency", "year", "format", "title", "byline", "closing", "preamble", "sections", "extras") if got[k] != want[k]]
    codes = sorted(re.findall(r" 错误 (\S+) ", "\n".join(want["errors"])))
    if sorted(re.findall(r" 错误 (\S+) ", "\n".join(got["errors"]))) != codes:
        out.append(f"errors {got['errors'][:3]}")  # it rebuilds unless the published report is wrong itself
    wrong = [f for f in set(want["values"]) | set(got["values"]) if got["values"].get(f) != want["values"].get(f)]
    wrong += [f for f in set(want["printed"]) | set(got["printed"]) if got["printed"].get(f) != want["printed"].get(f)]
    if wrong:
        out.append(f"cells {sorted(set(wrong))[:8]}")
    # Labels as printed: exact, except that a PDF's labels wrapped over several lines of a narrow
    # cell may not be put together again; such a row keeps the official label (never a wrong one).
    laid_out = published.suffix == ".pdf" or (published.suffix == ".txt" and _laid_out(published))
    for table, printed in want["labels"].items():
        mine = got["labels"].get(table, {})
        wrong = {k for k, v in mine.items() if printed.get(k) != v}
        missing = set(printed) - set(mine)
        if wrong or (missing and not laid_out):
            out.append(f"labels {table}: {sorted(wrong | missing)}")
    return out


def _laid_out(path: Path) -> bool:
    from reportgen.published import plaintext

    return plaintext._laid_out(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.skipif(not CORPUS_FORMS, reason="no corpus in tests/data/real yet")
@pytest.mark.parametrize(("folder", "published"), CORPUS_FORMS, ids=lambda x: x.name)
def test_corpus_report_imports(folder: Path, published: Path) -> None:
    """Every corpus report, from each form the corpus holds it in, imports as its report.toml."""
    if published.suffix == ".pdf" and __import__("shutil").which("pdftotext") is None:
        pytest.skip("pdftotext 未安装（poppler-utils；scripts/test 会安装）")
    assert corpus_comparison(folder / "report.toml", published) == []


@pytest.mark.parametrize("face", ["加粗", "黑体", "楷体"])
def test_run_in_heading_face(face: str, tmp_path: Path) -> None:
    sample = ROOT / "tests/data/valid/as-published.toml"
    made = publishing.word(publishing.layout(sample), tmp_path / "r.docx", lead_face=face)
    got = said(importer.read(made).text)
    assert got["run_in_face"] == face
    assert [(h, run_in) for h, run_in, _ in got["sections"][0][3]] == [
        (h, run_in) for h, run_in, _ in said(sample.read_text(encoding="utf-8"))["sections"][0][3]
    ]
