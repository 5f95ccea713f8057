"""The six level-1 sections, identical in the 2019 and 2021 formats (format-spec §3.2)."""

from __future__ import annotations

from reportgen.format import CanonicalHeading, ProseRequired, Rule, Section, YearMention
from reportgen.formats.tables import SECTION_3, SECTION_4

SECTION_1 = "一、总体情况"
SECTION_2 = "二、主动公开政府信息情况"
SECTION_5 = "五、存在的主要问题及改进情况"
SECTION_6 = "六、其他需要报告的事项"

SECTIONS = (
    Section(SECTION_1, variants=("一、总体概述",)),
    Section(SECTION_2, table="t2"),
    Section(SECTION_3, table="t3"),
    Section(
        SECTION_4,
        table="t4",
        variants=("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",),
    ),
    Section(
        SECTION_5,
        variants=("五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及整改措施"),
    ),
    Section(SECTION_6),
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
    ]
