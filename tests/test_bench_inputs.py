"""The benchmark's generated inputs are valid and really vary (or the benchmark measures nothing)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

from reportgen import pipeline

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


def test_generated_inputs_pass_every_check_and_differ(tmp_path: Path):
    paths = generate(40, tmp_path, seed=7)
    checked = [pipeline.check(p) for p in paths]
    assert all(not c.warnings for c in checked)
    assert len({c.report.agency for c in checked}) > 20
    assert len({tuple(sorted((k, str(v)) for k, v in c.values.items())) for c in checked}) == 40
    assert len({c.report.sections[0].paragraphs for c in checked}) == 40
    texts = [p.read_text(encoding="utf-8") for p in paths]
    with_totals = sum('"总计" =' in t for t in texts)
    assert 0 < with_totals < 40  # some files write each 总计, the others leave it to reportgen
