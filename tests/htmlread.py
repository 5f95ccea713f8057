"""Reading a generated HTML page back as a reader (or a screen reader) sees it.

Only the standard library's ``html.parser``: tables become the same grids as
``docxread.table_grid`` gives for Word (every position → origin row, origin column, text),
from ``rowspan``/``colspan``; elements keep their attributes and text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def text(self, skip: tuple[str, ...] = ()) -> str:
        """The element's text; ``<br>`` is a newline; elements whose class is in ``skip`` are left out."""
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            elif not set(child.attrs.get("class", "").split()) & set(skip):
                out.append(child.text(skip))
        return "".join(out)

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def by_id(self, id_: str) -> Element | None:
        return next((e for e in self.iter() if e.attrs.get("id") == id_), None)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(el)
        if tag not in VOID:
            self.current = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        el: Element | None = self.current
        while el is not None and el.tag != tag:
            el = el.parent
        if el is None:
            raise AssertionError(f"</{tag}> closes nothing")
        if el is not self.current:
            raise AssertionError(f"</{tag}> closes <{tag}> while <{self.current.tag}> is open")
        self.current = el.parent or self.root

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(text: str) -> tuple[Element, str]:
    """The document tree and its doctype; raises on a misnested or unclosed element."""
    b = _Builder()
    b.feed(text)
    b.close()
    if b.current is not b.root:
        raise AssertionError(f"<{b.current.tag}> is never closed")
    return b.root, b.doctype


def table_grid(table: Element, skip: tuple[str, ...] = ("mark",)) -> list[list[tuple[int, int, str]]]:
    """Every grid position → (origin row, origin column, text of the origin cell)."""
    rows = [tr for tr in table.iter("tr")]
    grid: dict[tuple[int, int], tuple[int, int, str]] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in (e for e in tr.children if isinstance(e, Element) and e.tag in ("td", "th")):
            while (r, c) in grid:
                c += 1
            rowspan = int(cell.attrs.get("rowspan", "1"))
            colspan = int(cell.attrs.get("colspan", "1"))
            origin = (r, c, cell.text(skip))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if (r + dr, c + dc) in grid:
                        raise AssertionError(f"cells overlap at row {r + dr}, column {c + dc}")
                    grid[(r + dr, c + dc)] = origin
            c += colspan
            width = max(width, c)
    out = []
    for r in range(len(rows)):
        row = [grid.get((r, c)) for c in range(width)]
        if any(x is None for x in row):
            raise AssertionError(f"row {r} does not fill the {width} grid columns")
        out.append(row)
    return out  # type: ignore[return-value]
