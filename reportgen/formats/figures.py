"""What the prose says about the tables' numbers, as data: the words before (or after) a number
that make it a table quantity, and the cells it must equal (rule P-figure).

Real reports repeat the tables in their prose — “全年共受理政府信息公开申请3119件，答复3050件
（含上年度结转申请34件）”, “行政复议351件，其中结果维持72件”, “现行有效的行政规范性文件9件” —
and a number retyped in the prose is where a published report most often contradicts itself.
Each :class:`~reportgen.format.ProseFigure` here names a quantity: the patterns that find it
in a sentence (``{n}`` is the number) and the cells it may legitimately mean. The engine
(:mod:`reportgen.rules`) reads them; nothing here runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from reportgen.format import Field, ProseFigure, Term
from reportgen.formats.tables import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    RESULTS_TOTAL,
    REVIEW_BLOCKS,
    TOTAL,
    Outcome,
)

CODE = "P-figure"

# Between the words and their number: anything but a clause break, a digit, or 件 (so that a
# pattern never reaches past one number to the next). ``avoid`` are words that, standing in
# between, make the number another quantity's (受理…行政复议申请 is not an application).
_BREAK = r"，,。；;：:、！？!?\n\d０-９件（）()"


def gap(most: int, avoid: str = "复议|诉讼") -> str:
    return rf"(?:(?!{avoid})[^{_BREAK}]){{0,{most}}}?"


COUNT = r"\s*(?:件|起|宗|个|例)"
N = "{n}"
APPLICATION = ("申请", "复议|诉讼|起诉|建议|提案|议案|信访|举报|投诉|咨询|热线|来电|来信")


def _sum(fields: Iterable[Field]) -> tuple[Term, ...]:
    return tuple(Term(f.id, f.label) for f in fields)


def _col(fields: list[Field], row: str, column: str = TOTAL) -> Field:
    return next(f for f in fields if f.row == row and f.column == column)


def application_figures(fields: list[Field], outcomes: tuple[Outcome, ...]) -> list[ProseFigure]:
    """Table 三 in the prose: applications received, handled, answered, carried; each outcome."""
    new = (Term(_col(fields, NEW).id, "本年新收"),)
    carried_in = (Term(_col(fields, CARRIED_IN).id, "上年结转"),)
    results = (Term(_col(fields, RESULTS_TOTAL).id, "办理结果总计"),)
    carried_out = (Term(_col(fields, CARRIED_OUT).id, "结转下年度"),)
    both = ("本年新收 + 上年结转", new + carried_in)
    figures = [
        ProseFigure(
            CODE,
            (
                rf"(?:收到|受理|接收|接到|新收|登记){gap(16)}申请{gap(8)}{N}{COUNT}",
                rf"(?:收到|受理|接收|接到|新收|登记){gap(4)}{N}{COUNT}{gap(16)}申请",  # 受理2起…申请
            ),
            (("本年新收的申请", new), both),
            cues=("收到", "受理", "接收", "接到", "新收", "登记"),
        ),
        ProseFigure(
            CODE,
            (rf"办理{gap(12, APPLICATION[1])}{N}{COUNT}",),
            (both, ("本年新收的申请", new), ("办理结果总计", results)),
            subject=APPLICATION,
            cues=("办理",),
        ),
        ProseFigure(
            CODE,
            (rf"(?:办结|答复|办理完毕|处理完毕){gap(8, APPLICATION[1])}{N}{COUNT}",),
            (("办理结果总计", results), ("本年新收的申请", new)),
            subject=APPLICATION,
            cues=("办结", "答复", "办理完毕", "处理完毕"),
        ),
        ProseFigure(
            CODE,
            (rf"上一?年度?结转{gap(10)}{N}{COUNT}",),
            (("上年结转的申请", carried_in),),
            cues=("结转",),
        ),
        ProseFigure(
            CODE,
            (
                rf"结转(?:至|到)?下一?年度?{gap(8)}{N}{COUNT}",
                rf"{N}{COUNT}{gap(6)}(?:结转|顺延|转入)(?:至|到)?下一?年度?",
            ),
            (("结转下年度的申请", carried_out),),
            cues=("结转", "顺延", "转入"),
        ),
    ]
    for outcome in outcomes:
        rows = [
            f for f in fields if f.column == TOTAL and (f.group == outcome.group or f.row == outcome.group)
        ]
        names = {
            "予以公开": "予以公开|同意公开|全部公开",
            "无法提供": "无法提供",
        }.get(outcome.short, outcome.short)
        figures.append(_figure(names, f"{outcome.short}的申请", _sum(rows)))
        for item in outcome.items:
            words = _item_words(item)
            if words:
                row = next(f for f in rows if f.row == item)
                figures.append(_figure(words, f"“{row.row_label}”（总计）", _sum([row])))
    return figures


def _item_words(item: str) -> str:
    """How the prose names an outcome item: its label without the number (and 属于)."""
    label = item.split(".", 1)[1]
    short = {
        "其他": "",  # 3.其他: too common a word
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "逾期不补正",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "逾期未按收费通知要求缴纳费用|逾期未缴纳",
        "危及“三安全一稳定”": "危及“三安全一稳定”|三安全一稳定",
    }
    if label in short:
        return short[label]
    return label.removeprefix("属于")


def _figure(words: str, what: str, terms: tuple[Term, ...]) -> ProseFigure:
    return ProseFigure(
        CODE,
        (rf"(?:{words}){gap(6)}{N}{COUNT}", rf"{N}{COUNT}(?:申请)?(?:{words})"),
        ((what, terms),),
        subject=APPLICATION,
        cues=_cues(words),
    )


def _cues(words: str) -> tuple[str, ...]:
    """The plain words of an alternation of words (予以公开|同意公开): any one must be said."""
    return tuple(w.replace("“", "").replace("”", "") for w in words.split("|"))


RESULT_WORDS = (
    ("结果维持", r"(?:结果)?维持(?:原)?"),
    ("结果纠正", r"(?:结果)?纠正|被纠错|撤销"),
    ("其他结果", r"其他结果"),
    ("尚未审结", r"尚未审结|未审结|正在审理|审理中"),
)


def review_figures(fields: list[Field]) -> list[ProseFigure]:
    """Table 四 in the prose: the number of reviews and lawsuits, and each result."""
    review, *suits = REVIEW_BLOCKS

    def cells(blocks: Iterable[str], column: str) -> tuple[Term, ...]:
        return _sum(_col(fields, block, column) for block in blocks)

    figures = [
        ProseFigure(
            CODE,
            (rf"行政复议{gap(10, '诉讼|起诉')}{N}{COUNT}",),
            (("行政复议的总数", cells([review], TOTAL)),),
            cues=("行政复议",),
        ),
        ProseFigure(
            CODE,
            (rf"行政诉讼{gap(10, '复议')}{N}{COUNT}",),
            (("行政诉讼的总数（未经复议直接起诉 + 复议后起诉）", cells(suits, TOTAL)),),
            cues=("行政诉讼",),
        ),
    ]
    for column, words in RESULT_WORDS:
        cues = ("维持", "纠正", "纠错", "撤销", "其他结果", "审结", "审理")
        figures.append(
            ProseFigure(
                CODE,
                (rf"(?:{words}){gap(8)}{N}{COUNT}",),
                ((f"行政复议{column}", cells([review], column)),),
                subject=("复议", "诉讼|起诉"),
                cues=cues,
            )
        )
        figures.append(
            ProseFigure(
                CODE,
                (rf"(?:{words}){gap(8)}{N}{COUNT}",),
                ((f"行政诉讼{column}", cells(suits, column)),),
                subject=("诉讼|起诉", "复议"),
                cues=cues,
            )
        )
    return figures


DOCUMENT_WORDS = {
    "规章": "规章",
    "规范性文件": "(?:行政)?规范性文件",
    "行政规范性文件": "(?:行政)?规范性文件",
}
MADE_WORDS = "制发|印发|出台|制定|发布|新增|新制作|制作"
RIVAL = {"规章": "规范性文件", "规范性文件": "规章", "行政规范性文件": "规章"}


def document_figures(
    fields: list[Field], made: str, in_force: str | None = None, repealed: str | None = None
) -> list[ProseFigure]:
    """Table 二's 规章 and 规范性文件 in the prose: made this year, repealed, in force."""
    figures = []
    for row in ("规章", "规范性文件", "行政规范性文件"):
        if not any(f.row == row for f in fields):
            continue
        words, rival = DOCUMENT_WORDS[row], RIVAL[row]
        figures.append(
            ProseFigure(
                CODE,
                (rf"(?:{MADE_WORDS}){gap(10, '清理|审查|备案|废止|' + rival)}{words}{gap(4)}{N}{COUNT}",),
                ((f"{row}的{made}", _sum([_col(fields, row, made)])),),
                cues=(row.removeprefix("行政"),),
            )
        )
        if in_force:
            figures.append(
                ProseFigure(
                    CODE,
                    (
                        rf"现行有效{gap(6)}{words}{gap(4)}{N}{COUNT}",
                        rf"{words}{gap(8)}现行有效{gap(4)}{N}{COUNT}",
                    ),
                    ((f"{row}的{in_force}", _sum([_col(fields, row, in_force)])),),
                    cues=("现行有效",),
                )
            )
        if repealed:
            figures.append(
                ProseFigure(
                    CODE,
                    (rf"废止{gap(10, rival)}{N}{COUNT}",),
                    ((f"{row}的{repealed}", _sum([_col(fields, row, repealed)])),),
                    subject=(words, rival),
                    cues=("废止",),
                )
            )
    return figures


def fee_figure(fee: Field) -> ProseFigure:
    """Table 二 (2021): 行政事业性收费 in the prose, in 元, 万元 or 亿元 (the cell is in 万元)."""
    return ProseFigure(
        CODE,
        (rf"行政事业性收费{gap(12)}{N}\s*(?P<u>亿元|万元|元)",),
        (("本年行政事业性收费金额（万元）", (Term(fee.id, fee.label),)),),
        units=(("亿元", Decimal(10000)), ("万元", Decimal(1)), ("元", Decimal("0.0001"))),
        cues=("行政事业性收费",),
    )
