"""The review desk: ``reportgen summary`` over a county's folder, read back as the reviewer sees it.

The workbook is opened with openpyxl and every figure, every finding and every cell of each
year's sum is compared with the inputs (read through the model, as ``check`` reads them);
the 雷同 sheet finds the planted copies and nothing else; the dashboard is read back too (its
browser test is in ``test_summary_browser.py``).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import htmlread
import pytest
from conftest import ROOT, SAMPLE_2019
from openpyxl import load_workbook
from test_history import SAMPLE_2021, make_chain, set_row

from reportgen import history, pipeline
from reportgen.cli import main
from reportgen.format import Format, Kind
from reportgen.grid import Role

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def county(tmp_path: Path) -> Path:
    """A county's folder: one agency's chain 2019 → 2022 (both formats, last year's files beside),
    the 2021 sample and another bureau's 2021 report that copied its prose, and 8 generated
    2019/2020 reports (each agency's own prose, 采购 in 元 and in 万元) in a sub-folder."""
    folder = tmp_path / "county"
    folder.mkdir()
    make_chain(folder)
    shutil.copy(SAMPLE_2021, folder / "示例区统计局-2021.toml")
    other = folder / "示例区财政局-2021.toml"
    shutil.copy(SAMPLE_2021, other)
    text = other.read_text(encoding="utf-8").replace(
        '"机关名称" = "示例区统计局"', '"机关名称" = "示例区财政局"'
    )
    other.write_text(re.sub(r', "总计" = \d+', "", text), encoding="utf-8")  # totals left to reportgen
    set_row(other, "（一）予以公开", 自然人=4)  # one application moved from 予以公开 …
    set_row(other, "1.本机关不掌握相关政府信息", 自然人=3)  # … to 无法提供
    set_row(other, "行政事业性收费", **{"本年收费金额（单位：万元）": "2.5"})
    text = other.read_text(encoding="utf-8")
    other.write_text(
        text.replace('["一、总体情况"]\n', '["一、总体情况"]\n"标题" = "一、总体概述"\n', 1), encoding="utf-8"
    )
    generate(8, folder / "乡镇", seed=12, copies=False)
    return folder


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str, str]:
    """The county summarised once: (folder, exit code, stdout, stderr); outputs in folder/out."""
    tmp = tmp_path_factory.mktemp("summary")
    folder = county(tmp)
    out = tmp / "out"
    code, stdout, stderr = run("summary", folder, "-o", out / "县.xlsx", "-o", out / "县.html", "-j", "2")
    return folder, code, stdout, stderr


def inputs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.toml"))


def judged(path: Path) -> pipeline.Draft:
    return pipeline.draft(path, str(path))


def rows(ws, header_row: int = 1) -> list[dict[str, object]]:
    """Each row by column name (a name repeated under another group: its first column)."""
    header = [c.value for c in ws[header_row]]
    first = {name: k for k, name in reversed(list(enumerate(header)))}
    return [
        {name: r[k] for name, k in first.items()}
        for r in ws.iter_rows(min_row=header_row + 1, values_only=True)
    ]


def number(value: object) -> Decimal | None:
    if value is None or isinstance(value, str):
        return None
    return Decimal(str(value))


def test_the_command_writes_both_files_and_says_what_it_found(made):
    folder, code, stdout, stderr = made
    assert code == 0, stderr  # warnings only: the chain's reminders, the planted copy is no error
    lines = stdout.splitlines()
    assert re.fullmatch(
        r"共 14 份报告：可以生成 \d+，有警告 \d+，有错误 0；雷同 \d+ 处；用时 [\d.]+ 秒。", lines[0]
    ), lines[0]
    assert lines[1:] == [
        f"已生成 {folder.parent / 'out' / '县.xlsx'}",
        f"已生成 {folder.parent / 'out' / '县.html'}",
    ]
    assert sorted(p.name for p in (folder.parent / "out").iterdir()) == [
        "县.html",
        "县.xlsx",
    ]  # no temporary left


def test_overview_has_one_row_per_report_with_its_figures_as_the_model_reads_them(made):
    folder = made[0]
    book = load_workbook(folder.parent / "out" / "县.xlsx")
    assert book.sheetnames == ["概览", "问题", "汇总", "雷同"]
    ws = book["概览"]
    assert ws.freeze_panes == "B3"
    table = rows(ws, header_row=2)
    by_file = {r["文件"]: r for r in table}
    assert sorted(by_file) == [str(p) for p in inputs(folder)]
    for path in inputs(folder):
        draft = judged(path)
        row = by_file[str(path)]
        v = draft.values
        fmt = draft.report.format
        new, done = v["t3_r01_c7"], fmt.find(("三、收到和处理政府信息公开申请情况", "（七）总计", "总计"))
        assert row["机关名称"] == draft.report.agency and row["报告年度"] == draft.report.year
        assert row["格式"] == f"{fmt.id} 年格式"
        assert row["本年新收"] == new and isinstance(row["本年新收"], int)  # numbers as numbers
        assert row["办结"] == v[done.id]
        assert row["错误"] == 0 and row["警告"] == len(draft.problems)
        assert row["状态"] == ("有警告" if draft.problems else "可以生成")
        published = v["t3_r03_c7"]
        partly = v["t3_r04_c7"]
        if v[done.id]:
            assert row["公开率"] == pytest.approx(published / v[done.id])
            assert row["实质公开率"] == pytest.approx((published + partly) / v[done.id])
        else:
            assert row["公开率"] is None
    sample = by_file[str(folder / "示例区统计局-2021.toml")]
    assert (sample["本年新收"], sample["上年结转"], sample["办结"], sample["结转下年度"]) == (13, 1, 13, 1)
    assert [sample[k] for k in ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")] == [
        6,
        1,
        1,
        3,
        1,
        1,
    ]
    assert sample["实质公开率"] == pytest.approx(7 / 13)
    assert sample["行政复议"] == 1 and sample["复议纠正率"] == 0 and sample["行政诉讼"] == 0
    assert sample["诉讼纠正率"] is None  # no case: nothing to divide by
    other = by_file[str(folder / "示例区财政局-2021.toml")]
    assert (other["予以公开"], other["无法提供"], other["收费（万元）"]) == (5, 4, 2.5)
    # a figure the 2019 format does not have is blank, not 0
    assert all(r["收费（万元）"] is None for r in table if r["格式"] == "2019 年格式")
    assert ws.cell(3, 20).number_format == "0.0%"


def test_last_years_figures_and_the_change_where_last_years_file_is_found(made):
    folder = made[0]
    ws = load_workbook(folder.parent / "out" / "县.xlsx")["概览"]
    header = [c.value for c in ws[2]]
    groups: dict[int, str] = {}
    for c in range(1, len(header) + 1):  # the group over each column (merged cells in row 1)
        groups[c] = ws.cell(1, c).value or groups[c - 1]
    compared = 0
    for r in range(3, ws.max_row + 1):
        row = {(groups[c], header[c - 1]): ws.cell(r, c).value for c in range(1, len(header) + 1)}
        this = Path(row[("报告", "文件")])
        match = re.fullmatch(r"示例局-(\d{4})\.toml", this.name)
        if match and match.group(1) != "2019":  # the chain: last year's file is beside it
            last = this.with_name(f"示例局-{int(match.group(1)) - 1}.toml")
            assert row[("上一年度", "上一年度文件")] == str(last)
            then = judged(last).values["t3_r01_c7"]
            assert row[("上一年度", "本年新收")] == then
            assert row[("比上年增减", "本年新收")] == row[("本年主要数字", "本年新收")] - then
            compared += 1
        else:
            assert row[("上一年度", "上一年度文件")] is None and row[("比上年增减", "本年新收")] is None
    assert compared == 3


def test_problems_are_the_findings_of_check_one_per_row(made):
    folder = made[0]
    ws = load_workbook(folder.parent / "out" / "县.xlsx")["问题"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:I")
    got = [(r["文件"], r["行"], r["级别"], r["代码"], r["说明"]) for r in rows(ws)]
    out = io.StringIO()
    main(["check", *map(str, inputs(folder)), "--format", "json"], out, io.StringIO())
    expected = [
        (f["file"], p["line"], "错误" if p["severity"] == "error" else "警告", p["code"], p["message"])
        for f in json.loads(out.getvalue())["files"]
        for p in f["problems"]
    ]
    assert got == expected and got  # the chain's 2022 file has reminders at least


def official_cells(ws, start: int, grid) -> dict[str, object]:
    """The value cells of an official table laid out from row ``start``, by field id."""
    out = {}
    for r, placed in enumerate(grid.positions()):
        for c, cell in placed:
            target = ws.cell(start + r, c + 1)
            if cell.role is Role.VALUE:
                out[cell.field] = target.value
            else:
                assert target.value == cell.text, (grid.id, r, c)
    return out


def expected_sum(fmt: Format, drafts: list[pipeline.Draft]) -> dict[str, Decimal]:
    """Each cell summed over the reports, amounts in 万元."""
    units = {f.unit_of: f.id for f in fmt.fields if f.kind is Kind.UNIT}
    out = {}
    for f in fmt.fields:
        if f.kind is Kind.UNIT:
            continue
        total = Decimal(0)
        for d in drafts:
            value = Decimal(str(d.values[f.id]))
            if f.id in units and d.values[units[f.id]] == "元":
                value /= 10000
            total += value
        out[f.id] = total
    return out


def test_totals_sum_every_cell_of_each_years_reports_in_the_official_layout(made):
    folder = made[0]
    ws = load_workbook(folder.parent / "out" / "县.xlsx")["汇总"]
    by_year: dict[int, list[pipeline.Draft]] = {}
    for path in inputs(folder):
        d = judged(path)
        by_year.setdefault(d.report.year, []).append(d)
    titles = [(r, ws.cell(r, 1).value) for r in range(1, ws.max_row + 1)]
    heads = [(r, t) for r, t in titles if t and re.match(r"\d{4} 年度汇总", str(t))]
    assert [int(t[:4]) for _, t in heads] == sorted(by_year, reverse=True)  # the latest year first
    for n, (start, title) in enumerate(heads):
        year = int(title[:4])
        fmt = by_year[year][0].report.format
        assert title.startswith(f"{year} 年度汇总：{len(by_year[year])} 份报告（{fmt.id} 年格式")
        end = heads[n + 1][0] if n + 1 < len(heads) else ws.max_row + 1
        expected = expected_sum(fmt, by_year[year])
        seen = {}
        for grid_id, section in (
            ("t2", "二、主动公开政府信息情况"),
            ("t3", "三、收到和处理政府信息公开申请情况"),
            ("t4", "四、政府信息公开行政复议、行政诉讼情况"),
        ):
            caption = next(r for r, t in titles if start < r < end and t == section)
            seen.update(official_cells(ws, caption + 1, fmt.grids[grid_id]))
        assert set(seen) == set(expected)
        for field_id, value in expected.items():
            assert number(seen[field_id]) == value, (year, field_id)
    # read as a reviewer would: 2021 is the chain's report, the sample and the other bureau's
    t3 = {r: ws.cell(r, 10).value for r in range(1, ws.max_row + 1)}  # the 总计 column of table 三
    assert 4 + 13 + 13 in t3.values()


def test_amounts_of_2019_are_summed_in_wan_yuan(made):
    folder = made[0]
    ws = load_workbook(folder.parent / "out" / "县.xlsx")["汇总"]
    cells = [c for row in ws.iter_rows() for c in row if c.number_format == 'General"万元"']
    assert len(cells) == 2  # 采购总金额 of 2019 and of 2020
    drafts = [judged(p) for p in inputs(folder)]
    for cell in cells:
        year = next(
            int(ws.cell(r, 1).value[:4])
            for r in range(cell.row, 0, -1)
            if re.match(r"\d{4} 年度汇总", str(ws.cell(r, 1).value or ""))
        )
        amounts = [
            Decimal(d.values["t2_b5_r1_c2"]) / (10000 if d.values["t2_b5_r1_c2_unit"] == "元" else 1)
            for d in drafts
            if d.report.year == year
        ]
        assert number(cell.value) == sum(amounts)


def test_copies_lists_the_planted_pair_and_nothing_else(made):
    folder = made[0]
    ws = load_workbook(folder.parent / "out" / "县.xlsx")["雷同"]
    found = [
        (r["报告年度"], r["部分"], r["文件甲"], r["文件乙"], r["甲的文字与乙相同"], r["乙的文字与甲相同"])
        for r in rows(ws)
    ]
    a, b = str(folder / "示例区统计局-2021.toml"), str(folder / "示例区财政局-2021.toml")
    pair = sorted([a, b])
    assert found == [
        (2021, "一、总体情况", *pair, 1, 1),
        (2021, "五、存在的主要问题及改进情况", *pair, 1, 1),
        (2021, "六、其他需要报告的事项", *pair, 1, 1),
    ]
    assert ws.cell(2, 7).number_format == "0%"


def test_nothing_is_copied_in_the_sample_folder(tmp_path: Path):
    code, _out, err = run("summary", ROOT / "inputs", "-o", tmp_path / "s.xlsx")
    assert code == 0, err
    ws = load_workbook(tmp_path / "s.xlsx")["雷同"]
    assert [c.value for c in ws[2]][:1] == ["没有发现雷同的报告。"] and ws.max_row == 2


def test_a_copy_planted_among_independent_reports_is_found_with_its_share(tmp_path: Path):
    paths = generate(30, tmp_path / "in", seed=5, copies=False)
    from reportgen import review

    assert review.summarise([str(tmp_path / "in")], workers=1).pairs == ()  # independent reports
    drafts = {p: judged(p) for p in paths}
    key = "五、存在的主要问题及改进情况"

    def long(p: Path) -> bool:
        return len(history.normalise(history.section_text(drafts[p].report, key))) >= history.MIN_CHARS

    same_year = [p for p in paths if drafts[p].report.year == drafts[paths[0]].report.year and long(p)]
    source, target = same_year[1], same_year[-1]
    copied = next(s for s in drafts[source].report.sections if s.spec.key == key).paragraphs
    text = target.read_text(encoding="utf-8")
    start = text.index(f'["{key}"]')
    body_start = text.index('"正文" = """', start)
    body_end = text.index('"""', body_start + 12) + 3
    target.write_text(
        text[:body_start] + '"正文" = """\n' + "\n\n".join(copied) + '\n"""' + text[body_end:],
        encoding="utf-8",
    )
    after = review.summarise([str(tmp_path / "in")], workers=2)
    new = list(after.pairs)
    assert [(p.section, sorted([p.first, p.second])) for p in new] == [
        (key, sorted([str(source), str(target)]))
    ]
    assert max(new[0].first_share, new[0].second_share) == 1.0
    # every pair reported is measured exactly as the cross-year warning measures
    for p in after.pairs:
        one, two = (judged(Path(f)).report for f in (p.first, p.second))
        share = history.copied_share(
            history.section_text(two, p.section), history.section_text(one, p.section)
        )
        assert share == pytest.approx(p.first_share)


def test_a_report_with_errors_is_summarised_as_written_and_the_exit_code_is_1(tmp_path: Path):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(SAMPLE_2019, folder / "a-2019.toml")
    bad = folder / "b-2019.toml"
    text = SAMPLE_2019.read_text(encoding="utf-8").replace(
        '"机关名称" = "鄞州区统计局"', '"机关名称" = "鄞州区财政局"'
    )
    bad.write_text(
        text.replace(
            '"自然人" = 2, "商业企业" = 0, "科研机构" = 0, "社会公益组织" = 0, "法律服务机构" = 0, "其他" = 0, "总计" = 2',
            '"自然人" = 3, "商业企业" = 0, "科研机构" = 0, "社会公益组织" = 0, "法律服务机构" = 0, "其他" = 0, "总计" = 2',
            1,
        ),
        encoding="utf-8",
    )
    broken = folder / "c-2019.toml"
    broken.write_text('"机关名称" = "鄞州区教育局\n', encoding="utf-8")
    code, _out, err = run("summary", folder, "-o", tmp_path / "s.xlsx")
    assert code == 1
    assert err.splitlines()[0].startswith(f"有错误 {bad}：{bad}:84:24: 错误 R3-c 最可能是这一格写错了")
    assert err.splitlines()[1].startswith(f"有错误 {broken}：{broken}:1:")
    table = {r["文件"]: r for r in rows(load_workbook(tmp_path / "s.xlsx")["概览"], header_row=2)}
    row = table[str(bad)]
    assert (row["状态"], row["错误"], row["错误代码"]) == ("有错误", 1, "R3-c")  # the one wrong cell located
    assert row["本年新收"] == 2  # the 总计 as written: a figure, marked by its status
    assert table[str(broken)]["状态"] == "有错误" and table[str(broken)]["机关名称"] is None
    ws = load_workbook(tmp_path / "s.xlsx")["汇总"]
    notes = [ws.cell(r, 1).value for r in range(1, 4)]
    assert f"其中 1 份有错误，其数字按所写计入：{bad}" in notes


def test_exit_code_2_when_a_file_cannot_be_read_and_the_others_are_still_summarised(tmp_path: Path):
    code, out, err = run(
        "summary", ROOT / "inputs" / "2019.toml", tmp_path / "nope.toml", "-o", tmp_path / "s.html"
    )
    assert code == 2
    assert (
        err
        == f"无法读取 {tmp_path / 'nope.toml'}：{tmp_path / 'nope.toml'}: 错误 F-io 找不到输入文件：{tmp_path / 'nope.toml'}\n"
    )
    assert out.startswith("共 2 份报告：可以生成 0，有警告 1，有错误 0，无法读取 1；")
    assert (tmp_path / "s.html").is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-o", "x.csv"], "-o x.csv：汇总只能写成 .xlsx（Excel 工作簿）或 .html（网页）"),
        (["-o", "a.xlsx", "-o", "b.xlsx"], "-o 给了两个同一种的文件"),
        (["--year", "21"], "--year 应当是四位数的年份，现在是 21。"),
        (["--roster", "nope.txt"], "找不到名单文件：nope.txt"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("summary", ROOT / "inputs", *argv)
    assert code == 2 and message in err and out == ""
    assert list(tmp_path.iterdir()) == []


def test_default_outputs_and_a_folder_as_output(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("summary", ROOT / "inputs")[0] == 0
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == ["summary.html", "summary.xlsx"]
    assert run("summary", ROOT / "inputs", "-o", "review/")[0] == 0
    assert sorted(p.name for p in (tmp_path / "review").iterdir()) == ["summary.html", "summary.xlsx"]


def test_year_keeps_one_years_reports_and_still_compares_with_last_year(made, tmp_path: Path):
    folder = made[0]
    code, _out, _err = run("summary", folder, "--year", "2021", "-o", tmp_path / "s.xlsx")
    assert code == 0
    table = rows(load_workbook(tmp_path / "s.xlsx")["概览"], header_row=2)
    assert {r["报告年度"] for r in table} == {2021} and len(table) == 3
    chain = next(r for r in table if "示例局" in r["文件"])
    assert chain["上一年度文件"] == str(folder / "示例局-2020.toml")


def test_roster_names_the_missing_the_unexpected_and_the_duplicates(made, tmp_path: Path):
    folder = made[0]
    roster = tmp_path / "名单.txt"
    roster.write_text(  # as Notepad saves it ("ANSI"): GBK
        "# 2021 年度应报送的机关\n示例区统计局\n 示例区财政局 \n示例区教育局\n\n鄞州区统计局（本级）\n",
        encoding="gbk",
    )
    dup = tmp_path / "dup"
    shutil.copytree(folder, dup)
    shutil.copy(SAMPLE_2021, dup / "乡镇" / "统计局副本-2021.toml")
    code, out, _err = run("summary", dup, "--year", "2021", "--roster", roster, "-o", tmp_path / "s.xlsx")
    assert code == 0
    book = load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames == ["概览", "问题", "汇总", "雷同", "名单"]
    got = {(r["报告年度"], r["机关名称"], r["情况"], r["文件"], r["说明"]) for r in rows(book["名单"])}
    copies = sorted([str(dup / "示例区统计局-2021.toml"), str(dup / "乡镇" / "统计局副本-2021.toml")])
    assert got == {
        (2021, "示例区教育局", "未报送", None, None),
        (2021, "鄞州区统计局（本级）", "未报送", None, None),
        (
            2021,
            "鄞州区统计局",
            "不在名单中",
            str(dup / "示例局-2021.toml"),
            "名单中有“鄞州区统计局（本级）”，是否为同一机关？",
        ),
        (2021, "示例区统计局", "重复报送", "、".join(copies), None),
    }
    assert "名单上未报送 2 个，名单以外 1 份" in out


def test_the_dashboard_is_one_page_with_no_external_assets_and_the_same_figures(made):
    folder = made[0]
    page = (folder.parent / "out" / "县.html").read_text(encoding="utf-8")
    root = htmlread.parse(page)[0]
    for element in root.iter():
        for attr in ("src", "href", "action"):
            value = element.attrs.get(attr, "")
            assert not value or value.startswith("#"), (
                element.tag,
                attr,
                value,
            )  # nothing fetched, only anchors
    assert "@import" not in page and "url(" not in page
    table = root.by_id("overview-table")
    body = next(table.iter("tbody"))
    trs = list(body.iter("tr"))
    assert len(trs) == len(inputs(folder))
    files = [next(td for td in tr.iter("td") if "file" in td.classes()).text() for tr in trs]
    for tr, file in zip(trs, files, strict=True):
        draft = judged(Path(file))
        cells = [td.text() for td in tr.iter("td")]
        assert cells[4] == str(draft.values["t3_r01_c7"])  # 本年新收
    charts = [root.by_id(i) for i in ("chart-applications", "chart-outcomes", "chart-change")]
    assert all(c is not None and list(c.iter("svg")) for c in charts)
    # the latest year with reports is 2022 (the chain's): one bar; its change from 2021 is drawn
    assert len(list(charts[0].iter("rect"))) == 1 and len(list(charts[2].iter("rect"))) == 1
    assert root.by_id("y2021-2021-t3") is not None and root.by_id("y2019-2019-t2") is not None
    # every problem section links back to its row, and the row to it
    listed = next(d for d in root.iter("div") if "problems" in d.classes())
    sections = list(listed.iter("section"))
    assert len(sections) == 1  # the other bureau's report: its variant heading (S-a)
    for section in sections:
        back = [a.attrs["href"] for a in section.iter("a")]
        row = root.by_id(back[-1][1:])
        assert row is not None and f"#{section.attrs['id']}" in [a.attrs["href"] for a in row.iter("a")]


def test_other_readers_plug_in_and_the_form_read_first_wins(tmp_path: Path):
    """A reader of published reports (``reportgen import``) is one more Reader: its files are
    summarised beside the TOML files, a report present in both forms is read once, and the
    dashboard written into the folder is not read back as a report."""
    folder = tmp_path / "c"
    folder.mkdir()

    def page(sample: Path, name: str) -> None:  # the report published as a web page (reportgen import reads it)
        (folder / name).write_text(pipeline.render_html(pipeline.check(sample, prev=None)), encoding="utf-8")

    shutil.copy(SAMPLE_2019, folder / "a-2019.toml")
    page(SAMPLE_2019, "a-2019.html")  # the same report, published: the TOML file is read
    page(SAMPLE_2021, "b-2021.html")
    for _ in range(2):  # the second run finds the first run's summary.html in the folder
        code, out, err = run("summary", folder, "-o", f"{folder}/")
        assert code == 0, err
        assert err == f"跳过 {folder / 'a-2019.html'}：同一报告以 {folder / 'a-2019.toml'} 为准\n"
        assert out.startswith("共 2 份报告：")
    table = rows(load_workbook(folder / "summary.xlsx")["概览"], header_row=2)
    assert [r["文件"] for r in table] == [str(folder / "a-2019.toml"), str(folder / "b-2021.html")]
    assert table[1]["本年新收"] == 13


def test_a_group_printed_as_one_row_is_summed_in_its_first_item_and_says_so(tmp_path: Path):
    one_row = ROOT / "tests" / "data" / "invalid" / "v-rows-group-as-one-row.toml"  # （六）其他处理 as one row
    code, _out, err = run("summary", one_row, SAMPLE_2021, "-o", tmp_path / "s.xlsx", "-o", tmp_path / "s.html")
    assert code == 0, err
    ws = load_workbook(tmp_path / "s.xlsx")["汇总"]
    marked = [c for row in ws.iter_rows() for c in row if c.comment and "只印了一行" in c.comment.text]
    first = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert {ws.cell(c.row, 3).value for c in marked} == {first} and len(marked) == 7  # its 7 columns
    assert all(str(one_row) in c.comment.text and c.fill.fgColor.rgb.endswith("DDEBF7") for c in marked)
    drafts = [judged(one_row), judged(SAMPLE_2021)]
    t3_other = next(f for f in drafts[0].report.format.fields if f.row == first and f.column == "总计")
    assert marked[-1].value == sum(d.values[t3_other.id] for d in drafts)
    page = htmlread.parse((tmp_path / "s.html").read_text(encoding="utf-8"))[0]
    assert "one-row" in page.by_id(f"y2021-2021-{t3_other.id}").classes()


def test_the_copy_measure_is_the_share_of_characters_in_runs_found_in_the_other_text():
    """history.Runs (used by H-copy and by 雷同) against the measure's definition, computed naively."""
    import random

    def naive(last: str, this: str, run: int) -> float:
        seen = {last[i : i + run] for i in range(len(last) - run + 1)}
        covered = [False] * len(this)
        for i in range(len(this) - run + 1):
            if this[i : i + run] in seen:
                covered[i : i + run] = [True] * run
        return sum(covered) / len(this) if this else 0.0

    rng = random.Random(12)
    for _ in range(3000):
        last = "".join(rng.choice("公开申请") for _ in range(rng.randint(0, 30)))
        this = "".join(rng.choice("公开申请") for _ in range(rng.randint(0, 30)))
        run = rng.randint(1, 9)
        assert history.Runs(this, run).covered_by(history.Runs(last, run)) == pytest.approx(naive(last, this, run))
    assert history.copied_share("甲乙丙丁戊己庚辛", "甲乙丙丁戊己庚辛壬癸") == pytest.approx(0.8)
