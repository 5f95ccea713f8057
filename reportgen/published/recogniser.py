"""Finding the parts of an annual report in a neutral document.

Title, agency and year (from the title, else the text), the format (from the tables'
labels), the six sections by their headings (variants, renumbered, missing or extra
ones), subsections standing alone or run into their first paragraph, preamble, byline,
落款, prose paragraphs with their line breaks, and the tables of 二, 三 and 四 (whose cells
:mod:`reportgen.published.cells` reads). What cannot be placed is kept, with where it was
found, for the writer to put into the file as a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportgen.format import Format
from reportgen.formats import FORMATS, for_year
from reportgen.published import cells
from reportgen.published.cells import Found, Labels, bare, fold
from reportgen.published.document import Block, Document, Paragraph, Run, Table

NUMERALS = "一二三四五六七八九十"
_H1 = re.compile(rf"^(?:[{NUMERALS}]{{1,3}}\s*[、.．]|第[{NUMERALS}]{{1,3}}部分)")
_H2 = re.compile(rf"^[（(]\s*[{NUMERALS}]{{1,3}}\s*[)）]")
_ORPHAN = re.compile(rf"^\s*([（(]\d{{1,2}}[)）]|\d{{1,2}}[.、])[\s\u3000]{{2,}}(?=[（(]?[{NUMERALS}]{{1,3}}[)）、])")
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_CN_DATE = re.compile(r"^[〇○零O一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")
_TITLE_WORDS = ("政府信息公开", "报告")
_AGENCY_END = re.compile(r"(局|委|委员会|办|办公室|政府|院|会|室|中心|处|所|队|部|厅|署|街道办事处|街道|镇|乡|集团|公司|站|馆|台|社)$")
_CHROME = re.compile(
    r"(打印|关闭|分享|扫一扫|字号|【?大\s*中\s*小】?|责任编辑|浏览次数|访问量|上一篇|下一篇|网站地图|版权所有|ICP|公网安备|"
    r"主办单位|承办|联系我们|相关链接|收藏|返回顶部|发布时间|来源：|信息来源|点击数|纠错)"
)

# Words that name each section in its heading, most telling first.
SECTION_WORDS = (
    ("总体情况", "总体概述", "概述", "总体", "基本情况"),
    ("主动公开",),
    ("收到和处理", "依申请", "申请"),
    ("复议", "诉讼"),
    ("问题", "改进", "整改"),
    ("其他需要报告", "其他事项", "其他"),
)


class NotReport(Exception):
    """The document is not recognisable as an annual report; the message says why."""


@dataclass(frozen=True)
class Text:
    text: str
    place: str


@dataclass
class Sub:
    heading: str
    run_in: bool
    paragraphs: list[Text]
    place: str


@dataclass
class Part:
    key: str | None  # the canonical section, or None for an extra part
    heading: str  # as printed; "" when the heading is not printed
    place: str
    paragraphs: list[Text] = field(default_factory=list)
    subsections: list[Sub] = field(default_factory=list)
    after: list[Text] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    comments: list[Text] = field(default_factory=list)  # what could not be placed, found here


@dataclass
class Recognised:
    format: Format
    agency: str
    year: int
    title: str  # as printed (a line break where it was broken), "" when the usual title
    title_place: str
    byline: list[Text]
    preamble: list[Text]
    signature: list[Text]  # 落款
    parts: list[Part]
    values: dict[str, Found]
    row_labels: dict[str, str]  # official row → as printed
    groups: dict[str, str]  # a group printed as one row: its first item → the label printed
    run_in_face: str  # how the run-in headings are set off (加粗, 楷体, 黑体), "" when unknown
    texts: dict[str, dict[str, str]]  # section → official header → as printed
    top_comments: list[Text]  # what could not be placed before the first section
    findings: list[Text]  # what the clerk should know: unplaced, changed, missing (place, message)
    ignored: int = 0  # blocks of a web page around the report (navigation, footer)
    format_named: bool = False  # the tables say another format than the year's


def recognise(doc: Document) -> Recognised:
    blocks = doc.blocks
    heads = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and _h1(b.text)]
    tables = [i for i, b in enumerate(blocks) if isinstance(b, Table)]
    if not heads and not tables:
        raise NotReport("没有找到“一、总体情况”等各部分的标题，也没有表格")
    inside = _inside(blocks, heads, tables)
    t = _title(blocks, heads[0] if heads else tables[0])
    if t is None:
        raise NotReport("没有找到报告标题（应当含有“政府信息公开工作年度报告”）")
    title_start, title_end, title = t
    agency, year = _agency_year(title)
    fmt_tables = [blocks[i] for i in tables if isinstance(blocks[i], Table)]
    body = [b for i, b in enumerate(blocks) if i > title_end and inside[i]]
    ignored = sum(1 for i, b in enumerate(blocks) if i > title_end and not inside[i])
    before = [b for i, b in enumerate(blocks) if i < title_start and inside[i]]
    if year is None:
        year = _year_in(body)
    if year is None:
        raise NotReport("标题和正文中都没有找到报告年度（如“2021年政府信息公开工作年度报告”）")
    fmt, named = _format(fmt_tables, year)
    r = _Recogniser(fmt, doc.form)
    r.run(body)
    if not agency:
        agency = _agency_from(r.signature, r.byline)
    if not agency:
        raise NotReport("标题中没有机关名称，落款中也没有找到")
    default = fmt.title_pattern.format(agency=agency, year=year)
    title = _unbroken(title, year)
    printed = title if fold(title) != fold(default) or "\n" in title else ""
    top = [Text(b.text, b.place) for b in before if isinstance(b, Paragraph)]
    top += [Text(_table_text(b), b.place) for b in before if isinstance(b, Table)]
    findings = [Text(x.text, x.place) for x in r.findings]
    for x in top:
        findings.append(Text(f"标题之前的内容没有归入报告：“{_short(x.text)}”", x.place))
    return Recognised(
        format=fmt,
        agency=agency,
        year=year,
        title=_clean_title(printed),
        title_place=blocks[title_start].place,
        byline=r.byline,
        preamble=r.preamble,
        signature=r.signature,
        parts=r.parts,
        values=r.values,
        row_labels=r.row_labels,
        groups=r.groups,
        run_in_face=max(set(r.faces), key=r.faces.count) if r.faces else "",
        texts=r.texts,
        top_comments=top,
        findings=findings,
        ignored=ignored,
        format_named=named,
    )


def _unbroken(title: str, year: int) -> str:
    """A title broken where reportgen itself breaks a long one (GB/T 9704 §7.3.3) is one line
    that was printed on two; a break anywhere else was typed, and is kept."""
    from reportgen.render import title as breaking

    lines = [line.strip() for line in title.split("\n") if line.strip()]
    joined = "".join(lines)
    if len(lines) > 1 and breaking.lines(joined, year) == lines:
        return joined
    return title


def _clean_title(title: str) -> str:
    return "\n".join(line.strip() for line in title.split("\n") if line.strip())


def _h1(text: str) -> bool:
    t = text.strip()
    if len(fold(t)) > 40 or "。" in t.rstrip("。") or "\n" in t:
        return False
    return bool(_H1.match(t))


def _h2(text: str) -> bool:
    return bool(_H2.match(text.strip()))


def _inside(blocks: list[Block], heads: list[int], tables: list[int]) -> list[bool]:
    """Which blocks belong to the report: those in the innermost element of a web page that
    holds every section heading and table (all of them, for a Word file or text)."""
    marks = [blocks[i].container for i in (*heads, *tables)]
    if not marks:
        return [True] * len(blocks)
    common = list(marks[0])
    for m in marks[1:]:
        n = 0
        while n < len(common) and n < len(m) and common[n] == m[n]:
            n += 1
        common = common[:n]
    prefix = tuple(common)
    return [b.container[: len(prefix)] == prefix for b in blocks]


def _title(blocks: list[Block], first: int) -> tuple[int, int, str] | None:
    """The title: the last paragraph before the first section that names the report."""
    for i in range(first - 1, -1, -1):
        b = blocks[i]
        if not isinstance(b, Paragraph):
            continue
        t = fold(b.text)
        after = blocks[i + 1] if i + 1 < first else None
        if (
            "政府信息公开" in t
            and "报告" not in t
            and isinstance(after, Paragraph)
            and len(fold(after.text)) <= 6
            and "报告" in fold(after.text)
        ):
            return i, i + 1, b.text + after.text  # a title wrapped at the page's width (PDF, text)
        if all(w in t for w in _TITLE_WORDS) and len(t) <= 80 and not b.text.rstrip().endswith(("。", "：", ":")):
            start = i
            prev = _previous_paragraph(blocks, i)
            if prev is not None and _title_line(blocks[prev], b):
                return prev, i, f"{blocks[prev].text}\n{b.text}"  # type: ignore[union-attr]
            return start, i, b.text
    return None


def _previous_paragraph(blocks: list[Block], i: int) -> int | None:
    j = i - 1
    return j if j >= 0 and isinstance(blocks[j], Paragraph) else None


def _title_line(prev: Block, title: Paragraph) -> bool:
    """The line before the title is its first line: the title does not name the agency, or
    begins with the year, and the line is short, unpunctuated and set like the title."""
    if not isinstance(prev, Paragraph):
        return False
    p, t = prev.text.strip(), fold(title.text)
    if not p or len(p) > 40 or re.search(r"[。，；：:,;]", p) or _CHROME.search(p):
        return False
    starts_with_year = bool(re.match(r"^\d{4}年", t)) or t.startswith("政府信息公开")
    same_set = prev.align == title.align and (prev.level == title.level)
    return starts_with_year and (same_set or bool(_AGENCY_END.search(p)))


_TITLE_PATTERNS = (
    re.compile(r"^(?P<agency>.+?)(?P<year>\d{4})年度?政府信息公开(?:工作)?(?:年度)?报告"),
    re.compile(r"^(?:关于)?(?P<year>\d{4})年度?(?P<agency>.*?)政府信息公开(?:工作)?(?:年度)?报告"),
    re.compile(r"^(?P<agency>.+?)政府信息公开(?:工作)?(?:年度)?报告[(（](?P<year>\d{4})年?度?[)）]"),
    re.compile(r"^(?P<agency>.*?)政府信息公开(?:工作)?(?:年度)?报告"),
)


def _agency_year(title: str) -> tuple[str, int | None]:
    t = fold(title)
    for pattern in _TITLE_PATTERNS:
        m = pattern.match(t)
        if m:
            agency = m.group("agency").removeprefix("关于").strip("的")
            year = int(m.group("year")) if "year" in m.groupdict() and m.group("year") else None
            return agency, year
    return "", None


def _year_in(body: list[Block]) -> int | None:
    for b in body[:20]:
        if isinstance(b, Paragraph):
            m = re.search(r"(\d{4})\s*年\s*1\s*月\s*1\s*日(?:起)?\s*至", b.text) or re.search(r"(\d{4})\s*年度", b.text)
            if m:
                return int(m.group(1))
    return None


def _agency_from(signature: list[Text], byline: list[Text]) -> str:
    for t in (*signature, *byline):
        line = t.text.split("\n")[0].strip()
        if line and not _is_date(line) and _AGENCY_END.search(line):
            return line
    return ""


def _format(tables: list[Block], year: int) -> tuple[Format, bool]:
    """The format the tables are printed in (their labels), else the year's."""
    by_year = for_year(year) or (FORMATS["2019"] if year < 2019 else list(FORMATS.values())[-1])
    scores: dict[str, int] = {}
    own = _OWN_LABELS or _OWN_LABELS.update(
        {k: _own_labels(f, [g for g in FORMATS.values() if g is not f]) for k, f in FORMATS.items()}
    ) or _OWN_LABELS
    for t in tables:
        if not isinstance(t, Table):
            continue
        texts = {c.text for row in t.rows for c in row}
        seen = {fold(x) for x in texts} | {bare(x) for x in texts}
        seen |= {fold(h) for h in t.heads}
        for k, labels in own.items():
            scores[k] = scores.get(k, 0) + len(seen & labels)
    best = max(scores.items(), key=lambda kv: kv[1], default=(by_year.id, 0))
    if best[0] != by_year.id and best[1] >= scores.get(by_year.id, 0) + 3:
        return FORMATS[best[0]], True  # the tables clearly say the other format
    return by_year, False


