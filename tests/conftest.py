from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/docxread.py

SAMPLE_2019 = ROOT / "inputs" / "2019.toml"
SEED = ROOT.parent / "shared" / "seed" / "2019-yinzhou-statistics-bureau.txt"


@pytest.fixture
def sample_2019(tmp_path: Path) -> Path:
    """A private copy of the 2019 sample input, safe to edit."""
    path = tmp_path / "2019.toml"
    shutil.copy(SAMPLE_2019, path)
    return path
