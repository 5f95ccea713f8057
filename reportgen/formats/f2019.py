"""《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.

Report years 2019 and 2020. Table 二 per format-spec §4.1, table 三 per §5 (single
（六）其他处理 row: 26 rows), table 四 per §6.
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.format import Bound, Condition, Facts, Field, Format, Kind, Rule, Term
from reportgen.formats.authority import makes_rules
from reportgen.formats.sections import SECTION_2, SECTIONS, prose_checks
from reportgen.formats.tables import (
    OUTCOMES_COMMON,
    Outcome,
    application_table,
    review_checks,
    review_table,
)
from reportgen.grid import Cell, Grid, Role

# Table 二: (block title, column headers, rows); a row is (label, kinds of its value cells).
BLOCKS: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, tuple[Kind, ...]], ...]], ...] = (
    (
        "第二十条第（一）项",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        (("规章", (Kind.COUNT,) * 3), ("规范性文件", (Kind.COUNT,) * 3)),
    ),
    (
        "第二十条第（五）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (
            ("行政许可", (Kind.COUNT, Kind.DELTA, Kind.COUNT)),
            ("其他对外管理服务事项", (Kind.COUNT, Kind.DELTA, Kind.COUNT)),
        ),
    ),
    (
        "第二十条第（六）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (
            ("行政处罚", (Kind.COUNT, Kind.DELTA, Kind.COUNT)),
            ("行政强制", (Kind.COUNT, Kind.DELTA, Kind.COUNT)),
        ),
    ),
    (
        "第二十条第（八）项",
        ("上一年项目数量", "本年增/减"),
        (("行政事业性收费", (Kind.COUNT, Kind.DELTA)),),
    ),
    (
        "第二十条第（九）项",
        ("采购项目数量", "采购总金额"),
        (("政府集中采购", (Kind.COUNT, Kind.AMOUNT)),),
    ),
)
AMOUNT_UNIT = "金额单位"  # typed beside 采购总金额: the format does not fix the unit (R2-i)


def _disclosure_table() -> tuple[list[Field], Grid]:
    fields: list[Field] = []
    rows: list[tuple[Cell, ...]] = []
    for b, (title, heads, block_rows) in enumerate(BLOCKS, start=1):
        rows.append((Cell(title, colspan=4, role=Role.TITLE),))
        last_span = 4 - len(heads)  # blocks with two value cells stretch the last one
        rows.append(
            (
                Cell("信息内容", role=Role.HEAD),
                *(
                    Cell(h, role=Role.HEAD, colspan=last_span if k == len(heads) - 1 else 1)
                    for k, h in enumerate(heads)
                ),
            )
        )
        for r, (label, kinds) in enumerate(block_rows, start=1):
            made = [
                Field(id=f"t2_b{b}_r{r}_c{j}", section=SECTION_2, row=label, column=h, kind=k, rule="R2-c")
                for j, (h, k) in enumerate(zip(heads, kinds, strict=True), start=1)
            ]
            fields.extend(made)
            for f in made:
                if f.kind is Kind.AMOUNT:
                    fields.append(
                        Field(
                            id=f"{f.id}_unit",
                            section=SECTION_2,
                            row=label,
                            column=AMOUNT_UNIT,
                            kind=Kind.UNIT,
                            unit_of=f.id,
                            optional=True,  # R2-i warns when it is left out
                            rule="R2-i",
                        )
                    )
            rows.append(
                (
                    Cell(label),
                    *(
                        Cell(field=f.id, role=Role.VALUE, colspan=last_span if j == len(made) - 1 else 1)
                        for j, f in enumerate(made)
                    ),
                )
            )
    grid = Grid(id="t2", columns=4, header_rows=0, rows=tuple(rows), widths=(34, 22, 22, 22))
    return fields, grid


def _cell(fields: list[Field], row: str, column: str) -> Field:
    return next(f for f in fields if f.row == row and f.column == column)


def _rules_made(fields: list[Field]) -> Condition:
    """R2-d: only bodies with rule-making power report 规章 other than 0."""
    cells = [f for f in fields if f.row == "规章"]

    def finding(facts: Facts) -> str | None:
        given = [(f.column, facts.number(f.id)) for f in cells]
        nonzero = [f"{column} {value}" for column, value in given if value]
        if makes_rules(facts.agency) or not nonzero:
            return None
        return (
            f"{facts.agency}看来不是有规章制定权的机关（只有国务院部门和省、设区的市人民政府制定规章），"
            f"“规章”一行通常应当都是 0，现在是 {'、'.join(nonzero)}。如果填的是上级机关的规章，请改为 0；"
            "如果本机关确有规章制定权，可以忽略本警告。"
        )

    return Condition("R2-d", f"{SECTION_2}（规章）", tuple(f.id for f in cells), finding)


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

    scope = f"{SECTION_2}（{row}）"
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
        scope = f"{SECTION_2}（{row}）"
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
    return [*checks, _rules_made(fields), *_amount_unit(fields)]


def build() -> Format:
    t2_fields, t2 = _disclosure_table()
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
        checks=(*_disclosure_checks(t2_fields), *review_checks(t4_fields), *prose_checks()),
    )


FORMAT = build()
