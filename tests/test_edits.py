"""Random edits to a valid input: never a traceback, never a half-written or wrong document.

Each edit is one a clerk makes: a number changed, a key deleted or renamed, a character
typed anywhere (an input-method character included). The outcome is either a document
(exit 0) whose tables satisfy R3-a, R3-b, R3-c and R4-a, or no document (exit 1) and
messages each of which points at the edited line (as its own line or a related one), or
at the table the edited line belongs to when a whole line was deleted.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from docxread import read
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.cli import main

BASE = (Path(__file__).parent / "data" / "valid" / "base.toml").read_text(encoding="utf-8")
LINES = BASE.split("\n")
NUMBER = re.compile(r"(?<=\= )-?\d+(?:\.\d+)?")
INLINE_PAIR = re.compile(r'"[^"]+" = [^,}]+(, )?')
QUOTED_KEY = re.compile(r'"[^"\n]+"(?= *=)')
HEADER = re.compile(r"^\[\[?")
TYPED = [*"0123456789-+.,=#[]{}\"'\\ ax年", "＝", "＃", "，", "１", "\u3000", "“", "”", "：", "、", "\t"]


@dataclass(frozen=True)
class Edit:
    text: str
    line: int  # 1-based line of the edit
    kind: str


def table_header_of(line: int) -> int:
    for n in range(line, 0, -1):
        if HEADER.match(LINES[n - 1]):
            return n
    return 1


@st.composite
def edits(draw: st.DrawFn) -> Edit:
    kind = draw(st.sampled_from(["number", "delete-pair", "delete-line", "rename", "insert"]))
    lines = list(LINES)
    if kind == "number":
        spots = [(n, m) for n, line in enumerate(lines) for m in NUMBER.finditer(line)]
        n, m = draw(st.sampled_from(spots))
        new = draw(st.one_of(st.integers(-3, 300).map(str), st.sampled_from(["2.5", "0.0", "1e3", "0x1"])))
        lines[n] = lines[n][: m.start()] + new + lines[n][m.end() :]
    elif kind == "delete-pair":
        spots = [(n, m) for n, line in enumerate(lines) if "{" in line for m in INLINE_PAIR.finditer(line)]
        n, m = draw(st.sampled_from(spots))
        lines[n] = lines[n][: m.start()] + lines[n][m.end() :]
    elif kind == "delete-line":
        spots = [n for n, line in enumerate(lines) if QUOTED_KEY.match(line) and '"""' not in line]
        n = draw(st.sampled_from(spots))
        del lines[n]
    elif kind == "rename":
        spots = [(n, m) for n, line in enumerate(lines) for m in QUOTED_KEY.finditer(line)]
        n, m = draw(st.sampled_from(spots))
        at = draw(st.integers(m.start() + 1, m.end() - 1))
        lines[n] = lines[n][:at] + draw(st.sampled_from(TYPED)) + lines[n][at:]
    else:
        n = draw(st.integers(0, len(lines) - 1))
        at = draw(st.integers(0, len(lines[n])))
        lines[n] = lines[n][:at] + draw(st.sampled_from(TYPED)) + lines[n][at:]
    return Edit("\n".join(lines), n + 1, kind)


def problem_lines(err: str) -> list[tuple[bool, set[int]]]:
    """Each problem: is it an error, and the lines it names (its own and related ones)."""
    out: list[tuple[bool, set[int]]] = []
    for line in err.splitlines():
        head = re.match(r"^\S+?\.toml(?::(\d+))?(?::\d+)?: (错误|警告) ", line)
        if head:
            out.append((head.group(2) == "错误", {int(head.group(1) or 0)}))
            continue
        related = re.match(r"^    \S+?\.toml:(\d+)", line)
        if related and out:
            out[-1][1].add(int(related.group(1)))
            span = re.search(r"（第 (\d+)–(\d+) 行）", line)
            if span:
                out[-1][1].update(range(int(span.group(1)), int(span.group(2)) + 1))
    return out


def numbers(grid: list[list[tuple[int, int, str]]], row: int, cols: range) -> list[int]:
    return [int(grid[row][c][2]) for c in cols]


def assert_tables_balance(docx: Path) -> None:
    """R3-a, R3-b, R3-c and R4-a, read from the printed tables of the document."""
    tables = read(docx).tables
    t3, t4 = tables[1], tables[2]
    body = range(3, len(t3))
    rows = {r: numbers(t3, r, range(3, 10)) for r in body}
    new, carried_in, *outcomes, total, carried_out = (rows[r] for r in body)
    for c in range(7):
        assert new[c] + carried_in[c] == total[c] + carried_out[c]  # R3-a
        assert sum(o[c] for o in outcomes) == total[c]  # R3-b
    for values in rows.values():
        assert sum(values[:6]) == values[6]  # R3-c
    cells = numbers(t4, 3, range(15))
    for b in range(3):
        assert sum(cells[5 * b : 5 * b + 4]) == cells[5 * b + 4]  # R4-a


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=edits())
def test_random_edit_builds_clean_or_points_at_the_edit(edit: Edit, tmp_path: Path) -> None:
    src = tmp_path / "edited.toml"
    src.write_text(edit.text, encoding="utf-8")
    out = tmp_path / "edited.docx"
    out.unlink(missing_ok=True)
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["build", str(src), "-o", str(out)], stdout=stdout, stderr=stderr)
    err = stderr.getvalue()
    assert "Traceback" not in err and "内部错误" not in err, err
    assert code in (0, 1), err
    if code == 0:
        assert out.is_file()
        assert_tables_balance(out)
        return
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edited.toml"]  # no temporary file left
    allowed = {edit.line}
    if edit.kind == "delete-line":
        allowed |= {table_header_of(edit.line), 1}
    errors = [lines for is_error, lines in problem_lines(err) if is_error]
    assert errors, err
    for lines in errors:
        assert lines & allowed, f"{edit.kind} at line {edit.line}:\n{err}"


def test_documents_of_the_valid_cases_balance(tmp_path: Path) -> None:
    for case in sorted((Path(__file__).parent / "data" / "valid").glob("*.toml")):
        out = tmp_path / f"{case.stem}.docx"
        assert main(["build", str(case), "-o", str(out)]) == 0
        assert_tables_balance(out)
