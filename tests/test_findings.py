"""What reportgen finds in the real corpus, judged: every finding on every corpus report is listed
in ``findings.txt`` beside it with a verdict read from the published report (issue 11), so a
change in any rule shows up here; and the precision of the warnings stays at least 90 %."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

from reportgen import pipeline

CORPUS = ROOT / "tests" / "data" / "real"
FOLDERS = sorted(p.parent for p in CORPUS.glob("*/report.toml"))
LINE = re.compile(r"^(\d+) (错误|警告) (\S+) \| (对|误报) \| .+$")


def judged(folder: Path) -> list[tuple[int, str, str, str]]:
    """(line, severity, code, verdict) of each finding listed in the folder's findings.txt."""
    out = []
    for line in (folder / "findings.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = LINE.match(line)
        assert m, f"{folder.name}/findings.txt: {line}"
        out.append((int(m[1]), m[2], m[3], m[4]))
    return out


def found(folder: Path) -> list[tuple[int, str, str]]:
    problems = pipeline.draft(folder / "report.toml", prev=None).problems
    return [(p.location.line, p.severity.value, p.code) for p in problems]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_finding_on_a_real_report_is_the_judged_one(folder: Path) -> None:
    expected = Counter((line, severity, code) for line, severity, code, _ in judged(folder))
    assert Counter(found(folder)) == expected


def test_no_error_is_a_false_alarm_and_nine_warnings_in_ten_are_right() -> None:
    verdicts = [(severity, verdict) for folder in FOLDERS for _, severity, _, verdict in judged(folder)]
    assert len(FOLDERS) >= 4 and verdicts
    assert all(verdict == "对" for severity, verdict in verdicts if severity == "错误")
    warnings = [verdict for severity, verdict in verdicts if severity == "警告"]
    assert sum(v == "对" for v in warnings) >= 0.9 * len(warnings)


def test_the_published_errors_are_found() -> None:
    """The errors the collectors found by reading (source.md of each report): R4-a twice in 洪泽区
    2023, the prose's 17 applications against table 三's 95 in 洪泽区 2024."""
    by_name = {f.name: {(code, line) for line, _, code in found(f)} for f in FOLDERS}

    def line_of(name: str, start: str) -> int:
        lines = (CORPUS / name / "report.toml").read_text(encoding="utf-8").splitlines()
        return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))

    hongze_2023, hongze_2024 = "2023-jiangsu-hongzequ-quzhengfu", "2024-jiangsu-hongzequ-quzhengfu"
    reviews = {("R4-a", line_of(hongze_2023, f'"{row}"')) for row in ("行政复议", "复议后起诉")}
    assert reviews <= by_name[hongze_2023]
    assert ("P-figure", line_of(hongze_2024, "根据《条例》和上级部门")) in by_name[hongze_2024]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_the_prose_figures_read_from_a_report_are_where_it_says(folder: Path) -> None:
    """figures.txt (bench/planted.py plants errors there): each quote stands on its line."""
    lines = (folder / "report.toml").read_text(encoding="utf-8").splitlines()
    for entry in (folder / "figures.txt").read_text(encoding="utf-8").splitlines():
        if entry.startswith("#") or not entry.strip():
            continue
        number, quote, _, agrees = (part.strip() for part in entry.split("|"))
        assert quote in lines[int(number) - 1], entry
        assert agrees in ("是", "否"), entry
