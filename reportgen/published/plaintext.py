"""Reading text (copied from a page or a PDF) into the neutral document.

Prose: one paragraph a line (for a PDF's text layer, :mod:`.pdffile` first joins the lines
of a paragraph). Tables are found by their lines: cells separated by ``|``, by tabs (a
table copied from a browser) or by runs of spaces (pdftotext's layout), a row label
followed by its numbers, or one cell a line. A row is its label (the label lines since
the last row of numbers, joined: labels wrap in narrow columns) and its numbers; the header
lines are not kept, so the cells are matched by the row's label and the official column
order (:mod:`.cells` falls back to that order when no header names a column).
"""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.formats import FORMATS
from reportgen.grid import Role
from reportgen.published.cells import bare, fold, value_of
from reportgen.published.document import Block, Document, Paragraph, Run, Spanned, grid

_SPLIT = re.compile(r"\t+|\s{2,}|[\u3000]{2,}")
_TAIL = re.compile(r"^(.*?[^\d\s.,/—－-])\s+((?:[\d,.]+|[/—－-])(?:\s+(?:[\d,.]+|[/—－-]))*)$")


def _labels() -> tuple[set[str], set[str]]:
    """Every label printed in the tables of every format (folded), and the header labels."""
    labels: set[str] = set()
    heads: set[str] = set()
    for fmt in FORMATS.values():
        for g in fmt.grids.values():
            for row in g.rows:
                for c in row:
                    if c.text:
                        labels.add(fold(c.text))
                        if c.role in (Role.HEAD, Role.TITLE):
                            heads.add(fold(c.text))
        for f in fmt.fields:
            labels |= {fold(f.row), fold(f.column), fold(f.group)} - {""}
            heads.add(fold(f.column))
    return labels, heads


LABELS, HEADS = _labels()
_LONG = tuple(x for x in LABELS if len(x) >= 6)
_GLUED = re.compile(r"^(.*[\u4e00-\u9fff）)])(\d+)$")


def _part_of_label(text: str) -> bool:
    f = fold(text)
    return len(f) >= 4 and any(f in label for label in _LONG)


def read(path: Path) -> Document:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)  # a Word bookmark, as some converters write it
    lines = text.splitlines()
    if _laid_out(lines):
        from reportgen.published import pdffile

        return pdffile.parse(text, "文本")
    return parse(lines, "文本")


def _laid_out(lines: list[str]) -> bool:
    """Text kept in a PDF's layout (``pdftotext -layout``): many lines indented or set in
    columns, page numbers on lines of their own."""
    body = [x for x in lines if x.strip()]
    if len(body) < 10:
        return False
    indented = sum(1 for x in body if re.match(r"^ {2,}\S", x) or re.search(r"\S {3,}\S", x))
    return indented * 4 >= len(body)


def cells_of(line: str) -> list[str]:
    """A table line's cells: ``|``-separated, tab- or space-separated, or a label and its numbers."""
    s = line.strip()
    if (s.count("|") >= 1 and not s.startswith("|")) or s.count("|") >= 2:
        parts = [p.strip() for p in s.strip("|").split("|")]
        return parts
    parts = []
    for p in _SPLIT.split(s):
        m = _GLUED.match(p.strip())
        parts += [m.group(1), m.group(2)] if m else [p] if p.strip() else []
    if len(parts) == 1:
        m = _TAIL.match(s)
        if m:
            return [m.group(1).strip(), *m.group(2).split()]
    return parts


def _value(text: str) -> bool:
    v = value_of(text)
    return v is not None and not (isinstance(v.value, str) and v.value == "" and text.strip())


def _heading(text: str) -> bool:
    from reportgen.published.recogniser import _h1

    if not _h1(text):
        return False
    cells = cells_of(text)
    if any(_value(c) for c in cells[1:]):
        return False  # a table row whose label starts like a heading (三、（一）予以公开  2  0 …)
    return fold(cells[0]) not in LABELS and fold(text) not in LABELS


def is_table_line(line: str, inside: bool) -> bool:
    s = line.strip()
    if not s:
        return inside
    f = fold(s)
    if _heading(s):
        return False
    if f in LABELS or bare(s) in {bare(x) for x in LABELS if len(bare(x)) > 2}:
        return True
    cells = cells_of(s)
    if len(cells) >= 2 and any(_value(c) for c in cells):
        return True
    if inside and any(_part_of_label(c) for c in cells):
        return True  # a piece of a long label wrapped over lines
    if len(cells) >= 2 and sum(fold(c) in LABELS for c in cells) * 2 >= len(cells):
        return True  # a header line: column labels side by side
    if inside and len(f) <= 40 and not re.search(r"[。，；;：:]", s) and not _heading(s):
        return True  # header pieces and numbers set out in columns
    if "|" in s and len(cells) >= 2:
        return True
    if _value(s) and (inside or re.fullmatch(r"[\d,.]+", f)):
        return inside
    if inside and len(f) <= 14 and not re.search(r"[。；;]", s):
        return True  # a label wrapped in a narrow column
    return False


