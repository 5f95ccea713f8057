"""Builders for the tables every format is made of: 二 (disclosure), 三 (applications), 四 (reviews).

Table 二 differs between formats in its blocks, so each format module passes its own
:class:`Block` list; table 三 differs only in the rows under （六）其他处理, so each passes
its own outcome rows; table 四 is the same. Each builder returns fields, grid and rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.errors import excerpt
from reportgen.format import Carry, Condition, Facts, Field, Identity, Kind, Rule, Term, Wording
from reportgen.formats.authority import makes_rules
from reportgen.grid import Cell, Grid, Group, Role

SECTION_3 = "三、收到和处理政府信息公开申请情况"
SECTION_4 = "四、政府信息公开行政复议、行政诉讼情况"
# How a message names each table: its row or column then follows in quotes (one bracket level).
TABLE_2, TABLE_3, TABLE_4 = "表二", "表三", "表四"

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
TOTAL = "总计"
NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
RESULTS_TOTAL = "（七）总计"
CARRIED_OUT = "四、结转下年度继续办理"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Outcome:
    """A group of 三、本年度办理结果: a single row, or a heading over numbered rows."""

    group: str
    items: tuple[str, ...] = ()  # empty: the group is itself the row
    short: str = ""  # the group's name inside a rule message


OUTCOMES_COMMON = (
    Outcome("（一）予以公开", short="予以公开"),
    Outcome("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", short="部分公开"),
    Outcome(
        "（三）不予公开",
        (
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        ),
        short="不予公开",
    ),
    Outcome(
        "（四）无法提供",
        ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"),
        short="无法提供",
    ),
    Outcome(
        "（五）不予处理",
        (
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ),
        short="不予处理",
    ),
)


@dataclass(frozen=True)
class Block:
    """A block of table 二: a title row across the table, a header row, then its rows.

    Each row is ``(label, kinds of its value cells)``. A block with fewer value columns
    than the grid stretches its last one. ``unit_column`` names the extra input key in
    which the clerk types the unit of each amount (2019: the format does not fix it).
    """

    title: str
    heads: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Kind, ...]], ...]
    unit_column: str = ""


def disclosure_table(section: str, blocks: tuple[Block, ...], columns: int = 4) -> tuple[list[Field], Grid]:
    """Table 二: label column plus ``columns - 1`` value columns, one title row per block."""
    fields: list[Field] = []
    rows: list[tuple[Cell, ...]] = []
    for b, block in enumerate(blocks, start=1):
        rows.append((Cell(block.title, colspan=columns, role=Role.TITLE),))
        last_span = columns - len(block.heads)  # blocks with fewer value cells stretch the last one

        def span(j: int, n: int = len(block.heads), last: int = last_span) -> int:
            return last if j == n - 1 else 1

        rows.append(
            (
                Cell("信息内容", role=Role.HEAD),
                *(Cell(h, role=Role.HEAD, colspan=span(k)) for k, h in enumerate(block.heads)),
            )
        )
        for r, (label, kinds) in enumerate(block.rows, start=1):
            made = [
                Field(id=f"t2_b{b}_r{r}_c{j}", section=section, row=label, column=h, kind=k, rule="R2-c")
                for j, (h, k) in enumerate(zip(block.heads, kinds, strict=True), start=1)
            ]
            fields.extend(made)
            if block.unit_column:
                fields.extend(
                    Field(
                        id=f"{f.id}_unit",
                        section=section,
                        row=label,
                        column=block.unit_column,
                        kind=Kind.UNIT,
                        unit_of=f.id,
                        optional=True,  # R2-i warns when it is left out
                        rule="R2-i",
                    )
                    for f in made
                    if f.kind is Kind.AMOUNT
                )
            rows.append(
                (
                    Cell(label),
                    *(Cell(field=f.id, role=Role.VALUE, colspan=span(j)) for j, f in enumerate(made)),
                )
            )
    grid = Grid(id="t2", columns=columns, header_rows=0, rows=tuple(rows), widths=(34, 22, 22, 22), whole=True)
    return fields, grid


def rules_made(fields: list[Field]) -> Condition:
    """R2-d: only bodies with rule-making power report 规章 other than 0."""
    cells = [f for f in fields if f.row == "规章"]

    def finding(facts: Facts) -> str | None:
        given = [(f.column, facts.number(f.id)) for f in cells]
        nonzero = [f"{column} {value}" for column, value in given if value]
        if makes_rules(facts.agency) or not nonzero:
            return None
        return (
            f"{excerpt(facts.agency)}看来不是有规章制定权的机关（只有国务院部门和省、设区的市人民政府制定规章），"
            f"“规章”一行通常应当都是 0，现在是 {'、'.join(nonzero)}。如果填的是上级机关的规章，请改为 0；"
            "如果本机关确有规章制定权，可以忽略本警告。"
        )

    return Condition("R2-d", f"{TABLE_2}“规章”一行", tuple(f.id for f in cells), finding)


def _value_cells(fields: list[Field]) -> tuple[Cell, ...]:
    return tuple(Cell(field=f.id, role=Role.VALUE) for f in fields)


def application_table(outcomes: tuple[Outcome, ...]) -> tuple[list[Field], Grid, list[Identity]]:
    """Table 三 for the given outcome groups (（一）…（六）), plus （七）总计 and the rows around."""
    columns = (*APPLICANTS, TOTAL)
    fields: list[Field] = []
    rows: list[tuple[Cell, ...]] = [
        (
            Cell(BALANCE_NOTE, colspan=3, rowspan=3, role=Role.HEAD),
            Cell("申请人情况", colspan=7, role=Role.HEAD),
        ),
        (
            Cell("自然人", rowspan=2, role=Role.HEAD),
            Cell("法人或其他组织", colspan=5, role=Role.HEAD),
            Cell(TOTAL, rowspan=2, role=Role.HEAD),
        ),
        tuple(Cell(name, role=Role.HEAD) for name in APPLICANTS[1:]),
    ]
    identities: list[Identity] = []
    counter = iter(range(1, 100))

    def add_row(row: str, group: str = "") -> list[Field]:
        n = next(counter)
        made = [
            Field(
                id=f"t3_r{n:02d}_c{j}",
                section=SECTION_3,
                row=row,
                column=col,
                group=group,
                computed=(col == TOTAL or row == RESULTS_TOTAL),
                rule="R3-d",
            )
            for j, col in enumerate(columns, start=1)
        ]
        fields.extend(made)
        identities.append(
            Identity(
                "R3-c",
                f"{TABLE_3}“{made[0].row_label}”一行",
                tuple(Term(f.id, f.column) for f in made[:-1]),
                (Term(made[-1].id, TOTAL),),
            )
        )
        return made

    new = add_row(NEW)
    rows.append((Cell(NEW, colspan=3), *_value_cells(new)))
    carried_in = add_row(CARRIED_IN)
    rows.append((Cell(CARRIED_IN, colspan=3), *_value_cells(carried_in)))

    result_rows = 1 + sum(max(1, len(o.items)) for o in outcomes)
    parts: list[tuple[str, list[Field]]] = []
    groups: list[Group] = []
    first = True
    for outcome in outcomes:
        lead: tuple[Cell, ...] = (Cell(RESULTS, rowspan=result_rows),) if first else ()
        first = False
        if not outcome.items:
            made = add_row(outcome.group)
            parts.append((outcome.short, made))
            rows.append((*lead, Cell(outcome.group, colspan=2), *_value_cells(made)))
            continue
        for k, item in enumerate(outcome.items):
            made = add_row(item, group=outcome.group)
            parts.append((f"{outcome.short}第{item.split('.', 1)[0]}项", made))
            head = (Cell(outcome.group, rowspan=len(outcome.items)),) if k == 0 else ()
            if k == 0:  # some reports print the group as one row: its label, the first item's cells
                single = (Cell(outcome.group, colspan=2), *_value_cells(made))
                groups.append(Group(len(rows), len(outcome.items), outcome.group, single))
            rows.append((*(lead if k == 0 else ()), *head, Cell(item), *_value_cells(made)))
    total = add_row(RESULTS_TOTAL)
    rows.append((Cell(RESULTS_TOTAL, colspan=2), *_value_cells(total)))
    carried_out = add_row(CARRIED_OUT)
    rows.append((Cell(CARRIED_OUT, colspan=3), *_value_cells(carried_out)))

    for j, col in enumerate(columns):
        identities.append(
            Identity(
                "R3-b",
                f"{TABLE_3}“{col}”一列",
                tuple(Term(made[j].id, short) for short, made in parts),
                (Term(total[j].id, "（七）总计"),),
            )
        )
        identities.append(
            Identity(
                "R3-a",
                f"{TABLE_3}“{col}”一列",
                (Term(new[j].id, "本年新收"), Term(carried_in[j].id, "上年结转")),
                (Term(total[j].id, "办理结果总计"), Term(carried_out[j].id, "结转下年度")),
                advice="这四格中至少有一格填错，请逐一核对（所在行见下）。",
            )
        )
    grid = Grid(
        id="t3",
        columns=10,
        header_rows=3,
        rows=tuple(rows),
        # in half points of the 156 mm (442 pt) type area, measured for 五号 text (reportgen.linebreak,
        # tests/test_tables.py): 三、本年度办理结果 stacked with "三、" on one line; group labels
        # "（三）/ 不予公开"; item labels of up to 13 characters on one line; 自然人 on one line,
        # the other applicant headings in stacks of two characters ("社会 / 公益 / 组织")
        widths=(57, 100, 307, 78, 57, 57, 57, 57, 57, 57),
        groups=tuple(groups),
    )
    return fields, grid, identities


def application_carries() -> tuple[Carry, ...]:
    """R3-e, per column: this year's 上年结转 is last year's 结转下年度 (R3-f across formats)."""
    return tuple(
        Carry(
            "R3-e",
            (SECTION_3, CARRIED_IN, col),
            (((SECTION_3, CARRIED_OUT, col), 1),),
            hard=True,
            across="R3-f",
            # a new year's file starts with last year's open applications still open: 一 + 二 = 三 + 四
            opening=(SECTION_3, CARRIED_OUT, col),
        )
        for col in (*APPLICANTS, TOTAL)
    )


# What each row and column of tables 三 and 四 counts: the comments of a new year's file.
EXPLAIN = {
    "自然人": "以个人名义提出的申请",
    "商业企业": "企业提出的申请",
    "科研机构": "高校、科研院所等科研机构提出的申请",
    "社会公益组织": "社会团体、基金会等社会公益组织提出的申请",
    "法律服务机构": "律师事务所等法律服务机构提出的申请",
    "其他": "其他法人或组织提出的申请",
    TOTAL: "各列之和，可以不写，程序自动计算",
    NEW: "本年1月1日至12月31日新收到的申请件数",
    CARRIED_IN: "上一年收到、到上年底尚未办结、转入本年办理的申请件数，等于去年表中“四、结转下年度继续办理”",
    "（一）予以公开": "全部公开的件数",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "部分公开、部分不公开的件数；只计在这里，不再计入其他情形",
    "（三）不予公开": "依法不予公开的件数，按理由分列",
    "（四）无法提供": "无法提供信息的件数，按原因分列",
    "（五）不予处理": "不作为政府信息公开申请处理的件数，按原因分列",
    "（六）其他处理": "以上情形之外的处理结果",
    RESULTS_TOTAL: "（一）至（六）之和，可以不写，程序自动计算",
    CARRIED_OUT: "本年收到、到年底尚未办结、转入下年度办理的件数",
    "行政复议": "因本机关政府信息公开工作被申请行政复议的案件数",
    "未经复议直接起诉": "未经行政复议、直接提起行政诉讼的案件数",
    "复议后起诉": "经行政复议后又提起行政诉讼的案件数",
    "结果维持": "本机关的决定被维持的案件数",
    "结果纠正": "本机关的决定被纠正（撤销、变更、确认违法等）的案件数",
    "其他结果": "驳回、撤回、终止等其他结果的案件数",
    "尚未审结": "到年底尚未审结的案件数",
}


REVIEW_BLOCKS = ("行政复议", "未经复议直接起诉", "复议后起诉")
REVIEW_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结")


def review_table() -> tuple[list[Field], Grid, list[Identity]]:
    """Table 四: 行政复议 and the two kinds of 行政诉讼, each with four results and a 总计."""
    fields: list[Field] = []
    identities: list[Identity] = []
    for b, block in enumerate(REVIEW_BLOCKS, start=1):
        made = [
            Field(
                id=f"t4_b{b}_c{j}",
                section=SECTION_4,
                row=block,
                column=col,
                group="" if block == "行政复议" else "行政诉讼",
                computed=(col == TOTAL),
                rule="R4-d",
            )
            for j, col in enumerate((*REVIEW_RESULTS, TOTAL), start=1)
        ]
        fields.extend(made)
        scope = made[0].row_label
        identities.append(
            Identity(
                "R4-a",
                f"{TABLE_4}“{scope}”一栏",
                tuple(Term(f.id, f.column) for f in made[:-1]),
                (Term(made[-1].id, TOTAL),),
            )
        )
    heads = (*REVIEW_RESULTS, TOTAL)
    rows = (
        (Cell("行政复议", colspan=5, role=Role.HEAD), Cell("行政诉讼", colspan=10, role=Role.HEAD)),
        (
            *(Cell(h, rowspan=2, role=Role.HEAD) for h in heads),
            Cell("未经复议直接起诉", colspan=5, role=Role.HEAD),
            Cell("复议后起诉", colspan=5, role=Role.HEAD),
        ),
        tuple(Cell(h, role=Role.HEAD) for h in heads * 2),
        _value_cells(fields),
    )
    grid = Grid(id="t4", columns=15, header_rows=3, rows=rows, widths=(1,) * 15)
    return fields, grid, identities


def _review_term(fields: list[Field], block: str, column: str) -> Term:
    f = next(f for f in fields if f.row == block and f.column == column)
    return Term(f.id, f"{block}（{column}）")


def review_checks(fields: list[Field]) -> list[Rule]:
    """Table 四 against the prose: R4-c (“均获维持”) and R4-b (“未发生行政复议”)."""
    return [
        Wording(
            "R4-c",
            (
                "均获维持",
                "均被维持",
                "均予以维持",
                "均予维持",
                "全部维持",
                "全部获得维持",
                "均胜诉",
                "全部胜诉",
            ),
            tuple(
                _review_term(fields, block, column)
                for block in REVIEW_BLOCKS
                for column in ("结果纠正", "尚未审结")
            ),
            "复议、诉讼结果均为维持",
        ),
        Wording(
            "R4-b",
            ("未发生行政复议", "没有发生行政复议", "无行政复议", "未被申请行政复议", "没有被申请行政复议"),
            (_review_term(fields, "行政复议", TOTAL),),
            "没有行政复议",
        ),
        Wording(
            "R4-b",
            ("未发生行政诉讼", "没有发生行政诉讼", "无行政诉讼", "未被提起行政诉讼", "没有被提起行政诉讼"),
            tuple(_review_term(fields, block, TOTAL) for block in REVIEW_BLOCKS[1:]),
            "没有行政诉讼",
        ),
    ]
