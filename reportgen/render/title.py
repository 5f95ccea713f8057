"""Where the report's title breaks: by meaning, never leaving one or two characters alone.

GB/T 9704-2012 §7.3.3: a title that needs more than one line is broken so that each line
keeps its words whole (词意完整) and the lines stand symmetrically (排列对称). Word and
LibreOffice would break "鄞州区统计局2019年政府信息公开工作年度报告" wherever the line is full,
leaving "报告" alone. So the break is chosen here, by measuring the title against the
width of the type area: after the agency and year ("鄞州区统计局2019年" /
"政府信息公开工作年度报告"), or else where the two lines come out most even.
"""

from __future__ import annotations

from reportgen.linebreak import allowed, ems

LINE_EMS = 19.0  # 2号 (22 pt) characters on one line of the 156 mm (442 pt) type area: 20.1, less a
# margin for digits and letters wider than ½ em in the face that prints them
SHORTEST = 3  # no line of a broken title has fewer characters
SUBJECT = "政府信息公开工作年度报告"


def lines(title: str, year: int, width: float = LINE_EMS) -> list[str]:
    """``title`` as the lines it is printed in.

    A title the clerk broke by hand (a newline in ``"标题"``) keeps those breaks; a title
    that fits stays on one line; otherwise it is broken after ``"{year}年"`` or before
    "政府信息公开工作年度报告" when both parts fit and neither is too short, else at the
    most even place allowed; a part still too long is broken again the same way.
    """
    if "\n" in title:
        return [part.strip() for part in title.splitlines() if part.strip()]
    if ems(title) <= width:
        return [title]
    for mark, after in ((f"{year}年度", True), (f"{year}年", True), (SUBJECT, False)):
        at = title.find(mark)
        if at < 0:
            continue
        cut = at + len(mark) if after else at
        head, tail = title[:cut], title[cut:]
        if _allowed(title, cut) and ems(tail) <= width:
            return [*lines(head, year, width), tail] if ems(head) > width else [head, tail]
    cut = _even(title)
    if cut is None:
        return [title]  # nowhere to break: leave it to the word processor
    return [*lines(title[:cut], year, width), *lines(title[cut:], year, width)]


def _allowed(text: str, cut: int) -> bool:
    return SHORTEST <= cut <= len(text) - SHORTEST and allowed(text, cut)


def _even(text: str) -> int | None:
    """The allowed break that makes the two lines most nearly equal, or None."""
    cuts = [c for c in range(1, len(text)) if _allowed(text, c)]
    if not cuts:
        return None
    return min(cuts, key=lambda c: (abs(ems(text[:c]) - ems(text[c:])), c))
