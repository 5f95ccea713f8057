"""Reading a clerk's TOML file: bytes → text → data, and where each key stands.

This is the bottom layer: it knows TOML and text positions, nothing about reports. Every
problem it finds is a :class:`~reportgen.errors.Problem` with the file's line and column;
no TOML library maps keys back to lines, so :func:`key_positions` scans the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.errors import InputError, Location, Problem, Severity

KeyPath = tuple[str | int, ...]

BOM = "\ufeff"

# Characters an input method produces where TOML needs their half-width twin.
FULL_WIDTH = {
    "＝": "=",
    "＃": "#",
    "，": ",",
    "＂": '"',
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "［": "[",
    "］": "]",
    "【": "[",
    "】": "]",
    "｛": "{",
    "｝": "}",
    "．": ".",
    "：": "=",
    "\u3000": " ",
    "－": "-",
    **{chr(0xFF10 + d): str(d) for d in range(10)},
}
CHAR_NAMES = {
    "\u3000": "全角空格",
    "“": "中文左引号“",
    "”": "中文右引号”",
    "‘": "中文单引号‘",
    "’": "中文单引号’",
}

TOML_MESSAGES = (
    ("Expected '=' after a key", "键的后面应当是半角等号 =。"),
    ("Invalid value", "等号后面的值无法识别：数字直接写（如 0），文字要用半角双引号括起来。"),
    ("Expected newline or end of document", "这一行的值后面多了内容：一行只写一项，注释以半角 # 开头。"),
    ("Unclosed inline table", "花括号 { } 没有正确闭合：各项之间用半角逗号 , 分隔，最后以 } 结束。"),
    ("Unclosed array", "方括号 [ ] 没有闭合。"),
    ("Unterminated string", '引号没有闭合：文字的开头和结尾都要有半角引号，多段文字用三个引号 """ 括起来。'),
    ("Cannot overwrite a value", "同一项写了两次，请删除重复的一行。"),
    ("Cannot declare", "同一个 [表头] 写了两次，请删除重复的表头。"),
    (
        "Invalid initial character for a key",
        '键名写法不对：中文键名必须用半角双引号括起来，如 "自然人" = 0。',
    ),
    ("Invalid statement", '这一行无法识别：应当是 "键" = 值、[表头] 或以 # 开头的注释。'),
    ("Illegal character", "含有不允许的控制字符，请删除它。"),
    ("Invalid hex value", "转义写法不对：反斜杠 \\ 在文字中要写成 \\\\。"),
    ("Unescaped '\\' in a string", "文字中的反斜杠 \\ 要写成 \\\\。"),
)


@dataclass(frozen=True)
class Source:
    """A parsed input file and the line of every key in it."""

    path: str
    text: str
    data: dict[str, Any]
    positions: Mapping[KeyPath, tuple[int, int]]

    def location(self, key: KeyPath) -> Location:
        """Where ``key`` is written, or the nearest enclosing table if it is missing."""
        for n in range(len(key), 0, -1):
            pos = self.positions.get(key[:n])
            if pos is not None:
                return Location(self.path, pos[0])
        return Location(self.path, 1)


def read(path: Path, display: str | None = None) -> Source:
    """Read and parse ``path``; raise :class:`InputError` with a Chinese message on failure."""
    shown = display or str(path)
    raw = path.read_bytes()
    return parse(decode(raw, shown), shown)


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM) is accepted; a GBK/GB18030 file is named as such."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            hint = "文件不是 UTF-8 编码的文本"
        else:
            hint = "文件是 GBK/GB18030 编码（Windows 记事本的“ANSI”），reportgen 只读 UTF-8"
        raise InputError(
            [
                _error(
                    "F-encoding",
                    Location(shown, line),
                    f"{hint}。请用记事本打开本文件，选择“文件 → 另存为”，"
                    "在“编码”中选“UTF-8”后保存，再重新运行。",
                )
            ]
        ) from None
    return text.removeprefix(BOM)


def parse(text: str, shown: str) -> Source:
    import tomli  # imported here: only files that are read need it

    try:
        data = tomli.loads(text, parse_float=Decimal)
    except tomli.TOMLDecodeError as exc:
        raise InputError([syntax_problem(text, shown, exc.lineno, exc.colno, exc.msg)]) from None
    return Source(shown, text, data, Positions(text))


