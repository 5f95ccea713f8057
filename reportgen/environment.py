"""The one Jinja environment every template is rendered with.

Strict: an undefined name is an error, never empty text. Autoescaped: a value such as
``甲&乙 <b>`` or ``{{ x }}`` is text, never markup or a tag. Every value passes through one
``finalize`` that turns it into the target's markup: for Word, a newline becomes a line
break (``<w:br/>``) and a tab a ``<w:tab/>``, so no regex pass over the whole document is
needed after rendering. Characters XML 1.0 forbids are removed by the model already; the
``finalize`` removes any that still arrive (a new kind of value the model does not clean),
so no document can hold one: a Word file is unreadable with a single U+FFFE in it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup, escape

from reportgen.errors import TemplateError

DOCX_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
DOCX_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'

# What XML 1.0 forbids: C0 controls but tab, newline and CR; surrogates; U+FFFE, U+FFFF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_legal(text: str) -> str:
    """``text`` without the characters XML forbids (checked with one fast pass in the usual case)."""
    if text.isprintable():  # every forbidden character is unprintable: nothing to remove
        return text
    return XML_ILLEGAL.sub("", text)


def display(value: Any) -> str:
    """How a value is printed: a Decimal exactly as written, never in exponent form; text
    without the characters XML forbids."""
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    return text if text.isprintable() else XML_ILLEGAL.sub("", text)  # xml_legal, inlined: every value


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
