"""The official formats, one module each; pick one by report year or by name.

A new revision is one more module here (its labels, cells, rules and carries) and one
template made by ``python -m reportgen.blueprint``.
"""

from __future__ import annotations

from reportgen.format import Format
from reportgen.formats import f2019, f2021

FORMATS: dict[str, Format] = {f.id: f for f in (f2019.FORMAT, f2021.FORMAT)}


def for_year(year: int) -> Format | None:
    """The format that applies to a report year, or None before the first format."""
    for fmt in FORMATS.values():
        if fmt.covers(year):
            return fmt
    return None
