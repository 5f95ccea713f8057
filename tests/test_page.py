"""The published HTML page in a real browser (headless Chromium): sizes, label breaks, phones.

Both samples' pages are opened from disk at a desktop width and at a phone's: headings are
not smaller than the text, a table label breaks only where it breaks in print (never
inside a word such as 结果维持), and on a phone the tables scroll sideways instead of
squeezing their labels to a character a line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_2019
from test_tables import labels

from reportgen.cli import main
from reportgen.formats import FORMATS

SAMPLE_2021 = ROOT / "inputs" / "示例区统计局-2021.toml"

# The lines of the text of every <th> as laid out: characters grouped by the top of their box.
LINES_JS = """
const out = [];
for (const th of document.querySelectorAll(arguments[0])) {
  const lines = []; let cur = "", top = null;
  const walk = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode;
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box) continue;
      if (top !== null && box.top > top + 2) { lines.push(cur); cur = ""; }
      if (top === null || box.top > top + 2) top = box.top;
      cur += node.data[i];
    }
  }
  if (cur) lines.push(cur);
  if (!th.classList.contains("stack")) out.push([th.closest("table").id, lines]);
}
return out;
"""


@pytest.fixture(scope="module", params=[SAMPLE_2019, SAMPLE_2021], ids=["2019", "2021"])
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("page")
    source = out / Path(request.param).name
    shutil.copy(request.param, source)
    assert main(["build", str(source), "--to", "html", "-o", str(out / "r.html")]) == 0
    return out / "r.html", "2021" if request.param == SAMPLE_2021 else "2019"


def layout_lines(fmt_id: str) -> dict[str, list[str]]:
    """Each fixed label → its printed lines (test_tables.labels walks them)."""
    return {cell.text: lines for _, cell, _, lines in labels(FORMATS[fmt_id])}


def allowed_breaks(fmt_id: str) -> dict[str, set[int]]:
    """Each fixed label → the offsets at which it may break: where its printed lines break."""
    out: dict[str, set[int]] = {}
    for text, lines in layout_lines(fmt_id).items():
        out[text] = {sum(len(x) for x in lines[:k]) for k in range(1, len(lines))}
        # where there is more room than in print, a break after punctuation reads as well
        out[text] |= {k + 1 for k, ch in enumerate(text[:-1]) if ch in "，、；："}
    return out


def test_headings_are_not_smaller_than_the_text(page, browser) -> None:
    path, _ = page
    browser.set_window_size(1200, 1000)
    browser.get(path.as_uri())
    size = "return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize)"
    body = browser.execute_script(size, "main p")
    assert browser.execute_script(size, "main h2") >= body  # 一、 headings
    assert browser.execute_script(size, "main h3") >= body  # （一） headings


@pytest.mark.parametrize("width", [1200, 1600])
def test_labels_break_only_where_they_break_in_print(page, browser, width: int) -> None:
    path, fmt_id = page
    browser.set_window_size(width, 1000)
    browser.get(path.as_uri())
    breaks = allowed_breaks(fmt_id)
    wrong = []
    for table, lines in browser.execute_script(LINES_JS, "table th"):
        text = "".join(lines)
        at = {sum(len(x) for x in lines[:k]) for k in range(1, len(lines))}
        if text in breaks and not at <= breaks[text]:
            wrong.append((table, lines))
    assert wrong == []  # e.g. table 四's "结果维 / 持"
    mode = "return getComputedStyle(document.querySelector('#t3 th.stack span')).writingMode"
    assert browser.execute_script(mode) == "vertical-rl"  # 三、本年度办理结果, set vertically


def test_on_a_phone_tables_scroll_sideways_instead_of_squeezing(page, browser) -> None:
    path, fmt_id = page
    browser.set_window_size(390, 844)
    browser.get(path.as_uri())
    viewport = browser.execute_script("return document.documentElement.clientWidth")
    assert (
        browser.execute_script("return document.documentElement.scrollWidth") <= viewport
    )  # the page itself fits
    for sid in ("t2", "t3", "t4"):
        scroller = f"document.getElementById('{sid}').parentElement"
        assert browser.execute_script(f"return {scroller}.scrollWidth > {scroller}.clientWidth"), sid
    breaks = allowed_breaks(fmt_id)
    for table, lines in browser.execute_script(LINES_JS, "table th"):
        text = "".join(lines)
        if text in breaks:
            printed = layout_lines(fmt_id)[text]
            assert len(lines) <= len(printed), (table, lines)  # no more lines than in print
