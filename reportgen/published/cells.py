"""Every cell of tables 二, 三 and 四 found by its printed labels, never by its position.

A value cell is named by the labels printed with it: the label cells of its row (``（三）
不予公开`` · ``1.属于国家秘密``) and the header cells above it in its column (``申请人情况`` ·
``法人或其他组织`` · ``商业企业``). Labels are compared after folding what real files vary
(full-width digits and brackets, spaces, no-break spaces, line breaks, quotes, the
enumerator's punctuation). So a table split into pieces, a merged label column written as
several merges, extra or missing grid columns, a transposed block: all read the same.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from reportgen.format import UNITS, Field, Format, Kind
from reportgen.grid import Role
from reportgen.published.document import SPACES, Table

# What a blank cell may print besides nothing; anything dash-like becomes the em dash.
BLANKS = ("", "—", "－", "-", "/", "无")
_DASHES = set("—－-–―‒─━") | {"——", "--", "－－", "／", "\\", "无", "/"}
_UNIT_WORDS = ("件", "个", "项", "条", "次", "人次", "家", "份", "宗", "起", "例")
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_ENUM = re.compile(r"^(?:\(?[一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十\d]{1,3}[、.,])")
# A number, then a note: not "1.属于国家秘密" or "2、重复申请" (an enumerated label).
_NOTE = re.compile(r"^[+-]?\d+(?:\.\d+)?(?![.、,\d])\S")
_SPACE = re.compile(f"[{SPACES}\\s]+")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A label or value as compared: NFKC (full-width digits, brackets), no spaces, no quotes."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"[“”\"'‘’「」]", "", _SPACE.sub("", folded))


@functools.lru_cache(maxsize=8192)
def bare(text: str) -> str:
    """A folded label without its enumerator: ``(三)不予公开`` → ``不予公开``, ``1、重复申请`` → ``重复申请``."""
    return _ENUM.sub("", fold(text), count=1)


@dataclass(frozen=True)
class Printed:
    """A cell's text read as a value: a number, or text the input keeps as typed."""

    value: int | Decimal | str  # str: blank "", a dash, or a number with a note
    unit: str = ""  # 元 / 万元 printed after an amount
    dropped: str = ""  # what was left out: a unit word (件), thousands separators


@functools.lru_cache(maxsize=4096)
def value_of(text: str, kind: Kind = Kind.COUNT) -> Printed | None:
    """The value printed in a cell, or None when the text is a label, not a value."""
    shown = _SPACE.sub(" ", text).strip()
    folded = fold(text)
    if folded == "":
        return Printed("")
    if folded in _DASHES or set(folded) <= set("—－-–―"):
        return Printed(folded if folded in BLANKS else "—" if folded not in ("/", "／", "无") else "/")
    unit = ""
    core = folded
    for word in ("万元", "亿元", "元"):
        if core.endswith(word) and _NUMBER.match(core[: -len(word)]):
            unit, core = word, core[: -len(word)]
            break
    dropped = ""
    if not unit:
        for word in _UNIT_WORDS:
            if core.endswith(word) and _NUMBER.match(core[: -len(word)]):
                dropped, core = word, core[: -len(word)]
                break
    m = _NUMBER.match(core)
    if m:
        sign, digits, frac = m.groups()
        if "," in digits:
            dropped = (dropped + " 千位分隔符").strip()
        number = f"{'-' if sign == '-' else ''}{digits.replace(',', '')}{frac or ''}"
        try:
            value: int | Decimal = Decimal(number) if frac or kind is Kind.AMOUNT else int(number)
        except (ValueError, InvalidOperation):
            return None
        return Printed(value, unit, dropped)
    if _NOTE.match(folded):
        return Printed(shown)  # a number with a note: "15（其中修订3件）", kept as printed
    return None


@dataclass(frozen=True)
class Found:
    """A value found in a table, and where."""

    field: Field
    printed: Printed
    place: str
    row_label: str = ""  # the row's label as printed, when it differs from the format's


@dataclass
class Reading:
    """What the tables of one section gave: values by field id, and what could not be placed."""

    values: dict[str, Found] = field(default_factory=dict)
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (place, text)
    row_labels: dict[str, str] = field(default_factory=dict)  # official row → printed (variant)
    groups: dict[str, str] = field(default_factory=dict)  # a group printed as one row: first item → label
    columns: dict[str, str] = field(default_factory=dict)  # official column header → as printed
    notes: list[tuple[str, str]] = field(default_factory=list)  # (place, what was changed)


