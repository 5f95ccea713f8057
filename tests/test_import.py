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
