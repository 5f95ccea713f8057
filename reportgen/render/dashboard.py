"""The summary as one standalone HTML page: the review desk's dashboard.

No external assets (it is opened from a file share, offline): the style, the sorting script
and the charts (inline SVG, their geometry computed here) are all in the page. The page is
``templates/summary.html.j2`` rendered through the one strict, autoescaping environment,
so every name and message from a report is text. The tables of each year's sum are built
from the format's grids by :func:`reportgen.render.html.table`, like the report page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.environment import display, html_template
from reportgen.format import Kind
from reportgen.render.html import HtmlTable, table
from reportgen.summary import FIGURES, OUTCOMES, Entry, Number, Status, Summary, Total, change

TEMPLATE = Path(__file__).resolve().parent.parent.parent / "templates" / "summary.html.j2"

MOST_BARS = 60  # agencies drawn in a chart; the table below lists them all
MOST_PAIRS = 300  # pairs of 雷同 listed on the page (the largest shares); the workbook lists them all
LABEL_W, BAR_W, VALUE_W, ROW_H, TOP = 200, 330, 70, 22, 8
COLOURS = ("#0072b2", "#56b4e9", "#d55e00", "#e69f00", "#cc79a7", "#999999")  # Okabe–Ito, one per outcome
UP, DOWN = "#0072b2", "#d55e00"
STATUS_CLASS = {Status.OK: "ok", Status.WARNINGS: "warn", Status.ERRORS: "err", Status.UNREADABLE: "gone"}


def text(value: Number | None, rate: bool = False, signed: bool = False) -> str:
    """A figure as the page prints it: counts and amounts as written, rates in %."""
    if value is None:
        return ""
    if rate:
        return f"{float(value) * 100:+.1f}%" if signed else f"{float(value) * 100:.1f}%"
    if isinstance(value, float):
        value = Decimal(str(value))
    shown = display(value)
    return f"+{shown}" if signed and value > 0 else shown


def sort_key(value: Number | None) -> str:
    """What the table sorts a cell by (empty cells last)."""
    return "" if value is None else repr(float(value))


@dataclass
class Segment:
    x: float
    width: float
    colour: str
    title: str


@dataclass
class Bar:
    """One row of a chart: a label (linked to the report), its bar(s) and the value printed."""

    label: str
    href: str
    y: float
    value: str
    segments: list[Segment] = field(default_factory=list)
    value_x: float = 0.0
    anchor: str = "start"


@dataclass
class Chart:
    id: str
    title: str
    description: str  # for screen readers and the page
    bars: list[Bar]
    height: float
    width: float = LABEL_W + BAR_W + VALUE_W
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, name)
    axis_x: float = LABEL_W  # where the zero line stands
    note: str = ""
    label_x: float = LABEL_W - 6  # where the labels end


def _rows(entries: Sequence[Entry], key: str, label: str = "") -> list[Entry]:
    return [e for e in entries if e.figures.get(key) is not None]


def applications(entries: Sequence[Entry], anchors: dict[str, str]) -> Chart:
    """本年新收 per agency, largest first."""
    rows = sorted(
        _rows(entries, "本年新收"), key=lambda e: (-float(e.figures["本年新收"] or 0), e.agency or "")
    )
    shown = rows[:MOST_BARS]
    top = max((float(e.figures["本年新收"] or 0) for e in shown), default=0) or 1
    bars = []
    for n, e in enumerate(shown):
        value = float(e.figures["本年新收"] or 0)
        width = BAR_W * value / top
        bars.append(
            Bar(
                e.agency or e.file,
                anchors[e.file],
                TOP + n * ROW_H,
                text(e.figures["本年新收"]),
                [
                    Segment(
                        LABEL_W, width, COLOURS[0], f"{e.agency}：本年新收 {text(e.figures['本年新收'])} 件"
                    )
                ],
                LABEL_W + width + 6,
            )
        )
    note = (
        f"只画出申请最多的 {MOST_BARS} 个机关，其余 {len(rows) - MOST_BARS} 个见下表。"
        if len(rows) > MOST_BARS
        else ""
    )
    return Chart(
        "chart-applications",
        "各机关本年新收申请数",
        "横条长度为表三“一、本年新收政府信息公开申请数量”的总计，按多少排列。",
        bars,
        TOP * 2 + len(bars) * ROW_H,
        note=note,
    )


def outcomes(entries: Sequence[Entry], total: Total | None, anchors: dict[str, str]) -> Chart:
    """The outcome mix: the year's total first, then each agency, as shares of 办结."""
    rows: list[tuple[str, str, dict[str, Number | None]]] = []
    if total is not None:
        rows.append((f"合计（{len(total.files)} 份报告）", "#totals", total.figures))
    ranked = sorted(
        (e for e in entries if (e.figures.get("办结") or 0) > 0),
        key=lambda e: (-float(e.figures["办结"] or 0), e.agency or ""),
    )
    rows += [(e.agency or e.file, anchors[e.file], e.figures) for e in ranked[: MOST_BARS - 1]]
    bars = []
    for n, (label, href, figs) in enumerate(rows):
        parts = [(name, float(figs.get(name) or 0)) for name in OUTCOMES]
        whole = sum(v for _, v in parts)
        x = float(LABEL_W)
        segments = []
        for (name, value), colour in zip(parts, COLOURS, strict=True):
            if whole <= 0 or value <= 0:
                continue
            width = BAR_W * value / whole
            segments.append(
                Segment(
                    x, width, colour, f"{label}：{name} {display(_count(value))} 件（{value / whole:.0%}）"
                )
            )
            x += width
        done = figs.get("办结")
        bars.append(Bar(label, href, TOP + n * ROW_H, f"{text(done)} 件", segments, LABEL_W + BAR_W + 6))
    shown = len(rows) - (1 if total is not None else 0)
    note = f"只画出办结最多的 {shown} 个机关。" if len(ranked) > shown else ""
    return Chart(
        "chart-outcomes",
        "办理结果构成",
        "每一横条是办结（表三“（七）总计”）的 100%，按办理结果分段；第一条是全部报告的合计。",
        bars,
        TOP * 2 + len(bars) * ROW_H,
        legend=list(zip(COLOURS, OUTCOMES, strict=True)),
        note=note,
    )


