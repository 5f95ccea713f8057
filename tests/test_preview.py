"""The live preview: a draft page for any file state, a server that re-renders on save and stops on Ctrl-C,
and, end to end in headless Chromium, a broken total flagged in place and the flag gone once fixed."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import htmlread
import pytest

from reportgen.preview import Preview

TOTAL_LINE = '"一、本年新收政府信息公开申请数量" = { "自然人" = 2, "商业企业" = 0, "科研机构" = 0, "社会公益组织" = 0, "法律服务机构" = 0, "其他" = 0, "总计" = 2 }'
BROKEN_LINE = TOTAL_LINE.replace('"总计" = 2', '"总计" = 3')


def page_of(preview: Preview) -> htmlread.Element:
    return htmlread.parse(preview.current()[1])[0]


def flags(root: htmlread.Element) -> dict[str, set[str]]:
    return {
        e.attrs["id"]: e.classes() & {"flag-error", "flag-warning", "flag-involved"}
        for e in root.iter("td")
        if e.classes() & {"flag-error", "flag-warning", "flag-involved"}
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


SEED_RULES_ROW = (
    '"规章"                 = { "本年新制作数量" = 0, "本年新公开数量" = 3, "对外公开总数量" = 24 }'
)


@pytest.fixture
def sample_2019(sample_2019: Path) -> Path:
    """The sample with its 规章 row zeroed: the seed's real 0/3/24 draws two warnings (R2-d,
    R2-h), and these tests count and flag errors only."""
    edit(sample_2019, SEED_RULES_ROW, SEED_RULES_ROW.replace("= 3", "= 0").replace("= 24", "= 0"))
    return sample_2019


def test_a_clean_file_shows_no_findings(sample_2019: Path):
    root = page_of(Preview(sample_2019, "inputs/2019.toml"))
    assert next(root.iter("h1")).text() == "鄞州区统计局2019年政府信息公开工作年度报告"
    assert root.by_id("problems-title").text() == "没有发现问题，可以生成文档"
    assert flags(root) == {}
    assert root.by_id("c-t3_r01_c7").text() == "2"


def test_a_broken_total_is_flagged_in_place(sample_2019: Path):
    edit(sample_2019, TOTAL_LINE, BROKEN_LINE)
    root = page_of(Preview(sample_2019, "inputs/2019.toml"))
    assert root.by_id("problems-title").text() == "发现 1 个错误、0 个警告（改正错误后才能生成文档）"
    got = flags(root)
    assert got["c-t3_r01_c7"] == {"flag-error"}  # the total typed wrong: it alone explains R3-c and R3-a
    assert got["c-t3_r01_c1"] == {"flag-involved"}  # the parts of R3-c it is checked against
    assert got["c-t3_r22_c7"] == {"flag-involved"}  # and the cells of R3-a
    cell = root.by_id("c-t3_r01_c7")
    assert cell.attrs["aria-invalid"] == "true"
    assert cell.text(skip=("mark", "fix")) == "3"
    assert [s.text() for s in cell.iter("span") if "fix" in s.classes()] == ["应为 2"]  # the fix, in the cell
    assert [m.text() for m in cell.iter("a")] == ["1"]
    listed = [li.text() for li in root.by_id("problems-title").parent.iter("li")]
    located = (
        "最可能是这一格写错了：一、本年新收政府信息公开申请数量（总计）写的是 3，按其他各格应为 2；"
        "改正这一格后，R3-a 和 R3-c 都成立。（这一格也可以不写，由程序自动计算。）"
    )
    assert listed[0] == (
        f"inputs/2019.toml:84:97：错误 R3-c {located}"
        "inputs/2019.toml:84：R3-c 表三“一、本年新收政府信息公开申请数量”一行："
        "自然人 2 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 2，但 总计 3，相差 1"
        "inputs/2019.toml:109：R3-a 表三“总计”一列："
        "本年新收 3 + 上年结转 0 = 3，但 办理结果总计 2 + 结转下年度 0 = 2，相差 1"
    )
    here = root.by_id("p1-here")  # the message beside the table, in section 三
    assert here.text() == f"1 错误：{located}（inputs/2019.toml:84:97）"
    section = here.parent
    while section.tag != "section":
        section = section.parent
    assert section.attrs["id"] == "s3"


def test_a_wrong_type_leaves_the_cell_blank_and_renders_the_rest(sample_2019: Path):
    edit(sample_2019, TOTAL_LINE, TOTAL_LINE.replace('"自然人" = 2', '"自然人" = "二"'))
    root = page_of(Preview(sample_2019, "inputs/2019.toml"))
    cell = root.by_id("c-t3_r01_c1")
    assert cell.text(skip=("mark",)) == "" and "flag-error" in cell.classes()
    assert root.by_id("c-t2_b5_r1_c2").text() == "475976.05元"  # the rest is still there
    assert len(list(root.iter("table"))) == 3
    first = next(li for li in root.by_id("problems-title").parent.iter("li"))
    assert first.text().startswith(
        "inputs/2019.toml:84:24：错误 T-type 一、本年新收政府信息公开申请数量（自然人）应当是数字"
    )


def test_a_problem_in_prose_flags_its_section(sample_2019: Path):
    edit(sample_2019, '["五、存在的主要问题及改进情况"]', '["五、存在的主要问题及改进情况"]\n"正闻" = "？"')
    root = page_of(Preview(sample_2019, "inputs/2019.toml"))
    s5 = root.by_id("s5")
    assert "flagged" in s5.classes()
    assert next(s5.iter("ul")).text().strip() == (
        "1 错误：“五、存在的主要问题及改进情况”中没有“正闻”这一项，是不是“正文”？请照官方表格逐字改正。"
        "（inputs/2019.toml:123:1）"
    )
    assert [s.attrs["id"] for s in root.iter("section") if "flagged" in s.classes()] == ["s5"]
    assert next(root.by_id("p1").iter("a")).attrs["href"] == "#s5"


def test_a_syntax_error_keeps_the_last_page_marked_stale(sample_2019: Path):
    preview = Preview(sample_2019, "inputs/2019.toml")
    v1, _ = preview.current()
    edit(sample_2019, '"机关名称" = "鄞州区统计局"', '"机关名称" = "鄞州区统计局')
    v2, page = preview.current()
    assert v2 != v1
    root = htmlread.parse(page)[0]
    assert next(root.iter("h1")).text() == "鄞州区统计局2019年政府信息公开工作年度报告"  # the last good page
    assert "文件第 10 行：TOML 格式错误，见下方说明。下面是上一次能排版时的内容，改正并保存后自动刷新。" in root.text()
    assert "无法读取" not in root.text()  # the file was read: it has a syntax error
    assert "inputs/2019.toml:10:17：错误 F-syntax" in root.by_id("problems-title").parent.text()


def test_a_full_width_sign_is_named_as_such_while_the_last_page_stays(sample_2019: Path):
    preview = Preview(sample_2019, "inputs/2019.toml")
    preview.current()
    edit(sample_2019, '"机关名称" = "鄞州区统计局"', '"机关名称" ＝ "鄞州区统计局"')
    root = htmlread.parse(preview.current()[1])[0]
    assert "文件第 10 行：该用半角符号的地方用了全角符号，见下方说明。" in root.text()


def test_a_file_with_no_year_shows_only_the_findings(sample_2019: Path):
    edit(sample_2019, '"报告年度" = 2019', "")
    root = page_of(Preview(sample_2019, "inputs/2019.toml"))
    assert list(root.iter("main")) == []
    assert '缺少报告年度，请补上一行："报告年度" = 2019' in root.text()


def test_version_changes_only_when_the_file_does(sample_2019: Path):
    preview = Preview(sample_2019, "x.toml")
    v1, page1 = preview.current()
    assert preview.current() == (v1, page1)
    os.utime(sample_2019)  # touched, same bytes
    assert preview.current()[0] == v1
    edit(sample_2019, TOTAL_LINE, BROKEN_LINE)
    v2, page2 = preview.current()
    assert v2 != v1 and page2 != page1
    sample_2019.unlink()  # an editor replacing the file
    v3, page3 = preview.current()
    assert v3 != v2 and "找不到输入文件：x.toml" in page3


def test_the_preview_never_writes_the_file(sample_2019: Path):
    before = sample_2019.read_bytes(), sample_2019.stat().st_mtime_ns
    preview = Preview(sample_2019, "x.toml")
    for _ in range(3):
        preview.current()
    assert (sample_2019.read_bytes(), sample_2019.stat().st_mtime_ns) == before
    assert sorted(p.name for p in sample_2019.parent.iterdir()) == ["2019.toml"]


# -- the server, as the clerk starts it --------------------------------------------------


def start(path: Path, cwd: Path | None = None) -> tuple[subprocess.Popen, str]:
    """``reportgen preview path`` run from ``cwd``, and the address it prints."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "preview", str(path), "--port", "0"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    ready, _, _ = select.select([proc.stdout], [], [], 20)
    if not ready:
        proc.kill()
        pytest.fail("the preview printed no address within 20 s")
    line = proc.stdout.readline()
    assert line.startswith(f"正在预览 {path}：请用浏览器打开 http://127.0.0.1:")
    return proc, line.rsplit(" ", 1)[1].strip()


