"""《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.

Report years 2019 and 2020. Table 二 per format-spec §4.1, table 三 per §5 (single
（六）其他处理 row: 26 rows), table 四 per §6.
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.format import Bound, Carry, Condition, Facts, Field, Format, Kind, Rule, Term
from reportgen.formats.figures import application_figures, document_figures, review_figures
from reportgen.formats.sections import SECTION_2, SECTIONS, prose_checks
from reportgen.formats.tables import EXPLAIN as TABLE_EXPLAIN
from reportgen.formats.tables import (
    OUTCOMES_COMMON,
    TABLE_2,
    Block,
    Outcome,
    application_carries,
    application_table,
    disclosure_table,
    review_checks,
    review_table,
    rules_made,
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


def _cell(fields: list[Field], row: str, column: str) -> Field:
    return next(f for f in fields if f.row == row and f.column == column)


def _amount_unit(fields: list[Field]) -> list[Rule]:
    """R2-i: the 采购总金额 needs its unit, and the unit should fit the number."""
    amount = next(f for f in fields if f.kind is Kind.AMOUNT)
    unit = next(f for f in fields if f.unit_of == amount.id)
    row = amount.row

    def missing(facts: Facts) -> str | None:
        if facts.values.get(unit.id) is not None or facts.number(amount.id) is None:
            return None
        return (
            f"{amount.column} {facts.number(amount.id)} 没有写单位，印出的表格里将只有数字。"
            f'请在这一行加上 "{AMOUNT_UNIT}" = "元"（或 "万元"）。'
        )

    def implausible(facts: Facts) -> str | None:
        value, given = facts.number(amount.id), facts.values.get(unit.id)
        if value is None:
            return None
        if given == "万元" and value >= 100000:
            return (
                f"{amount.column} {value} 万元，即 {Decimal(value) / 10000:.2f} 亿元，数额异常大；"
                f'如果这个数是以“元”为单位的，请把 "{AMOUNT_UNIT}" 改为 "元"。'
            )
        if given == "元" and isinstance(value, Decimal) and -value.as_tuple().exponent > 2:  # type: ignore[operator]
            return (
                f"{amount.column} {value} 元 的小数超过两位（元以下只到分）；"
                f'如果这个数是以“万元”为单位的，请把 "{AMOUNT_UNIT}" 改为 "万元"。'
            )
        return None

    scope = f"{TABLE_2}“{row}”一行"
    return [
        Condition("R2-i", scope, (unit.id, amount.id), missing),
        Condition("R2-i", scope, (amount.id, unit.id), implausible),
    ]


def _disclosure_checks(fields: list[Field]) -> list[Rule]:
    checks: list[Rule] = []
    for row in ("规章", "规范性文件"):
        made, published, total = (
            _cell(fields, row, c) for c in ("本年新制作数量", "本年新公开数量", "对外公开总数量")
        )
        scope = f"{TABLE_2}“{row}”一行"
        checks.append(
            Bound(
                "R2-h",
                scope,
                (Term(published.id, published.column),),
                (Term(made.id, made.column),),
                "本年新公开的一般不多于本年新制作的，请核对；如果确有以前制作、本年才公开的文件，可以忽略本警告。",
            )
        )
        checks.append(
            Bound(
                "R2-h",
                scope,
                (Term(published.id, published.column),),
                (Term(total.id, total.column),),
                "对外公开总数量应当包含本年新公开的，请核对这两个数。",
            )
        )
    return [*checks, rules_made(fields), *_amount_unit(fields)]


def build() -> Format:
    t2_fields, t2 = disclosure_table(SECTION_2, BLOCKS)
    outcomes = (*OUTCOMES_COMMON, Outcome("（六）其他处理", short="其他处理"))
    t3_fields, t3, t3_rules = application_table(outcomes)
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
        checks=(
            *_disclosure_checks(t2_fields),
            *review_checks(t4_fields),
            *prose_checks(),
            *document_figures(t2_fields, made="本年新制作数量"),
            *application_figures(t3_fields, outcomes),
            *review_figures(t4_fields),
        ),
    )


FORMAT = build()
