"""The review desk's dashboard in headless Chromium, opened from disk as from a file share:
it loads nothing from anywhere, its table sorts and filters, its charts are drawn and lead
to the reports, and each problem leads to its report and back."""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

from conftest import ROOT

from reportgen.cli import main

sys.path.insert(0, str(ROOT / "bench"))
from generate import county


def test_the_dashboard_sorts_filters_draws_and_links(tmp_path: Path, browser):
    from selenium.webdriver.common.by import By

    folder = tmp_path / "鄞州区"
    county(folder, agencies=20)
    page = tmp_path / "汇总.html"
    err = io.StringIO()
    assert main(["summary", str(folder), "-o", str(page)], io.StringIO(), err) == 1  # one report has errors
    browser.get(page.as_uri())
    shot = os.environ.get("REPORTGEN_SCREENSHOT_SUMMARY")
    if shot:  # the picture in the README: header, cards and the charts, as the page opens
        browser.set_window_size(1280, 1180)
        time.sleep(0.3)
        Path(shot).parent.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(shot)

    def click(element) -> None:
        """Scrolled to the middle of the window first: the sticky page menu must not be in the way."""
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def column(n: int) -> list[str]:
        """The text of the n-th cell (th included) of each shown row of the overview."""
        return browser.execute_script(
            "return Array.from(document.querySelectorAll('#overview-table tbody tr'))"
            ".filter(r => !r.hidden).map(r => r.cells[arguments[0]].textContent.trim());",
            n,
        )

    assert browser.find_element(By.TAG_NAME, "h1").text == "政府信息公开工作年度报告汇总（2020、2019 年度）"
    assert [browser.find_element(By.ID, i).text for i in ("count-all", "count-ok", "count-err")] == [
        "40",
        "39",
        "1",
    ]
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0  # offline

    # sorting: 本年新收 ascending, then descending, numbers compared as numbers
    head = browser.find_element(By.XPATH, "//table[@id='overview-table']//th[normalize-space()='本年新收']")
    n = browser.execute_script("return arguments[0].cellIndex", head)
    click(head.find_element(By.TAG_NAME, "button"))
    up = [int(x) for x in column(n)]
    assert up == sorted(up) and head.get_attribute("aria-sort") == "ascending"
    click(head.find_element(By.TAG_NAME, "button"))
    assert [int(x) for x in column(n)] == sorted(up, reverse=True)
    name = browser.find_element(By.XPATH, "//table[@id='overview-table']//th[normalize-space()='机关名称']")
    click(name.find_element(By.TAG_NAME, "button"))
    names = column(0)
    assert len(names) == 40 and names != sorted(names, reverse=True)

    # filtering
    box = browser.find_element(By.ID, "filter")
    box.send_keys("住房和城乡建设局")
    assert column(0) == ["鄞州区住房和城乡建设局"] * 2
    assert browser.find_element(By.ID, "filter-count").text == "显示 2 / 40 份"
    box.clear()
    box.send_keys(" ")  # an input event with nothing to match: every row again
    assert len(column(0)) == 40

    # charts: one bar per 2020 report; a label leads to its row in the table
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart-applications rect")
    assert len(bars) == 20 and all(b.size["width"] > 0 for b in bars)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#chart-change rect")) == 20
    assert browser.find_element(By.CSS_SELECTOR, "#chart-outcomes svg").size["height"] > 400
    label = browser.find_element(By.CSS_SELECTOR, "#chart-applications a")
    click(label)
    target = browser.execute_script("return location.hash")
    assert target.startswith("#row-")
    assert browser.find_element(By.ID, target[1:]).find_element(By.TAG_NAME, "th").text == label.text

    # the report with errors: its row links to its problems, which link back
    bad = browser.find_element(By.CSS_SELECTOR, "#overview-table tr.err")
    assert bad.find_element(By.CSS_SELECTOR, "td.status").text == "有错误"
    click(bad.find_element(By.CSS_SELECTOR, "th a"))
    section = browser.find_element(By.ID, browser.execute_script("return location.hash")[1:])
    assert section.is_displayed() and "R3-c" in section.text
    click(section.find_element(By.LINK_TEXT, "回到概览"))
    assert browser.execute_script("return location.hash") == f"#{bad.get_attribute('id')}"
    copies = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#copies-table tbody tr")]
    assert len(copies) == int(browser.find_element(By.ID, "count-pairs").text)
    planted = [
        r for r in copies if "五、存在的主要问题及改进情况" in r and "鄞州区统计局" in r and "100%" in r
    ]
    assert len(planted) == 1, copies  # the copy county() plants (the generator's own chance copies besides)
