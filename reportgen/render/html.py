"""HTML output: one standalone, accessible page, its tables made from the format's grids.

The page is ``templates/report.html.j2`` rendered through the one strict, autoescaping
environment, so a value such as ``<script>`` is shown as text. Every table is built from
the same :class:`~reportgen.grid.Grid` as the Word template (same rows, same rowspan and
colspan, labels verbatim), so the two cannot drift; nothing here knows a label.

The preview uses the same page with findings drawn in place: the cells a problem names
(``Problem.fields``) or its section (``Problem.section``) are marked and carry its message,
and a list at the top gives every finding with its file:line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from reportgen.environment import html_template
from reportgen.errors import Problem
from reportgen.format import Format, Kind
from reportgen.grid import Grid, Role
from reportgen.layout import column_widths, label_lines, stacked
from reportgen.model import Report, Value
from reportgen.render.context import RUN_STYLES, cell_text, part
from reportgen.render.context import sections as parts
from reportgen.templates import FOLDER

TEMPLATE = FOLDER / "report.html.j2"


@dataclass(frozen=True)
class Live:
    """What the preview adds to the page: where the data comes from and how fresh it is."""

    source: str  # the file name as the clerk typed it
    version: str  # changes whenever the page changes; the page polls for it
    stale: bool = False  # the file cannot be read now: the page shows its last readable state
    note: str = ""  # a one-line notice above the report (e.g. the file is missing)


@dataclass
class HtmlCell:
    tag: str  # "th" or "td"
    text: str
    colspan: int = 1
    rowspan: int = 1
    scope: str = ""
    kind: str = ""  # a CSS class: title, head, label, num
    id: str = ""
    marks: list[Finding] = field(default_factory=list)  # findings about this cell
    involved: list[Finding] = field(default_factory=list)  # findings whose rule includes it

    @property
    def suggested(self) -> list[int]:
        """The values the findings about this cell say it should hold (a typo located)."""
        out = [
            fix.value
            for f in self.marks
            for correction in f.problem.fixes
            for fix in correction
            if self.id == cell_id(fix.field)
        ]
        return list(dict.fromkeys(out))

    @property
    def attributes(self) -> dict[str, str | int]:
        """The element's attributes (the template's ``xmlattr`` escapes them)."""
        flag = ""
        if any(f.severity == "error" for f in self.marks):
            flag = " flag-error"
        elif self.marks:
            flag = " flag-warning"
        elif self.involved:
            flag = " flag-involved"
        out: dict[str, str | int] = {"class": f"{self.kind}{flag}"}
        if self.colspan > 1:
            out["colspan"] = self.colspan
        if self.rowspan > 1:
            out["rowspan"] = self.rowspan
        if self.scope:
            out["scope"] = self.scope
        if self.id:
            out["id"] = self.id
        if self.marks:
            out["aria-invalid"] = "true"
        findings = self.marks + self.involved
        if findings:
            out["aria-describedby"] = " ".join(f"{f.id}-here" for f in findings)
            out["title"] = "；".join(f"{f.number}. {f.problem.message}" for f in findings)
        return out


@dataclass
class HtmlTable:
    id: str
    caption: str
    widths: list[str]  # CSS widths of the grid columns
    head: list[list[HtmlCell]]
    body: list[list[HtmlCell]]


@dataclass
class Finding:
    """A problem as the page shows it: numbered, with the anchor it points at."""

    number: int
    problem: Problem
    cells: list[str] = field(default_factory=list)  # the cells it is about: marked with its number
    others: list[str] = field(default_factory=list)  # the other cells its rule involves
    target: str = ""  # id of the element it points at ("" when only the list shows it)
    section: str = ""  # the section it is shown in

    @property
    def id(self) -> str:
        return f"p{self.number}"

    @property
    def severity(self) -> str:
        return "error" if self.problem.is_error else "warning"


def cell_id(field_id: str) -> str:
    return f"c-{field_id}"


def table(
    grid: Grid,
    texts: dict[str, str],
    caption: str,
    findings: Sequence[Finding] = (),
    printed: dict[str, str] | None = None,
) -> HtmlTable:
    """A grid as HTML rows: one cell per origin cell, with the grid's spans.

    ``printed`` maps the official text of a label or header cell to the one the report prints.
    """
    printed = printed or {}
    total = sum(grid.widths)
    widths = [f"{100 * w / total:.2f}%" for w in grid.widths]
    twips = column_widths(grid)
    rows: list[list[HtmlCell]] = []
    for row in grid.positions():
        out = []
        for c, cell in row:
            if cell.role is Role.VALUE:
                assert cell.field is not None
                out.append(
                    HtmlCell(
                        "td",
                        texts.get(cell.field, ""),
                        cell.colspan,
                        cell.rowspan,
                        kind="num",
                        id=cell_id(cell.field),
                        marks=[f for f in findings if cell.field in f.cells],
                        involved=[f for f in findings if cell.field in f.others],
                    )
                )
            else:
                scope = "row" if cell.role is Role.LABEL else "col"
                width = sum(twips[c : c + cell.colspan])
                kind = cell.role.value
                printed_text = printed.get(cell.text, cell.text)
                if stacked(cell, width):  # 三、本年度办理结果: set vertically (竖排), as printed
                    text: str = Markup("<span>{}</span>").format(printed_text)
                    kind = f"{kind} stack"
                else:  # where the label may break: where it breaks in print (reportgen.layout)
                    text = Markup("<wbr>").join(label_lines(cell, width, printed_text))
                out.append(HtmlCell("th", text, cell.colspan, cell.rowspan, scope, kind=kind))
        rows.append(out)
    # the header rows go into <thead> unless a rowspan would cross into the body
    split = grid.header_rows
    for r, row in enumerate(grid.positions()[:split]):
        if any(r + cell.rowspan > split for _, cell in row):
            split = 0
            break
    return HtmlTable(grid.id, caption, widths, rows[:split], rows[split:])


def _findings(report: Report, problems: Sequence[Problem]) -> list[Finding]:
    fmt = report.format
    keys = {s.key for s in fmt.sections}
    printed = _printed_fields(fmt)
    out = []
    for n, problem in enumerate(problems, start=1):
        cells = list(dict.fromkeys(printed[f] for f in problem.fields if f in printed))
        primary = _primary(report, problem, cells)
        finding = Finding(n, problem, cells=primary, others=[c for c in cells if c not in primary])
        if primary:
            finding.target = cell_id(primary[0])
            finding.section = fmt.field(primary[0]).section
        elif problem.section in keys:
            finding.target = _section_id(fmt, problem.section)
            finding.section = problem.section
        out.append(finding)
    return out


def _primary(report: Report, problem: Problem, cells: list[str]) -> list[str]:
    """The cells a finding is about, among those it names.

    For a located typo, the cells to retype; for a broken identity (sum(left) == sum(right))
    the cells of the total side that the clerk typed, as the rules name them first;
    otherwise every cell named.
    """
    if problem.fixes:
        return list(dict.fromkeys(fix.field for correction in problem.fixes for fix in correction))
    for ident in report.format.identities:
        terms = [t.field for t in (*ident.left, *ident.right)]
        if ident.code == problem.code and set(terms) == set(problem.fields):
            right = [t.field for t in ident.right if t.field in cells]
            typed = [f for f in right if report.values.get(f) is not None]
            return typed or right or cells
    return cells


def _printed_fields(fmt: Format) -> dict[str, str]:
    """Field id → the id of the cell that shows it (a unit is shown in its amount's cell)."""
    out = {}
    for f in fmt.fields:
        if f.kind is Kind.UNIT:
            if f.unit_of:
                out[f.id] = f.unit_of
        else:
            out[f.id] = f.id
    return out


def _section_id(fmt: Format, key: str) -> str:
    for n, spec in enumerate(fmt.sections, start=1):
        if spec.key == key:
            return f"s{n}"
    return ""


def page_context(
    report: Report | None,
    values: dict[str, Value | None] | None = None,
    problems: Sequence[Problem] = (),
    live: Live | None = None,
) -> dict[str, Any]:
    """Everything the page template reads. ``report`` may be None in the preview only."""
    ctx: dict[str, Any] = {"live": live, "report": None, "findings": [], "errors": 0, "warnings": 0}
    ctx["errors"] = sum(1 for p in problems if p.is_error)
    ctx["warnings"] = len(problems) - ctx["errors"]
    if report is None:
        ctx["findings"] = [Finding(n, p) for n, p in enumerate(problems, start=1)]
        ctx["title"] = "政府信息公开工作年度报告"
        return ctx
    fmt = report.format
    findings = _findings(report, problems)
    ctx["findings"] = findings
    texts = cell_text(report, values if values is not None else report.values, missing="")
    sections = []
    for n, (spec, section) in enumerate(zip(fmt.sections, parts(report), strict=True), start=1):
        section.update(
            id=f"s{n}",
            table=table(
                fmt.grids[spec.table].collapse(report.collapsed),
                texts,
                spec.key,
                findings,
                report.labels.get(spec.table),
            )
            if spec.table
            else None,
            findings=[f for f in findings if f.section == spec.key],
            flagged=any(f.target == f"s{n}" for f in findings),
        )
        sections.append(section)
    ctx.update(
        report=report,
        title=report.title,
        byline=list(report.byline),
        preamble=list(report.preamble),
        front=[part(e.heading, e.paragraphs, e.subsections) for e in report.extras if not e.follows],
        sections=sections,
        closing=list(report.closing),
        run_style=RUN_STYLES[report.run_in_face],
    )
    return ctx


def render(
    report: Report | None,
    values: dict[str, Value | None] | None = None,
    problems: Sequence[Problem] = (),
    live: Live | None = None,
) -> str:
    """The page as text. Without ``live`` it is the published page: no findings, no script."""
    return html_template(TEMPLATE).render(page_context(report, values, problems if live else (), live))
