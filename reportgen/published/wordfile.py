"""Reading a Word file (.docx) into the neutral document.

The XML is read directly (python-docx's ``row.cells`` hides vertical merges): body
paragraphs and tables in order, content controls and tracked insertions included,
deletions and hidden text left out. Emphasis comes from the run, its character style and
its paragraph style (bold, or a heading face: 黑体, 楷体, 小标宋). Automatic numbering
(``w:numPr``) is turned back into the text Word shows (``一、``, ``（一）``, ``1.``). A table
holding other tables or whole paragraphs of prose is a layout table: its content is read
as if it stood in the body.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.published.document import Block, Document, Paragraph, Run, Spanned, grid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LAYOUT_CELL = 200  # a cell with more text than this holds prose, not a number or a label


class NotWord(Exception):
    """The file is not a Word document (.docx) that can be read."""


def read(path: Path) -> Document:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise NotWord("文件里没有 Word 文档的正文（word/document.xml）")
            parts = {n: z.read(n) for n in ("word/document.xml", "word/styles.xml", "word/numbering.xml") if n in names}
    except zipfile.BadZipFile:
        raise NotWord("文件不是 .docx 格式（可能是旧的 .doc 文件：请在 Word/WPS 中另存为 .docx）") from None
    return parse(parts)


def parse(parts: dict[str, bytes]) -> Document:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, huge_tree=True, recover=True)
    root = etree.fromstring(parts["word/document.xml"], parser)
    styles = _Styles(etree.fromstring(parts["word/styles.xml"], parser) if "word/styles.xml" in parts else None)
    numbering = _Numbering(
        etree.fromstring(parts["word/numbering.xml"], parser) if "word/numbering.xml" in parts else None
    )
    reader = _Reader(styles, numbering)
    body = root.find(f"{W}body")
    if body is None:
        raise NotWord("Word 文档没有正文")
    reader.container(body)
    return Document(reader.blocks, "Word")


def _on(el: object) -> bool:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``) is on?"""
    if el is None:
        return False
    val = el.get(f"{W}val")  # type: ignore[attr-defined]
    return val not in ("0", "false", "off", "none")


def _face(names: str) -> str:
    """The heading face among a run's font names: 楷体 or 黑体 (小标宋, the title face, counts as 黑体)."""
    low = names.lower()
    if "楷" in names or "kai" in low:
        return "楷体"
    if "黑" in names or "hei" in low or "小标宋" in names:
        return "黑体"
    return ""


def _emphatic_rpr(rpr: object) -> str | None:
    """How a run's properties set it off (加粗, 楷体, 黑体, "" for not); None when they say nothing."""
    if rpr is None:
        return None
    fonts = rpr.find(f"{W}rFonts")  # type: ignore[attr-defined]
    face = _face(" ".join(fonts.attrib.values())) if fonts is not None else ""
    b = rpr.find(f"{W}b")  # type: ignore[attr-defined]
    if b is not None:
        return face or ("加粗" if _on(b) else "")
    if fonts is not None and " ".join(fonts.attrib.values()).strip():
        return face
    return None


@dataclass
class _Style:
    name: str = ""
    based: str = ""
    emphasis: str | None = None
    level: int | None = None  # outline level 0-based as Word writes it
    num: tuple[str, int] | None = None
    align: str | None = None