_OWN_LABELS: dict[str, set[str]] = {}  # format id → labels only it prints (computed once)


def _own_labels(fmt: Format, others: list[Format]) -> set[str]:
    def labels(f: Format) -> set[str]:
        out = set()
        for x in f.fields:
            out |= {fold(x.row), fold(x.column), bare(x.row)}
        return out

    mine = labels(fmt)
    for o in others:
        mine -= labels(o)
    return {m for m in mine if len(m) > 1}


def _is_date(text: str) -> bool:
    t = fold(text).strip("（）()")
    return bool(_DATE.match(t) or _CN_DATE.match(t))


def _table_text(t: Table) -> str:
    lines = []
    for row in t.rows:
        seen: list[str] = []
        for c in row:
            text = c.text.replace("\n", "")
            if not seen or seen[-1] != text:
                seen.append(text)
        lines.append(" | ".join(seen))
    return "\n".join(lines)


def _short(text: str, n: int = 30) -> str:
    one = text.replace("\n", " ")
    return one if len(one) <= n else one[:n] + "……"


_LABELS: dict[tuple[str, str], Labels] = {}


def labels_of(fmt: Format, section: str) -> Labels:
    """The labels of a section's table, made once per process (they cache what they matched)."""
    key = (fmt.id, section)
    if key not in _LABELS:
        _LABELS[key] = Labels(fmt, section)
    return _LABELS[key]


