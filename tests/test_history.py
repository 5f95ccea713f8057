"""Each year started from the last: `reportgen new`, the cross-year checks, copy-paste warnings.

A chain 2019 → 2020 → 2021 → 2022 is made with `new` from the 2019 sample, with numbers
filled in between steps as a clerk would; it builds at every step and passes every
cross-year check. Broken chains fail (or warn) with the exact messages.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_2019
from docxread import read

from reportgen import history
from reportgen.cli import main

SAMPLE_2021 = ROOT / "inputs" / "示例区统计局-2021.toml"


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def line_of(path: Path, start: str) -> int:
    """The line number of the first line starting with ``start``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(start):
            return n
    raise AssertionError(f"{start!r} not in {path}")


def set_row(path: Path, row: str, **cells: int | str) -> None:
    """Set cells of the one-line table row ``"row" = { … }``, as a clerk types them."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    n = line_of(path, f'"{row}"') - 1
    for column, value in cells.items():
        pattern = re.compile(rf'("{re.escape(column)}" = )[^,}}]+')
        assert pattern.search(lines[n]), (row, column)
        lines[n] = pattern.sub(lambda m, v=value: f"{m.group(1)}{v} ", lines[n], count=1)
    path.write_text("".join(lines), encoding="utf-8")


def set_text(path: Path, section: str, text: str) -> None:
    """Fill the first empty ``"正文"`` of ``section`` (its own, or its first 小节's)."""
    body = path.read_text(encoding="utf-8")
    start = body.index(f'["{section}"]')
    empty = '"正文" = """\n"""'
    at = body.index(empty, start)
    path.write_text(body[:at] + f'"正文" = """\n{text}\n"""' + body[at + len(empty) :], encoding="utf-8")


def build_ok(path: Path, *extra: str | Path) -> str:
    code, out, err = run("build", path, "-o", path.with_suffix(".docx"), *extra)
    assert code == 0, err
    assert err == "", err  # no cross-year warning either
    return out


# ---------------------------------------------------------------- the chain


PROSE = {  # each year's own words, as a clerk writes them: nothing copied from the year before
    2020: (
        "2020年，本局把统计数据发布作为主动公开的重点，依申请公开、政府信息管理、平台建设、监督保障同步推进。",
        "人员变动后信息员业务不熟。措施：新人上岗前集中培训。",
    ),
    2021: (
        "本年度按新的年报格式，从主动公开、依申请公开、政府信息管理、平台建设、监督保障五方面开展工作。",
        "数据解读偏少、偏晚。改进：重要数据发布当周配发图解。",
    ),
    2022: (
        "今年完成统计专栏改版，办理申请全部按期答复，并接受区政务公开办的季度监督检查。",
        "栏目检索功能较弱。打算：上线全文检索，提供指标下载。",
    ),
}


def write_prose(path: Path, year: int) -> None:
    """This year's own prose for 一, 五 and 六."""
    general, problems = PROSE[year]
    set_text(path, "一、总体情况", general)
    set_text(path, "五、存在的主要问题及改进情况", problems)
    set_text(path, "六、其他需要报告的事项", "本年度没有收取信息处理费。")


def make_chain(tmp_path: Path) -> dict[int, Path]:
    """2019 (the sample) → 2020 → 2021 → 2022, each made with `new` and filled consistently."""
    files = {2019: tmp_path / "示例局-2019.toml"}
    shutil.copy(SAMPLE_2019, files[2019])
    # a district bureau makes no 规章 (R2-d): its documents are 规范性文件
    set_row(files[2019], "规章", 本年新公开数量=0, 对外公开总数量=0)
    set_row(files[2019], "规范性文件", 本年新制作数量=3, 本年新公开数量=3, 对外公开总数量=24)

    code, out, _ = run("new", 2020, "--from", files[2019])
    files[2020] = tmp_path / "示例局-2020.toml"
    assert code == 0 and out.startswith(f"已生成 {files[2020]}（2020 年度，2019 年格式）")
    f = files[2020]
    set_row(f, "一、本年新收政府信息公开申请数量", 自然人=3, 商业企业=1)
    set_row(f, "（一）予以公开", 自然人=2, 商业企业=1)
    set_row(f, "四、结转下年度继续办理", 自然人=1)
    set_row(f, "规范性文件", 本年新制作数量=2, 本年新公开数量=2, 对外公开总数量=26)  # R2-g: 24 + 2
    set_row(f, "行政处罚", **{"本年增/减": 1, "处理决定数量": 4})
    write_prose(f, 2020)

    code, out, _ = run("new", 2021, "--from", files[2020])
    files[2021] = tmp_path / "示例局-2021.toml"
    assert code == 0
    f = files[2021]
    set_row(f, "一、本年新收政府信息公开申请数量", 自然人=4)
    set_row(f, "（一）予以公开", 自然人=3)
    set_row(f, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 自然人=1)
    set_row(f, "四、结转下年度继续办理", 自然人=1)  # 4 + 1 carried = 3 + 1 + 1
    set_row(f, "行政规范性文件", 本年制发件数=3, 现行有效件数=3)
    set_row(f, "行政处罚", 本年处理决定数量=5)
    set_row(f, "行政事业性收费", **{"本年收费金额（单位：万元）": "1.25"})
    write_prose(f, 2021)

    code, out, _ = run("new", 2022, "--from", files[2021])
    files[2022] = tmp_path / "示例局-2022.toml"
    assert code == 0
    f = files[2022]
    set_row(f, "（一）予以公开", 自然人=1)
    set_row(f, "四、结转下年度继续办理", 自然人=0)
    set_row(f, "行政规范性文件", 本年制发件数=1, 本年废止件数=1)  # 现行有效 stays 3
    write_prose(f, 2022)
    return files


def test_chain_2019_to_2022_builds_at_every_step_and_passes_every_cross_year_check(tmp_path: Path) -> None:
    files = make_chain(tmp_path)
    for year in (2020, 2021, 2022):
        out = build_ok(files[year])
        assert out.splitlines()[0] == f"已与上一年度文件 {files[year - 1]} 对照"
    # what was carried, read back from the documents
    t3_2021 = read(files[2021].with_suffix(".docx")).tables[1]
    assert [c[2] for c in t3_2021[4][3:]] == ["1", "0", "0", "0", "0", "0", "1"]  # 上年结转 = 2020 结转
    t2_2022 = read(files[2022].with_suffix(".docx")).tables[0]
    assert [c[2] for c in t2_2022[3][1:]] == ["1", "1", "3"]  # 现行有效 3 carried, 3 + 1 − 1
    t2_2020 = read(files[2020].with_suffix(".docx")).tables[0]
    assert [c[2] for c in t2_2020[10][1:]] == ["3", "1", "4"]  # 行政处罚 上一年项目数量 3 = 3 + 0


def test_the_2020_to_2021_step_says_what_could_not_carry_over(tmp_path: Path) -> None:
    last = tmp_path / "2020.toml"
    shutil.copy(SAMPLE_2019, last)
    last.write_text(
        last.read_text(encoding="utf-8").replace('"报告年度" = 2019', '"报告年度" = 2020'), "utf-8"
    )
    code, out, err = run("new", 2021, "--from", last)
    assert (code, err) == (0, "")
    assert out == (
        f"已生成 {tmp_path / '2021.toml'}（2021 年度，2021 年格式）\n"
        "没有从去年带入的内容：\n"
        "  * 规章（现行有效件数）：2019 年格式没有“现行有效件数”，无法从去年带入，已设为 0，请按实际填写。\n"
        "  * 行政规范性文件（现行有效件数）：2019 年格式没有“现行有效件数”，无法从去年带入，已设为 0，请按实际填写。\n"
        "  * 去年表中的“上一年项目数量”（行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费）："
        "2021 年格式没有这一栏，不再带入。\n"
        "  * 去年表中的“对外公开总数量”（规章、规范性文件）：2021 年格式没有这一栏，不再带入。\n"
        "  * “一、总体情况”的小节标题换成了 2021 年格式要求的（一）主动公开、（二）依申请公开、（三）政府信息管理、"
        "（四）政府信息公开平台建设、（五）监督保障；去年各小节的文字附在该部分开头供参考。\n"
        f"请编辑 {tmp_path / '2021.toml'}，填好本年的数字和正文后运行：reportgen build {tmp_path / '2021.toml'}\n"
    )
    text = (tmp_path / "2021.toml").read_text(encoding="utf-8")
    assert "#   （一）规范政府信息主动公开" in text  # last year's prose kept, as comments
    assert '"标题" = "（五）监督保障"' in text


# ---------------------------------------------------------------- new + build, no edit


def test_new_then_build_without_edit_is_a_valid_all_zero_report(tmp_path: Path) -> None:
    last = tmp_path / "示例区统计局-2021.toml"
    shutil.copy(SAMPLE_2021, last)
    code, out, err = run("new", 2022, "--from", last)
    assert (code, err) == (0, "")
    made = tmp_path / "示例区统计局-2022.toml"
    assert out.splitlines() == [
        f"已生成 {made}（2022 年度，2021 年格式）",
        f"请编辑 {made}，填好本年的数字和正文后运行：reportgen build {made}",
    ]
    code, out, err = run("build", made, "-o", made.with_suffix(".docx"))
    assert code == 0
    # valid: the only findings are the reminders to write this year's prose
    assert re.findall(r": 警告 (\S+) ", err) == ["P-empty", "P-empty", "S-d"]
    tables = read(made.with_suffix(".docx")).tables
    numbers = {
        (t, r): [
            text for k, (r0, c0, text) in enumerate(row) if r0 == r and (k == 0 or row[k - 1][:2] != (r0, c0))
        ]
        for t, table in enumerate(tables)
        for r, row in enumerate(table)
    }
    # carried: 行政规范性文件 现行有效 9; 上年结转 = last year's 结转 (自然人 1), and 结转 opens at it
    assert numbers[(0, 3)] == ["行政规范性文件", "0", "0", "9"]
    assert numbers[(1, 4)][1:] == ["1", "0", "0", "0", "0", "0", "1"]
    assert numbers[(1, 27)][1:] == ["1", "0", "0", "0", "0", "0", "1"]
    others = [c for key, cells in numbers.items() if key not in {(0, 3), (1, 4), (1, 27)} for c in cells]
    assert {c for c in others if re.fullmatch(r"[\d.]+", c)} == {"0"}
    assert len([c for c in others if c == "0"]) == 3 + 1 + 1 + 1 + 1 + 7 * 23 + 15  # every other value cell
    body = read(made.with_suffix(".docx"))
    assert body.styled("title") == ["示例区统计局2022年\n政府信息公开工作年度报告"]
    assert body.styled("body") == []  # no prose: last year's is only in comments


def test_new_never_overwrites_without_force(tmp_path: Path) -> None:
    last = tmp_path / "2019.toml"
    shutil.copy(SAMPLE_2019, last)
    target = tmp_path / "2020.toml"
    target.write_text("# 已经写了一半的文件\n", encoding="utf-8")
    code, out, err = run("new", 2020, "--from", last)
    assert (code, out) == (2, "")
    assert err == f"reportgen: {target} 已存在，没有改动它。要覆盖请加 --force。\n"
    assert target.read_text(encoding="utf-8") == "# 已经写了一半的文件\n"
    code, out, err = run("new", 2020, "--from", last, "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# 鄞州区统计局 2020 年")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_new_output_path_and_year_are_checked(tmp_path: Path) -> None:
    last = tmp_path / "report.toml"
    shutil.copy(SAMPLE_2019, last)
    code, _, err = run("new", 2020, "--from", last)
    assert code == 2
    assert (
        err == f"reportgen: 无法从文件名 {last} 推出 2020 年度的文件名（文件名中没有 2019），请用 -o 指定。\n"
    )
    code, _, err = run("new", 2021, "--from", last, "-o", tmp_path / "x.toml")
    assert code == 2
    assert (
        err == f"reportgen: {last} 是 2019 年度的报告，只能用来生成 2020 年度的文件，不能生成 2021 年度的。\n"
    )
    assert not (tmp_path / "x.toml").exists()
    code = run("new", 2020, "--from", last, "-o", tmp_path / "sub" / "next.toml")[0]
    assert code == 0 and (tmp_path / "sub" / "next.toml").is_file()


def test_new_from_a_broken_file_names_its_problems(tmp_path: Path) -> None:
    last = tmp_path / "2019.toml"
    last.write_text('"机关名称" = "某局"\n"报告年度" = 2019\n', encoding="utf-8")
    code, out, err = run("new", 2020, "--from", last)
    assert code == 1 and out == ""
    assert f"{last}:2: 错误 S-a 缺少“一、总体情况”这一部分" in err
    assert not (tmp_path / "2020.toml").exists()


# ---------------------------------------------------------------- broken chains


@pytest.fixture
def chain(tmp_path: Path) -> dict[int, Path]:
    return make_chain(tmp_path)


def test_carried_applications_must_match_across_the_format_switch_r3_f(chain) -> None:
    this, last = chain[2021], chain[2020]
    set_row(this, "二、上年结转政府信息公开申请数量", 自然人=2)
    set_row(this, "四、结转下年度继续办理", 自然人=2)  # the table itself still balances
    code, out, err = run("build", this, "-o", this.with_suffix(".docx"))
    assert (code, out) == (1, "")
    n, m = line_of(this, '"二、上年结转'), line_of(last, '"四、结转下年度')
    assert err == (
        f"{this}:{n}: 错误 R3-f 二、上年结转政府信息公开申请数量（自然人）是 2，"
        f"应当等于去年的“四、结转下年度继续办理”（自然人） 1（{last} 第 {m} 行），相差 1。"
        "上一年度结转的申请本年必须接着办理，两年的数字应当衔接；请核对两个文件。\n"
        f"    {last}:{m}: 上一年度：四、结转下年度继续办理（自然人）\n"
        f"{this}:{n}: 错误 R3-f 二、上年结转政府信息公开申请数量（总计）是 2，"
        f"应当等于去年的“四、结转下年度继续办理”（总计） 1（{last} 第 {m} 行），相差 1。"
        "上一年度结转的申请本年必须接着办理，两年的数字应当衔接；请核对两个文件。\n"
        f"    {last}:{m}: 上一年度：四、结转下年度继续办理（总计）\n"
        "共 2 个错误、0 个警告；请改正错误后重新运行，文档没有生成。\n"
    )
    assert not this.with_suffix(".docx").exists()


def test_carried_applications_within_a_format_r3_e(chain) -> None:
    this, last = chain[2022], chain[2021]
    set_row(this, "二、上年结转政府信息公开申请数量", 自然人=0)
    set_row(this, "（一）予以公开", 自然人=0)
    code, _, err = run("build", this, "-o", this.with_suffix(".docx"))
    assert code == 1
    n, m = line_of(this, '"二、上年结转'), line_of(last, '"四、结转下年度')
    assert err.splitlines()[0] == (
        f"{this}:{n}: 错误 R3-e 二、上年结转政府信息公开申请数量（自然人）是 0，"
        f"应当等于去年的“四、结转下年度继续办理”（自然人） 1（{last} 第 {m} 行），相差 1。"
        "上一年度结转的申请本年必须接着办理，两年的数字应当衔接；请核对两个文件。"
    )


def test_documents_in_force_r2_a_is_a_warning(chain) -> None:
    this, last = chain[2022], chain[2021]
    set_row(this, "行政规范性文件", 现行有效件数=5)
    code, _, err = run("build", this, "-o", this.with_suffix(".docx"))
    n, m = line_of(this, '"行政规范性文件"'), line_of(last, '"行政规范性文件"')
    assert code == 0
    assert err == (
        f"{this}:{n}: 警告 R2-a 行政规范性文件（现行有效件数）是 5，按去年的“现行有效件数” 3（{last} 第 {m} 行）"
        " + 本年的“本年制发件数” 1 − 本年的“本年废止件数” 1，应为 3，相差 2。如果本年口径有调整，请在正文中说明。\n"
        f"    {last}:{m}: 上一年度：行政规范性文件（现行有效件数）\n"
        "共 1 个警告。\n"
    )


def test_project_counts_r2_f_and_published_totals_r2_g_are_warnings(chain) -> None:
    this, last = chain[2020], chain[2019]
    set_row(this, "行政处罚", **{"上一年项目数量": 2})
    set_row(this, "规范性文件", 对外公开总数量=30)
    code, _, err = run("build", this, "-o", this.with_suffix(".docx"))
    assert code == 0
    p, q = line_of(this, '"行政处罚"'), line_of(last, '"行政处罚"')
    r, s = line_of(this, '"规范性文件"'), line_of(last, '"规范性文件"')
    assert err == (
        f"{this}:{r}: 警告 R2-g 规范性文件（对外公开总数量）是 30，按去年的“对外公开总数量” 24（{last} 第 {s} 行）"
        " + 本年的“本年新公开数量” 2，应为 26，相差 4。如果本年口径有调整，请在正文中说明。\n"
        f"    {last}:{s}: 上一年度：规范性文件（对外公开总数量）\n"
        f"{this}:{p}: 警告 R2-f 行政处罚（上一年项目数量）是 2，按去年的“上一年项目数量” 3（{last} 第 {q} 行）"
        f" + 去年的“本年增/减” 0（{last} 第 {q} 行），应为 3，相差 1。如果本年口径有调整，请在正文中说明。\n"
        f"    {last}:{q}: 上一年度：行政处罚（上一年项目数量）\n"
        "共 2 个警告。\n"
    )


def test_explicit_prev_of_the_wrong_year_is_an_error(chain) -> None:
    this = chain[2022]
    code, _, err = run("build", this, "--prev", chain[2020], "-o", this.with_suffix(".docx"))
    n, m = line_of(this, '"报告年度"'), line_of(chain[2020], '"报告年度"')
    assert code == 1
    assert err == (
        f"{this}:{n}: 错误 H-year 用来对照的上一年度文件 {chain[2020]} 是 2020 年度的报告，"
        "本文件是 2022 年度，应当用 2021 年度的文件对照。\n"
        f"    {chain[2020]}:{m}: 上一年度文件的报告年度\n"
        "共 1 个错误、0 个警告；请改正错误后重新运行，文档没有生成。\n"
    )


def test_explicit_prev_works_under_any_name(chain, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "last.toml"
    other.parent.mkdir()
    shutil.move(chain[2021], other)
    this = chain[2022]
    assert "已与上一年度文件" not in build_ok(this)  # nothing beside it any more
    out = build_ok(this, "--prev", other)
    assert out.splitlines()[0] == f"已与上一年度文件 {other} 对照"
    set_row(this, "二、上年结转政府信息公开申请数量", 自然人=0)
    set_row(this, "（一）予以公开", 自然人=0)
    assert run("build", this, "--prev", other, "-o", this.with_suffix(".docx"))[0] == 1


def test_an_unreadable_neighbour_is_a_warning_not_a_failure(chain) -> None:
    chain[2021].write_text('"机关名称" = "示例局"\n"报告年度" = 2021\n', encoding="utf-8")
    this = chain[2022]
    code, out, err = run("build", this, "-o", this.with_suffix(".docx"))
    assert code == 0 and "已与上一年度文件" not in out
    assert err == (
        f"{this}:1: 警告 H-unreadable 旁边有上一年度的文件 {chain[2021]}，但它有错误，没有与它对照："
        f'{chain[2021]}:2: 错误 S-a 缺少“一、总体情况”这一部分，请补上表头 ["一、总体情况"] 和它的内容。\n共 1 个警告。\n'
    )


def test_the_usual_name_is_the_year_one_less() -> None:
    assert history.sibling(Path("inputs/2021.toml"), 2021, 2020) == Path("inputs/2020.toml")
    assert history.sibling(Path("a/示例区统计局-2021.toml"), 2021, 2020) == Path("a/示例区统计局-2020.toml")
    assert history.sibling(Path("2021/局-2021.toml"), 2021, 2020) == Path(
        "2021/局-2020.toml"
    )  # the name only
    assert history.sibling(Path("局-20210.toml"), 2021, 2020) is None  # not a year
    assert history.sibling(Path("report.toml"), 2021, 2020) is None


# ---------------------------------------------------------------- copy-paste


def test_copied_prose_is_a_warning_naming_section_and_share(tmp_path: Path) -> None:
    last = tmp_path / "示例区统计局-2021.toml"
    shutil.copy(SAMPLE_2021, last)
    assert run("new", 2022, "--from", last)[0] == 0
    this = tmp_path / "示例区统计局-2022.toml"
    old = (
        "关于上年度报告所列问题的改进情况：针对统计数据解读不够通俗的问题，本年新增图表解读42期；"
        "针对依申请公开办理流程登记不完整的问题，建立申请办理台账，实行一件一档。"
    )
    assert old in SAMPLE_2021.read_text(encoding="utf-8")
    set_text(this, "五、存在的主要问题及改进情况", old.replace("42", "57"))  # last year's, numbers changed
    set_text(
        this, "一、总体情况", "本年度依法做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。"
    )
    set_text(this, "六、其他需要报告的事项", "本年度没有收取信息处理费。")
    code, _, err = run("build", this, "-o", this.with_suffix(".docx"))
    assert code == 0
    n, m = line_of(this, '["五、'), line_of(last, '["五、')
    assert err == (
        f"{this}:{n}: 警告 H-copy “五、存在的主要问题及改进情况”的文字有 100% 与上一年度报告（{last}）相同"
        "（连续 8 个字以上一字不差，数字不计差别）。年度报告内容不得雷同，请按本年情况改写。\n"
        f"    {last}:{m}: 上一年度：五、存在的主要问题及改进情况\n"
        "共 1 个警告。\n"
    )


def test_copy_measure() -> None:
    text = "本局认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息286条。"
    assert history.copied_share(text, text.replace("286", "301")) == 1.0  # numbers do not count
    assert (
        history.copied_share(text, "今年新建了数据查询栏目，提供十年来主要指标的在线查询和下载服务。") == 0.0
    )
    half = text + "今年新建了数据查询栏目，提供十年来主要指标的在线查询和下载服务，方便群众。"
    assert 0.4 < history.copied_share(text, half) < 0.6


def test_an_explicit_prev_that_is_missing_or_broken_stops_the_build(chain, tmp_path: Path) -> None:
    this = chain[2022]
    code, _, err = run("build", this, "--prev", tmp_path / "none-2021.toml", "-o", this.with_suffix(".docx"))
    assert (code, err) == (2, f"reportgen: 找不到输入文件：{tmp_path / 'none-2021.toml'}\n")
    chain[2021].write_text('"机关名称" = "示例局"\n"报告年度" = 2021\n', encoding="utf-8")
    code, _, err = run("build", this, "--prev", chain[2021], "-o", this.with_suffix(".docx"))
    assert code == 1
    assert err.startswith(
        f'{chain[2021]}:2: 错误 S-a 缺少“一、总体情况”这一部分，请补上表头 ["一、总体情况"] 和它的内容。'
    )
    assert not this.with_suffix(".docx").exists()


def test_new_never_writes_over_last_years_file(tmp_path: Path) -> None:
    last = tmp_path / "2019.toml"
    shutil.copy(SAMPLE_2019, last)
    code, _, err = run("new", 2020, "--from", last, "-o", last, "--force")
    assert (code, err) == (
        2,
        f"reportgen: 输出文件 {last} 就是输入文件 {last}，不能覆盖它，没有生成任何文件。请用 -o 另外指定一个输出文件。\n",
    )
    assert last.read_bytes() == SAMPLE_2019.read_bytes()


def test_the_preview_draft_shows_cross_year_findings(chain) -> None:
    from reportgen import pipeline

    set_row(chain[2022], "行政规范性文件", 现行有效件数=5)
    draft = pipeline.draft(chain[2022])
    assert [p.code for p in draft.problems] == ["R2-a"]


def test_check_compares_with_the_neighbour_or_with_prev(chain, tmp_path: Path) -> None:
    this, last = chain[2022], chain[2021]
    assert run("check", this) == (
        0,
        f"{this}: 已与上一年度文件 {last} 对照\n{this}: 没有发现问题。\n",
        "",
    )
    set_row(this, "行政规范性文件", 现行有效件数=5)
    code, out, err = run("check", this, "--format", "json")
    import json

    document = json.loads(out)
    assert (code, err) == (0, "")
    assert document["files"][0]["previous"] == str(last)
    assert [(p["code"], p["related"][0]["file"]) for p in document["files"][0]["problems"]] == [
        ("R2-a", str(last))
    ]
    moved = tmp_path / "archive.toml"
    shutil.move(last, moved)
    assert run("check", this)[1] == f"{this}: 没有发现问题。\n"  # nothing beside it now
    code, out, err = run("check", this, "--prev", moved)
    assert code == 0 and out == f"{this}: 已与上一年度文件 {moved} 对照\n"
    assert ": 警告 R2-a " in err
    code, _, err = run("check", this, chain[2020], "--prev", moved)
    assert code == 2
    assert (
        err
        == "reportgen: --prev 只能在检查一个文件时使用；检查多个文件时，各自旁边的上一年度文件会自动对照。\n"
    )
