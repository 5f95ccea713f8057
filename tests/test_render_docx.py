"""The prepared Word engine writes what plain docxtpl writes, from a template prepared once."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import docxread
import pytest
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined

from reportgen import pipeline
from reportgen.blueprint import TEMPLATES
from reportgen.render import bytecode
from reportgen.render.context import context
from reportgen.render.docx import DocxRenderer, prepared_path, prepared_text

TEMPLATE = TEMPLATES / "2019.docx"

TRICKY = (
    '\n甲&乙 <b>粗</b> "引号" {{ 不是标签 }} {%p 也不是 %}\n同一段的第二行\t制表符之后\n\n第二段  \u3000\n'
)


def docxtpl_render(template: Path, ctx: dict, out: Path) -> Path:
    """The baseline: plain docxtpl, as its documentation shows, made strict and escaping."""
    doc = DocxTemplate(template)
    doc.render(ctx, jinja_env=Environment(autoescape=True, undefined=StrictUndefined))
    doc.save(out)
    return out


def tricky_input(path: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    start = text.index('"正文" = """', text.index('["六、其他需要报告的事项"]'))
    text = text[:start] + f'"正文" = """{TRICKY}"""\n'
    path.write_text(
        text.replace('"机关名称" = "鄞州区统计局"', '"机关名称" = "鄞州区<统计>&局"'), encoding="utf-8"
    )
    return path


@pytest.fixture(params=["sample", "tricky"])
def checked(request, sample_2019: Path) -> pipeline.Checked:
    path = sample_2019 if request.param == "sample" else tricky_input(sample_2019)
    return pipeline.check(path)


def test_kept_cleanup_is_what_docxtpl_makes_of_the_template():
    assert prepared_path(TEMPLATE).read_text(encoding="utf-8") == prepared_text(TEMPLATE), (
        "templates/2019.docx.jinja is stale: run python -m reportgen.blueprint"
    )


def test_same_content_as_plain_docxtpl(checked: pipeline.Checked, tmp_path: Path):
    ctx = context(checked.report, checked.values)
    ours = docxread.read(DocxRenderer(TEMPLATE).render(ctx))
    theirs = docxread.read(docxtpl_render(TEMPLATE, ctx, tmp_path / "docxtpl.docx"))
    assert ours.items == theirs.items  # every paragraph: style and text with its line breaks
    assert ours.tables == theirs.tables  # every table grid, merges included
    assert len(ours.tables) == 3


def test_tricky_text_arrives_as_typed(sample_2019: Path):
    body = docxread.read(pipeline.render_docx(pipeline.check(tricky_input(sample_2019))))
    assert body.styled("title") == ["鄞州区<统计>&局2019年\n政府信息公开工作年度报告"]  # broken by meaning
    last = body.styled("body")[-2:]
    assert last == [
        '甲&乙 <b>粗</b> "引号" {{ 不是标签 }} {%p 也不是 %}\n同一段的第二行\t制表符之后',
        "第二段",
    ]


def test_package_opens_and_keeps_the_template_parts(sample_2019: Path):
    data = pipeline.render_docx(pipeline.check(sample_2019))
    path = Path(sample_2019.parent / "out.docx")
    path.write_bytes(data)
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(TEMPLATE) as t:
        assert z.testzip() is None
        assert z.namelist() == t.namelist()
        for name in t.namelist():
            if name not in ("word/document.xml", "docProps/core.xml"):
                assert z.read(name) == t.read(name), name
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == "鄞州区统计局2019年\n政府信息公开工作年度报告"  # broken by meaning
    core = document.core_properties
    assert (core.title, core.author, core.language) == (
        "鄞州区统计局2019年政府信息公开工作年度报告", "鄞州区统计局", "zh-CN",
    )


def test_same_bytes_every_time(sample_2019: Path):
    checked = pipeline.check(sample_2019)
    assert pipeline.render_docx(checked) == pipeline.render_docx(checked)


def test_without_the_kept_cleanup_docxtpl_prepares_the_template(sample_2019: Path, tmp_path: Path):
    ctx = context(*(lambda c: (c.report, c.values))(pipeline.check(sample_2019)))
    expected = DocxRenderer(TEMPLATE).render(ctx)
    copy = tmp_path / "2019.docx"
    shutil.copy(TEMPLATE, copy)
    assert DocxRenderer(copy).render(ctx) == expected  # no .jinja beside it
    stale = prepared_path(TEMPLATE).read_text(encoding="utf-8").replace("{{ title }}", "STALE")
    prepared_path(copy).write_text(stale.replace("sha256=", "sha256=0", 1), encoding="utf-8")
    assert DocxRenderer(copy).render(ctx) == expected  # a stamp that does not match is ignored


def test_compiled_code_is_kept_and_a_broken_cache_is_recompiled(
    sample_2019: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(bytecode.VARIABLE, str(tmp_path / "cache"))
    checked = pipeline.check(sample_2019)
    ctx = context(checked.report, checked.values)
    first = DocxRenderer(TEMPLATE).render(ctx)
    kept = list((tmp_path / "cache").iterdir())
    assert len(kept) == 2  # word/document.xml and docProps/core.xml
    assert DocxRenderer(TEMPLATE).render(ctx) == first  # loaded from the cache
    kept[0].write_bytes(b"not marshal data")
    assert DocxRenderer(TEMPLATE).render(ctx) == first
    monkeypatch.setenv(bytecode.VARIABLE, "off")
    assert bytecode.folder() is None
    assert DocxRenderer(TEMPLATE).render(ctx) == first