class Positions(Mapping[KeyPath, tuple[int, int]]):
    """:func:`key_positions` of a text, scanned when first asked: a file without findings
    never needs a line number, and the scan costs as much as parsing (~0.8 ms a report)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._scanned: dict[KeyPath, tuple[int, int]] | None = None

    def _all(self) -> dict[KeyPath, tuple[int, int]]:
        if self._scanned is None:
            self._scanned = key_positions(self._text)
        return self._scanned

    def __getitem__(self, key: KeyPath) -> tuple[int, int]:
        return self._all()[key]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def syntax_problem(text: str, shown: str, lineno: int, colno: int, msg: str) -> Problem:
    """A TOML syntax error in Chinese; an input-method character near it is named first."""
    lines = text.splitlines() or [""]
    line = lines[min(lineno, len(lines)) - 1]
    found = _full_width_near(line, colno)
    if found is not None:
        col, ch = found
        name = CHAR_NAMES.get(ch, f"全角字符“{ch}”")
        twin = FULL_WIDTH[ch]
        shown_twin = "半角空格" if twin == " " else f"半角 {twin}"
        return _error(
            "F-fullwidth",
            Location(shown, lineno, col),
            f"第 {col} 列是{name}，TOML 只认{shown_twin}。请切换到英文输入法，"
            f"把它改成 {twin if twin != ' ' else '空格'}。",
        )
    for prefix, chinese in TOML_MESSAGES:
        if msg.startswith(prefix):
            return _error("F-syntax", Location(shown, lineno, colno), f"TOML 格式错误：{chinese}")
    return _error("F-syntax", Location(shown, lineno, colno), f"TOML 格式错误（{msg}）。")


def _full_width_near(line: str, colno: int) -> tuple[int, str] | None:
    """The first input-method character outside a string, up to the error column."""
    in_string: str | None = None
    for i, ch in enumerate(line):
        if in_string:
            if ch == in_string:
                in_string = None
            continue
        if ch in "\"'":
            in_string = ch
            continue
        if ch == "#":
            break
        if ch in FULL_WIDTH:
            return i + 1, ch
        if i + 1 > colno + 1:
            break
    return None


def _error(code: str, location: Location, message: str) -> Problem:
    return Problem(Severity.ERROR, code, location, message)


# ---------------------------------------------------------------- key positions

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_WS = " \t"


def _key(s: str, i: int) -> tuple[list[str], int] | None:
    """Parse a (dotted) key at ``s[i:]``; return its parts and the index after it."""
    parts: list[str] = []
    while True:
        while i < len(s) and s[i] in _WS:
            i += 1
        if i >= len(s):
            return None
        if s[i] in "\"'":
            q = s[i]
            j = i + 1
            buf = []
            while j < len(s) and s[j] != q:
                if q == '"' and s[j] == "\\" and j + 1 < len(s):
                    buf.append(s[j + 1])
                    j += 2
                    continue
                buf.append(s[j])
                j += 1
            if j >= len(s):
                return None
            parts.append("".join(buf))
            i = j + 1
        else:
            m = _BARE.match(s, i)
            if not m:
                return None
            parts.append(m.group(0))
            i = m.end()
        while i < len(s) and s[i] in _WS:
            i += 1
        if i < len(s) and s[i] == ".":
            i += 1
            continue
        return parts, i


def key_positions(text: str) -> dict[KeyPath, tuple[int, int]]:
    """Map every table, key and inline-table key to its (line, column), 1-based."""
    out: dict[KeyPath, tuple[int, int]] = {}
    table: KeyPath = ()
    arrays: dict[KeyPath, int] = {}
    closing: str | None = None  # the delimiter of an open multi-line string
    for n, line in enumerate(text.splitlines(), start=1):
        if closing is not None:
            if _closes(line, closing):
                closing = None
            continue
        stripped = line.lstrip(_WS)
        indent = len(line) - len(stripped)
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[["):
            parsed = _key(stripped, 2)
            if parsed:
                base = tuple(parsed[0])
                index = arrays.get(base, -1) + 1
                arrays[base] = index
                table = (*base, index)
                out.setdefault(base, (n, indent + 1))
                out[table] = (n, indent + 1)
            continue
        if stripped.startswith("["):
            parsed = _key(stripped, 1)
            if parsed:
                table = tuple(parsed[0])
                out[table] = (n, indent + 1)
            continue
        parsed = _key(line, 0)
        if not parsed or parsed[1] >= len(line) or line[parsed[1]] != "=":
            continue
        parts, i = parsed
        full = (*table, *parts)
        out.setdefault(full, (n, indent + 1))
        value = line[i + 1 :].lstrip(_WS)
        for delim in ('"""', "'''"):
            if value.startswith(delim) and not _closes(value[3:], delim):
                closing = delim
        if value.startswith("{"):
            _inline_keys(line, line.index("{", i), n, full, out)
    return out


def _closes(line: str, delim: str) -> bool:
    pos = line.find(delim)
    while pos > 0 and delim == '"""' and line[pos - 1] == "\\":
        pos = line.find(delim, pos + 1)
    return pos >= 0


def _inline_keys(line: str, start: int, n: int, prefix: KeyPath, out: dict[KeyPath, tuple[int, int]]) -> None:
    i = start + 1
    while i < len(line):
        parsed = _key(line, i)
        if not parsed:
            return
        parts, j = parsed
        out.setdefault((*prefix, *parts), (n, i + 1 + len(line[i:]) - len(line[i:].lstrip(_WS))))
        # skip the value: up to the next comma or closing brace outside quotes
        k = j + 1
        quote: str | None = None
        while k < len(line):
            ch = line[k]
            if quote:
                if ch == "\\" and quote == '"':
                    k += 2
                    continue
                if ch == quote:
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch in ",}":
                break
            k += 1
        if k >= len(line) or line[k] == "}":
            return
        i = k + 1
