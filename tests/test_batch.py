"""``reportgen build`` over many files: every good file built, every bad one reported, nothing half-written."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import docxread
import pytest
from conftest import SAMPLE_2019

from reportgen import batch, output
from reportgen.cli import main
from reportgen.errors import OutputError

R3C_LINE = '"一、本年新收政府信息公开申请数量" = { "自然人" = 2,'
RULES_ROW = '"规章"                 = { "本年新制作数量" = 0, "本年新公开数量" = 3, "对外公开总数量" = 24 }'
ZERO_RULES = RULES_ROW.replace("= 3", "= 0").replace("= 24", "= 0")  # the seed's row draws 2 warnings


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def county(folder: Path, warned: bool = False) -> Path:
    """Three good files (one in a sub-folder), one with a wrong total, one that is not TOML;
    with ``warned``, also the seed as it is (built, with 2 warnings)."""
    seed = SAMPLE_2019.read_text(encoding="utf-8")
    text = seed.replace(RULES_ROW, ZERO_RULES)
    (folder / "乡镇").mkdir(parents=True)
    for name in ("a.toml", "b.toml", "乡镇/c.toml"):
        (folder / name).write_text(text.replace("鄞州区统计局", f"{Path(name).stem}局"), encoding="utf-8")
    (folder / "bad.toml").write_text(text.replace(R3C_LINE, R3C_LINE.replace("2", "3")), encoding="utf-8")
    (folder / "broken.toml").write_text('"机关名称" = \n', encoding="utf-8")
    (folder / "notes.txt").write_text("not an input", encoding="utf-8")
    if warned:
        (folder / "warned.toml").write_text(seed, encoding="utf-8")
    return folder


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_folder_builds_the_good_files_and_reports_the_bad(tmp_path: Path):
    src = county(tmp_path / "in", warned=True)
    out_dir = tmp_path / "out"
    code, out, err = run("build", src, "-o", out_dir, "-j", "2")
    assert code == 1
    # no partial file, no temporary file
    assert files(out_dir) == ["a.docx", "b.docx", "warned.docx", "乡镇/c.docx"]
    lines = out.splitlines()
    assert lines[:6] == [
        f"[1/6] 已生成 {out_dir / 'a.docx'}",
        f"[2/6] 已生成 {out_dir / 'b.docx'}",
        f"[3/6] 失败 {src / 'bad.toml'}（1 个错误，见下方汇总）",
        f"[4/6] 失败 {src / 'broken.toml'}（1 个错误，见下方汇总）",
        f"[5/6] 已生成 {out_dir / 'warned.docx'}（2 个警告）",
        f"[6/6] 已生成 {out_dir / '乡镇' / 'c.docx'}",
    ]
    assert re.fullmatch(
        r"共 6 个文件：已生成 4 个（其中 1 个有警告），失败 2 个；用时 \d+\.\d 秒。", lines[6]
    )
    details = err.splitlines()
    assert details[0] == "── 有警告的文件（1 个，文档已生成）──"
    assert details[1].startswith(f"{src / 'warned.toml'}:59: 警告 R2-d ")
    assert details[2].startswith(f"{src / 'warned.toml'}:59: 警告 R2-h ")
    assert details[3] == "── 失败的文件（2 个，没有生成文档，原有文档保持不变）──"
    assert f"{src / 'bad.toml'}:84:24: 错误 R3-c 最可能是这一格写错了：" in err
    assert f"{src / 'broken.toml'}:1:" in err
    title = docxread.read(tmp_path / "out" / "乡镇" / "c.docx").styled("title")
    assert title == ["c局2019年政府信息公开工作年度报告"]


def test_a_failed_file_keeps_last_good_document(tmp_path: Path):
    src = county(tmp_path / "in")
    assert run("build", src, "-o", tmp_path / "out")[0] == 1
    good = (tmp_path / "out" / "a.docx").read_bytes()
    (src / "a.toml").write_text((src / "bad.toml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run("build", src, "-o", tmp_path / "out")
    assert code == 1
    assert "已生成 2 个" in out
    assert (tmp_path / "out" / "a.docx").read_bytes() == good


def test_one_and_two_workers_write_the_same_documents(tmp_path: Path):
    src = county(tmp_path / "in")
    assert run("build", src, "-o", tmp_path / "one", "-j", "1")[0] == 1
    assert run("build", src, "-o", tmp_path / "two", "-j", "2")[0] == 1
    names = files(tmp_path / "one")
    assert names == files(tmp_path / "two")
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_all_good_exits_zero_and_default_folder_is_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    for name in ("x.toml", "y.toml"):
        (tmp_path / name).write_text(SAMPLE_2019.read_text(encoding="utf-8").replace(RULES_ROW, ZERO_RULES))
    code, out, err = run("build", "x.toml", "y.toml")
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == ["[1/2] 已生成 outputs/x.docx", "[2/2] 已生成 outputs/y.docx"]
    assert files(tmp_path / "outputs") == ["x.docx", "y.docx"]


def test_glob_pattern_is_expanded_by_reportgen(tmp_path: Path):
    src = county(tmp_path / "in")
    code, out, _ = run("build", f"{src}/*.toml", "-o", tmp_path / "out")
    assert code == 1
    assert files(tmp_path / "out") == ["a.docx", "b.docx"]
    assert out.splitlines()[-1].startswith("共 4 个文件：已生成 2 个")


def test_missing_input_fails_alone(tmp_path: Path):
    shutil.copy(SAMPLE_2019, tmp_path / "a.toml")
    code, _, err = run("build", tmp_path / "a.toml", tmp_path / "gone.toml", "-o", tmp_path / "out")
    assert code == 1
    assert files(tmp_path / "out") == ["a.docx"]
    assert f"{tmp_path / 'gone.toml'}: 错误 找不到输入文件：{tmp_path / 'gone.toml'}" in err.splitlines()


def test_two_inputs_for_one_output_is_refused_before_anything_is_built(tmp_path: Path):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        shutil.copy(SAMPLE_2019, tmp_path / d / "same.toml")
    code, out, err = run(
        "build", tmp_path / "x" / "same.toml", tmp_path / "y" / "same.toml", "-o", tmp_path / "o"
    )
    assert code == 2
    assert out == ""
    assert "都会生成" in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-j", "0"], "-j 后面应当是不小于 1 的整数"),
        (["-j", "two"], "-j 后面应当是不小于 1 的整数"),
    ],
)
def test_bad_worker_count_is_a_usage_error(tmp_path: Path, argv: list[str], message: str):
    code, _, err = run("build", SAMPLE_2019, SAMPLE_2019, *argv)
    assert code == 2
    assert message in err


def test_empty_folder_is_a_usage_error(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    code, _, err = run("build", tmp_path / "empty", "-o", tmp_path / "out")
    assert code == 2
    assert err == f"reportgen: 文件夹 {tmp_path / 'empty'} 里没有 .toml 文件。\n"


def test_one_file_keeps_its_behaviour(tmp_path: Path, sample_2019: Path):
    code, out, err = run("build", sample_2019, "-o", tmp_path / "named.docx")
    assert (code, out) == (0, f"已生成 {tmp_path / 'named.docx'}\n")
    assert err.endswith("共 2 个警告。\n")  # the seed's 规章 row
    (tmp_path / "folder").mkdir()
    code, out, _ = run("build", sample_2019, "-o", tmp_path / "folder")
    assert (code, out) == (0, f"已生成 {tmp_path / 'folder' / '2019.docx'}\n")
    sample_2019.write_text(
        sample_2019.read_text(encoding="utf-8").replace(R3C_LINE, R3C_LINE.replace("2", "3"))
    )
    code, out, err = run("build", sample_2019, "-o", tmp_path / "named.docx")
    assert (code, out) == (1, "")
    assert err.endswith("共 1 个错误、2 个警告；请改正错误后重新运行，文档没有生成。\n")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_on_a_terminal(tmp_path: Path):
    src = county(tmp_path / "in")
    out, err = Terminal(), io.StringIO()
    assert main(["build", str(src), "-o", str(tmp_path / "out"), "-j", "1"], out, err) == 1
    shown = out.getvalue()
    assert "[1/5]" not in shown and "已生成 " + str(tmp_path / "out" / "a.docx") not in shown
    assert f"\r\x1b[K失败 {src / 'bad.toml'}（1 个错误，见下方汇总）\n" in shown
    final = shown.split("\r\x1b[K")[-1]
    assert final.startswith("生成中 ████████████████████████ 5/5  已生成 3（有警告 0）  失败 2\n共 5 个文件")


def test_results_come_in_input_order_with_status(tmp_path: Path):
    src = county(tmp_path / "in")
    jobs = batch.collect([str(src)], tmp_path / "out")
    assert [j.source.name for j in jobs] == ["a.toml", "b.toml", "bad.toml", "broken.toml", "c.toml"]
    statuses = [r.status for r in batch.run(jobs, 2)]
    assert statuses == ["built", "built", "failed", "failed", "built"]


def test_interrupted_write_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old good document")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, b"new")
    assert target.read_bytes() == b"old good document"
    assert os.listdir(tmp_path) == ["a.docx"]

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError):
        output.write_atomic(target, b"new")
    assert os.listdir(tmp_path) == ["a.docx"]


def test_every_target_of_every_input(tmp_path: Path):
    src = county(tmp_path / "in")
    code, out, _ = run("build", src, "-o", tmp_path / "out", "--to", "docx,html")
    assert code == 1
    assert files(tmp_path / "out") == ["a.docx", "a.html", "b.docx", "b.html", "乡镇/c.docx", "乡镇/c.html"]
    assert f"[1/5] 已生成 {tmp_path / 'out' / 'a.docx'}、{tmp_path / 'out' / 'a.html'}" in out.splitlines()
