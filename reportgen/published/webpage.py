"""Reading a saved web page (.html/.htm) into the neutral document (stdlib ``html.parser``).

The page is parsed into a small element tree, then walked: block elements end paragraphs,
``<br>`` is a line break (a paragraph break when the next line is indented, as pages that
lay out a whole report with ``<br>`` do), ``<b>``/``<strong>``, a bold style or a heading
face is emphasis, ``<h1>``…``<h3>`` declare a heading level. Scripts, styles, forms and
hidden elements are skipped. Tables keep their colspan/rowspan; a table holding other
tables or paragraphs of prose is a layout table and is read as if its content stood in the
page. Every block remembers the elements around it, so the recogniser can keep the report
and leave the site's navigation, header and footer aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from reportgen.published.document import Block, Document, Paragraph, Run, Spanned, grid

SKIP = {"script", "style", "head", "noscript", "template", "svg", "iframe", "select", "option", "button",
        "input", "textarea", "caption", "object", "embed", "map", "canvas", "video", "audio"}
VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr", "source", "param", "embed"}
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
         "footer", "main", "aside", "blockquote", "pre", "center", "dl", "dt", "dd", "address", "figure",
         "figcaption", "nav", "form", "body", "html", "hr", "fieldset", "legend", "details", "summary"}
EMPHASIS = {"b", "strong"}
LAYOUT_CELL = 200
_WS = re.compile(r"[ \t\r\n\f]+")  # HTML whitespace (not the no-break or ideographic space)


@dataclass
class _El:
    tag: str
    attrs: dict[str, str]
    children: list[_El | str] = field(default_factory=list)
    id: int = 0


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _El("#root", {})
        self.stack = [self.root]
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in ("p", "li", "tr", "td", "th", "option", "dt", "dd"):
            self._close_implied(tag)
        self.count += 1
        el = _El(tag, {k.lower(): v or "" for k, v in attrs}, id=self.count)
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count += 1
        self.stack[-1].children.append(_El(tag.lower(), {k.lower(): v or "" for k, v in attrs}, id=self.count))

    def _close_implied(self, tag: str) -> None:
        closes = {"p": {"p"}, "li": {"li"}, "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"},
                  "option": {"option"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}}[tag]
        stop = {"table", "ul", "ol", "dl", "div", "td", "th"} - closes
        if tag == "p":
            stop = {"div", "td", "th", "li", "table", "section", "article", "body"}
        for k in range(len(self.stack) - 1, 0, -1):
            t = self.stack[k].tag
            if t in closes:
                del self.stack[k:]
                return
            if t in stop or t == "table":
                return

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    head = raw[:4096].decode("ascii", errors="ignore").lower()
    m = re.search(r"charset\s*=\s*[\"']?([a-z0-9_-]+)", head)
    declared = m.group(1) if m else ""
    if declared in ("gb2312", "gbk", "gb18030", "x-gbk"):
        return raw.decode("gb18030", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def read(path: Path) -> Document:
    return parse(decode(path.read_bytes()))


def _tree(text: str) -> _El:
    """The page as an element tree: libxml2's HTML parser (lxml, installed with python-docx),
    or the standard library's when lxml cannot read it."""
    try:
        from lxml import etree, html

        doc = html.document_fromstring(text.encode("utf-8"), parser=html.HTMLParser(encoding="utf-8"))
    except Exception:  # lxml refuses some documents (empty, odd encodings): the slower parser reads all
        tree = _Tree()
        tree.feed(text)
        tree.close()
        return tree.root
    count = 0

    def convert(el: etree._Element) -> _El:
        nonlocal count
        count += 1
        out = _El(el.tag.lower(), {str(k).lower(): v or "" for k, v in el.attrib.items()}, id=count)
        if el.text:
            out.children.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                out.children.append(convert(child))
            if child.tail:
                out.children.append(child.tail)
        return out

    root = _El("#root", {})
    root.children.append(convert(doc))
    return root


