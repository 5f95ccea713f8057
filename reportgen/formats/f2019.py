"""《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.

Report years 2019 and 2020. Table 二 per format-spec §4.1, table 三 per §5 (single
（六）其他处理 row: 26 rows), table 四 per §6.
"""

from __future__ import annotations

from reportgen.format import Carry, Format, Kind
from reportgen.formats.sections import SECTION_2, SECTIONS
from reportgen.formats.tables import EXPLAIN as TABLE_EXPLAIN
from reportgen.formats.tables import (
    OUTCOMES_COMMON,
    Block,
    Outcome,
    application_carries,
    application_table,
    disclosure_table,
    review_table,
)

# Table 二, format-spec §4.1: each row is (label, kinds of its value cells).
BLOCKS = (
    Block(
        "第二十条第（一）项",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        (("规章", (Kind.COUNT,) * 3), ("规范性文件", (Kind.COUNT,) * 3)),
    ),
    Block(
        "第二十条第（五）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (
            ("行政许可", (Kind.COUNT, Kind.DELTA, Kind.COUNT)),
            ("其他对外管理服务事项", (Kind.COUNT, Kind.DELTA, Kind.COUNT)),
        ),
    ),
    Block(
        "第二十条第（六）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (
            ("行政处罚", (Kind.COUNT, Kind.DELTA, Kind.COUNT)),
            ("行政强制", (Kind.COUNT, Kind.DELTA, Kind.COUNT)),
        ),
    ),
    Block(
        "第二十条第（八）项",
        ("上一年项目数量", "本年增/减"),
        (("行政事业性收费", (Kind.COUNT, Kind.DELTA)),),
    ),
    Block(
        "第二十条第（九）项",
        ("采购项目数量", "采购总金额"),
        (("政府集中采购", (Kind.COUNT, Kind.AMOUNT)),),
        unit_column="金额单位",  # the format does not fix the unit (R2-i)
    ),
)
AMOUNT_UNIT = "金额单位"

PROJECTS, CHANGE = "上一年项目数量", "本年增/减"
DOCUMENT_ROWS = ("规章", "规范性文件")
PROJECT_ROWS = ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费")

CARRIES = (
    # R2-f: 上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1)
    *(
        Carry(
            "R2-f",
            (SECTION_2, row, PROJECTS),
            (((SECTION_2, row, PROJECTS), 1), ((SECTION_2, row, CHANGE), 1)),
        )
        for row in PROJECT_ROWS
    ),
    # R2-g: 对外公开总数量(Y) = 对外公开总数量(Y−1) + 本年新公开数量(Y)
    *(
        Carry(
            "R2-g",
            (SECTION_2, row, "对外公开总数量"),
            (((SECTION_2, row, "对外公开总数量"), 1),),
            (((SECTION_2, row, "本年新公开数量"), 1),),
        )
        for row in DOCUMENT_ROWS
    ),
    *application_carries(),
)

EXPLAIN = {
    **TABLE_EXPLAIN,
    "规章": "本机关制定的规章",
    "规范性文件": "本机关制定的规范性文件",
    "本年新制作数量": "本年新制定的件数",
    "本年新公开数量": "本年新公开的件数",
    "对外公开总数量": "到本年底对外公开的总件数（= 去年的总数 + 本年新公开数量）",
    "行政许可": "行政许可事项",
    "其他对外管理服务事项": "行政许可以外的对外管理服务事项",
    "行政处罚": "行政处罚事项",
    "行政强制": "行政强制事项",
    "行政事业性收费": "行政事业性收费项目",
    PROJECTS: "上一年底的项目数量（= 去年的上一年项目数量 + 去年的本年增/减）",
    CHANGE: "本年项目数量的增减，减少时写负数，如 -2",
    "处理决定数量": "本年作出的处理决定件数",
    "政府集中采购": "本年的政府集中采购",
    "采购项目数量": "本年政府集中采购的项目数量",
    "采购总金额": "本年政府集中采购的总金额，写数字，单位写在“金额单位”里",
    AMOUNT_UNIT: '采购总金额的单位："元" 或 "万元"',
}


def build() -> Format:
    t2_fields, t2 = disclosure_table(SECTION_2, BLOCKS)
    t3_fields, t3, t3_rules = application_table(
        (*OUTCOMES_COMMON, Outcome("（六）其他处理", short="其他处理"))
    )
    t4_fields, t4, t4_rules = review_table()
    return Format(
        id="2019",
        name="中华人民共和国政府信息公开工作年度报告格式（试行）",
        notice="国办公开办函〔2019〕60号",
        first_year=2019,
        last_year=2020,
        template="2019.docx",
        sections=SECTIONS,
        fields=(*t2_fields, *t3_fields, *t4_fields),
        grids={"t2": t2, "t3": t3, "t4": t4},
        identities=(*t3_rules, *t4_rules),
        carries=CARRIES,
        explain=EXPLAIN,
    )


FORMAT = build()
