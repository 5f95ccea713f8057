"""What a report says, as values to compare: the same for a clerk's file and an imported one."""

from __future__ import annotations

from pathlib import Path

from reportgen import model, pipeline, rules, source


def said(text: str, name: str = "x.toml") -> dict:
    """Every value a report file states: title, prose, headings and every (completed) cell."""
    report, problems = model.build(source.parse(text, name))
    assert report is not None, [str(p) for p in problems]
    values = rules.complete(report)
    return {
        "agency": report.agency,
        "year": report.year,
        "format": report.format.id,
        "title": report.title,
        "preamble": report.preamble,
        "byline": report.byline,
        "run_in_face": report.run_in_face,
        "closing": report.closing,
        "sections": [
            (
                s.spec.key,
                s.heading,
                s.paragraphs,
                [(sub.heading, sub.run_in, sub.paragraphs) for sub in s.subsections],
                s.after,
            )
            for s in report.sections
        ],
        "extras": [
            (e.follows, e.heading, e.paragraphs, [(x.heading, x.run_in, x.paragraphs) for x in e.subsections])
            for e in report.extras
        ],
        "printed": report.printed,
        "labels": report.labels,
        "values": {k: v for k, v in values.items() if v is not None},
        "errors": sorted(str(p) for p in problems if p.is_error),
    }


def built(path: Path, out: Path, to: str = "docx") -> Path:
    """``path`` built to ``out`` (a .docx or .html)."""
    checked = pipeline.check(path, prev=None)
    if to == "docx":
        out.write_bytes(pipeline.render_docx(checked))
    else:
        out.write_text(pipeline.render_html(checked), encoding="utf-8")
    return out
