"""Judgement on a typed report: fill the 总计 cells left out, then evaluate every rule.

The rules are data in each format module (:mod:`reportgen.format` declares their types);
this one engine evaluates them all and words every finding the same way, naming the
cells involved, their values and their lines.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from reportgen import correction
from reportgen.errors import Fix, Location, Problem, Severity
from reportgen.format import (
    Bound,
    CanonicalHeading,
    ClosingDate,
    Condition,
    Facts,
    Identity,
    Numbering,
    ProseFigure,
    ProseMentions,
    ProseRequired,
    Rule,
    Term,
    Wording,
    YearMention,
)
from reportgen.model import CLOSING, Prose, Report, Value

Number = int | Decimal
Values = dict[str, Value | None]


def complete(report: Report) -> Values:
    """The values with every 总计 the clerk left out computed from its parts."""
    values = dict(report.values)
    for target, parts in correction.derivations(report.format, report.values):
        values[target] = sum(values[p] for p in parts)  # type: ignore[misc]
    return values


def check(report: Report, values: Values) -> list[Problem]:
    """Every rule of the report's format that does not hold, as errors and warnings."""
    facts = Facts(report.agency, report.year, values)
    problems = _identities(report, facts)
    if problems:
        facts = Facts(report.agency, report.year, values, frozenset(f for p in problems for f in p.fields))
    figures = []
    for rule in report.format.checks:
        if isinstance(rule, ProseFigure):
            figures.append(rule)  # read together: the prose is scanned for numbers once
        else:
            problems.extend(_EVALUATORS[type(rule)](report, facts, rule))
    problems.extend(_prose_figures(report, facts, figures))
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
            cells[loc] = (report.label(field_id), facts.values.get(field_id))
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


def _imbalance(facts: Facts, ident: Identity) -> tuple[Number, Number] | None:
    """The two sides of an identity that does not hold; None when it holds or cannot be judged."""
    left = [facts.values.get(t.field) for t in ident.left]
    right = [facts.values.get(t.field) for t in ident.right]
    if not all(_is_number(v) for v in (*left, *right)):
        return None  # a cell is missing or mistyped: already reported by the model
    lsum, rsum = sum(left), sum(right)  # type: ignore[arg-type]
    return None if lsum == rsum else (lsum, rsum)


def _identities(report: Report, facts: Facts) -> list[Problem]:
    """The identities that do not hold, each group of linked ones with the cell(s) to correct.

    When one cell (or one pair) explains every failure of a group, one error names it, what
    it should be, and the identities it breaks; when a few can, one error lists them; else
    each failing identity is an error of its own, with no advice that would break another.
    """
    fmt = report.format
    if not any(_imbalance(facts, ident) for ident in fmt.identities):
        return []
    derived = correction.derivations(fmt, report.values)
    problems: list[Problem] = []
    for diagnosis in correction.diagnose(fmt, report.values, facts.values, derived):
        if len(diagnosis.corrections) == 1:
            problems.append(_located(report, facts, diagnosis))
        elif diagnosis.corrections:
            problems.append(_candidates(report, facts, diagnosis))
        else:
            problems.extend(p for i in diagnosis.failing if (p := _identity(report, facts, i)) is not None)
    return problems


def _given(report: Report, ident: Identity) -> set[str]:
    return {t.field for t in (*ident.left, *ident.right) if report.values.get(t.field) is not None}


def _equation(report: Report, facts: Facts, ident: Identity) -> str:
    """``scope：a 1 + b 2 = 3，但 total 4，相差 1`` for an identity that does not hold."""
    left = [facts.values.get(t.field) for t in ident.left]
    right = [facts.values.get(t.field) for t in ident.right]
    lsum, rsum = sum(left), sum(right)  # type: ignore[arg-type]
    given = _given(report, ident)
    return (
        f"{ident.scope}：{_expr(ident.left, left, given)} = {lsum}，"
        f"但 {_expr(ident.right, right, given)}"
        f"{'' if len(right) == 1 else f' = {rsum}'}，相差 {abs(lsum - rsum)}"  # type: ignore[operator]
    )


