"""《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号.

Report years 2021 on. Table 二 per format-spec §4.2 (本年制发/本年废止/现行有效; one
本年处理决定数量 cell spanning three columns; 本年收费金额 in 万元), table 三 per §5 with three
rows under （六）其他处理 (28 rows), table 四 per §6. Under 一、总体情况 the notice names five
topics; 六 reports the 信息处理费 in practice (§7.2, S-d).
"""

from __future__ import annotations

from dataclasses import replace

from reportgen.format import Carry, Condition, Facts, Field, Format, Kind, ProseMentions, Rule
from reportgen.formats.figures import application_figures, document_figures, fee_figure, review_figures
from reportgen.formats.sections import SECTION_1, SECTION_2, SECTION_5, SECTION_6, SECTIONS, prose_checks
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

FORMAT_NOTICE = "国办公开办函〔2021〕30号"
DECISIONS = "本年处理决定数量"
FEES = "本年收费金额（单位：万元）"
MADE, REPEALED, IN_FORCE = "本年制发件数", "本年废止件数", "现行有效件数"
DOCUMENT_ROWS = ("规章", "行政规范性文件")
# Row labels real 2021-format reports print (printed → official): the 2019 format's words.
ROW_VARIANTS = {"规范性文件": "行政规范性文件"}

BLOCKS = (
    Block(
        "第二十条第（一）项",
        (MADE, REPEALED, IN_FORCE),
        tuple((row, (Kind.COUNT,) * 3) for row in DOCUMENT_ROWS),
    ),
    Block("第二十条第（五）项", (DECISIONS,), (("行政许可", (Kind.COUNT,)),)),
    Block("第二十条第（六）项", (DECISIONS,), (("行政处罚", (Kind.COUNT,)), ("行政强制", (Kind.COUNT,)))),
    Block("第二十条第（八）项", (FEES,), (("行政事业性收费", (Kind.AMOUNT,)),)),
)

OTHER = Outcome(
    "（六）其他处理",
    (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ),
    short="其他处理",
)

TOPICS = (
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）政府信息公开平台建设",
    "（五）监督保障",
)

CARRIES = (
    # R2-a: 现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y)
    *(
        Carry(
            "R2-a",
            (SECTION_2, row, IN_FORCE),
            (((SECTION_2, row, IN_FORCE), 1),),
            (((SECTION_2, row, MADE), 1), ((SECTION_2, row, REPEALED), -1)),
        )
        for row in DOCUMENT_ROWS
    ),
    *application_carries(),
)

EXPLAIN = {
    **TABLE_EXPLAIN,
    "规章": "本机关制定的规章；没有规章制定权的机关填 0",
    "行政规范性文件": "本机关制定的行政规范性文件",
    MADE: "本年制定、发布的件数（修订的一般也计入）",
    REPEALED: "本年废止的件数",
    IN_FORCE: "到本年底仍然有效的件数（= 去年的现行有效件数 + 本年制发 − 本年废止）",
    DECISIONS: "本年作出的处理决定件数",
    "行政许可": "行政许可决定",
    "行政处罚": "行政处罚决定",
    "行政强制": "行政强制决定",
    "行政事业性收费": "本年收取的行政事业性收费",
    FEES: "金额，以万元为单位，可以带小数，如 12.35；不写单位",
    "（六）其他处理": "以上情形之外的处理结果，分三种情形",
}


FEE_LIMIT = 1_000_000  # 万元 (100 亿元): above this the amount was almost surely typed in 元

# S-e: the five topics of 一、总体情况, each with the words that show it is covered.
# Reports cover a topic in their own words as often as by its name: 发布信息 for 主动公开,
# 保密审查 for 政府信息管理, 网站 for 平台建设, 考核 for 监督保障.
TOPIC_WORDS = (
    ("主动公开", "公开政府信息", "发布政府信息", "发布信息", "信息发布", "公开信息", "政策解读", "公开各类"),
    ("依申请公开", "申请公开", "公开申请", "依申请"),
    (
        "政府信息管理",
        "信息管理",
        "公开属性",
        "保密审查",
        "源头认定",
        "动态调整",
        "文件清理",
        "审核发布",
        "发布审核",
        "先审后发",
        "三审三校",
        "公开目录",
        "公开指南",
    ),
    ("平台建设", "平台", "网站", "门户", "新媒体", "公众号", "公开栏", "公开专栏", "政务服务"),
    ("监督保障", "监督", "考核", "责任追究", "问责", "督查", "评议", "组织领导", "领导小组"),
)

