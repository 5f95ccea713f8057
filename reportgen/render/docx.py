"""Word output: a docxtpl template prepared once, then one render and one zip per report.

docxtpl re-opens the package, re-runs its tag clean-up and recompiles Jinja on every
``render()`` (engineering-notes: ~100 ms a document). Here that preparation is done once
per process and template:

* the parts with tags (``word/document.xml``; headers, footers and footnotes if they have
  any) are cleaned with docxtpl's own ``patch_xml``, so its template language (``{%p %}``,
  ``{%tr %}``, tags split across runs by Word …) means exactly what it means in docxtpl,
  and compiled once by the one strict Jinja environment;
* every other part is deflated once (:mod:`reportgen.render.archive`) and copied.

Each report then costs one Jinja render, one deflate of the rendered part and one
concatenation. Newlines and tabs in values become ``<w:br/>`` / ``<w:tab/>`` in the
environment's ``finalize`` (:mod:`reportgen.environment`), so no regex pass runs over the
rendered document, where docxtpl runs several.

The clean-up of ``word/document.xml`` is also kept beside the template as
``templates/<name>.docx.jinja`` (written by ``python -m reportgen.blueprint``, checked by a
test), stamped with the SHA-256 of the part it was made from: when it matches, importing
docxtpl (~0.1 s) is not needed at all; when someone has restyled the template in Word, the
stamp differs and the part is cleaned afresh with docxtpl. The compiled Jinja code is kept
between runs too (:mod:`reportgen.render.bytecode`).
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError

from reportgen.errors import TemplateError
from reportgen.render import archive, bytecode

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"  # plain XML with whole tags: rendered as it is, no docxtpl clean-up
# the parts whose tags are rendered; docProps/core.xml gives the document its title and author
TEMPLATED = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml|docProps/core\.xml")
TAGS = ("{{", "{%", "{#")
ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))  # docxtpl's literal braces
LEVEL = 1  # the rendered part: fastest deflate; static parts get level 9 once

_STAMP = re.compile(r"\{# reportgen: (\S+) sha256=([0-9a-f]{64}) .*#\}\n")


def prepared_path(template: Path) -> Path:
    """Where the cleaned ``word/document.xml`` of ``template`` is kept."""
    return template.with_name(template.name + ".jinja")


def patch(xml: str) -> str:
    """docxtpl's clean-up of one part: the template language as docxtpl defines it."""
    from docxtpl import DocxTemplate  # ~0.1 s to import: only when the kept copy is stale

    return DocxTemplate.patch_xml(None, xml)  # type: ignore[arg-type]  # uses no state


def prepared_text(template: Path) -> str:
    """The contents ``templates/<name>.docx.jinja`` must have for ``template``."""
    raw = _read_parts(template)[DOCUMENT]
    return _stamp(raw) + patch(raw.decode("utf-8"))


def write_prepared(template: Path) -> Path:
    path = prepared_path(template)
    path.write_text(prepared_text(template), encoding="utf-8", newline="")
    return path


def _stamp(raw: bytes) -> str:
    return (
        f"{{# reportgen: {DOCUMENT} sha256={hashlib.sha256(raw).hexdigest()} "
        "cleaned by docxtpl's patch_xml; remade by python -m reportgen.blueprint #}\n"
    )


def _kept(template: Path, raw: bytes) -> str | None:
    """The kept clean-up of ``word/document.xml``, if it was made from exactly ``raw``."""
    try:
        text = prepared_path(template).read_text(encoding="utf-8")
    except OSError:
        return None
    m = _STAMP.match(text)
    if m is None or m.group(1) != DOCUMENT or m.group(2) != hashlib.sha256(raw).hexdigest():
        return None
    return text[m.end() :]


def _read_parts(template: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(template) as z:
            parts = {info.filename: z.read(info) for info in z.infolist()}
    except (OSError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"模板文件无法读取：{template}（{exc}）") from None
    if DOCUMENT not in parts:
        raise TemplateError(f"模板文件缺少 {DOCUMENT}：{template}")
    return parts


class DocxRenderer:
    """A template ready to render: static parts deflated once, tagged parts compiled once."""

    def __init__(self, template: Path) -> None:
        from reportgen.environment import environment

        env = environment("docx")
        self.template = template
        # (name, deflated part) for static parts, (name, compiled template) for tagged ones
        self.parts: list[tuple[str, Any]] = []
        self.escapes = False
        for name, raw in _read_parts(template).items():
            if not TEMPLATED.fullmatch(name) or not any(t.encode() in raw for t in TAGS):
                self.parts.append((name, archive.deflate(name, raw)))
                continue
            if name == CORE:
                source = raw.decode("utf-8")
            else:
                source = (_kept(template, raw) if name == DOCUMENT else None) or patch(raw.decode("utf-8"))
            self.escapes = self.escapes or any(e in source for e, _ in ESCAPES)
            try:
                self.parts.append((name, bytecode.template(env, source, f"{template.name}/{name}")))
            except TemplateSyntaxError as exc:
                raise TemplateError(f"模板 {template} 的标记写法有误（{name}）：{exc.message}") from None

    def render(self, context: dict[str, Any]) -> bytes:
        """The finished .docx package for one report, as bytes."""
        members = []
        for name, part in self.parts:
            if isinstance(part, archive.Member):
                members.append(part)
                continue
            try:
                xml = part.render(context)
            except JinjaError as exc:
                raise TemplateError(f"模板 {self.template} 无法生成（{name}）：{exc.message}") from None
            if self.escapes:
                for escaped, brace in ESCAPES:
                    xml = xml.replace(escaped, brace)
            members.append(archive.deflate(name, xml.encode("utf-8"), LEVEL))
        return archive.pack(members)


@cache
def renderer(template: Path) -> DocxRenderer:
    """One prepared renderer per template and process."""
    return DocxRenderer(template)