class _Styles:
    def __init__(self, root: object) -> None:
        self.by_id: dict[str, _Style] = {}
        if root is None:
            return
        for s in root.iter(f"{W}style"):  # type: ignore[attr-defined]
            sid = s.get(f"{W}styleId") or ""
            name_el = s.find(f"{W}name")
            based_el = s.find(f"{W}basedOn")
            ppr = s.find(f"{W}pPr")
            outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
            num = ppr.find(f"{W}numPr") if ppr is not None else None
            jc = ppr.find(f"{W}jc") if ppr is not None else None
            self.by_id[sid] = _Style(
                name=(name_el.get(f"{W}val") if name_el is not None else sid) or "",
                based=(based_el.get(f"{W}val") if based_el is not None else "") or "",
                emphasis=_emphatic_rpr(s.find(f"{W}rPr")),
                level=int(outline.get(f"{W}val") or 9) if outline is not None else None,
                num=_num_of(num),
                align=_align(jc.get(f"{W}val") or "") if jc is not None else None,
            )

    def chain(self, sid: str) -> list[_Style]:
        out: list[_Style] = []
        while sid and sid in self.by_id and len(out) < 20:
            out.append(self.by_id[sid])
            sid = self.by_id[sid].based
        return out

    def emphasis(self, sid: str) -> str:
        for s in self.chain(sid):
            if s.emphasis is not None:
                return s.emphasis
        return ""

    def level(self, sid: str) -> int:
        """1 the title, 2 a level-1 heading, 3 a level-2 heading, 0 body text."""
        chain = self.chain(sid)
        names = " ".join(s.name.lower() for s in chain[:1])
        if "title" in names or "报告标题" in names or names == "标题":
            return 1
        for s in chain:
            if s.level is not None and s.level < 9:
                return min(3, s.level + 2)
            low = s.name.lower().replace(" ", "")
            for n in (1, 2, 3):
                if low in (f"heading{n}", f"标题{n}"):
                    return min(3, n + 1)
            if s.name == "一级标题":
                return 2
            if s.name == "二级标题":
                return 3
        return 0

    def align(self, sid: str) -> str:
        for s in self.chain(sid):
            if s.align is not None:
                return s.align
        return ""

    def num(self, sid: str) -> tuple[str, int] | None:
        for s in self.chain(sid):
            if s.num is not None:
                return s.num
        return None


def _align(value: str) -> str:
    return {"center": "center", "right": "right", "end": "right"}.get(value, "")


def _num_of(num: object) -> tuple[str, int] | None:
    if num is None:
        return None
    nid = num.find(f"{W}numId")  # type: ignore[attr-defined]
    lvl = num.find(f"{W}ilvl")  # type: ignore[attr-defined]
    if nid is None:
        return None
    return (nid.get(f"{W}val") or "", int(lvl.get(f"{W}val") or 0) if lvl is not None else 0)