def stop(proc: subprocess.Popen) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"the preview did not stop on Ctrl-C within 10 s: {err}")
    return proc.returncode, out, err


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def test_server_serves_the_page_and_stops_cleanly_on_ctrl_c(sample_2019: Path):
    proc, url = start(sample_2019)
    try:
        assert "<h1>鄞州区统计局2019年政府信息公开工作年度报告</h1>" in get(url)
        v1 = get(url + "version")
        edit(sample_2019, TOTAL_LINE, BROKEN_LINE)
        assert get(url + "version") != v1
        assert 'class="num flag-error" id="c-t3_r01_c7"' in get(url)
        with pytest.raises(urllib.error.HTTPError):
            get(url + "etc/passwd")
    finally:
        code, out, err = stop(proc)
    assert code == 0
    assert out.splitlines()[-1] == "预览已停止。"
    assert err == ""  # no traceback, no request log


def test_server_refuses_a_busy_port(sample_2019: Path):
    proc, url = start(sample_2019)
    try:
        port = url.rsplit(":", 1)[1].strip("/")
        from reportgen.cli import main

        err = __import__("io").StringIO()
        assert main(["preview", str(sample_2019), "--port", port], stderr=err) == 2
        assert f"无法在端口 {port} 上启动预览" in err.getvalue()
    finally:
        stop(proc)


