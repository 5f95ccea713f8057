"""The one Jinja environment every template is rendered with.

Strict: an undefined name is an error, never empty text. Autoescaped: a value such as
``甲&乙 <b>`` or ``{{ x }}`` is text, never markup or a tag. Every value passes through one
``finalize`` that turns it into the target's markup: for Word, a newline becomes a line
break (``<w:br/>``) and a tab a ``<w:tab/>``, so no regex pass over the whole document is
needed after rendering. Control characters never get here (the model removes them).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup, escape

from reportgen.errors import TemplateError

DOCX_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
DOCX_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def display(value: Any) -> str:
    """How a value is printed: a Decimal exactly as written, never in exponent form."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _docx_finalize(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    text = escape(display(value))
    if "\n" in text or "\t" in text:
        return Markup(str(text).replace("\n", DOCX_BREAK).replace("\t", DOCX_TAB))
    return text  # most values (every table cell): escaped, nothing more to do


def _html_finalize(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(display(value))).replace("\n", "<br>"))


def environment(target: str) -> Environment:
    """The strict, autoescaping environment for ``target`` ("docx" or "html")."""
    finalize = {"docx": _docx_finalize, "html": _html_finalize}[target]
    return Environment(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=finalize,
        keep_trailing_newline=True,
    )


@cache
def html_template(path: Path) -> Template:
    """An HTML page template (``templates/*.html.j2``), read and compiled once per process."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"模板文件无法读取：{path}（{exc.strerror}）") from None
    return environment("html").from_string(text)
