"""Judging a report against last year's: the cross-year rules and the copy-paste warning.

The rules are the format's :class:`~reportgen.format.Carry` data (format-spec §8: R3-e,
R3-f errors; R2-a, R2-f, R2-g warnings), evaluated with cells named by address so that a
2021-format report is checked against a 2019-format one as well. Every finding is located
in this year's file and names the line of last year's file in its text and its related
lines.

Copy-paste (雷同): for each section, the share of this year's characters that lie in a run
of :data:`RUN` characters found anywhere in last year's text of the same section
(whitespace ignored, every digit counted as the same digit, so changing the year or the
numbers does not make a copied text new). At :data:`THRESHOLD` or more, a warning.

"The usual name": last year's file is this file's name with the report year, written as
a four-digit number in it, replaced by the year before (``inputs/2021.toml`` →
``inputs/2020.toml``, ``示例区统计局-2021.toml`` → ``示例区统计局-2020.toml``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from reportgen.errors import Location, Problem, Severity, excerpt
from reportgen.format import Carry, Field
from reportgen.model import AGENCY, YEAR, Report, Value

Values = dict[str, Value | None]

RUN = 8  # characters: a copied run shorter than this is not counted
THRESHOLD = 0.5  # share of this year's characters in copied runs that triggers the warning
MIN_CHARS = 60  # sections shorter than this (e.g. "没有其他需要报告的事项。") are not compared


def sibling(path: Path, year: int, other: int) -> Path | None:
    """``path`` with the four-digit ``year`` in its file name replaced by ``other``; None if absent."""
    pattern = re.compile(rf"(?<!\d){year}(?!\d)")
    matches = list(pattern.finditer(path.name))
    if not matches:
        return None
    m = matches[-1]
    return path.with_name(path.name[: m.start()] + str(other) + path.name[m.end() :])


def neighbour(path: Path, year: int) -> Path | None:
    """Last year's file under the usual name, if it exists beside ``path``."""
    found = sibling(path, year, year - 1)
    if found is None or not found.is_file() or found.resolve() == path.resolve():
        return None
    return found


def compare(last: Report, last_values: Values, report: Report, values: Values) -> list[Problem]:
    """Every cross-year finding: the years, the agency, the format's carries, copied prose."""
    there = last.source.path
    if last.year != report.year - 1:
        return [
            Problem(
                Severity.ERROR,
                "H-year",
                report.source.location((YEAR,)),
                f"用来对照的上一年度文件 {there} 是 {last.year} 年度的报告，"
                f"本文件是 {report.year} 年度，应当用 {report.year - 1} 年度的文件对照。",
                ((last.source.location((YEAR,)), "上一年度文件的报告年度"),),
            )
        ]
    problems: list[Problem] = []
    if last.agency != report.agency:
        problems.append(
            Problem(
                Severity.WARNING,
                "H-agency",
                report.source.location((AGENCY,)),
                f"机关名称“{excerpt(report.agency)}”与上一年度文件 {there} 的“{excerpt(last.agency)}”不同；"
                "如果不是机构调整，请检查是否用错了文件。",
                ((last.source.location((AGENCY,)), "上一年度文件的机关名称"),),
            )
        )
    for carry in report.format.carries:
        problem = _check_carry(carry, last, last_values, report, values)
        if problem is not None:
            problems.append(problem)
    problems += copied(last, report)
    return problems