def parse(text: str) -> Document:
    root = _tree(text)
    walker = _Walker(style_sheet("".join(_texts(root, "style"))))
    walker.walk(root, ())
    walker.flush()
    return Document(walker.blocks, "网页")


def _texts(el: _El, tag: str) -> list[str]:
    out: list[str] = []
    for child in el.children:
        if isinstance(child, _El):
            if child.tag == tag:
                out += [c for c in child.children if isinstance(c, str)]
            else:
                out += _texts(child, tag)
    return out


Css = dict[str, dict[str, str]]  # simple selector (tag, .class, tag.class) → declarations


def _declarations(text: str) -> dict[str, str]:
    out = {}
    for part in text.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip().lower()] = v.strip().lower()
    return out


def style_sheet(text: str) -> Css:
    """The rules of simple selectors in a page's ``<style>`` (what sets alignment and faces)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out: Css = {}
    depth = 0
    chunk = ""
    for ch in text:  # drop @media/@font-face blocks: their rules are for other media
        if ch == "{":
            depth += 1
        if depth <= 1 or not chunk.lstrip().startswith("@"):
            chunk += ch if depth <= 1 else ""
        if ch == "}":
            depth -= 1
            if depth == 0:
                head, _, body = chunk.partition("{")
                if not head.strip().startswith("@"):
                    for sel in head.split(","):
                        sel = sel.strip().lower()
                        if re.fullmatch(r"[a-z0-9]*(?:\.[\w-]+)?", sel) and sel:
                            out.setdefault(sel, {}).update(_declarations(body.rstrip("}")))
                chunk = ""
    return out


def _style(el: _El, css: Css) -> dict[str, str]:
    out: dict[str, str] = {}
    if css:
        out.update(css.get(el.tag, {}))
        for cls in el.attrs.get("class", "").split():
            out.update(css.get(f".{cls.lower()}", {}))
            out.update(css.get(f"{el.tag}.{cls.lower()}", {}))
    out.update(_declarations(el.attrs.get("style", "")))
    return out


def _hidden(el: _El, css: Css) -> bool:
    st = _style(el, css)
    return st.get("display") == "none" or st.get("visibility") == "hidden" or "hidden" in el.attrs


def _emphatic(el: _El, css: Css) -> str | None:
    """How an element sets its text off (加粗, 楷体, 黑体, "" for not); None: as its parent."""
    st = _style(el, css)
    names = st.get("font-family", "") + el.attrs.get("face", "")
    face = "楷体" if "楷" in names or "kai" in names.lower() else "黑体" if "黑" in names or "hei" in names.lower() else ""
    if face:
        return face
    if el.tag in EMPHASIS or el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "加粗"
    weight = st.get("font-weight", "")
    if weight:
        return "加粗" if weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600) else ""
    return None


def _align(el: _El, css: Css) -> str:
    if el.tag == "center":
        return "center"
    value = _style(el, css).get("text-align", "") or el.attrs.get("align", "").lower()
    return {"center": "center", "right": "right", "end": "right"}.get(value, "")


class _Walker:
    def __init__(self, css: Css) -> None:
        self.css = css
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.align = ""
        self.level = 0
        self.container: tuple[int, ...] = ()
        self.paragraphs = 0
        self.tables = 0

    def flush(self) -> None:
        runs = self.runs
        self.runs = []
        if not runs or not "".join(r.text for r in runs).strip():
            return
        for part in _split(runs):
            if not "".join(r.text for r in part).strip():
                continue
            self.paragraphs += 1
            self.blocks.append(Paragraph(tuple(part), self.align, self.level, f"第{self.paragraphs}段", self.container))

    def walk(self, el: _El, path: tuple[int, ...], emphasis: str = "", align: str = "", level: int = 0) -> None:
        for child in el.children:
            if isinstance(child, str):
                text = _WS.sub(" ", child)
                if text:
                    if not self.runs:
                        self.align, self.level, self.container = align, level, path
                    self.runs.append(Run(text, emphasis))
                continue
            tag = child.tag
            if tag in SKIP or _hidden(child, self.css):
                continue
            if tag == "br":
                if not self.runs:
                    self.align, self.level, self.container = align, level, path
                self.runs.append(Run("\n", emphasis))
                continue
            if tag == "table":
                self.flush()
                self.table(child, (*path, child.id))
                continue
            block = tag in BLOCK or tag in ("td", "th", "tr", "tbody", "thead", "tfoot")
            own = _emphatic(child, self.css)
            inner_emphasis = emphasis if own is None else own
            inner_align = _align(child, self.css) or align
            inner_level = {"h1": 1, "h2": 2, "h3": 3}.get(tag, level)
            if block:
                self.flush()
            self.walk(child, (*path, child.id) if block else path, inner_emphasis, inner_align, inner_level)
            if block:
                self.flush()

    def table(self, el: _El, path: tuple[int, ...]) -> None:
        rows: list[list[Spanned]] = []
        layout = False
        trs = list(_rows(el))
        for tr in trs:
            row: list[Spanned] = []
            for td in tr.children:
                if isinstance(td, str) or td.tag not in ("td", "th"):
                    continue
                if _find(td, "table"):
                    layout = True
                text = _cell_text(td, self.css)
                if len(text) > LAYOUT_CELL:
                    layout = True
                row.append(Spanned(text, _int(td.attrs.get("colspan")), _int(td.attrs.get("rowspan"))))
            rows.append(row)
        if layout or not rows or (len(rows) == 1 and len(rows[0]) <= 1 and len(rows[0][0].text if rows[0] else "") > 40):
            for tr in trs:
                for td in tr.children:
                    if isinstance(td, _El) and td.tag in ("td", "th"):
                        self.walk(td, (*path, td.id), "", _align(td, self.css))
                        self.flush()
            return
        if not any(s.text.strip() for row in rows for s in row):
            return
        self.tables += 1
        self.blocks.append(grid(rows, f"第{self.tables}个表格", path))


def _int(value: str | None) -> int:
    try:
        return max(1, min(1000, int(str(value).strip() or 1)))
    except ValueError:
        return 1


def _rows(table: _El) -> list[_El]:
    """The rows of a table, through thead/tbody/tfoot but not into nested tables."""
    out: list[_El] = []
    for child in table.children:
        if isinstance(child, str):
            continue
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child.children if isinstance(c, _El) and c.tag == "tr")
    return out


def _find(el: _El, tag: str) -> bool:
    for child in el.children:
        if isinstance(child, _El) and (child.tag == tag or _find(child, tag)):
            return True
    return False


def _cell_text(el: _El, css: Css) -> str:
    parts: list[str] = []

    def walk(node: _El) -> None:
        for child in node.children:
            if isinstance(child, str):
                parts.append(_WS.sub(" ", child))
            elif child.tag in SKIP or _hidden(child, css):
                continue
            elif child.tag == "br":
                parts.append("\n")
            else:
                block = child.tag in BLOCK
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    walk(el)
    lines = [line.strip(" ") for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line.strip())


_INDENT = re.compile(r"^[ \u00a0\u3000]{2,}")


def _split(runs: list[Run]) -> list[list[Run]]:
    """A paragraph made of ``<br>``-separated lines: split where a line is indented like a new
    paragraph, or after an empty line; other line breaks stay line breaks."""
    text = "".join(r.text for r in runs)
    if "\n" not in text:
        return [runs]
    lines: list[list[Run]] = [[]]
    for r in runs:
        pieces = r.text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                lines.append([])
            if piece:
                lines[-1].append(Run(piece, r.emphasis))
    out: list[list[Run]] = [[]]
    for k, line in enumerate(lines):
        content = "".join(r.text for r in line)
        new = k > 0 and (not content.strip() or _INDENT.match(content) or not "".join(x.text for x in lines[k - 1]).strip())
        if new and out[-1]:
            out.append([])
        elif k > 0 and out[-1]:
            out[-1].append(Run("\n", ""))
        out[-1].extend(line)
    return [p for p in out if p]