class Labels:
    """The labels a format prints in one section's table, folded for comparison."""

    def __init__(self, fmt: Format, section: str) -> None:
        self.fmt = fmt
        self.section = section
        self.fields = [f for f in fmt.fields if f.section == section and f.kind is not Kind.UNIT]
        self.rows = list(dict.fromkeys(f.row for f in self.fields))
        self.columns = list(dict.fromkeys(f.column for f in self.fields))
        self.groups = list(dict.fromkeys(f.group for f in self.fields if f.group))
        grid_id = next(s.table for s in fmt.sections if s.key == section)
        self.texts = {fold(c.text) for row in fmt.grids[grid_id or ""].rows for c in row if c.text}
        self.texts |= {fold(x) for x in (*self.rows, *self.columns, *self.groups)}
        self.texts |= {bare(x) for x in self.rows if len(bare(x)) > 2}
        self.head_texts = {fold(c.text) for row in fmt.grids[grid_id or ""].rows for c in row
                           if c.role in (Role.HEAD, Role.TITLE)} | {fold(c) for c in self.columns}
        self._cache: dict[tuple[str, ...], tuple[str, str] | None] = {}
        # table 四 names its rows (行政复议, …) in the header, column by column
        self.section_is_t4 = any(f.column == "结果维持" for f in self.fields)
        self._head_rows = {fold(r) for r in self.rows} if self.section_is_t4 else set()
        self._bare_columns = {bare(c) for c in self.columns}
        # groups a report may print as one row (（六）其他处理 with no items): label → first item row
        grid = fmt.grids[grid_id or ""]
        self.group_rows = {
            g.label: fmt.field(next(c.field for c in g.row if c.field)).row
            for g in getattr(grid, "groups", ())
            if any(c.field for c in g.row)
        }

    def row(self, texts: list[str]) -> tuple[str, str] | None:
        """The format's row named by some of ``texts`` (most specific last): (row, printed)."""
        key = ("row", *texts)
        if key not in self._cache:
            self._cache[key] = self._row(texts)
        return self._cache[key]

    def column(self, texts: list[str]) -> tuple[str, str] | None:
        key = ("column", *texts)
        if key not in self._cache:
            self._cache[key] = self._column(texts)
        return self._cache[key]

    def _row(self, texts: list[str]) -> tuple[str, str] | None:
        candidates = _candidates(texts)
        for text in reversed(candidates):
            for row in self.rows:
                if fold(row) == fold(text):
                    return row, text
        for text in reversed(candidates):
            b = bare(text)
            hits = [row for row in self.rows if bare(row) == b and b]
            if len(hits) == 1:
                return hits[0], text
            if len(hits) > 1:
                groups = [bare(t) for t in candidates]
                for row in hits:
                    f = next(f for f in self.fields if f.row == row)
                    if bare(f.group) in groups:
                        return row, text
        for text in reversed(candidates):
            b = bare(text)
            if len(b) < 2 or b in self._bare_columns or fold(text) in self.texts or b in self.texts:
                continue
            near = _near(b, {bare(r): r for r in self.rows})
            if near:
                return near, text
        return None

    def _column(self, texts: list[str]) -> tuple[str, str] | None:
        for text in reversed(texts):
            for col in self.columns:
                if fold(col) == fold(text):
                    return col, text
        for text in reversed(texts):
            t = fold(text)
            hits = [c for c in self.columns if len(fold(c)) > 2 and fold(c) in t]
            if len(hits) == 1:
                return hits[0], text
            near = _near(t, {fold(c): c for c in self.columns}) if len(t) > 2 else None
            if near:
                return near, text
        return None

    def score(self, table: Table) -> int:
        seen = {fold(c.text) for row in table.rows for c in row if c.text.strip()}
        seen |= {fold(t) for t in table.heads}
        seen |= {bare(c.text) for row in table.rows for c in row if c.text.strip()}
        return len(seen & self.texts)

    def heading_row(self, texts: list[str]) -> bool:
        folded = {fold(t) for t in texts}
        return bool(folded & self.head_texts) or bool(folded & self._head_rows)


_ENUM_INSIDE = re.compile(r"(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")


def _candidates(texts: list[str]) -> list[str]:
    """The texts, adjacent pairs joined, and each text from every enumerator inside it on
    (a label wrapped over lines in a PDF carries the tail of the row above)."""
    out = list(texts)
    for i in range(len(texts) - 1):
        out.append(texts[i] + texts[i + 1])
    for t in texts:
        for m in _ENUM_INSIDE.finditer(t):
            if m.start() > 0:
                out.append(t[m.start() :])
    return out


