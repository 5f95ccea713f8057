"""PDF through LibreOffice: the sample converts with its title, numbers and CJK faces; without soffice, nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.render import pdf

needs_soffice = pytest.mark.skipif(
    pdf.soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or pdftotext is not installed: "
    "apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai",
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@needs_soffice
def test_sample_converts_to_pdf(sample_2019: Path, tmp_path: Path, capsys):
    out = tmp_path / "年报.pdf"
    assert main(["build", str(sample_2019), "--to", "pdf", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"已生成 {out}\n"
    assert out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2019.toml", "年报.pdf"]  # nothing else left
    text = pdf_text(out)
    flat = re.sub(r"\s+", "", text)
    assert "鄞州区统计局2019年政府信息公开工作年度报告" in flat
    assert "475976.05元" in flat  # table 二, 政府集中采购 采购总金额
    assert "三、收到和处理政府信息公开申请情况" in flat
    assert "—1—" in flat  # the page number form of the footer


@needs_soffice
def test_all_three_outputs_at_once(sample_2019: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(sample_2019), "--to", "docx,html,pdf"]) == 0
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == ["2019.docx", "2019.html", "2019.pdf"]


@needs_soffice
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_official_font_names_reach_cjk_faces(sample_2019: Path, tmp_path: Path):
    faces = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    if "Noto Serif CJK SC" not in faces or "AR PL UKai CN" not in faces:
        pytest.skip("the CJK faces are not installed: apt-get install fonts-noto-cjk fonts-arphic-ukai")
    out = tmp_path / "r.pdf"
    assert main(["build", str(sample_2019), "--to", "pdf", "-o", str(out)]) == 0
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifCJK" in fonts  # 仿宋_GB2312, 方正小标宋简体, 宋体
    assert "NotoSansCJK" in fonts  # 黑体
    assert "UKai" in fonts  # 楷体_GB2312


def test_fontconfig_aliases_name_every_official_font():
    conf = pdf.FONTS_CONF.read_text(encoding="utf-8")
    for name in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"):
        assert f'<alias binding="same">\n    <family>{name}</family>' in conf
    if shutil.which("fc-match"):
        env = {"FONTCONFIG_FILE": str(pdf.FONTS_CONF), "PATH": "/usr/bin:/bin"}
        got = subprocess.run(
            ["fc-match", "-f", "%{family}", "楷体_GB2312"], env=env, capture_output=True, text=True
        )
        faces = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
        if "AR PL UKai CN" in faces:
            assert "AR PL UKai CN" in got.stdout


def test_without_libreoffice_nothing_is_written(sample_2019: Path, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(sample_2019), "--to", "docx,html,pdf"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "reportgen: 没有找到 LibreOffice（soffice 命令），无法生成 PDF，也没有生成其他文件。"
        "请先安装：Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk；"
        "Windows 请安装 LibreOffice。或者去掉 --to 中的 pdf，只生成 Word 和网页。\n"
    )
    assert not (tmp_path / "outputs").exists()


def test_a_failing_conversion_keeps_the_old_pdf(sample_2019: Path, tmp_path: Path, monkeypatch, capsys):
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'broken profile' >&2\nexit 81\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice", lambda: str(fake))
    out = tmp_path / "r.pdf"
    out.write_bytes(b"%PDF- the good one")
    assert main(["build", str(sample_2019), "--to", "docx,pdf", "-o", str(out)]) == 2
    assert capsys.readouterr().err == "reportgen: LibreOffice 没有生成 PDF（退出码 81：broken profile）。\n"
    assert out.read_bytes() == b"%PDF- the good one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2019.toml", "bin", "r.pdf"]
