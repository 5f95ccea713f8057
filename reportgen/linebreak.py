"""Where a short text breaks into lines of a given width: evenly, by meaning, never an orphan.

Word and LibreOffice fill each line and carry the rest over, so a table label one
character too long for its cell leaves that character alone on the last line ("…内部事务信
/ 息", "自然 / 人"). Labels and the title are short and known in advance, so their breaks are
chosen here instead, by measuring the text against the width it has: as few lines as fit,
as even as possible, preferring a break after punctuation or before an opening bracket,
never splitting a number or a Latin word, never starting a line with closing punctuation.

Widths are in ems of the text's own size: a Chinese character or full-width sign is one
em, a digit or Latin letter half an em (the faces used are proportional; half an em is
what they average, and every width has a margin for it).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

NO_START = frozenset("，。、；：？！）》」』”’〕】%.,;:!?)")  # may not begin a line
NO_END = frozenset("（《「『“‘〔【(")  # may not end a line
GOOD_AFTER = frozenset("，。、；：？！）》」』”’〕】")  # a break after these reads naturally
_RUN = re.compile(r"[0-9A-Za-z.\-%]+")  # digits and Latin letters stay together
MOST_LINES = 6


def ems(text: str) -> float:
    """The width of ``text`` in ems of its size."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def allowed(text: str, cut: int) -> bool:
    """May ``text`` break before ``text[cut]``?"""
    if not 0 < cut < len(text):
        return False
    if text[cut] in NO_START or text[cut - 1] in NO_END:
        return False
    return not any(m.start() < cut < m.end() for m in _RUN.finditer(text))


def lines(text: str, width: float, shortest: int = 1) -> list[str]:
    """``text`` in as few lines of at most ``width`` ems as it needs, as even as they can be.

    Each line has at least ``shortest`` characters. Where no such breaking exists (a number
    wider than the line) the text is returned whole, for the word processor to wrap.
    """
    if ems(text) <= width or "\n" in text:
        return text.split("\n")
    cuts = [c for c in range(1, len(text)) if allowed(text, c)]
    for count in range(2, MOST_LINES + 1):
        best: tuple[float, tuple[int, ...]] | None = None
        for chosen in itertools.combinations(cuts, count - 1):
            bounds = (0, *chosen, len(text))
            parts = [text[a:b] for a, b in itertools.pairwise(bounds)]
            widths = [ems(p) for p in parts]
            if max(widths) > width or min(len(p) for p in parts) < shortest:
                continue
            score = max(widths) - min(widths) - 0.75 * sum(1 for c in chosen if _reads_well(text, c))
            if best is None or score < best[0]:
                best = (score, chosen)
        if best is not None:
            bounds = (0, *best[1], len(text))
            return [text[a:b] for a, b in itertools.pairwise(bounds)]
    return [text]


def stack(text: str) -> list[str]:
    """``text`` one character under another (a tall, narrow cell), punctuation kept with the
    character before it: "三、本年度办理结果" → "三、", "本", "年", … — never "、" alone."""
    out: list[str] = []
    for ch in text:
        if out and (ch in NO_START or out[-1][-1] in NO_END):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _reads_well(text: str, cut: int) -> bool:
    return text[cut - 1] in GOOD_AFTER or text[cut] in NO_END


def orphaned(parts: list[str]) -> bool:
    """Does a label broken into ``parts`` leave one or two characters alone on a line?

    A stack of equally short lines ("商业 / 企业", "社会 / 公益 / 组织") or of single characters
    (:func:`stack`) is a deliberate shape, not an orphan; a short line beside longer ones
    ("自然 / 人") is one.
    """
    if len(parts) < 2 or parts == stack("".join(parts)):
        return False
    sizes = [len(p) for p in parts]
    return min(sizes) < 3 and min(sizes) < max(sizes)