def _near(text: str, choices: dict[str, str]) -> str | None:
    """A label printed a little differently: one contains the other, or they are close."""
    contained = [v for k, v in choices.items() if len(k) > 2 and (k in text or text in k)]
    if len(contained) == 1:
        return contained[0]
    close = difflib.get_close_matches(text, list(choices), n=1, cutoff=0.75)
    if close:
        return choices[close[0]]
    # most of a label, with a few characters of another cell stuck in (a PDF's wrapped labels)
    scored = []
    for k, v in choices.items():
        if min(len(k), len(text)) < 5:
            continue
        m = sum(b.size for b in difflib.SequenceMatcher(None, text, k, autojunk=False).get_matching_blocks())
        scored.append((m / min(len(k), len(text)), v))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= 0.85 and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.1):
        return scored[0][1]
    return None


def read(tables: list[Table], labels: Labels, name: str) -> Reading:
    """The values of one section's table, printed as ``tables`` (one or several pieces)."""
    out = Reading()
    header: list[list[str]] = []  # the header block above the current rows: one list per header row
    offset = 0
    previous_was_header = False  # a header block may go on into the next piece
    for piece in tables:
        rows = piece.rows
        for r, row in enumerate(rows):
            number = offset + r + 1
            origins = _distinct(row)
            texts = [c.text for _, c in origins]
            kinds = [value_of(t) for t in texts]
            has_number = any(k is not None and k.value != "" for k in kinds)
            if not has_number and labels.heading_row(texts):
                if not previous_was_header:
                    header = []  # a new header block: this piece's own, or the next block of 二
                previous_was_header = True
                header.append([c.text for c in row])
                continue
            previous_was_header = False
            stacks = _stacks(header, len(row))
            _data_row(out, labels, name, number, row, stacks)
        offset += len(rows)
    return out


def _distinct(row: tuple) -> list[tuple[int, object]]:
    seen: set[tuple[int, int]] = set()
    out = []
    for col, cell in enumerate(row):
        if cell.origin not in seen:
            seen.add(cell.origin)
            out.append((col, cell))
    return out


def _stacks(header: list[list[str]], width: int) -> list[list[str]]:
    """For each column of a row ``width`` wide, the header texts above it (aligned from the right)."""
    out: list[list[str]] = []
    for col in range(width):
        stack: list[str] = []
        for hrow in header:
            k = col - (width - len(hrow))
            if 0 <= k < len(hrow) and hrow[k].strip() and (not stack or stack[-1] != hrow[k]):
                stack.append(hrow[k])
        out.append(stack)
    return out


def _in_order(
    out: Reading, labels: Labels, name: str, number: int, row: tuple, found_row: tuple[str, str] | None
) -> bool:
    """A row whose columns no header names (text, a PDF's text layer): its values are taken in
    the official column order, when their number fits the row (with or without its totals)."""
    origins = _distinct(row)
    values = [c for _, c in origins if value_of(c.text) is not None]
    if found_row is not None:
        fields = [f for f in labels.fields if f.row == found_row[0]]
        printed = found_row[1]
    elif labels.section_is_t4:
        fields = list(labels.fields)
        printed = ""
    else:
        return False
    while values and len(values) > len(fields) and value_of(values[-1].text) == Printed(""):
        values.pop()  # padding of a ragged text table
    for chosen in (fields, [f for f in fields if not f.computed]):
        if len(values) == len(chosen) and chosen:
            for f, cell in zip(chosen, values, strict=True):
                printed_value = value_of(cell.text, f.kind)
                if printed_value is None:
                    continue
                place = f"{name} 第{number}行 {f.column}"
                if f.id not in out.values:
                    out.values[f.id] = Found(f, printed_value, place, printed)
            if found_row is not None:
                _printed_label(out, labels, found_row)
            return True
    return False


