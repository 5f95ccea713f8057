"""`reportgen check`: golden cases, clean cases, JSON, exit codes, and what no input can do."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_2019

from reportgen.cli import main

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.toml"))
VALID = sorted((DATA / "valid").glob("*.toml"))


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_case_gives_exactly_the_expected_messages(case: Path, monkeypatch) -> None:
    monkeypatch.chdir(case.parent)  # messages name the file as typed: <case>.toml
    code, out, err = run("check", case.name)
    expected = case.with_suffix(".expected").read_text(encoding="utf-8")
    assert err == expected
    has_error = re.search(r"^\S+: 错误 ", expected, re.M) is not None
    assert code == (1 if has_error else 0)
    assert out == ""  # a file with problems (even warnings only) is reported on stderr alone


def test_there_are_enough_golden_cases() -> None:
    assert len(INVALID) >= 40
    assert all(p.with_suffix(".expected").is_file() for p in INVALID)


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_case_checks_clean(case: Path, monkeypatch) -> None:
    monkeypatch.chdir(case.parent)
    assert run("check", case.name) == (0, f"{case.name}: 没有发现问题。\n", "")


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_case_builds_without_a_word(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    code, _, err = run("build", str(case), "-o", str(out))
    assert (code, err) == (0, "")
    assert out.is_file()


def test_every_problem_is_sorted_by_line() -> None:
    for case in INVALID:
        lines = [
            int(m.group(1))
            for m in re.finditer(r"^\S+?\.toml:(\d+)", case.with_suffix(".expected").read_text("utf-8"), re.M)
        ]
        assert lines == sorted(lines), case.name


def test_the_sample_checks_with_its_two_known_warnings() -> None:
    code, _, err = run("check", str(SAMPLE_2019))
    assert code == 0
    assert [line.split(" ")[1:3] for line in err.splitlines()[:-1]] == [["警告", "R2-d"], ["警告", "R2-h"]]
    assert "警告 R2-d" in err and "鄞州区统计局" in err


# ---------------------------------------------------------------- several files, exit codes, JSON


def test_several_files_one_run_worst_exit_code(tmp_path: Path) -> None:
    bad = DATA / "invalid" / "r3c-row-total.toml"
    good = DATA / "valid" / "base.toml"
    code, out, err = run("check", str(good), str(bad))
    assert code == 1
    assert out == f"{good}: 没有发现问题。\n"
    assert err.endswith(
        "检查了 2 个文件：1 个没有错误，1 个有错误。\n共 1 个错误、0 个警告；请改正错误后重新检查。\n"
    )
    code, out, err = run("check", str(good), str(tmp_path / "nope.toml"), str(bad))
    assert code == 2
    assert f"{tmp_path / 'nope.toml'}: 错误 F-io 找不到输入文件：" in err


def test_check_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.toml").write_bytes((DATA / "valid" / "base.toml").read_bytes())
    assert run("check", "a.toml")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]


def test_json_output(monkeypatch) -> None:
    monkeypatch.chdir(DATA / "invalid")
    code, out, err = run("check", "--format", "json", "r3a-carried-over.toml", "r4c-all-upheld.toml")
    assert (code, err) == (1, "")
    doc = json.loads(out)
    assert (doc["errors"], doc["warnings"], doc["exit_code"]) == (1, 1, 1)
    first, second = doc["files"]
    assert (first["file"], first["readable"], first["errors"], first["warnings"]) == (
        "r3a-carried-over.toml",
        True,
        1,
        0,
    )
    problem = first["problems"][0]
    assert problem["severity"] == "error"
    assert problem["code"] == "R3-a"
    assert (problem["file"], problem["line"], problem["column"]) == ("r3a-carried-over.toml", 48, None)
    assert problem["message"].startswith("表三“自然人”一列：本年新收 5 + 上年结转 1 = 6")
    # the other failing identity, then the three pairs of cells that would each make both hold
    assert [(r["line"], r["column"]) for r in problem["related"]] == [
        (48, None),
        (27, 24),
        (28, 24),
        (49, 29),
    ]
    assert problem["related"][3]["message"] == (
        "四、结转下年度继续办理（自然人）写的是 2，应为 1；四、结转下年度继续办理（总计）写的是 2，应为 1"
    )
    assert problem["fix"] is None  # several ways: none is the fix
    assert problem["fixes"][2] == [
        {"line": 49, "column": 29, "value": 1},
        {"line": 49, "column": 102, "value": 1},
    ]
    assert len(problem["fields"]) == 8
    assert problem["section"] == "三、收到和处理政府信息公开申请情况"
    warning = second["problems"][0]
    assert (warning["severity"], warning["code"], warning["line"], warning["column"]) == (
        "warning",
        "R4-c",
        55,
        35,
    )
    assert (warning["fix"], warning["fixes"]) == (None, [])


def test_json_names_the_one_cell_to_fix(monkeypatch) -> None:
    monkeypatch.chdir(DATA / "invalid")
    code, out, _ = run("check", "--format", "json", "r3-typo-located.toml")
    assert code == 1
    problem = json.loads(out)["files"][0]["problems"][0]
    assert problem["fix"] == {"line": 43, "column": 36, "value": 0}
    assert problem["fixes"] == [[problem["fix"]]]
    assert (problem["line"], problem["column"]) == (43, 36)
    assert problem["fields"][0] == "t3_r17_c1"  # the cell to retype first, then the cells of R3-c and R3-b


def test_json_for_unreadable_file_is_exit_2(tmp_path: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(tmp_path / "nope.toml"))
    doc = json.loads(out)
    assert code == doc["exit_code"] == 2
    assert doc["files"][0]["readable"] is False
    assert doc["files"][0]["problems"][0]["code"] == "F-io"
    assert doc["files"][0]["problems"][0]["line"] is None


def test_usage_errors_are_exit_2() -> None:
    code, _, err = run("check")
    assert code == 2 and "命令行参数有误" in err
    code, _, err = run("check", "--format", "xml", "a.toml")
    assert code == 2 and "命令行参数有误" in err


# ---------------------------------------------------------------- build runs the same checks


def test_build_prints_warnings_and_builds(tmp_path: Path) -> None:
    out = tmp_path / "w.docx"
    code, _, err = run("build", str(DATA / "invalid" / "warnings-only.toml"), "-o", str(out))
    assert code == 0 and out.is_file()
    assert err.count(" 警告 ") == 4 and err.endswith("共 4 个警告。\n")


def test_build_refuses_every_case_with_an_error(tmp_path: Path) -> None:
    for case in INVALID:
        out = tmp_path / f"{case.stem}.docx"
        code, _, err = run("build", str(case), "-o", str(out))
        has_error = " 错误 " in case.with_suffix(".expected").read_text("utf-8")
        assert code == (1 if has_error else 0), case.name
        assert out.exists() is not has_error, case.name
        assert "Traceback" not in err


# ---------------------------------------------------------------- internal errors


def test_an_internal_error_is_a_short_chinese_message_and_exit_2(monkeypatch, tmp_path: Path) -> None:
    from reportgen import rules

    def broken(*args: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(rules, "check", broken)
    for argv in (["check", str(SAMPLE_2019)], ["build", str(SAMPLE_2019), "-o", str(tmp_path / "x.docx")]):
        code, out, err = run(*argv)
        assert code == 2
        assert out == ""
        assert err.startswith("reportgen: 内部错误（ZeroDivisionError: division by zero）。")
        assert "Traceback" not in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.docx").exists()


def docs_text() -> str:
    """The README, where every code is listed with an example."""
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_list_every_code() -> None:
    docs = docs_text()
    listed = set(re.findall(r"^\| `([A-Z][A-Za-z0-9]*-[a-z0-9]+)` \|", docs, re.M))
    emitted = set()
    for case in INVALID:
        emitted |= set(re.findall(r" (?:错误|警告) (\S+) ", case.with_suffix(".expected").read_text("utf-8")))
    from reportgen.formats import FORMATS

    declared = {r.code for f in FORMATS.values() for r in f.rules} | {
        fld.rule for f in FORMATS.values() for fld in f.fields
    }
    assert emitted <= listed, emitted - listed
    assert declared <= listed, declared - listed
    assert declared <= emitted | {"F-io", "S-b"}, declared - emitted  # every rule has a golden case


def test_docs_examples_are_verbatim_golden_output() -> None:
    docs = (ROOT / "README.md").read_text(encoding="utf-8")
    golden = "".join(p.with_suffix(".expected").read_text("utf-8") for p in INVALID)
    examples = re.findall(r"\| `([^`]+\.toml:\d[^`]*)` \|$", docs, re.M)
    assert len(examples) >= 20
    for example in examples:
        assert example in golden, example


def test_no_message_nests_brackets_or_runs_a_label_number_into_its_value() -> None:
    """“（（五）不予处理2.重复申请）” and “不予处理2 1” (issue 11): one bracket level, numbers set apart."""
    for case in INVALID:
        text = case.with_suffix(".expected").read_text("utf-8")
        assert not re.search(r"（（|））|（[^（）]*（[^（）]*）[^（）]*）", text), case.name
        assert not re.search(r"[\u4e00-\u9fff]\d+ \d", text), case.name
