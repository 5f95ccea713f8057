"""The six level-1 sections, identical in the 2019 and 2021 formats (format-spec §3.2).

Each carries the guidance a clerk sees when starting a new year's file; a format that asks
for more (2021: five topics under 一, the 信息处理费 in 六) adjusts its copy with
:func:`dataclasses.replace`.
"""

from __future__ import annotations

from reportgen.format import (
    CanonicalHeading,
    ClosingDate,
    Numbering,
    ProseRequired,
    Rule,
    Section,
    YearMention,
    YearUse,
)
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
        YearMention("P-year", usual=YEAR_USES),
        ClosingDate("P-date"),
        *NUMBERINGS,
    ]


# Other years the prose names for a good reason (P-year stays silent). A year inside 《》 is a
# document's title and always fine.
_CLAUSE = r"[^，,。；;！？!?\n]"
_SPAN = r"\s*[—–\-－~～至到]\s*"
YEAR_USES = (
    # last year's 决算, published in the report year
    YearUse(after=r"\s*年度?(?:部门|单位)?决算", offsets=(-1,)),
    # last year's evaluations and their results: 在2020年度全省政务公开考核中获评优秀
    YearUse(after=rf"\s*年度?{_CLAUSE}{{0,16}}?(?:考核|评估|评议|测评|评价|考评|绩效|检查|督查|排名|通报)"),
    # last year's report, its problems and their improvement (the 2021 format asks for them)
    YearUse(after=rf"\s*年度?{_CLAUSE}{{0,12}}?(?:报告|存在|问题|不足|整改|短板)", offsets=(-1,)),
    # comparisons: 较2020年、与2020年相比、比2020年增加
    YearUse(before=r"(?:较|比|与|同|对比|相比|比较)\s*"),
    YearUse(after=rf"\s*年(?:同期|度)?{_CLAUSE}{{0,4}}?(?:相比|比较|增长|增加|减少|下降|持平|上升)"),
    # spans: 2021—2025年, 2018年至2020年 (both ends)
    YearUse(after=rf"\s*年?{_SPAN}(?:19|20)[0-9]{{2}}"),
    YearUse(before=rf"(?:19|20)[0-9]{{2}}\s*年?{_SPAN}"),
    # plans and documents named with their year: 2019年政务公开工作要点, 2022年工作计划
    YearUse(
        after=rf"\s*年度?{_CLAUSE}{{0,20}}?(?:规划|计划|方案|要点|纲要|意见|通知|办法|规定|条例|细则|行动|清单|目录|公报|白皮书|年鉴|预算)"
    ),
    # dates in a document's history: 自2008年5月1日起施行
    YearUse(after=r"\s*年\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*日)?(?:起)?(?:施行|实施|印发|公布|修订|通过)"),
)

# Numbered items in the prose (P-numbering): 一是、二是 anywhere after a break; （一）, 1. and （1）
# at the start of a line or a 小节 heading.
_AFTER_BREAK = r"(?<![^：:，,；;。！？!?\s）)])"
NUMBERINGS = (
    Numbering("P-numbering", _AFTER_BREAK + r"(?P<n>[一二三四五六七八九十]{1,3})是"),
    Numbering("P-numbering", r"[（(](?P<n>[一二三四五六七八九十]{1,3})[）)]", line_start=True),
    Numbering("P-numbering", r"(?P<n>[0-9]{1,2})[.．、](?![0-9])", line_start=True),
    Numbering("P-numbering", r"[（(](?P<n>[0-9]{1,2})[）)]", line_start=True),
)