def _data_row(out: Reading, labels: Labels, name: str, number: int, row: tuple, stacks: list[list[str]]) -> None:
    origins = _distinct(row)
    columns = {col: labels.column(stacks[col]) for col, _ in origins}
    if not any(columns.values()):
        texts = [c.text for _, c in origins if value_of(c.text) is None and c.text.strip()]
        found = labels.row(texts) if texts else None
        group = _group(labels, texts) if texts and (found is None or _is_group(labels, found)) else None
        if group is not None:
            found = (labels.group_rows[group[0]], group[1])
            out.groups[found[0]] = _one_line(group[1])
        if _in_order(out, labels, name, number, row, found):
            return
    label_texts = [c.text for col, c in origins if (columns[col] is None or value_of(c.text) is None) and c.text.strip()]
    label_texts = [t for t in label_texts if value_of(t) is None]
    found_row = labels.row(label_texts)
    group = _group(labels, label_texts) if found_row is None or _is_group(labels, found_row) else None
    if group is not None:
        out.groups[labels.group_rows[group[0]]] = _one_line(group[1])
        found_row = (labels.group_rows[group[0]], group[1])
    placed_any = False
    for col, cell in origins:
        if cell.text in label_texts and value_of(cell.text) is None:
            continue
        column = columns.get(col)
        row_name = found_row
        if labels.section_is_t4 and (row_name is None or column is None or labels.fmt.find((labels.section, row_name[0], column[0])) is None):
            row_name = labels.row(stacks[col]) or row_name
        if column is None or row_name is None:
            if cell.text.strip():
                where = f"{name} 第{number}行"
                out.unplaced.append((where, _shown(row, cell.text)))
            continue
        f = labels.fmt.find((labels.section, row_name[0], column[0]))
        if f is None:
            if fold(cell.text):
                out.unplaced.append((f"{name} 第{number}行 {_one_line(column[1])}", _shown(row, cell.text)))
            continue
        printed = value_of(cell.text, f.kind)
        if printed is None:
            out.unplaced.append((f"{name} 第{number}行 {_one_line(column[1])}", cell.text))
            continue
        place = f"{name} 第{number}行 {_one_line(column[1])}"
        if f.id in out.values:
            if out.values[f.id].printed != printed:
                out.unplaced.append((place, f"{_one_line(row_name[1])}（{_one_line(column[1])}）又印作 {cell.text}"))
            continue
        placed_any = True
        out.values[f.id] = Found(f, printed, place, row_name[1])
        if fold(column[1]) != fold(column[0]) or (" " in column[1].strip() or "\u3000" in column[1].strip()):
            out.columns.setdefault(column[0], _one_line_kept(column[1]))
        _printed_label(out, labels, row_name)
        if printed.dropped:
            out.notes.append((place, f"“{cell.text.strip()}”读作 {printed.value}（去掉了{printed.dropped}）"))
    if not placed_any and label_texts and found_row is None:
        text = " | ".join(_one_line(c.text) for _, c in origins if c.text.strip())
        if any(fold(t) not in labels.texts for t in label_texts):
            out.unplaced.append((f"{name} 第{number}行", text))


def _printed_label(out: Reading, labels: Labels, found: tuple[str, str]) -> None:
    """The row's label as printed, when it is the official one written otherwise (spaces,
    full-width forms, 、 after the number, a listed variant) — not a guess from fragments."""
    official, text = found
    shown = _one_line_kept(text)
    if labels.section_is_t4 or shown == official or official in out.groups:
        return
    same = _label_fold(shown) == _label_fold(official) or labels.fmt.row_variants.get(shown) == official
    # a label misprinted (2.其他法律行政止公开): the same number, most of the words
    number, official_number = _ENUM.match(fold(shown)), _ENUM.match(fold(official))
    misprinted = (
        number is not None
        and official_number is not None
        and number.group() == official_number.group()
        and difflib.SequenceMatcher(None, bare(shown), bare(official)).ratio() >= 0.8
        and len(bare(shown)) <= len(bare(official)) + 2
        and bare(shown)[-2:] == bare(official)[-2:]  # whole (not a piece cut off by a wrap)
        and bare(shown)[:2] == bare(official)[:2]
    )
    if same or misprinted:
        out.row_labels.setdefault(official, shown)


def _label_fold(text: str) -> str:
    folded = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"^(\d+)、", r"\1.", folded)


def _group(labels: Labels, texts: list[str]) -> tuple[str, str] | None:
    """A group label printed as a row of its own, with numbers (（六）其他处理 without its items)."""
    for text in reversed(texts):
        for label in labels.group_rows:
            if fold(text) == fold(label):
                return label, text
    return None


def _is_group(labels: Labels, found: tuple[str, str]) -> bool:
    return any(fold(found[1]) == fold(g) for g in labels.group_rows)


def _one_line_kept(text: str) -> str:
    """A label as printed, its line breaks (a narrow column's wrapping) taken out."""
    return text.replace("\n", "").strip()


def _one_line(text: str) -> str:
    return _SPACE.sub("", text.replace("\n", ""))


def _shown(row: tuple, text: str) -> str:
    labels = [c.text for _, c in _distinct(row) if value_of(c.text) is None and c.text.strip()]
    return " | ".join([*(_one_line(t) for t in labels), text.strip()])


def classify(table: Table, candidates: list[Labels]) -> Labels | None:
    """The section whose table this is (or a piece of it), by the labels it prints."""
    scored = sorted(((lab.score(table), i) for i, lab in enumerate(candidates)), reverse=True)
    if not scored or scored[0][0] < 2:
        return None
    return candidates[scored[0][1]]


def units_in(texts: list[str]) -> str:
    for unit in UNITS[::-1]:
        if any(unit in t for t in texts):
            return unit
    return ""
