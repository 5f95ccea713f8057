"""《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.

Report years 2019 and 2020. Table 二 per format-spec §4.1, table 三 per §5 (single
（六）其他处理 row: 26 rows), table 四 per §6.
"""

from __future__ import annotations

from reportgen.format import Field, Format, Kind
from reportgen.formats.sections import SECTION_2, SECTIONS
from reportgen.formats.tables import OUTCOMES_COMMON, Outcome, application_table, review_table
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
                Field(id=f"t2_b{b}_r{r}_c{j}", section=SECTION_2, row=label, column=h, kind=k)
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
    )


FORMAT = build()
