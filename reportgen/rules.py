"""Judgement on a typed report: fill the 总计 cells left out, then evaluate every rule.

The rules are data in each format module (:mod:`reportgen.format` declares their types);
this one engine evaluates them all and words every finding the same way, naming the
cells involved, their values and their lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from reportgen.errors import Location, Problem, Severity
from reportgen.format import (
    Bound,
    CanonicalHeading,
    ClosingDate,
    Condition,
    Facts,
    Identity,
    ProseMentions,
    ProseRequired,
    Rule,
    Term,
    Wording,
    YearMention,
)
from reportgen.model import CLOSING, Report, Value

Number = int | Decimal
Values = dict[str, Value | None]


def complete(report: Report) -> Values:
    """The values with every 总计 the clerk left out computed from its parts."""
    values = dict(report.values)
    changed = True
    while changed:
        changed = False
        for ident in report.format.identities:
            for side, other in ((ident.left, ident.right), (ident.right, ident.left)):
                target = side[0].field
                if len(side) != 1 or values.get(target) is not None:
                    continue
                if not report.format.field(target).computed:
                    continue
                parts = [values.get(t.field) for t in other]
                if all(_is_number(p) for p in parts):
                    values[target] = sum(parts)  # type: ignore[arg-type]
                    changed = True
    return values


def check(report: Report, values: Values) -> list[Problem]:
    """Every rule of the report's format that does not hold, as errors and warnings."""
    facts = Facts(report.agency, report.year, values)
    problems: list[Problem] = []
    for rule in report.format.rules:
        problems.extend(_EVALUATORS[type(rule)](report, facts, rule))
    return problems


def _is_number(value: object) -> bool:
    return type(value) is int or type(value) is Decimal  # bool is an int subclass: not a number here


def _line(report: Report, field_id: str) -> Location:
    return report.location(field_id)


def _related(
    report: Report, facts: Facts, field_ids: Iterable[str], primary: Location
) -> tuple[tuple[Location, str], ...]:
    """The other cells of a finding, one per line, with their label and value.

    In a long sum, a run of zero cells on consecutive lines is one entry naming its lines.
    """
    cells: dict[Location, tuple[str, object]] = {}
    field_ids = list(field_ids)
    for field_id in field_ids:
        if report.values.get(field_id) is None:
            continue  # left out (computed): it has no line of its own
        loc = _line(report, field_id)
        if loc != primary and loc not in cells:
            cells[loc] = (report.format.field(field_id).label, facts.values.get(field_id))
    entries: list[tuple[Location, str]] = []
    run: list[tuple[Location, str]] = []

    def flush() -> None:
        if len(run) > 1:
            first, last = run[0][0].line, run[-1][0].line
            entries.append((run[0][0], f"{run[0][1]} 等 {len(run)} 格（第 {first}–{last} 行）均为 0"))
        else:
            entries.extend((loc, f"{label} = 0") for loc, label in run)
        run.clear()

    for loc in sorted(cells):
        label, value = cells[loc]
        if len(field_ids) > LONG and value == 0:
            if run and loc.line != run[-1][0].line + 1:
                flush()
            run.append((loc, label))
            continue
        flush()
        entries.append((loc, f"{label} = {value}"))
    flush()
    return tuple(entries)


# ---------------------------------------------------------------- identities (errors)


def _identity(report: Report, facts: Facts, ident: Identity) -> list[Problem]:
    left = [facts.values.get(t.field) for t in ident.left]
    right = [facts.values.get(t.field) for t in ident.right]
    if not all(_is_number(v) for v in (*left, *right)):
        return []  # a cell is missing or mistyped: already reported by the model
    lsum, rsum = sum(left), sum(right)  # type: ignore[arg-type]
    if lsum == rsum:
        return []
    given = {t.field for t in (*ident.left, *ident.right) if report.values.get(t.field) is not None}
    if not given:
        return []  # every cell computed: the imbalance comes from a rule reported elsewhere
    message = (
        f"{ident.scope}：{_expr(ident.left, left, given)} = {lsum}，"
        f"但 {_expr(ident.right, right, given)}"
        f"{'' if len(right) == 1 else f' = {rsum}'}，相差 {abs(lsum - rsum)}。"
    )
    total = report.format.field(ident.right[0].field)
    if len(ident.right) == 1 and total.computed and total.id in given:
        message += f"若前面各项无误，请把 {total.label} 改为 {lsum}（也可以不写这一格，由程序自动计算）。"
    elif ident.advice:
        message += ident.advice
    terms = [t for t in (*ident.right, *ident.left) if t.field in given]
    primary = _line(report, terms[0].field) if terms else Location(report.source.path)
    return [
        Problem(
            Severity.ERROR,
            ident.code,
            primary,
            message,
            _related(report, facts, (t.field for t in (*ident.left, *ident.right)), primary),
            fields=tuple(t.field for t in (*ident.left, *ident.right)),
            section=total.section,
        )
    ]