def _identity_line(report: Report, ident: Identity) -> Location:
    """Where an identity's message stands: the first typed cell of its total side (then the rest)."""
    given = _given(report, ident)
    terms = [t for t in (*ident.right, *ident.left) if t.field in given] or list(ident.right)
    return _line(report, terms[0].field)


def _identity(report: Report, facts: Facts, ident: Identity) -> Problem | None:
    """One failing identity on its own, when no correction of one or two cells can be named."""
    if not _given(report, ident):
        return None  # every cell computed: the imbalance comes from a rule reported elsewhere
    message = f"{_equation(report, facts, ident)}。{ident.advice or '其中至少有一格填错，请逐一核对。'}"
    primary = _identity_line(report, ident)
    return Problem(
        Severity.ERROR,
        ident.code,
        primary,
        message,
        _related(report, facts, (t.field for t in (*ident.left, *ident.right)), primary),
        fields=_fields(ident),
        section=report.format.field(ident.right[0].field).section,
    )


def _fields(*idents: Identity) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.field for i in idents for t in (*i.left, *i.right)))


def _holds(idents: Sequence[Identity]) -> str:
    """“R3-b 和 R3-c 都成立”: the identities a correction makes hold, by their codes."""
    codes = sorted({i.code for i in idents})
    named = codes[0] if len(codes) == 1 else f"{'、'.join(codes[:-1])} 和 {codes[-1]}"
    if len(idents) == 1:
        return f"{named} 成立"
    if len(codes) == len(idents):
        return f"{named} 都成立"
    return f"下面 {len(idents)} 处勾稽关系（{named}）都成立"


def _cell_at(report: Report, field_id: str) -> Location:
    return report.location(field_id, column=True)


def _fix(report: Report, fix: correction.Correction) -> tuple[Fix, ...]:
    return tuple(Fix(_cell_at(report, c.field), c.new, c.field) for c in fix)


def _change_text(report: Report, change: correction.Change, why: str = "") -> str:
    return f"{report.label(change.field)}写的是 {change.old}，{why}应为 {change.new}"


def _located(report: Report, facts: Facts, diagnosis: correction.Diagnosis) -> Problem:
    """One cell (or one pair) explains every failure: lead with it."""
    fix = sorted(diagnosis.corrections[0], key=lambda c: _cell_at(report, c.field))
    holds = _holds(diagnosis.failing)
    if len(fix) == 1:
        message = (
            f"最可能是这一格写错了：{_change_text(report, fix[0], '按其他各格')}；改正这一格后，{holds}。"
        )
        if report.format.field(fix[0].field).computed:
            message += "（这一格也可以不写，由程序自动计算。）"
    else:
        said = "；".join(_change_text(report, c) for c in fix)
        message = f"最可能是这两格写错了：{said}。改正这两格后，{holds}。"
    related = [(_cell_at(report, c.field), _change_text(report, c)) for c in fix[1:]]
    related += _failing_lines(report, facts, diagnosis.failing)
    first = report.format.field(fix[0].field)
    return Problem(
        Severity.ERROR,
        diagnosis.failing[0].code,
        _cell_at(report, first.id),
        message,
        tuple(related),
        fields=tuple(dict.fromkeys((*(c.field for c in fix), *_fields(*diagnosis.failing)))),
        section=first.section,
        fixes=(_fix(report, tuple(fix)),),
    )


def _failing_lines(report: Report, facts: Facts, failing: Sequence[Identity]) -> list[tuple[Location, str]]:
    return [(_identity_line(report, i), f"{i.code} {_equation(report, facts, i)}") for i in failing]