# S-d: the 信息处理费, however it is called (收费, 处理费, 未收取…).
FEE_WORDS = ("信息处理费", "处理费", "收费", "收取", "缴费", "缴纳费用", "费用")


def _fee_in_wan(fields: list[Field]) -> Condition:
    """R2-c: 本年收费金额 is in 万元; a huge number was probably typed in 元."""
    fee = next(f for f in fields if f.kind is Kind.AMOUNT)

    def finding(facts: Facts) -> str | None:
        value = facts.number(fee.id)
        if value is None or value < FEE_LIMIT:
            return None
        return (
            f"{fee.column}是 {value}，即 {value / 10000:.2f} 亿元，数额异常大。本栏以万元为单位："
            "如果填的是以元为单位的数，请除以 10000（如 38000 元写作 3.8）。"
        )

    return Condition("R2-c", f"{TABLE_2}“{fee.row}”一行", (fee.id,), finding)


def _checks(t2_fields: list[Field], t3_fields: list[Field], t4_fields: list[Field]) -> tuple[Rule, ...]:
    topics = tuple(
        ProseMentions(
            "S-e",
            SECTION_1,
            words,
            f"{FORMAT_NOTICE}要求总体情况写到主动公开、依申请公开、政府信息管理、政府信息公开平台建设、"
            "监督保障五个方面，请补上这一方面。",
        )
        for words in TOPIC_WORDS
    )
    fee = ProseMentions(
        "S-d",
        SECTION_6,
        FEE_WORDS,
        "请写明本年信息处理费的情况（发出收费通知的件数和金额、实际收取的金额；没有收取的写明"
        "“本年度没有收取信息处理费”）。",
    )
    return (
        rules_made(t2_fields),
        _fee_in_wan(t2_fields),
        *review_checks(t4_fields),
        *document_figures(t2_fields, MADE, IN_FORCE, REPEALED),
        fee_figure(next(f for f in t2_fields if f.kind is Kind.AMOUNT)),
        *application_figures(t3_fields, (*OUTCOMES_COMMON, OTHER)),
        *review_figures(t4_fields),
        *prose_checks(),
        *topics,
        fee,
    )


def _sections() -> tuple:
    guides = {
        SECTION_1: "综述本年贯彻落实《中华人民共和国政府信息公开条例》的情况，分主动公开、依申请公开、"
        "政府信息管理、政府信息公开平台建设、监督保障五个方面写本年的做法和数字"
        "（各级人民政府还要写工作考核、社会评议和责任追究结果情况）。",
        SECTION_5: "写本年存在的主要问题和改进措施，并说明去年报告所列问题的改进情况。",
        SECTION_6: "写信息处理费情况（发出收费通知的件数和金额、实际收取的金额；没有收取的写明"
        "“本年度没有收取信息处理费”），以及其他需要报告的事项。",
    }
    out = []
    for s in SECTIONS:
        s = replace(s, guide=guides.get(s.key, s.guide))
        if s.key == SECTION_1:
            s = replace(s, topics=TOPICS)
        out.append(s)
    return tuple(out)


def build() -> Format:
    t2_fields, t2 = disclosure_table(SECTION_2, BLOCKS)
    t3_fields, t3, t3_rules = application_table((*OUTCOMES_COMMON, OTHER))
    t4_fields, t4, t4_rules = review_table()
    return Format(
        id="2021",
        name="中华人民共和国政府信息公开工作年度报告格式",
        notice=FORMAT_NOTICE,
        first_year=2021,
        last_year=None,
        template="2021.docx",
        sections=_sections(),
        fields=(*t2_fields, *t3_fields, *t4_fields),
        grids={"t2": t2, "t3": t3, "t4": t4},
        identities=(*t3_rules, *t4_rules),
        checks=_checks(t2_fields, t3_fields, t4_fields),
        carries=CARRIES,
        explain=EXPLAIN,
        row_variants=ROW_VARIANTS,
    )


FORMAT = build()