LONG = 7  # a sum of more terms than this is shown with its zero terms counted, not listed


def _expr(terms: Sequence[Term], values: Sequence[Value | None], given: set[str]) -> str:
    parts = []
    zeros = 0
    for term, value in zip(terms, values, strict=True):
        if len(terms) > LONG and value == 0:
            zeros += 1
            continue
        mark = "" if term.field in given else "（自动计算）"
        parts.append(f"{term.label}{mark} {value}")
    if zeros:
        parts.append(f"其余 {zeros} 项 0")
    return " + ".join(parts)


# ---------------------------------------------------------------- soft rules on the numbers


def _bound(report: Report, facts: Facts, rule: Bound) -> list[Problem]:
    if any(t.field in report.invalid for t in (*rule.small, *rule.large)):
        return []
    small = [facts.number(t.field) for t in rule.small]
    large = [facts.number(t.field) for t in rule.large]
    if not all(v is not None for v in (*small, *large)):
        return []
    ssum, lsum = sum(small), sum(large)  # type: ignore[arg-type]
    if ssum <= lsum:
        return []
    given = {k for k, v in report.values.items() if v is not None}
    message = f"{rule.scope}：{_expr(rule.small, small, given)} 大于 {_expr(rule.large, large, given)}。{rule.advice}"
    ids = [t.field for t in (*rule.small, *rule.large)]
    primary = _line(report, ids[0])
    section = report.format.field(ids[0]).section
    related = _related(report, facts, ids, primary)
    return [Problem(rule.severity, rule.code, primary, message, related, tuple(ids), section)]


def _condition(report: Report, facts: Facts, rule: Condition) -> list[Problem]:
    if report.invalid.intersection(rule.fields):
        return []  # a rule about a cell that is already wrong says nothing more
    found = rule.finding(facts)
    if found is None:
        return []
    primary = _line(report, rule.fields[0])
    related = _related(report, facts, rule.fields[1:], primary)
    section = report.format.field(rule.fields[0]).section
    message = f"{rule.scope}：{found}"
    return [Problem(rule.severity, rule.code, primary, message, related, rule.fields, section)]


# ---------------------------------------------------------------- prose


def _prose_name(section: str, what: str) -> str:
    return f"{section}的{what}" if section else what


def _wording(report: Report, facts: Facts, rule: Wording) -> list[Problem]:
    against = [(t, facts.number(t.field)) for t in rule.contradicted_by]
    nonzero = [(t, v) for t, v in against if v]
    if not nonzero:
        return []
    problems = []
    for prose in report.prose:
        hits = [(prose.text.find(p), p) for p in rule.phrases if p in prose.text]
        if not hits:
            continue
        index, phrase = min(hits)
        where = report.source.text_location(prose.key, index, phrase)
        shown = "、".join(f"{t.label} {v}" for t, v in nonzero)
        message = (
            f"{_prose_name(prose.section, prose.what)}写有“{phrase}”（即{rule.claim}），"
            f"但表格中 {shown}。请核对文字与表格是否一致。"
        )
        ids = tuple(t.field for t, _ in nonzero)
        related = _related(report, facts, ids, where)
        problems.append(Problem(rule.severity, rule.code, where, message, related, ids, prose.section))
    return problems


def _prose_required(report: Report, facts: Facts, rule: ProseRequired) -> list[Problem]:
    section = next((s for s in report.sections if s.spec.key == rule.section), None)
    if section is None:
        return []  # the section itself is missing: an error already
    texts = [*section.paragraphs, *section.after, *(p for sub in section.subsections for p in sub.paragraphs)]
    joined = "".join(texts).strip()
    if joined and joined not in rule.empty:
        return []
    said = "是空的" if not joined else f"只写了“{joined.rstrip('。')}”"
    key = (rule.section, "正文") if (rule.section, "正文") in report.source.positions else (rule.section,)
    where = report.source.location(key)
    return [
        Problem(
            rule.severity,
            rule.code,
            where,
            f"{rule.section}：正文{said}。{rule.advice}",
            section=rule.section,
        )
    ]