def _candidates(report: Report, facts: Facts, diagnosis: correction.Diagnosis) -> Problem:
    """A few corrections each make every identity hold: name them all, let the clerk choose."""
    first, *others = diagnosis.failing
    primary = _identity_line(report, first)
    more = f"另有 {len(others)} 处勾稽关系也不成立（见下）。" if others else ""
    what = "它" if not others else "这些关系"
    fixes = [sorted(c, key=lambda c: _cell_at(report, c.field)) for c in diagnosis.corrections]
    unit, which = ("一格", "哪一格") if all(len(f) == 1 for f in fixes) else ("一组两格", "哪一组")
    message = (
        f"{_equation(report, facts, first)}。{more}"
        f"改正下列任何{unit}都能使{what}成立，请对照原始记录确定是{which}写错了："
    )
    related = _failing_lines(report, facts, others)
    related += [(_cell_at(report, f[0].field), "；".join(_change_text(report, c) for c in f)) for f in fixes]
    return Problem(
        Severity.ERROR,
        first.code,
        primary,
        message,
        tuple(related),
        fields=_fields(*diagnosis.failing),
        section=report.format.field(first.right[0].field).section,
        fixes=tuple(_fix(report, tuple(f)) for f in fixes),
    )


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


_BOOK_TITLE = re.compile(r"《[^《》]*》")


def _usual_year(text: str, m: re.Match[str], offset: int, rule: YearMention) -> bool:
    """Whether the year at ``m`` is named for a normal reason (see :class:`YearUse`)."""
    if any(t.start() < m.start() < t.end() for t in _BOOK_TITLE.finditer(text)):
        return True  # 《…2018—2020年行动计划》: a document named with its year
    before = _CLAUSE_START.split(text[: m.start()])[-1]
    after = text[m.end() :]
    for use in rule.usual:
        if use.offsets and offset not in use.offsets:
            continue
        if use.before and not re.search(f"(?:{use.before})$", before):
            continue
        if use.after and not re.match(use.after, after):
            continue
        return True
    return False


def _year_mention(report: Report, facts: Facts, rule: YearMention) -> list[Problem]:
    allowed = {report.year + k for k in rule.allowed}
    problems = []
    for prose in report.prose:
        for m in _YEAR.finditer(prose.text):
            year = int(m.group(1))
            if year in allowed:
                continue
            title = prose.what == "标题" and not prose.section  # the report's own title: no excuse
            if not title and _usual_year(prose.text, m, year - report.year, rule):
                continue
            where = report.source.text_location(prose.key, m.start(), m.group(1))
            years = "、".join(f"{y} 年" for y in sorted(allowed))
            message = (
                f"{_prose_name(prose.section, prose.what)}提到“{m.group(1)}年”，而这是 {report.year} 年度的报告"
                f"（通常只出现 {years}）。如果是从往年报告复制来的，请改正年份；如果确实是指 {year} 年，可以忽略本警告。"
            )
            problems.append(Problem(rule.severity, rule.code, where, message, section=prose.section))
    return problems


# ---------------------------------------------------------------- numbers in the prose

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# One character class first, so that the regular expression engine scans for it quickly; what
# it takes is then read by number() (None: not a number) and must not follow a digit.
_NUMERAL = "0-9０-９零〇一二两三四五六七八九十百千万"
_NUMBER = rf"(?P<n>[{_NUMERAL}][{_NUMERAL},.]*)"
_CLAUSE_START = re.compile(r"[，,。；;！？!?\n（(]")
# A number said of another year (or of last year, but not last year's carried-over applications)
# is not one of this year's tables: 较上年受理申请20件, 2020年受理申请20件 in a 2021 report.
_ELSEWHERE = re.compile(r"上一?年(?!度?结转)|去年|同期|前年|(?<![0-9])(?:19|20)[0-9]{2}(?=年)")


def number(text: str) -> Decimal | None:
    """An Arabic (full-width too, with thousands commas) or Chinese numeral as a number."""
    text = unicodedata.normalize("NFKC", text)
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?", text):
        return Decimal(text.replace(",", ""))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # 二三: not a number
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (ordinals up to 99, as lists number them)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else digits[tens]}十{digits[ones] if ones else ''}"


def _figure_patterns(rule: ProseFigure) -> list[re.Pattern[str]]:
    """The rule's patterns, compiled once (keyed by identity: hashing a rule is not cheap)."""
    cached = _COMPILED.get(id(rule))
    if cached is None or cached[0] is not rule:
        cached = (rule, [re.compile(p.replace("{n}", _NUMBER)) for p in rule.patterns])
        _COMPILED[id(rule)] = cached
    return cached[1]