class _Recogniser:
    def __init__(self, fmt: Format, form: str) -> None:
        self.fmt = fmt
        self.form = form
        self.byline: list[Text] = []
        self.preamble: list[Text] = []
        self.signature: list[Text] = []
        self.parts: list[Part] = []
        self.values: dict[str, Found] = {}
        self.row_labels: dict[str, str] = {}
        self.groups: dict[str, str] = {}  # a group printed as one row: its first item → label
        self.faces: list[str] = []  # how each run-in heading was set off (加粗, 楷体, 黑体)
        self.texts: dict[str, dict[str, str]] = {}  # section → header printed differently
        self.findings: list[Text] = []
        self.labels = {s.key: labels_of(fmt, s.key) for s in fmt.sections if s.table}
        self.order = [s.key for s in fmt.sections]

    # -- sections -------------------------------------------------------------------
    def section_of(self, heading: str) -> str | None:
        """The canonical section a level-1 heading names (by its words), or None."""
        b = bare(heading)
        for s in self.fmt.sections:
            if b in {bare(s.key), *(bare(v) for v in s.variants)}:
                return s.key
        done = {p.key for p in self.parts}
        for k, words in enumerate(SECTION_WORDS):
            key = self.order[k]
            if key in done:
                continue
            if any(w in b for w in words):
                return key
        return None

    def current(self) -> Part | None:
        return self.parts[-1] if self.parts else None

    def run(self, body: list[Block]) -> None:
        body = self._signature(body)
        pieces: dict[str, list[Table]] = {}
        for block in body:
            if isinstance(block, Table):
                self.table(block, pieces)
            else:
                self.paragraph(block)
        for key, tables in pieces.items():
            reading = cells.read(tables, self.labels[key], _table_name(key))
            self.values.update(reading.values)
            self.row_labels.update(reading.row_labels)
            self.groups.update(reading.groups)
            if reading.columns:
                self.texts.setdefault(key, {}).update(reading.columns)
            part = next((p for p in self.parts if p.key == key), None)
            for place, text in reading.unplaced:
                self.findings.append(Text(f"表格中的这一项没有对应的格子，没有导入：{text}", place))
                if part is not None:
                    part.comments.append(Text(f"{place}：{text}", place))
            for place, text in reading.notes:
                self.findings.append(Text(text, place))
        self._complete_parts()

    def _complete_parts(self) -> None:
        """A section the report does not print at all is written with an empty heading."""
        have = {p.key for p in self.parts}
        for s in self.fmt.sections:
            if s.key not in have:
                self.findings.append(Text(f"原文没有“{s.key}”这一部分（导入为不印标题的空白部分）", ""))
                self.parts.append(Part(s.key, "", ""))
        ordered = [p for p in self.parts if p.key is not None]
        ordered.sort(key=lambda p: self.order.index(p.key or ""))
        # extra parts stay after the section they follow
        out: list[Part] = []
        extras: dict[str | None, list[Part]] = {}
        last: str | None = None
        for p in self.parts:
            if p.key is None:
                extras.setdefault(last, []).append(p)
            else:
                last = p.key
        for p in ordered:
            out.append(p)
            out.extend(extras.get(p.key, []))
        out = extras.get(None, []) + out
        self.parts = out

    def _signature(self, body: list[Block]) -> list[Block]:
        """Take the 落款 (agency and date, usually right-aligned) and anything after it off the end."""
        end = len(body)
        while end > 0 and isinstance(body[end - 1], Paragraph) and _CHROME.search(body[end - 1].text) and len(body[end - 1].text) < 60:  # type: ignore[union-attr]
            end -= 1
        k = end
        found_date = False
        while k > 0 and isinstance(body[k - 1], Paragraph):
            p = body[k - 1]
            assert isinstance(p, Paragraph)
            t = p.text.strip()
            lines = [x.strip() for x in t.split("\n") if x.strip()]
            if all(_is_date(x) for x in lines):
                found_date = True
            elif not (
                len(fold(t)) <= 40
                and not re.search(r"[。；;]", t)
                and (p.align == "right" or all(_AGENCY_END.search(x) or _is_date(x) for x in lines))
                and not _h1(t)
                and not _h2(t)
            ):
                break
            k -= 1
            if k < end - 4:
                break
        tail = [b for b in body[k:end] if isinstance(b, Paragraph)]
        if tail and (found_date or all(b.align == "right" for b in tail)):
            self.signature = [Text(b.text, b.place) for b in tail]
            return body[:k]
        return body[:end]

    def paragraph(self, p: Paragraph) -> None:
        text = p.text
        if not text.strip():
            return
        orphan = _ORPHAN.match(text)
        if orphan:  # a list number left in front of a heading (Word's numbering, converted to text)
            self.findings.append(Text(f"段首多余的编号“{orphan.group(1)}”没有导入", p.place))
            text = text[orphan.end() :]
            p = Paragraph((Run(text, p.runs[-1].emphasis if p.runs else ""),), p.align, p.level, p.place, p.container)
        if not re.search(r"[\w\u4e00-\u9fff]", text):
            self.findings.append(Text(f"只有标点的一段“{text.strip()}”没有导入", p.place))
            return
        part = self.current()
        if _h1(text) or (p.level == 2 and not _h2(text) and len(fold(text)) <= 30 and self.section_of(text)):
            key = self.section_of(text)
            if key is not None and key not in {x.key for x in self.parts}:
                self.parts.append(Part(key, text.strip(), p.place))
                return
            if key is None and self._next_numeral(text):
                self.parts.append(Part(None, text.strip(), p.place))
                self.findings.append(Text(f"“{text.strip()}”不是格式中的六个部分之一，作为增加部分导入", p.place))
                return
        if part is None:
            if not self.preamble and self._byline(p):
                self.byline.append(Text(text, p.place))
            else:
                self.preamble.append(Text(text, p.place))
            return
        spec = next((s for s in self.fmt.sections if s.key == part.key), None)
        if part.tables or (spec is not None and spec.table and part.after):
            part.after.append(Text(text, p.place))
            return
        if _h2(text):
            heading, rest, run_in = self._split_h2(p)
            if heading:
                part.subsections.append(
                    Sub(heading, run_in, [Text(rest, p.place)] if rest else [], p.place)
                )
                return
        if part.subsections:
            part.subsections[-1].paragraphs.append(Text(text, p.place))
        else:
            part.paragraphs.append(Text(text, p.place))

    def _next_numeral(self, text: str) -> bool:
        """A level-1 heading numbered as the next part (七、 after 六、): an extra part."""
        m = re.match(rf"^([{NUMERALS}]{{1,3}})", text.strip())
        if not m:
            return False
        n = _numeral_value(m.group(1))
        return n > len([p for p in self.parts])

    def _byline(self, p: Paragraph) -> bool:
        t = p.text.strip()
        if len(fold(t)) > 40 or t.endswith(("。", "；")):
            return False
        if p.align == "center" or _is_date(t) or re.match(r"^[（(].*[)）]$", t):
            return True
        return False

    def _split_h2(self, p: Paragraph) -> tuple[str, str, bool]:
        """(heading, rest of the paragraph, run in?) of a paragraph starting with （一）."""
        text = p.text.strip()
        if len(fold(text)) <= 40 and "。" not in text.rstrip("。") and "\n" not in text:
            return text, "", False
        lead = ""
        runs = [r for r in p.runs if r.text]
        k = 0
        while k < len(runs) and runs[k].emphasis:
            lead += runs[k].text
            k += 1
        lead = lead.lstrip()
        if 0 < k < len(runs) and _h2(lead) and len(fold(lead)) <= 50:
            self.faces.append(runs[0].emphasis)
            return lead.strip(), text[len(lead) :].lstrip() if text.startswith(lead) else text[len(lead.strip()) :].lstrip(), True
        m = re.match(r"^(.{3,40}?[。：:])", text)
        if m and "\n" not in m.group(1) and "，" not in m.group(1):
            head = m.group(1)
            return head, text[len(head) :].lstrip(), True
        return "", text, False

    # -- tables ---------------------------------------------------------------------
    def table(self, t: Table, pieces: dict[str, list[Table]]) -> None:
        part = self.current()
        labels = cells.classify(t, list(self.labels.values()))
        here = self.labels.get(part.key or "") if part is not None else None
        if here is not None and here is not labels:
            before = pieces.get(here.section)
            if (labels is None or not before) and here.score(t) >= 1:
                labels = here  # under a section's heading, with some of its labels
            elif labels is None and before and before[-1].columns == t.columns:
                labels = here  # a piece of the table above, cut off from its labels
        if labels is None:
            text = _table_text(t)
            self.findings.append(Text(f"这个表格不是表二、表三或表四，没有导入：“{_short(text)}”", t.place))
            if part is not None:
                part.comments.append(Text(f"{t.place}（表格）：{text}", t.place))
            return
        key = labels.section
        if part is None or (part.key != key and key not in {p.key for p in self.parts}):
            # the table's heading is not printed: its section starts here
            self.parts.append(Part(key, "", t.place))
            self.findings.append(Text(f"“{key}”的标题没有印出（表格前面没有这一部分的标题）", t.place))
            part = self.current()
        assert part is not None
        offset = sum(len(x.rows) for x in pieces.get(key, []))
        pieces.setdefault(key, []).append(Table(t.rows, t.place, t.container, offset + 1))
        if part.key == key:
            part.tables.append(t)


def _table_name(section: str) -> str:
    return f"表{section[0]}"


def _numeral_value(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + NUMERALS.index(text[1]) + 1
    if len(text) == 2 and text[1] == "十":
        return (NUMERALS.index(text[0]) + 1) * 10
    if len(text) == 3:
        return (NUMERALS.index(text[0]) + 1) * 10 + NUMERALS.index(text[2]) + 1
    return NUMERALS.index(text[0]) + 1
