"""`reportgen build`: the document, its typography, the template, and what happens on failure."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_2019, libreoffice_pdf, needs_soffice
from docxread import read
from lxml import etree

from reportgen import blueprint
from reportgen.cli import main
from reportgen.formats import FORMATS

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{" + NS["w"] + "}"


def build(path: Path, out: Path, capsys: pytest.CaptureFixture[str] | None = None) -> int:
    return main(["build", str(path), "-o", str(out)])


def part(docx: Path, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(docx).read(name))


# ---------------------------------------------------------------- the template


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=lambda f: f.id)
def test_committed_template_is_what_the_blueprint_makes(fmt) -> None:
    committed = zipfile.ZipFile(ROOT / "templates" / fmt.template)
    made = blueprint.parts(fmt)
    assert committed.namelist() == list(made)
    for name, text in made.items():
        assert committed.read(name).decode("utf-8") == text, (
            f"{name} differs: run python -m reportgen.blueprint"
        )


# ---------------------------------------------------------------- typography


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "2019.docx"
    assert main(["build", str(SAMPLE_2019), "-o", str(out)]) == 0
    return out


def test_page_is_a4_with_gbt9704_margins(docx: Path) -> None:
    sect = part(docx, "word/document.xml").find(".//w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    mar = sect.find("w:pgMar", NS)
    mm = {k: round(int(mar.get(f"{W}{k}")) * 25.4 / 1440) for k in ("top", "bottom", "left", "right")}
    assert mm == {"top": 37, "bottom": 35, "left": 28, "right": 26}


def style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


def east_asia_font(styles: etree._Element, style_id: str) -> str:
    el = style(styles, style_id)
    while True:
        fonts = el.find("w:rPr/w:rFonts", NS)
        if fonts is not None:
            return fonts.get(f"{W}eastAsia")
        el = style(styles, el.find("w:basedOn", NS).get(f"{W}val"))


def size(styles: etree._Element, style_id: str) -> float:
    el = style(styles, style_id)
    while True:
        sz = el.find("w:rPr/w:sz", NS)
        if sz is not None:
            return int(sz.get(f"{W}val")) / 2
        el = style(styles, el.find("w:basedOn", NS).get(f"{W}val"))


def test_fonts_sizes_and_language(docx: Path) -> None:
    styles = part(docx, "word/styles.xml")
    assert (east_asia_font(styles, "title"), size(styles, "title")) == ("方正小标宋简体", 22)  # 2号
    assert (east_asia_font(styles, "body"), size(styles, "body")) == ("仿宋_GB2312", 16)  # 3号
    assert (east_asia_font(styles, "h1"), size(styles, "h1")) == ("黑体", 16)
    assert (east_asia_font(styles, "h2"), size(styles, "h2")) == ("楷体_GB2312", 16)
    assert (east_asia_font(styles, "num"), size(styles, "num")) == ("仿宋_GB2312", 10.5)  # 五号
    assert (east_asia_font(styles, "pageno"), size(styles, "pageno")) == ("宋体", 14)  # 4号
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{W}eastAsia") == "zh-CN"
    body = style(styles, "body")
    assert body.find("w:pPr/w:ind", NS).get(f"{W}firstLineChars") == "200"
    normal = style(styles, "a")
    assert normal.find("w:pPr/w:spacing", NS).get(f"{W}lineRule") == "exact"
    assert style(styles, "title").find("w:pPr/w:jc", NS).get(f"{W}val") == "center"
    assert style(styles, "num").find("w:pPr/w:jc", NS).get(f"{W}val") == "center"


def test_footer_has_page_field_between_em_dashes(docx: Path) -> None:
    for name, align in (("word/footer1.xml", "right"), ("word/footer2.xml", "left")):
        footer = part(docx, name)
        text = "".join(t.text for t in footer.iter(f"{W}t"))
        assert text == "— 1 —"
        assert footer.find(".//w:instrText", NS).text.strip() == "PAGE"
        assert footer.find(".//w:jc", NS).get(f"{W}val") == align


# ---------------------------------------------------------------- narrative that looks like code

TRICKY = "A&B <b>粗</b> \"引\" '单' {{ x }} {% if y %}z{% endif %} {#c#}\n第二行\t制表\u000b控\u0007制"


def test_narrative_comes_out_literally(sample_2019: Path, tmp_path: Path) -> None:
    text = sample_2019.read_text(encoding="utf-8")
    escaped = TRICKY.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    escaped = escaped.replace("\u000b", "\\u000B").replace("\u0007", "\\u0007")
    text = text.replace('"正文" = """\n没有其他需要报告事项。\n"""', f'"正文" = "{escaped}"')
    sample_2019.write_text(text, encoding="utf-8")
    out = tmp_path / "out.docx"
    assert build(sample_2019, out) == 0
    last = read(out).paragraphs()[-1]
    expected = TRICKY.replace("\u000b", "").replace("\u0007", "")  # Word cannot hold control characters
    assert last == expected
    import docx as python_docx

    assert python_docx.Document(str(out)).paragraphs[-1].text.replace("\n", "").startswith("A&B <b>粗</b>")


def test_paragraphs_split_on_blank_lines_and_keep_single_newlines(sample_2019: Path, tmp_path: Path) -> None:
    text = sample_2019.read_text(encoding="utf-8")
    text = text.replace("没有其他需要报告事项。", "　　第一段第一行\n第一段第二行\n\n  \n第二段。  ")
    sample_2019.write_text(text, encoding="utf-8")
    out = tmp_path / "out.docx"
    assert build(sample_2019, out) == 0
    assert read(out).paragraphs()[-2:] == ["第一段第一行\n第一段第二行", "第二段。"]


# ---------------------------------------------------------------- paths, exit codes, atomicity


def test_default_output_is_outputs_stem_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    (tmp_path / "inputs").mkdir()
    shutil.copy(SAMPLE_2019, tmp_path / "inputs" / "2019.toml")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "inputs/2019.toml"]) == 0
    assert (tmp_path / "outputs" / "2019.docx").is_file()
    assert capsys.readouterr().out.strip() == "已生成 outputs/2019.docx"


def test_missing_folders_are_created(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "report.docx"
    assert build(SAMPLE_2019, out) == 0
    assert zipfile.is_zipfile(out)


@pytest.mark.parametrize("end", ["/", "\\"], ids=["slash", "backslash"])
@pytest.mark.parametrize("to", ["docx", "docx,html"])
def test_o_ending_in_a_separator_is_a_folder_created_if_missing(
    sample_2019: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, end: str, to: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(sample_2019), "--to", to, "-o", f"out2022{end}"]) == 0
    made = [f"out2022/2019.{t}" for t in to.split(",")]
    assert sorted(str(p.relative_to(tmp_path).as_posix()) for p in (tmp_path / "out2022").iterdir()) == made
    assert capsys.readouterr().out.splitlines() == [f"已生成 {Path(m)}" for m in made]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2019.toml", "out2022"]  # no out2022.docx


def test_o_folder_for_several_inputs_is_created_if_missing(sample_2019: Path, tmp_path: Path) -> None:
    other = tmp_path / "2019b.toml"
    shutil.copy(sample_2019, other)
    assert main(["build", str(sample_2019), str(other), "--to", "docx,html", "-o", f"{tmp_path}/out/"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "2019.docx", "2019.html", "2019b.docx", "2019b.html",
    ]


def test_error_leaves_existing_output_untouched_and_no_temp_files(
    sample_2019: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out" / "2019.docx"
    assert build(sample_2019, out) == 0
    before = out.read_bytes()
    text = sample_2019.read_text(encoding="utf-8").replace(
        '"自然人" = 2, "商业企业" = 0', '"自然人" = 3, "商业企业" = 0', 1
    )
    sample_2019.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert build(sample_2019, out) == 1
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["2019.docx"]
    err = capsys.readouterr().err
    assert "错误 R3-c" in err and "文档没有生成" in err


def test_error_creates_no_file(sample_2019: Path, tmp_path: Path) -> None:
    sample_2019.write_text(
        sample_2019.read_text(encoding="utf-8").replace('"报告年度" = 2019', '"报告年度" = "2019"')
    )
    out = tmp_path / "new" / "2019.docx"
    assert build(sample_2019, out) == 1
    assert not out.exists()


def test_unwritable_output_is_exit_2(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert build(SAMPLE_2019, blocker / "2019.docx") == 2
    assert capsys.readouterr().err.startswith("reportgen: 无法创建输出目录或文件")


def test_missing_input_and_bad_usage_are_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["build", str(tmp_path / "nope.toml")]) == 2
    assert "找不到输入文件" in capsys.readouterr().err
    assert main(["build"]) == 2
    assert "命令行参数有误" in capsys.readouterr().err


def test_version_and_help() -> None:
    exe = str(Path(sys.executable).parent / "reportgen")  # the console script of this environment
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("reportgen ")
    helptext = subprocess.run([exe, "build", "--help"], capture_output=True, text=True, check=True)
    assert "-o 输出" in helptext.stdout


# ---------------------------------------------------------------- LibreOffice


@needs_soffice
def test_libreoffice_opens_and_converts_to_pdf(docx: Path, tmp_path: Path) -> None:
    pdf = libreoffice_pdf(docx, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert 4 <= pages <= 12


def test_a_template_naming_an_unknown_value_is_an_error_not_empty_text(tmp_path: Path) -> None:
    from reportgen.errors import TemplateError
    from reportgen.render.docx import DocxRenderer

    fmt = FORMATS["2019"]
    parts = blueprint.parts(fmt)
    parts["word/document.xml"] = parts["word/document.xml"].replace("{{ title_broken }}", "{{ titel }}")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    with pytest.raises(TemplateError, match="titel"):
        DocxRenderer(broken).render({"title_broken": "x", "properties": {"title": "x", "author": "y"}})