_COMPILED: dict[int, tuple[ProseFigure, list[re.Pattern[str]]]] = {}


@functools.cache
def _subject(subject: tuple[str, str]) -> re.Pattern[str]:
    return re.compile(f"(?P<this>{subject[0]})|{subject[1]}")


_SENTENCE_END = re.compile(r"[。；;！？!?\n]")


# A number followed by what counts it: the only places a ProseFigure can match.
_COUNTED = re.compile(rf"[{_NUMERAL}][{_NUMERAL},.]*\s*(?:件|起|宗|个|例|元|万元|亿元)")


def _prose_figures(report: Report, facts: Facts, rules: Sequence[ProseFigure]) -> list[Problem]:
    """Numbers the prose states about table quantities that no accepted sum of cells equals.

    Only the sentences holding a counted number (“…件”, “…元”) are read, once for all rules.
    """
    texts = []
    for prose in report.prose:
        if prose.what in ("标题", "小节标题"):
            continue
        ends = [e.end() for e in _SENTENCE_END.finditer(prose.text)]
        spans = {}
        for c in _COUNTED.finditer(prose.text):
            start = max((e for e in ends if e <= c.start()), default=0)
            spans[start] = next((e for e in ends if e > c.start()), len(prose.text))
        if spans:
            texts.append((prose, sorted(spans.items())))
    problems: list[Problem] = []
    if not texts:
        return problems
    cues = {cue for rule in rules for cue in rule.cues}
    read = [
        (prose, [(a, b, frozenset(c for c in cues if c in prose.text[a:b])) for a, b in spans])
        for prose, spans in texts
    ]
    for rule in rules:
        problems.extend(_prose_figure(report, facts, rule, read))
    return problems


def _prose_figure(
    report: Report,
    facts: Facts,
    rule: ProseFigure,
    texts: list[tuple[Prose, list[tuple[int, int, frozenset[str]]]]],
) -> list[Problem]:
    if rule.cues and all(present.isdisjoint(rule.cues) for _, spans in texts for _, _, present in spans):
        return []  # no sentence names the quantity
    sums = []
    for name, terms in rule.accepted:
        values = [facts.number(t.field) for t in terms]
        if any(v is None for v in values) or any(
            t.field in report.invalid or t.field in facts.doubtful for t in terms
        ):
            return []  # a cell is missing or wrong: the model or an identity has said so
        sums.append((name, terms, sum(values)))  # type: ignore[arg-type]
    subject = _subject(rule.subject) if rule.subject else None
    problems: list[Problem] = []
    seen: set[tuple[tuple[object, ...], int]] = set()
    for prose, sentences in texts:
        text = prose.text
        for sentence, end, present in sentences:
            if rule.cues and present.isdisjoint(rule.cues):
                continue
            for pattern in _figure_patterns(rule):
                for m in pattern.finditer(text, sentence, end):  # a pattern never spans a sentence's end
                    at = m.start("n")
                    if (prose.key, at) in seen or (at and text[at - 1] in "0123456789０１２３４５６７８９.,"):
                        continue
                    clause = _CLAUSE_START.split(text[sentence : m.start()])[-1]
                    if any(y.group() != str(report.year) for y in _ELSEWHERE.finditer(clause)):
                        continue  # said of another year
                    if subject is not None:
                        named = list(subject.finditer(text, sentence, at))
                        if not named or named[-1].group("this") is None:
                            continue  # said of another subject
                    said = number(m.group("n"))
                    if said is None:
                        continue
                    if rule.units:
                        said *= dict(rule.units)[m.group("u")]
                    seen.add((prose.key, at))
                    if any(said == total for _, _, total in sums):
                        continue
                    problems.append(_figure_problem(report, facts, rule, prose, m, sums, said))
    return problems