def _count(value: float) -> int | float:
    return int(value) if value == int(value) else value


def changes(entries: Sequence[Entry], anchors: dict[str, str]) -> Chart:
    """本年新收 this year minus last year, per agency whose last year's file was found."""
    rows = []
    for e in entries:
        delta = change(e.figures.get("本年新收"), (e.last or {}).get("本年新收"))
        if delta is not None:
            rows.append((e, float(delta)))
    rows.sort(key=lambda r: (-r[1], r[0].agency or ""))
    if len(rows) > MOST_BARS:  # the largest rises and falls
        half = MOST_BARS // 2
        rows = rows[:half] + rows[-half:]
    reach = max((abs(d) for _, d in rows), default=0) or 1
    middle = LABEL_W + BAR_W / 2
    bars = []
    for n, (e, delta) in enumerate(rows):
        width = (BAR_W / 2 - 40) * abs(delta) / reach
        x = middle if delta >= 0 else middle - width
        last = (e.last or {}).get("本年新收")
        shown = text(_count(delta), signed=True)
        title = f"{e.agency}：本年新收 {text(e.figures.get('本年新收'))} 件，上年 {text(last)} 件，{shown}"
        bars.append(
            Bar(
                e.agency or e.file,
                anchors[e.file],
                TOP + n * ROW_H,
                shown,
                [Segment(x, max(width, 1.0), UP if delta >= 0 else DOWN, title)],
                x + width + 4 if delta >= 0 else x - 4,
                "start" if delta >= 0 else "end",
            )
        )
    return Chart(
        "chart-change",
        "本年新收申请比上年增减",
        "只列出找到上一年度文件的机关；向右为增加，向左为减少。",
        bars,
        TOP * 2 + len(bars) * ROW_H,
        axis_x=middle,
        note="" if rows else "没有找到任何上一年度的文件（文件名中的年份减一、放在同一文件夹里的文件）。",
    )


