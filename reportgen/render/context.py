"""The values a template sees, made from a validated report: the same for every target."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.environment import display
from reportgen.format import Kind
from reportgen.model import Report, Value
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


def context(report: Report, values: dict[str, Value | None]) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "title": report.title,
        "title_broken": "\n".join(title.lines(report.title, report.year)),  # the printed lines
        "properties": {  # the document's own title and author (File → Properties, the PDF's too)
            "title": " ".join(report.title.split()),
            "author": " ".join(report.agency.split()),
        },
        "agency": report.agency,
        "year": report.year,
        "preamble": list(report.preamble),
        "v": cell_text(report, values),
    }
    for n, section in enumerate(report.sections, start=1):
        ctx[f"s{n}"] = {
            "heading": section.heading,
            "paragraphs": list(section.paragraphs),
            "subsections": [
                {"heading": sub.heading, "paragraphs": list(sub.paragraphs)} for sub in section.subsections
            ],
            "after": list(section.after),
        }
    return ctx
