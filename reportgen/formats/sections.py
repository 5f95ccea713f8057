"""The six level-1 sections, identical in the 2019 and 2021 formats (format-spec §3.2).

Each carries the guidance a clerk sees when starting a new year's file; a format that asks
for more (2021: five topics under 一, the 信息处理费 in 六) adjusts its copy with
:func:`dataclasses.replace`.
"""

from __future__ import annotations

from reportgen.format import CanonicalHeading, ClosingDate, ProseRequired, Rule, Section, YearMention
from reportgen.formats.tables import SECTION_3, SECTION_4

SECTION_1 = "一、总体情况"
SECTION_2 = "二、主动公开政府信息情况"
SECTION_5 = "五、存在的主要问题及改进情况"
SECTION_6 = "六、其他需要报告的事项"
TABLE_GUIDE = '表格前后可以写说明文字（写在 "正文"、"表后正文" 里）；没有可以不写。'

SECTIONS = (
    Section(
        SECTION_1,
        variants=("一、总体概述",),
        guide="综述本年贯彻落实《中华人民共和国政府信息公开条例》的情况，写本年的做法和数字。",
    ),
    Section(SECTION_2, table="t2", guide=TABLE_GUIDE),
    Section(SECTION_3, table="t3", guide=TABLE_GUIDE),
    Section(
        SECTION_4,
        table="t4",
        variants=("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",),
        guide=TABLE_GUIDE,
    ),
    Section(
        SECTION_5,
        variants=("五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及整改措施"),
        guide="写本年存在的主要问题和改进措施，并说明去年报告所列问题的改进情况。",
    ),
    Section(SECTION_6, guide="写其他需要报告的事项；没有的，写明“没有其他需要报告的事项。”"),
)


def prose_checks() -> list[Rule]:
    """Rules about the headings and the prose, the same in both formats."""
    return [
        CanonicalHeading("S-a"),
        ProseRequired(
            "P-empty",
            SECTION_1,
            "这一部分应当综述本机关全年的政府信息公开工作：主动公开、依申请公开、政府信息管理、平台建设、监督保障。",
        ),
        ProseRequired(
            "P-empty",
            SECTION_5,
            "这一部分应当写明本年度工作存在的主要问题和改进措施，不宜写“无”。",
        ),
        # The previous year's 决算 is published in the report year: naming that year is normal.
        YearMention(
            "P-year", usual=tuple((-1, w) for w in ("年度部门决算", "年部门决算", "年度决算", "年决算"))
        ),
        ClosingDate("P-date"),
    ]