# ---------------------------------------------------------------- the page


def _totals_table(total: Total, grid_id: str, caption: str) -> HtmlTable:
    fmt = total.format
    units = {f.unit_of for f in fmt.fields if f.kind is Kind.UNIT}
    texts: dict[str, str] = {}
    for f in fmt.fields:
        value = total.values.get(f.id)
        if f.kind is Kind.UNIT or value is None or isinstance(value, str):
            continue
        texts[f.id] = display(value) + ("万元" if f.id in units else "")
    out = table(fmt.grids[grid_id], texts, caption)
    for cells in (*out.head, *out.body):
        for c in cells:
            if c.id:
                field_id = c.id[2:]
                c.id = f"y{total.year}-{fmt.id}-{field_id}"
                if field_id in total.one_row:
                    c.kind += " one-row"
                    c.text += "†"
                if field_id in total.missing:
                    c.kind += " missing"
                    c.text += "*"
    out.id = f"y{total.year}-{fmt.id}-{grid_id}"
    return out


def page_context(summary: Summary) -> dict[str, Any]:
    entries = list(summary.entries)
    anchors = {e.file: f"row-{n}" for n, e in enumerate(entries, start=1)}  # the report's row in the table
    year = summary.year or (summary.years[0] if summary.years else None)
    of_year = [e for e in entries if e.year == year]
    total = next((t for t in summary.totals if t.year == year), None)
    rates = {f.name: f.rate for f in FIGURES}
    columns = ["本年新收", "办结", "公开率", "实质公开率", "行政复议", "行政诉讼", "收费（万元）"]
    rows = []
    for n, e in enumerate(entries, start=1):
        delta = change(e.figures.get("本年新收"), (e.last or {}).get("本年新收"))
        rows.append(
            {
                "id": anchors[e.file],
                "anchor": f"r{n}",  # its findings
                "entry": e,
                "status_class": STATUS_CLASS[e.status],
                "figures": [(text(e.figures.get(c), rates[c]), sort_key(e.figures.get(c))) for c in columns],
                "change": (text(delta, signed=True), sort_key(delta)),
            }
        )
    counts = {s: sum(1 for e in entries if e.status == s) for s in STATUS_CLASS}
    totals = []
    for t in summary.totals:
        keys = {s.table: s.key for s in t.format.sections if s.table}
        totals.append(
            {
                "total": t,
                "id": f"y{t.year}-{t.format.id}",
                "tables": [_totals_table(t, g, keys[g]) for g in ("t2", "t3", "t4")],
                "figures": [
                    (name, text(t.figures.get(name), rates[name]))
                    for name in (
                        "本年新收",
                        "办结",
                        "公开率",
                        "实质公开率",
                        "行政复议",
                        "行政诉讼",
                        "收费（万元）",
                    )
                    if t.figures.get(name) is not None
                ],
            }
        )
    years = "、".join(str(y) for y in summary.years) or "（无）"
    return {
        "title": f"政府信息公开工作年度报告汇总（{years} 年度）",
        "summary": summary,
        "year": year,
        "columns": columns,
        "rows": rows,
        "counts": counts,
        "status_class": STATUS_CLASS,
        "charts": [
            applications(of_year, anchors),
            outcomes(of_year, total, anchors),
            changes(of_year, anchors),
        ]
        if year is not None
        else [],
        "totals": totals,
        "anchors": anchors,
        "with_problems": [(n, e) for n, e in enumerate(entries, start=1) if e.problems],
        "pairs": summary.pairs[:MOST_PAIRS]
        if len(summary.pairs) <= MOST_PAIRS
        else sorted(summary.pairs, key=lambda p: -p.share)[:MOST_PAIRS],
        "all_pairs": len(summary.pairs),
        "roster": summary.roster,
    }


def render(summary: Summary) -> str:
    """The dashboard page as text."""
    return html_template(TEMPLATE).render(page_context(summary))