def _prose_mentions(report: Report, facts: Facts, rule: ProseMentions) -> list[Problem]:
    section = next((s for s in report.sections if s.spec.key == rule.section), None)
    if section is None:
        return []
    texts = [*section.paragraphs, *section.after]
    for sub in section.subsections:
        texts += [sub.heading, *sub.paragraphs]
    joined = "".join(texts)
    if not joined.strip() and rule.section in {
        r.section for r in report.format.rules if isinstance(r, ProseRequired)
    }:
        return []  # empty: ProseRequired has said so
    if any(p in joined for p in rule.phrases):
        return []
    key = (rule.section, "正文") if (rule.section, "正文") in report.source.positions else (rule.section,)
    return [
        Problem(
            rule.severity,
            rule.code,
            report.source.location(key),
            f"{rule.section}：没有写到“{rule.phrases[0]}”。{rule.advice}",
            section=rule.section,
        )
    ]


_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9]{2})(?=\s*年)")


def _year_mention(report: Report, facts: Facts, rule: YearMention) -> list[Problem]:
    allowed = {report.year + k for k in rule.allowed}
    problems = []
    for prose in report.prose:
        for m in _YEAR.finditer(prose.text):
            year = int(m.group(1))
            if year in allowed:
                continue
            after = prose.text[m.end() :].lstrip()
            if any(year == report.year + k and after.startswith(w) for k, w in rule.usual):
                continue
            where = report.source.text_location(prose.key, m.start(), m.group(1))
            years = "、".join(f"{y} 年" for y in sorted(allowed))
            message = (
                f"{_prose_name(prose.section, prose.what)}提到“{m.group(1)}年”，而这是 {report.year} 年度的报告"
                f"（通常只出现 {years}）。如果是从往年报告复制来的，请改正年份；如果确实是指 {year} 年，可以忽略本警告。"
            )
            problems.append(Problem(rule.severity, rule.code, where, message, section=prose.section))
    return problems


def _canonical_heading(report: Report, facts: Facts, rule: CanonicalHeading) -> list[Problem]:
    problems = []
    for section in report.sections:
        if not section.heading_given or section.heading == section.spec.key:
            continue
        if not section.heading:
            message = (
                f"“{section.spec.key}”的标题写的是空文字，这一部分将不印一级标题（它的文字和表格照印）。"
                f'官方格式六个部分都有标题；如果不是照原报告印出，请删去这一行 "标题"。'
            )
        else:
            known = "（这是一些报告中用过的写法）" if section.heading in section.spec.variants else ""
            message = (
                f"标题“{section.heading}”与官方格式的“{section.spec.key}”不同{known}。"
                f'除非确有需要，请删去这一行 "标题"，使用官方标题。'
            )
        where = report.source.location((section.spec.key, "标题"), column=True)
        problems.append(Problem(rule.severity, rule.code, where, message, section=section.spec.key))
    return problems


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0}
DATE = re.compile(
    r"([0-9]{4}|[〇○零O一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


def _cn_year(text: str) -> int:
    return int(text) if text.isdigit() and text.isascii() else int("".join(str(_CN_DIGITS[c]) for c in text))


def _closing_date(report: Report, facts: Facts, rule: ClosingDate) -> list[Problem]:
    if not report.closing:
        return []
    where = report.source.location((CLOSING,), column=True)
    text = "".join(report.closing)
    m = DATE.search(text)
    due = report.year + 1
    if m is None:
        message = (
            f"落款没有完整的日期（年、月、日）：“{'／'.join(report.closing)}”。"
            f"落款日期是报告印发的日期，请补全，如“{due}年1月20日”。"
        )
    elif _cn_year(m.group(1)) != due:
        message = (
            f"落款日期是 {_cn_year(m.group(1))} 年，而这是 {report.year} 年度的报告，应当在 {due} 年印发。"
            "如果是从往年报告复制来的，请改正日期。"
        )
    else:
        return []
    return [Problem(rule.severity, rule.code, where, message)]


_EVALUATORS: dict[type, Callable[[Report, Facts, Rule], list[Problem]]] = {
    Identity: _identity,  # type: ignore[dict-item]
    Bound: _bound,  # type: ignore[dict-item]
    Condition: _condition,  # type: ignore[dict-item]
    Wording: _wording,  # type: ignore[dict-item]
    ProseRequired: _prose_required,  # type: ignore[dict-item]
    ProseMentions: _prose_mentions,  # type: ignore[dict-item]
    YearMention: _year_mention,  # type: ignore[dict-item]
    CanonicalHeading: _canonical_heading,  # type: ignore[dict-item]
    ClosingDate: _closing_date,  # type: ignore[dict-item]
}