def parse(lines: list[str], form: str, join: bool = False) -> Document:
    """``lines`` → blocks. Each prose line is a paragraph; with ``join`` (a PDF's layout
    text) a paragraph starts on an indented line and goes on over the lines below it."""
    blocks: list[Block] = []
    margin = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    open_paragraph = False
    count = {"p": 0, "t": 0}
    region: list[str] = []
    inside = False

    def flush_table() -> None:
        nonlocal region
        table_lines = region
        region = []
        rows, heads = _rows(table_lines)
        if rows:
            count["t"] += 1
            blocks.append(grid([[Spanned(c) for c in r] for r in rows], f"第{count['t']}个表格", heads=heads))

    k = 0
    while k < len(lines):
        line = lines[k]
        if is_table_line(line, inside) and (inside or _starts_table(lines, k)):
            inside = True
            region.append(line)
            k += 1
            continue
        if inside:
            flush_table()
            inside = False
            open_paragraph = False
        stripped = line.strip()
        if not stripped:
            k += 1
            continue
        if len(fold(stripped)) <= 2 and _next_is_table(lines, k):
            k += 1  # a piece of a label set vertically beside the table (三、本年度办理结果)
            continue
        indent = len(line) - len(line.lstrip()) - margin
        last = blocks[-1] if blocks else None
        if join and open_paragraph and indent < 2 and isinstance(last, Paragraph):
            blocks[-1] = Paragraph((Run(last.text + stripped),), place=last.place)
        else:
            count["p"] += 1
            blocks.append(Paragraph((Run(stripped),), place=f"第{count['p']}段"))
            open_paragraph = True
        if join and _ends_heading(stripped):
            open_paragraph = False
        k += 1
    if inside:
        flush_table()
    return Document(blocks, form)


def _next_is_table(lines: list[str], k: int) -> bool:
    for j in range(k + 1, min(len(lines), k + 6)):
        if lines[j].strip():
            return is_table_line(lines[j], False) and _starts_table(lines, j)
    return False


def _ends_heading(text: str) -> bool:
    """A short line that is a heading or ends a sentence: the next line starts a paragraph."""
    from reportgen.published.recogniser import _h1, _h2

    whole = "。" not in text.rstrip("。：:") and "，" not in text
    return _h1(text) or (_h2(text) and len(text) <= 30 and whole) or (text.endswith(("。", "：", ":")) and len(text) < 20)


def _starts_table(lines: list[str], k: int) -> bool:
    """A table starts here: this line and the next few are table lines, with numbers among them."""
    window = [x for x in lines[k : k + 40] if x.strip()][:25]
    table = 0
    numbers = 0
    for x in window:
        if not is_table_line(x, True):
            break
        table += 1
        numbers += any(_value(c) for c in cells_of(x))
    first = fold(lines[k].strip())
    known = first in LABELS or "|" in lines[k] or all(fold(c) in LABELS for c in cells_of(lines[k]))
    return table >= 3 and numbers >= 1 and (known or numbers >= 2)


def _rows(lines: list[str]) -> tuple[list[list[str]], tuple[str, ...]]:
    """Rows of label + values (label lines since the last row of values are joined into its
    label), and the header labels seen (they tell which table it is)."""
    rows: list[list[str]] = []
    buffer: list[str] = []
    heads: list[str] = []
    continued = False  # the last row was started by a line holding one value: more may follow
    for line in lines:
        cells = [c for c in cells_of(line) if c != ""] if "|" not in line else cells_of(line)
        if not cells:
            continue
        values = [c for c in cells if _value(c)]
        labels = [c for c in cells if not _value(c)]
        if not values:
            for c in labels:
                if fold(c) in HEADS:
                    heads.append(c)
                    buffer = []  # a header: what came before is not a row label
                elif len(fold(c)) > 1 or re.match(r"[\u4e00-\u9fff、]", fold(c)) is None:
                    buffer.append(c)
            continue
        if all(fold(c) in HEADS for c in labels) and labels:
            heads.extend(labels)
            buffer = []
            labels = []
        labels = [c for c in labels if len(fold(c)) > 1 or not re.match(r"[\u4e00-\u9fff、]", fold(c))]
        label = "".join([*buffer, *labels])
        buffer = []
        if "|" in line:
            rows.append(cells)
            continued = False
        elif not label and continued and rows:
            rows[-1].extend(values)  # one cell a line: the row's next value
        else:
            rows.append([label, *values] if label else values)
            continued = len(cells) == 1
    return rows, tuple(heads)