def _check_carry(
    carry: Carry, last: Report, last_values: Values, report: Report, values: Values
) -> Problem | None:
    target = report.format.find(carry.target)
    old = [(last.format.find(a), sign) for a, sign in carry.last]
    new = [(report.format.find(a), sign) for a, sign in carry.this]
    if target is None or any(f is None for f, _ in (*old, *new)):
        return None  # the formats of the two years do not both have these cells
    actual = values.get(target.id)
    old_v = [(f, sign, last_values.get(f.id)) for f, sign in old if f is not None]
    new_v = [(f, sign, values.get(f.id)) for f, sign in new if f is not None]
    numbers = [actual, *(v for _, _, v in old_v), *(v for _, _, v in new_v)]
    if not all(isinstance(v, (int, Decimal)) for v in numbers):
        return None
    expected = sum(sign * v for _, sign, v in (*old_v, *new_v))  # type: ignore[operator]
    if actual == expected:
        return None
    there = last.source.path
    terms = []
    for k, (f, sign, v) in enumerate(old_v):
        line = last.location(f.id).line
        terms.append((sign, f"去年的{_name(f, target)} {v}（{there} 第 {line} 行）", k == 0))
    for f, sign, v in new_v:
        terms.append((sign, f"本年的{_name(f, target)} {v}", False))
    expr = "".join(
        ("" if first else (" + " if sign > 0 else " − ")) + ("−" if first and sign < 0 else "") + text
        for sign, text, first in terms
    )
    if len(terms) == 1:
        message = f"{target.label}是 {actual}，应当等于{expr}"
    else:
        message = f"{target.label}是 {actual}，按{expr}，应为 {expected}"
    message += f"，相差 {abs(actual - expected)}。"  # type: ignore[operator]
    if carry.hard:
        message += "上一年度结转的申请本年必须接着办理，两年的数字应当衔接；请核对两个文件。"
    else:
        message += "如果本年口径有调整，请在正文中说明。"
    code = carry.across if carry.across and last.format is not report.format else carry.code
    related: dict[Location, str] = {}
    for f, _, _ in old_v:
        related.setdefault(last.location(f.id), f"上一年度：{f.label}")
    return Problem(
        Severity.ERROR if carry.hard else Severity.WARNING,
        code,
        report.location(target.id),
        message,
        tuple(related.items()),
        fields=(target.id, *(f.id for f, _, _ in new_v)),
    )


def _name(f: Field, target: Field) -> str:
    return f"“{f.column}”" if f.row == target.row else f"“{f.row_label}”（{f.column}）"


# ---------------------------------------------------------------- copy-paste


_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def normalise(text: str) -> str:
    """The text as compared: whitespace dropped, every digit the same."""
    return _DIGIT.sub("0", _SPACE.sub("", text))


class Runs:
    """A normalised text cut into its runs of ``run`` characters, with where each starts, so
    that the share of it found in another text is a set intersection and one pass over the
    places found."""

    __slots__ = ("at", "pieces", "run", "text")

    def __init__(self, text: str, run: int = RUN) -> None:
        self.text = text
        self.run = run
        at: dict[str, int | list[int]] = {}  # run → where it starts (a list when it recurs)
        for i in range(len(text) - run + 1):
            piece = text[i : i + run]
            where = at.setdefault(piece, i)
            if where != i:
                at[piece] = [*where, i] if isinstance(where, list) else [where, i]
        self.at = at
        self.pieces = frozenset(at)

    def covered_by(self, other: Runs) -> float:
        """The share of this text's characters lying in a run that is also in ``other``."""
        if not self.text:
            return 0.0
        starts: list[int] = []
        for piece in self.pieces & other.pieces:
            where = self.at[piece]
            if isinstance(where, list):
                starts += where
            else:
                starts.append(where)
        starts.sort()
        covered = reach = 0
        run = self.run
        for i in starts:  # count each character once: a run covers i … i + run − 1
            end = i + run
            covered += end - (i if i > reach else reach)
            reach = end
        return covered / len(self.text)


def copied_share(last: str, this: str, run: int = RUN) -> float:
    """The share of ``this``'s characters lying in a run of ``run`` characters found in ``last``."""
    return Runs(normalise(this), run).covered_by(Runs(normalise(last), run))


def section_text(report: Report, key: str) -> str:
    for s in report.sections:
        if s.spec.key == key:
            parts = [*s.paragraphs]
            for sub in s.subsections:
                parts += sub.paragraphs
            parts += s.after
            return "\n".join(parts)
    return ""


def copied(last: Report, report: Report) -> list[Problem]:
    """A warning for each section whose prose is mostly last year's."""
    out = []
    for spec in report.format.sections:
        this = section_text(report, spec.key)
        if len(normalise(this)) < MIN_CHARS:
            continue
        share = copied_share(section_text(last, spec.key), this)
        if share < THRESHOLD:
            continue
        out.append(
            Problem(
                Severity.WARNING,
                "H-copy",
                report.source.location((spec.key,)),
                f"“{spec.key}”的文字有 {share:.0%} 与上一年度报告（{last.source.path}）相同"
                f"（连续 {RUN} 个字以上一字不差，数字不计差别）。年度报告内容不得雷同，请按本年情况改写。",
                ((last.source.location((spec.key,)), f"上一年度：{spec.key}"),),
                section=spec.key,
            )
        )
    return out
