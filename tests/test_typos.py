"""A wrong cell located: one number mistyped in a valid file is named, with what it held.

Property (hypothesis), on the sample of each format: change any one cell that an identity
checks to any other count. Then the check names that cell and its old value — as the one
fix when one cell explains every failure, else among the few candidates offered — and
every fix offered, applied at the line and column it gives, makes the file check clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import pipeline
from reportgen.errors import Fix, Location, Problem
from reportgen.format import Format
from reportgen.source import parse

SAMPLES = [ROOT / "inputs" / "2019.toml", ROOT / "inputs" / "示例区统计局-2021.toml"]


def identity_cells(text: str) -> tuple[Format, list[tuple[str, int, int, int]]]:
    """The typed cells that some identity checks: (field id, line, column of its key, value)."""
    from reportgen import model

    report, _ = model.build(parse(text, "x.toml"))
    assert report is not None
    fmt = report.format
    checked = {t.field for i in fmt.identities for t in (*i.left, *i.right)}
    out = []
    for fid in sorted(checked):
        value = report.values.get(fid)
        if type(value) is int:
            loc = report.location(fid, column=True)
            out.append((fid, loc.line, loc.column, value))
    return fmt, out


def retype(text: str, line: int, column: int, value: int) -> str:
    """The text with the number after the key at ``line``:``column`` replaced by ``value``."""
    lines = text.split("\n")
    row = lines[line - 1]
    start = column - 1
    m = re.compile(r'"[^"]*"\s*=\s*(-?\d+)').match(row, start)
    assert m is not None, (row, column)
    lines[line - 1] = row[: m.start(1)] + str(value) + row[m.end(1) :]
    return "\n".join(lines)


def check(path: Path) -> list[Problem]:
    return pipeline.draft(path, display="x.toml", prev=None).problems


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_samples_check_without_errors(sample: Path) -> None:
    assert not [p for p in check(sample) if p.is_error]


def _property(sample: Path, tmp_path: Path, data: st.DataObject) -> None:
    text = sample.read_text(encoding="utf-8")
    fmt, cells = identity_cells(text)
    fid, line, column, old = data.draw(st.sampled_from(cells), label="cell")
    new = data.draw(st.integers(0, 300).filter(lambda v: v != old), label="new value")
    edited = retype(text, line, column, new)
    path = tmp_path / "x.toml"
    path.write_text(edited, encoding="utf-8")
    codes = {i.code for i in fmt.identities}
    errors = [p for p in check(path) if p.is_error]
    assert errors and all(p.code in codes for p in errors), errors
    offered = [p for p in errors if p.fixes]
    assert len(offered) == 1, errors  # one typo: one finding, which names the ways to correct it
    fixes = offered[0].fixes
    wanted = (Fix(Location("x.toml", line, column), old, fid),)
    assert wanted in fixes, (fid, old, fixes)
    if len(fixes) == 1:
        assert offered[0].location == wanted[0].location  # the error stands at the cell itself
    for correction in fixes:
        fixed = edited
        for fix in correction:
            fixed = retype(fixed, fix.location.line, fix.location.column, fix.value)
        path.write_text(fixed, encoding="utf-8")
        assert not [p for p in check(path) if p.is_error], correction


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_mistyped_cell_of_2019_is_located(tmp_path: Path, data: st.DataObject) -> None:
    _property(SAMPLES[0], tmp_path, data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_mistyped_cell_of_2021_is_located(tmp_path: Path, data: st.DataObject) -> None:
    _property(SAMPLES[1], tmp_path, data)


def test_a_cell_in_table_3_is_the_one_fix_and_the_error_stands_there(tmp_path: Path) -> None:
    text = SAMPLES[0].read_text(encoding="utf-8")
    _, cells = identity_cells(text)
    # （五）不予处理 2.重复申请（自然人）
    fid, line, column, old = next(c for c in cells if c[0] == "t3_r17_c1")
    path = tmp_path / "x.toml"
    path.write_text(retype(text, line, column, old + 1), encoding="utf-8")
    (problem,) = [p for p in check(path) if p.is_error]
    assert problem.fixes == ((Fix(problem.location, old, fid),),)
    assert (problem.location.line, problem.location.column) == (line, column)
    assert problem.message == (
        f"最可能是这一格写错了：（五）不予处理 2.重复申请（自然人）写的是 {old + 1}，按其他各格应为 {old}；"
        "改正这一格后，R3-b 和 R3-c 都成立。"
    )


def test_a_cell_of_a_row_typed_as_printed_is_located_where_it_is_typed(tmp_path: Path) -> None:
    """洪泽区 2024 prints （六）其他处理 as one row (V-rows): a typo there is located on that row,
    named as the clerk typed it."""
    real = ROOT / "tests" / "data" / "real" / "2024-jiangsu-hongzequ-quzhengfu" / "report.toml"
    text = real.read_text(encoding="utf-8")
    line, row = next(
        (n, r) for n, r in enumerate(text.split("\n"), start=1) if r.startswith('"（六）其他处理"')
    )
    path = tmp_path / "x.toml"
    path.write_text(
        retype(text, line, row.index('"自然人"') + 1, 7), encoding="utf-8"
    )  # its 自然人 0 typed as 7
    (problem,) = [p for p in check(path) if p.is_error]
    (fix,) = problem.fixes[0]
    assert (fix.location.line, fix.value) == (line, 0) and problem.location == fix.location
    assert problem.message.startswith(
        "最可能是这一格写错了：（六）其他处理（自然人）写的是 7，按其他各格应为 0"
    )
