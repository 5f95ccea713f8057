"""The values a template sees, made from a validated report: the same for every target."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.environment import display
from reportgen.format import Kind
from reportgen.grid import Role
from reportgen.layout import column_widths, label_lines
from reportgen.model import Extra, Report, SectionText, Subsection, Value
from reportgen.render import title


def cell_text(report: Report, values: dict[str, Value | None], missing: str | None = None) -> dict[str, str]:
    """Every printed cell as text: numbers as written, an amount followed by its unit.

    A cell without a value is an error (the rules complete every total), unless ``missing``
    gives the text to show instead: the preview renders a file that still has errors.
    """
    units = {f.unit_of: f.id for f in report.format.fields if f.kind is Kind.UNIT and f.unit_of}
    out: dict[str, str] = {}
    for f in report.format.fields:
        if f.kind is Kind.UNIT:
            continue
        if f.id in report.printed:  # blank, a dash or a number with a note: as the table printed it
            out[f.id] = report.printed[f.id]
            continue
        value = values.get(f.id)
        if value is None:
            if missing is None:
                raise ValueError(f"{f.id} has no value")
            out[f.id] = missing
            continue
        text = display(value)
        if f.kind is Kind.AMOUNT:
            unit_value = values.get(units[f.id]) if f.id in units else None
            unit = f.unit or (str(unit_value) if unit_value is not None else "")
            text = f"{display(Decimal(value))}{unit}"
        out[f.id] = text
    return out


RUN_STYLES = {"楷体": "h2run", "加粗": "h2bold", "黑体": "h2hei"}  # the template's character styles


def subsection(sub: Subsection) -> dict[str, Any]:
    """A 小节: its heading on a line of its own, or (段首标题) run into its first paragraph.

    ``runs`` pairs each paragraph with the heading text that leads it (only the first one of
    a run-in 小节 has any), so templates need no conditionals.
    """
    paras = list(sub.paragraphs) or ([""] if sub.run_in else [])
    lead = sub.heading if sub.run_in else ""
    return {
        "heading": "" if sub.run_in else sub.heading,
        "runs": [(lead if i == 0 else "", para) for i, para in enumerate(paras)],
    }


def part(heading: str, paragraphs: tuple[str, ...], subsections: tuple[Subsection, ...]) -> dict[str, Any]:
    return {
        "heading": heading,
        "paragraphs": list(paragraphs),
        "subsections": [subsection(sub) for sub in subsections],
    }


def _extra(extra: Extra) -> dict[str, Any]:
    return part(extra.heading, extra.paragraphs, extra.subsections)


def sections(report: Report) -> list[dict[str, Any]]:
    """Each section of the format, in printed order, with the parts the agency added after it.

    A section the report lacks (the preview shows drafts) has its canonical heading and no text.
    """
    given: dict[str, SectionText] = {s.spec.key: s for s in report.sections}
    out = []
    for spec in report.format.sections:
        text = given.get(spec.key)
        ctx = part(text.heading, text.paragraphs, text.subsections) if text else part(spec.key, (), ())
        ctx["after"] = list(text.after) if text else []
        ctx["extras"] = [_extra(e) for e in report.extras if e.follows == spec.key]
        out.append(ctx)
    return out


def labels(report: Report) -> dict[str, dict[str, str]]:
    """Grid id → "row.column" of each label or header cell → its text as this report prints it,
    broken into the lines that fit its column ("\n": a line break in the cell, reportgen.layout)."""
    out = {}
    for grid_id, grid in report.format.grids.items():
        printed = report.labels.get(grid_id, {})
        widths = column_widths(grid)
        out[grid_id] = {
            f"{r}.{c}": "\n".join(
                label_lines(cell, sum(widths[c : c + cell.colspan]), printed.get(cell.text, cell.text))
            )
            for r, row in enumerate(grid.positions())
            for c, cell in row
            if cell.role is not Role.VALUE
        }
    return out


def context(report: Report, values: dict[str, Value | None]) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "title": report.title,
        "title_broken": "\n".join(title.lines(report.title, report.year)),  # the printed lines
        "properties": {  # the document's own title and author (File → Properties, the PDF's too)
            "title": "".join(line.strip() for line in report.title.splitlines()),
            "author": " ".join(report.agency.split()),
        },
        "agency": report.agency,
        "year": report.year,
        "byline": list(report.byline),
        "preamble": list(report.preamble),
        "front": [_extra(e) for e in report.extras if not e.follows],
        "closing": list(report.closing),
        "v": cell_text(report, values),
        "label": labels(report),
        "run_style": RUN_STYLES[report.run_in_face],
        "collapsed": {
            f"{grid_id}.{g.first}": g.label in report.collapsed
            for grid_id, grid in report.format.grids.items()
            for g in grid.groups
        },
    }
    for n, section in enumerate(sections(report), start=1):
        ctx[f"s{n}"] = section
    return ctx
