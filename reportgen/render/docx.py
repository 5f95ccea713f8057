"""Word output: a docxtpl template prepared once, then one render and one zip per report.

docxtpl re-opens the package, re-runs its tag clean-up and recompiles Jinja on every
``render()`` (engineering-notes: ~100 ms a document). Here that preparation is done once
per process and template, with docxtpl's own ``patch_xml`` so its template language
(``{%p %}``, ``{%tr %}`` …) means the same; each report then costs one Jinja render of
``word/document.xml`` and one zip write, the other parts copied as they are.
"""

from __future__ import annotations

import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import jinja2

from reportgen.errors import TemplateError

DOCUMENT = "word/document.xml"


class DocxRenderer:
    """A template ready to render: static parts kept as bytes, the body compiled once."""

    def __init__(self, template: Path) -> None:
        from docxtpl import DocxTemplate  # its import costs ~0.1 s: only when rendering Word

        from reportgen.environment import environment

        try:
            with zipfile.ZipFile(template) as z:
                self.parts = [(info.filename, z.read(info)) for info in z.infolist()]
        except (OSError, zipfile.BadZipFile) as exc:
            raise TemplateError(f"模板文件无法读取：{template}（{exc}）") from None
        names = [name for name, _ in self.parts]
        if DOCUMENT not in names:
            raise TemplateError(f"模板文件缺少 {DOCUMENT}：{template}")
        xml = dict(self.parts)[DOCUMENT].decode("utf-8")
        patched = DocxTemplate.patch_xml(None, xml)  # type: ignore[arg-type]  # uses no state
        self.template = template
        try:
            self.body = environment("docx").from_string(patched)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"模板 {template} 的标记写法有误：{exc.message}") from None

    def render(self, context: dict[str, Any]) -> bytes:
        """The finished .docx package for one report, as bytes."""
        try:
            body = self.body.render(context).encode("utf-8")
        except jinja2.TemplateError as exc:  # e.g. a name the template uses that no report has
            raise TemplateError(f"模板 {self.template} 无法生成：{exc.message}") from None
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            for name, data in self.parts:
                info = zipfile.ZipInfo(name, date_time=(2019, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, body if name == DOCUMENT else data)
        return out.getvalue()


@cache
def renderer(template: Path) -> DocxRenderer:
    """One prepared renderer per template and process."""
    return DocxRenderer(template)
