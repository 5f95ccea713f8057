"""The real corpus (tests/data/real/): each report is rebuilt from its TOML and compared with
what the agency published (bench/real.py), and the comparison is shown to catch a change."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import real

# Reports the tool cannot reproduce, and why (tests/data/real/README.md explains each).
NOT_REPRODUCED = {
    "2023-jiangsu-hongzequ-quzhengfu": "the published numbers break R4-a",
}
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext 未安装（poppler-utils）"
)


@needs_pdftotext
@pytest.mark.parametrize("folder", real.corpus(), ids=lambda p: p.name)
def test_corpus_report_is_reproduced(folder: Path):
    result = real.check_one(folder)
    if folder.name in NOT_REPRODUCED:
        assert not result.reproduced and result.why.startswith(NOT_REPRODUCED[folder.name]), result.why
    else:
        assert result.reproduced, result.why


def test_corpus_holds_both_formats_and_its_census():
    folders = real.corpus()
    assert len(folders) >= 4
    years = {int(f.name[:4]) for f in folders}
    assert min(years) <= 2020 and max(years) >= 2021
    for f in folders:
        assert (f / "source.md").is_file() and any(f.glob("published.*"))
    assert (ROOT / "tests" / "data" / "real" / "README.md").is_file()


def _copy(name: str, tmp_path: Path) -> Path:
    dest = tmp_path / name
    shutil.copytree(real.CORPUS / name, dest)
    return dest


@needs_pdftotext
def test_a_changed_number_is_not_reproduced(tmp_path: Path):
    folder = _copy("2024-jiangsu-huaian-shizhengfu", tmp_path)
    toml = folder / "report.toml"
    text = toml.read_text(encoding="utf-8")
    changed = re.sub(
        r'^("行政处罚"\s*= \{ "本年处理决定数量" = )(\d+)',
        lambda m: f"{m[1]}{int(m[2]) + 1}",
        text,
        flags=re.M,
    )
    assert changed != text
    toml.write_text(changed, encoding="utf-8")
    result = real.check_one(folder)
    assert not result.reproduced and result.why.startswith("表二: numbers differ"), result.why


def test_a_changed_paragraph_is_not_reproduced(tmp_path: Path):
    folder = _copy("2019-zhejiang-yinzhou-tongjiju", tmp_path)
    toml = folder / "report.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("信息电子化达100%", "信息电子化达99%"), encoding="utf-8"
    )
    result = real.check_one(folder)
    assert not result.reproduced and result.why.startswith("paragraph not found: “全年累计发布政府信息1459条")
