"""Where a long title breaks: after the agency and year, never leaving one or two characters alone."""

from __future__ import annotations

import pytest

from reportgen.render.title import LINE_EMS, ems, lines


@pytest.mark.parametrize(
    ("title", "year", "expected"),
    [
        ("鄞州区统计局2019年政府信息公开工作年度报告", 2019, ["鄞州区统计局2019年", "政府信息公开工作年度报告"]),
        ("市统计局2019年政府信息公开工作年度报告", 2019, ["市统计局2019年政府信息公开工作年度报告"]),  # fits
        (
            "宁波市鄞州区人民政府办公室2019年政府信息公开工作年度报告",
            2019,
            ["宁波市鄞州区人民政府办公室2019年", "政府信息公开工作年度报告"],
        ),
        ("示例区统计局2020年度政府信息公开工作年度报告", 2020, ["示例区统计局2020年度", "政府信息公开工作年度报告"]),
        ("示例区统计局关于政府信息公开工作年度报告（2021年）", 2021, ["示例区统计局关于", "政府信息公开工作年度报告（2021年）"]),
        ("示例区统计局2021年\n政府信息公开年报", 2021, ["示例区统计局2021年", "政府信息公开年报"]),  # broken by hand
    ],
)
def test_title_lines(title: str, year: int, expected: list[str]) -> None:
    assert lines(title, year) == expected


@pytest.mark.parametrize(
    "title",
    [
        "某某某某某某某某某某某某某某某某某某某某某某某某某某某某年度工作报告",
        "中华人民共和国国家发展和改革委员会宁波市某某区分局2020年政府信息公开工作年度报告",
        "某某（某某某某某某某某某某某某某某某某某）2020年报告",
    ],
)
def test_every_line_fits_and_none_is_an_orphan(title: str) -> None:
    got = lines(title, 2020)
    assert "".join(got) == title
    assert all(ems(line) <= LINE_EMS and len(line) >= 3 for line in got), got
    assert not any(line[0] in "，。、）》" or line[-1] in "（《" for line in got)