# -- end to end in a real browser ----------------------------------------------------------

def test_browser_sees_a_broken_total_flagged_and_the_flag_go(sample_2019: Path, tmp_path: Path, browser):
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def wait_for(condition, what: str):
        """Poll ``condition`` for up to 10 s; the page may be swapped under it (stale elements)."""
        ignored = (NoSuchElementException, StaleElementReferenceException)
        return WebDriverWait(browser, 10, poll_frequency=0.1, ignored_exceptions=ignored).until(
            lambda d: condition(), message=what
        )

    def read(value, what: str):
        return wait_for(lambda: [value()], what)[0]  # a value read in one piece, retried if swapped

    def classes(element_id: str) -> set[str]:
        return set((browser.find_element(By.ID, element_id).get_attribute("class") or "").split())

    def heading() -> str:
        return browser.find_element(By.ID, "problems-title").text

    def text(element_id: str, attribute: str = "") -> str:
        el = browser.find_element(By.ID, element_id)
        return (el.get_attribute(attribute) or "") if attribute else el.text

    work = tmp_path / "county"
    (work / "inputs").mkdir(parents=True)
    sample = work / "inputs" / "2019.toml"
    shutil.copy(sample_2019, sample)
    proc, url = start(Path("inputs/2019.toml"), cwd=work)  # as the clerk types it
    try:
        browser.get(url)
        assert browser.find_element(By.TAG_NAME, "h1").text == "鄞州区统计局2019年政府信息公开工作年度报告"
        assert heading() == "没有发现问题，可以生成文档"
        assert "flag-error" not in classes("c-t3_r01_c7")
        time.sleep(0.5)  # a few polls with nothing changed: the page stays as it is
        assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-version").endswith("-1")

        edit(sample, TOTAL_LINE, BROKEN_LINE)  # as the clerk saves in Notepad
        saved = time.monotonic()
        wait_for(lambda: "flag-error" in classes("c-t3_r01_c7"), "the broken total was never flagged")
        shown_after = time.monotonic() - saved
        assert read(lambda: text("c-t3_r01_c7"), "cell").startswith("3")
        assert "应为 2" in read(lambda: text("c-t3_r01_c7"), "cell")  # the fix, shown in the cell
        assert "按其他各格应为 2" in read(lambda: text("c-t3_r01_c7", "title"), "title")
        assert read(heading, "heading") == "发现 1 个错误、0 个警告（改正错误后才能生成文档）"
        assert read(lambda: browser.find_element(By.ID, "p1-here").is_displayed(), "in place")
        assert "写的是 3，按其他各格应为 2" in read(lambda: text("p1-here"), "in place")
        assert read(lambda: text("p1"), "list").startswith("inputs/2019.toml:84:97：错误 R3-c")
        shot = os.environ.get("REPORTGEN_SCREENSHOT")
        if shot:
            browser.set_window_size(1280, 1250)
            browser.execute_script(
                "document.getElementById('s3-h').scrollIntoView(); window.scrollBy(0, -48);"
            )
            time.sleep(0.3)
            Path(shot).parent.mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(shot)

        edit(sample, BROKEN_LINE, TOTAL_LINE)
        wait_for(lambda: "flag-error" not in classes("c-t3_r01_c7"), "the flag stayed after the fix")
        wait_for(lambda: heading() == "没有发现问题，可以生成文档", "the findings stayed after the fix")
        assert (
            read(lambda: browser.find_elements(By.CSS_SELECTOR, ".flag-error, .flag-involved, .inplace"), "")
            == []
        )
        print(f"flag shown {shown_after:.2f} s after the save")
    finally:
        code, _, err = stop(proc)
    assert code == 0 and "Traceback" not in err
    assert sample.read_text(encoding="utf-8") == sample_2019.read_text(encoding="utf-8")  # only we wrote it
