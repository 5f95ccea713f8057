"""The values a template sees, made from a validated report: the same for every target."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.environment import display
from reportgen.format import Kind
from reportgen.model import Report, Value


def cell_text(report: Report, values: dict[str, Value | None]) -> dict[str, str]:
    """Every printed cell as text: numbers as written, an amount followed by its unit."""
    units = {f.unit_of: f.id for f in report.format.fields if f.kind is Kind.UNIT and f.unit_of}
    out: dict[str, str] = {}
    for f in report.format.fields:
        if f.kind is Kind.UNIT:
            continue
        value = values[f.id]
        if value is None:
            raise ValueError(f"{f.id} has no value")  # the rules complete every total
        text = display(value)
        if f.kind is Kind.AMOUNT:
            unit = f.unit or (str(values[units[f.id]]) if f.id in units else "")
            text = f"{display(Decimal(value))}{unit}"
        out[f.id] = text
    return out


def context(report: Report, values: dict[str, Value | None]) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "title": report.title,
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