def _figure_problem(
    report: Report,
    facts: Facts,
    rule: ProseFigure,
    prose: Prose,
    m: re.Match[str],
    sums: list[tuple[str, tuple[Term, ...], Number]],
    said: Decimal,
) -> Problem:
    where = report.source.text_location(prose.key, m.start("n"), m.group("n"))
    quote = f"“{m.group().strip()}”"
    if rule.units and dict(rule.units)[m.group("u")] != 1:
        base = next(u for u, k in rule.units if k == 1)
        quote += f"（即 {said.normalize():f} {base}）"
    (name, _, value), *others = sums
    also = "".join(f"，{n}是 {v}" for n, _, v in others if v != value)
    message = (
        f"{_prose_name(prose.section, prose.what)}写有{quote}，但表格中{name}是 {value}{also}。"
        "请核对文字与表格是否一致；如果文字说的是别的范围或别的时间的数，可以忽略本警告。"
    )
    ids = tuple(dict.fromkeys(t.field for _, terms, _ in sums for t in terms))
    related = _related(report, facts, ids, where)
    return Problem(rule.severity, rule.code, where, message, related, ids, prose.section)


def _numbering_patterns(rule: Numbering) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(anywhere, at a line's start) forms of the rule's pattern, its item in group ``item``."""
    cached = _NUMBERING.get(id(rule))
    if cached is None or cached[0] is not rule:
        anywhere = re.compile(f"(?P<item>{rule.pattern})")
        at_lines = re.compile(f"(?m)^[ \t\u3000]*(?P<item>{rule.pattern})")
        cached = (rule, (anywhere, at_lines))
        _NUMBERING[id(rule)] = cached
    return cached[1]


_NUMBERING: dict[int, tuple[Numbering, tuple[re.Pattern[str], re.Pattern[str]]]] = {}


def _numbering(report: Report, facts: Facts, rule: Numbering) -> list[Problem]:
    """Numbered items that skip or repeat a number: 一是…三是…三是."""
    anywhere, at_lines = _numbering_patterns(rule)
    lists: dict[tuple[str, ...], list[tuple[Prose, re.Match[str]]]] = {}
    for prose in report.prose:
        if not prose.section or prose.what == "标题":
            continue
        heading = prose.what == "小节标题"
        key = (prose.section, "小节标题") if heading else tuple(map(str, prose.key))
        found = lists.setdefault(key, [])
        if heading:
            m = at_lines.match(prose.text)
            found.extend([(prose, m)] if m else [])
        else:
            found.extend((prose, m) for m in (at_lines if rule.line_start else anywhere).finditer(prose.text))
    problems = []
    for found in lists.values():
        position = 0
        for k, (prose, m) in enumerate(found):
            n = number(m.group("n"))
            if n == 1:
                position = 1
                continue
            position += 1
            if n == position:
                continue
            problems.append(
                _numbering_problem(report, rule, prose, m, found[k - 1][1] if k else None, position)
            )
            break  # one slip a list: the numbers after it follow from it
    return problems


def _numbering_problem(
    report: Report,
    rule: Numbering,
    prose: Prose,
    m: re.Match[str],
    before: re.Match[str] | None,
    expected: int,
) -> Problem:
    typed, at = m.group("item"), m.start("item")
    arabic = m.group("n").isdigit()
    want = (
        typed[: m.start("n") - at]
        + (str(expected) if arabic else chinese(expected))
        + typed[m.end("n") - at :]
    )
    after = f"接在“{before.group('item')}”之后" if before is not None else "是这一组编号的第一项"
    message = (
        f"{_prose_name(prose.section, prose.what)}的编号“{typed}”{after}，应为“{want}”"
        "（或者前面漏了、多了一项）。请核对编号。"
    )
    where = report.source.text_location(prose.key, at, typed)
    return Problem(rule.severity, rule.code, where, message, section=prose.section)


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
    Bound: _bound,  # type: ignore[dict-item]
    Condition: _condition,  # type: ignore[dict-item]
    Wording: _wording,  # type: ignore[dict-item]
    ProseRequired: _prose_required,  # type: ignore[dict-item]
    ProseMentions: _prose_mentions,  # type: ignore[dict-item]
    YearMention: _year_mention,  # type: ignore[dict-item]
    CanonicalHeading: _canonical_heading,  # type: ignore[dict-item]
    Numbering: _numbering,  # type: ignore[dict-item]
    ClosingDate: _closing_date,  # type: ignore[dict-item]
}