CHINESE = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (as Word's chineseCounting writes them)."""
    if n < 10:
        return CHINESE[n]
    if n < 20:
        return "十" + (CHINESE[n % 10] if n % 10 else "")
    if n < 100:
        return CHINESE[n // 10] + "十" + (CHINESE[n % 10] if n % 10 else "")
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    root: object
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.root is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for a in self.root.iter(f"{W}abstractNum"):  # type: ignore[attr-defined]
            levels: dict[int, _Level] = {}
            for lvl in a.findall(f"{W}lvl"):
                fmt_el, text_el, start_el = lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText"), lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl") or 0)] = _Level(
                    fmt=(fmt_el.get(f"{W}val") if fmt_el is not None else "decimal") or "decimal",
                    text=(text_el.get(f"{W}val") if text_el is not None else "") or "",
                    start=int(start_el.get(f"{W}val") or 1) if start_el is not None else 1,
                )
            abstract[a.get(f"{W}abstractNumId") or ""] = levels
        for n in self.root.iter(f"{W}num"):  # type: ignore[attr-defined]
            ref = n.find(f"{W}abstractNumId")
            if ref is not None:
                self.levels[n.get(f"{W}numId") or ""] = abstract.get(ref.get(f"{W}val") or "", {})

    def label(self, num: tuple[str, int]) -> str:
        """The number Word prints for the next paragraph of list ``num`` at its level."""
        nid, ilvl = num
        levels = self.levels.get(nid)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(nid, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = levels[ilvl].text
        for k in range(ilvl + 1):
            lvl = levels.get(k, _Level())
            value = counts.get(k, lvl.start)
            text = text.replace(f"%{k + 1}", _formatted(value, lvl.fmt))
        return "" if levels[ilvl].fmt in ("bullet", "none") else text


def _formatted(n: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "taiwanese", "japaneseCounting")):
        return chinese_number(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0

    def container(self, el: object) -> None:
        for child in el:  # type: ignore[attr-defined]
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}customXml"):
                content = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
                if content is not None:
                    self.container(content)

    def paragraph(self, p: object) -> None:
        ppr = p.find(f"{W}pPr")  # type: ignore[attr-defined]
        sid = ""
        align = ""
        num = None
        if ppr is not None:
            st = ppr.find(f"{W}pStyle")
            sid = (st.get(f"{W}val") if st is not None else "") or ""
            jc = ppr.find(f"{W}jc")
            align = _align(jc.get(f"{W}val") or "") if jc is not None else self.styles.align(sid)
            num = _num_of(ppr.find(f"{W}numPr"))
        num = num or self.styles.num(sid)
        if ppr is None:
            align = self.styles.align(sid)
        base = self.styles.emphasis(sid)
        runs: list[Run] = []
        for r in _runs(p):
            rpr = r.find(f"{W}rPr")
            if rpr is not None and (_on(rpr.find(f"{W}vanish")) or _on(rpr.find(f"{W}webHidden"))):
                continue
            emphasis = _emphatic_rpr(rpr)
            if emphasis is None and rpr is not None:
                rs = rpr.find(f"{W}rStyle")
                if rs is not None and self.styles.chain(rs.get(f"{W}val") or ""):
                    emphasis = self.styles.emphasis(rs.get(f"{W}val") or "")
            text = _run_text(r)
            if text:
                runs.append(Run(text, base if emphasis is None else emphasis))
        if num is not None and num[0] not in ("", "0"):
            label = self.numbering.label(num)
            if label and runs:
                runs.insert(0, Run(label, runs[0].emphasis))
        if not any(r.text.strip() for r in runs):
            return
        self.paragraphs += 1
        self.blocks.append(Paragraph(tuple(runs), align, self.styles.level(sid), f"第{self.paragraphs}段"))

    def table(self, tbl: object) -> None:
        rows: list[list[Spanned]] = []
        layout = tbl.find(f".//{W}tbl") is not None  # type: ignore[attr-defined]  # a table in a table
        for tr in tbl.findall(f"{W}tr"):  # type: ignore[attr-defined]
            row: list[Spanned] = []
            trpr = tr.find(f"{W}trPr")
            before = trpr.find(f"{W}gridBefore") if trpr is not None else None
            if before is not None:
                row.append(Spanned("", colspan=int(before.get(f"{W}val") or 1)))
            for tc in _cells(tr):
                pr = tc.find(f"{W}tcPr")
                span_el = pr.find(f"{W}gridSpan") if pr is not None else None
                vm = pr.find(f"{W}vMerge") if pr is not None else None
                texts = ["".join(_run_text(r) for r in _runs(p)) for p in tc.iter(f"{W}p")]
                text = "\n".join(t for t in texts if t.strip())
                if len(text) > LAYOUT_CELL:
                    layout = True
                row.append(
                    Spanned(
                        text,
                        colspan=int(span_el.get(f"{W}val") or 1) if span_el is not None else 1,
                        continues=vm is not None and vm.get(f"{W}val") != "restart",
                    )
                )
            rows.append(row)
        if layout or (len(rows) == 1 and len(rows[0]) == 1 and len(rows[0][0].text) > 40):
            for tr in tbl.findall(f"{W}tr"):  # type: ignore[attr-defined]
                for tc in _cells(tr):
                    self.container(tc)
            return
        if not any(s.text.strip() for row in rows for s in row):
            return
        self.tables += 1
        self.blocks.append(grid(rows, f"第{self.tables}个表格"))


def _cells(tr: object) -> list:
    out = []
    for child in tr:  # type: ignore[attr-defined]
        if child.tag == f"{W}tc":
            out.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                out.extend(c for c in content if c.tag == f"{W}tc")
    return out


_RUN, _SKIPPED = f"{W}r", (f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr")


def _runs(p: object) -> list:
    """The runs of a paragraph in order, inside hyperlinks, insertions, fields and controls;
    deleted text left out."""
    out: list = []

    def walk(el: object) -> None:
        for child in el:  # type: ignore[attr-defined]
            tag = child.tag
            if tag == _RUN:
                out.append(child)
            elif tag not in _SKIPPED and len(child):
                walk(child)

    walk(p)
    return out


def _run_text(r: object) -> str:
    out: list[str] = []
    for el in r:  # type: ignore[attr-defined]
        tag = el.tag
        if tag == f"{W}t":
            out.append(el.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            if el.get(f"{W}type") not in ("page", "column"):
                out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
    return "".join(out)
