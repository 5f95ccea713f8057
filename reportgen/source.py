"""Reading a clerk's TOML file: bytes → text → data, and where each key stands.

This is the bottom layer: it knows TOML and text positions, nothing about reports. Every
problem it finds is a :class:`~reportgen.errors.Problem` with the file's line and column;
no TOML library maps keys back to lines, so :func:`key_positions` scans the text itself.

Lines are counted as TOML counts them: only ``\\n`` ends a line (a form feed or U+2028
inside a string does not), so every line number here agrees with the parser's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.errors import InputError, Location, Problem, Severity, excerpt

KeyPath = tuple[str | int, ...]

BOM = "\ufeff"

# Characters an input method produces where TOML needs their half-width twin.
FULL_WIDTH = {
    "＝": "=",
    "＃": "#",
    "，": ",",
    "、": ",",
    "＂": '"',
    "“": '"',
    "”": '"',
    "‘": '"',
    "’": '"',
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
    "＋": "+",
    **{chr(0xFF10 + d): str(d) for d in range(10)},
}
# How a character is called in a message: the input method's name for it.
CHAR_NAMES = {
    "＝": "全角等号",
    "＃": "全角井号",
    "，": "中文逗号",
    "、": "中文顿号",
    "＂": "全角引号",
    "“": "中文引号",
    "”": "中文引号",
    "‘": "中文单引号",
    "’": "中文单引号",
    "［": "全角方括号",
    "］": "全角方括号",
    "【": "中文方括号",
    "】": "中文方括号",
    "｛": "全角花括号",
    "｝": "全角花括号",
    "．": "全角句点",
    "：": "中文冒号",
    "\u3000": "全角空格",
    "－": "全角减号",
    "＋": "全角加号",
    **{chr(0xFF10 + d): "全角数字" for d in range(10)},
}
TWIN_NAMES = {
    "=": "等号",
    "#": "井号",
    ",": "逗号",
    '"': "双引号",
    "[": "方括号",
    "]": "方括号",
    "{": "花括号",
    "}": "花括号",
    ".": "句点",
    "-": "减号",
    "+": "加号",
}
_OPENING_QUOTES = "“‘＂"
_CLOSING_QUOTES = "”’＂“‘\"'"

_SWITCH = "请切换到英文输入法后重新输入"

TOML_MESSAGES = (
    ("Expected '=' after a key", "键的后面应当是半角等号 =。"),
    ("Invalid value", "等号后面的值无法识别：数字直接写（如 0），文字要用半角双引号括起来。"),
    ("Expected newline or end of document", "这一行的值后面多了内容：一行只写一项，注释以半角 # 开头。"),
    (
        "Unclosed inline table",
        "花括号 { } 没有正确闭合：各项之间用半角逗号 , 分隔，最后以 } 结束，并且写在同一行。",
    ),
    ("Unclosed array", "方括号 [ ] 没有闭合。"),
    ("Unterminated string", '引号没有闭合：文字的开头和结尾都要有半角引号，多段文字用三个引号 """ 括起来。'),
    ("Illegal character '\\n'", '这一行的文字缺少结尾的半角双引号 "；多行文字要用三个引号 """ 括起来。'),
    ("Illegal character", "含有不允许的控制字符，请删除它。"),
    ("Cannot overwrite a value", "同一项写了两次，请删除重复的一行。"),
    ("Duplicate inline table key", "花括号里同一列写了两次，请删除重复的一项。"),
    ("Cannot declare", "同一个 [表头] 写了两次，请删除重复的表头。"),
    ("Expected ']' at the end of a table declaration", "表头缺少结尾的半角方括号 ]。"),
    ("Expected ']]' at the end of an array declaration", "小节表头要以两个半角方括号 ]] 结尾。"),
    (
        "Invalid initial character for a key",
        '键名写法不对：中文键名必须用半角双引号括起来，如 "自然人" = 0。',
    ),
    ("Invalid statement", '这一行无法识别：应当是 "键" = 值、[表头] 或以 # 开头的注释。'),
    ("Invalid hex value", "转义写法不对：反斜杠 \\ 在文字中要写成 \\\\。"),
    ("Unescaped '\\' in a string", "文字中的反斜杠 \\ 要写成 \\\\，或改用正斜杠 /。"),
    ("Invalid date or datetime", "日期写法不对：日期请作为文字，用半角双引号括起来。"),
)


@dataclass(frozen=True)
class Source:
    """A parsed input file and the line of every key in it."""

    path: str
    text: str
    data: dict[str, Any]
    positions: Mapping[KeyPath, tuple[int, int]]
    origin: Any = None  # text written from a published report: its import, which maps lines back

    def location(self, key: KeyPath, column: bool = False) -> Location:
        """Where ``key`` is written, or the nearest enclosing table if it is missing.

        With ``column``, the column of the key itself (only when the key is present).
        """
        for n in range(len(key), 0, -1):
            pos = self.positions.get(key[:n])
            if pos is not None:
                return Location(self.path, pos[0], pos[1] if column and n == len(key) else 0)
        return Location(self.path, 1)

    def text_location(self, key: KeyPath, index: int, needle: str = "") -> Location:
        """Where character ``index`` of the string value at ``key`` stands in the file.

        Escapes (``\\n`` typed as two characters) can shift the count; ``needle``, the text
        found at ``index``, is then looked for on the following lines instead.
        """
        pos = self.positions.get(key)
        if pos is None:
            return self.location(key)
        lines = self.text.split("\n")
        first = lines[pos[0] - 1]
        m = re.search(r"=\s*(\"\"\"|'''|\"|')", first[pos[1] - 1 :])
        if m is None:
            return Location(self.path, pos[0])
        start_col = pos[1] - 1 + m.end()  # 0-based index just after the opening quote
        line, col = pos[0], start_col
        if len(m.group(1)) == 3 and not first[start_col:].strip():
            line, col = line + 1, 0  # a newline right after """ is not part of the value
        value = self.data_at(key)
        before = value[:index] if isinstance(value, str) else ""
        breaks = before.count("\n")
        if breaks:
            line, col = line + breaks, len(before) - before.rfind("\n") - 1
        else:
            col += len(before)
        if needle:
            got = lines[line - 1][col : col + len(needle)] if line <= len(lines) else ""
            if got != needle:
                for n in range(pos[0], len(lines) + 1):
                    found = lines[n - 1].find(needle)
                    if found >= 0:
                        return Location(self.path, n, found + 1)
                return Location(self.path, pos[0])
        return Location(self.path, line, col + 1)

    def commented_out(self, key: KeyPath) -> int | None:
        """The line where ``key`` is written but turned into a comment by a leading ``#``."""
        name = str(key[-1])
        quoted = r"[\"'“]" + re.escape(name) + r"[\"'”]"
        pattern = re.compile(rf"^[ \t]*[#＃].*?({quoted}[ \t]*[=＝]|\[[ \t]*{quoted}[ \t]*\])")
        parent = self.positions.get(key[:-1]) if len(key) > 1 else None
        if len(key) > 1 and parent is None:
            return None
        start = parent[0] if parent else 0
        for n, line in enumerate(self.text.split("\n")[start:], start=start + 1):
            if parent and line.lstrip(" \t").startswith("[") and n > start + 1:
                return None  # the next table: the key would not belong here
            if pattern.match(line):
                return n
        return None

    def commented_header_above(self, line: int) -> int | None:
        """A table header turned into a comment between ``line`` and the header above it."""
        lines = self.text.split("\n")
        for n in range(min(line, len(lines)), 0, -1):
            stripped = lines[n - 1].lstrip(" \t")
            if re.match(r"[#＃]+[ \t]*\[", stripped):
                return n
            if stripped.startswith("["):
                return None
        return None

    def data_at(self, key: KeyPath) -> Any:
        node: Any = self.data
        for part in key:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node


def read(path: Path, display: str | None = None) -> Source:
    """Read and parse ``path``; raise :class:`InputError` with a Chinese message on failure."""
    shown = display or str(path)
    raw = path.read_bytes()
    return parse(decode(raw, shown), shown)


_RESAVE = "请用记事本打开本文件，选择“文件 → 另存为”，在“编码”中选“UTF-8”后保存，再重新运行。"


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM) is accepted; UTF-16 and GBK/GB18030 files are named as such."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [
                _error(
                    "F-encoding",
                    Location(shown, 1),
                    f"文件是 UTF-16 编码（记事本的“Unicode”），reportgen 只读 UTF-8。{_RESAVE}",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            hint = "文件不是 UTF-8 编码的文本（可能是 Word 文档或其他格式的文件）"
        else:
            hint = "文件是 GBK/GB18030 编码（记事本的“ANSI”），reportgen 只读 UTF-8"
        raise InputError([_error("F-encoding", Location(shown, line), f"{hint}。{_RESAVE}")]) from None
    return text.removeprefix(BOM)


def parse(text: str, shown: str) -> Source:
    import tomli  # imported here: only files that are read need it

    try:
        data = tomli.loads(text, parse_float=Decimal)
    except tomli.TOMLDecodeError as exc:
        raise InputError(syntax_problems(text, shown, exc.lineno, exc.colno, exc.msg)) from None
    except (ValueError, ArithmeticError, RecursionError):
        # What the parser cannot hold and does not locate: an integer of more than 4300
        # digits (Python's limit), an exponent beyond Decimal's, brackets nested 400 deep.
        raise InputError([unreadable_value(text, shown)]) from None
    return Source(shown, text, data, Positions(text))


# ---------------------------------------------------------------- values the parser cannot hold

NESTING = 400  # tomli's limit on nested brackets
_NUMBER = re.compile(r"(?<![\w.+-])[+-]?\d[\d_]*(\.[\d_]+)?([eE][+-]?[\d_]+)?(?![\w.])")


def unreadable_value(text: str, shown: str) -> Problem:
    """The located error for what made the parser give up without a position."""
    depth = 0
    for n, col, chunk in code_chunks(text):
        for i, ch in enumerate(chunk):
            if ch in "[{":
                depth += 1
                if depth >= NESTING:
                    return _error(
                        "F-syntax",
                        Location(shown, n, col + i + 1),
                        f"TOML 格式错误：方括号或花括号在这里已经嵌套了 {depth} 层，无法读取。"
                        "表格的每一行只要一对花括号 { }，请删去多余的括号。",
                    )
            elif ch in "]}":
                depth = max(0, depth - 1)
        for m in _NUMBER.finditer(chunk):
            problem = _number_problem(m, shown, n, col)
            if problem is not None:
                return problem
    return _error(
        "F-syntax", Location(shown, 1), "TOML 格式错误：文件中有无法读取的值（数字太长或括号太多），请核对。"
    )


def _number_problem(m: re.Match[str], shown: str, line: int, col: int) -> Problem | None:
    literal = m.group(0)
    digits = sum(ch.isdigit() for ch in (literal.split("e")[0].split("E")[0]))
    where = Location(shown, line, col + m.start() + 1)
    if m.group(1) is None and m.group(2) is None and digits > 4300:
        return _error(
            "F-syntax",
            where,
            f"TOML 格式错误：第 {where.column} 列的数字有 {digits:,} 位，太长了，无法读取。请核对这个数字。",
        )
    if m.group(2) is not None:
        try:
            Decimal(literal.replace("_", ""))
        except ArithmeticError:
            return _error(
                "F-syntax",
                where,
                f"TOML 格式错误：第 {where.column} 列的数字 {excerpt(literal)} 的指数太大，无法读取。请核对这个数字。",
            )
    return None


def code_chunks(text: str) -> Iterator[tuple[int, int, str]]:
    """The parts of ``text`` that are TOML, not text or comments: (line, 0-based column, chunk)."""
    closing: str | None = None  # the delimiter of an open multi-line string
    for n, line in enumerate(text.split("\n"), start=1):
        i = start = 0
        while i < len(line):
            if closing is not None:  # inside a multi-line string
                end = _find_closing(line, i, closing)
                i = start = len(line) if end < 0 else end + 3
                closing = None if end >= 0 else closing
                continue
            ch = line[i]
            if ch == "#" or ch in "\"'":
                if i > start:
                    yield n, start, line[start:i]
                if ch == "#":
                    i = start = len(line)
                elif line.startswith(ch * 3, i):
                    closing, i = ch * 3, i + 3
                    start = i
                else:
                    end = _string_end(line, i)
                    i = start = len(line) if end < 0 else end + 1
                continue
            i += 1
        if closing is None and i > start:
            yield n, start, line[start:i]


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


# ---------------------------------------------------------------- syntax errors


def syntax_problems(text: str, shown: str, lineno: int, colno: int, msg: str) -> list[Problem]:
    """A TOML syntax error in Chinese, and every input-method character in the file.

    The parser stops at its first error; the characters an input method typed where TOML
    needs half-width ones are all found at once, so the clerk fixes them in one go, when
    putting their half-width twins in their place gets the parser past its error (else
    they are text the error made look like TOML, and the parser's message is given). A
    multi-line string whose closing quotes were damaged swallows the lines after it and
    the parser fails far below: the damaged place is then named instead.
    """
    stray, unterminated, spans, unclosed = scan(text)
    needed = _needed_twins(text, (lineno, colno)) if stray else []
    if needed:
        return [_stray_problem(shown, n, col, ch) for n, col, ch in needed]
    if unclosed and unclosed[0][0] < lineno:  # the parser read on past the line's end
        return [
            _error(
                "F-syntax",
                Location(shown, *unclosed[0]),
                f"TOML 格式错误：第 {unclosed[0][1]} 列开始的引号没有在本行闭合：请补上结尾的引号，"
                '或删去多余的引号；多行文字要用三个引号 """ 括起来。',
            )
        ]
    swallowed = _swallowing_string(text, spans, lineno)
    if swallowed is not None:
        return [_swallow_problem(text, shown, *swallowed)]
    statement = msg.startswith(("Expected '='", "Invalid statement", "Expected newline", "Invalid initial"))
    opener = _text_opener(text, lineno) if statement else None
    if opener is not None:
        what = (
            "多行文字的开头这一行以 # 开头，被当成了注释，下面的文字因此无法识别。请删去行首的 #。"
            if opener[1]
            else '下面的文字没有被引号括起来：多行文字要在等号后写三个半角双引号 """，'
            '文字结束后另起一行再写 """。请检查这一行的引号。'
        )
        return [_error("F-syntax", Location(shown, opener[0]), f"TOML 格式错误：{what}")]
    before = [(n, col, ch) for n, col, ch in stray if (n, col) <= (lineno, colno)]
    if before:  # the ones up to the parser's error are sure; later ones may be text
        return [_stray_problem(shown, n, col, ch) for n, col, ch in before]
    return [_parser_problem(text, shown, lineno, colno, msg, unterminated)]


def _text_opener(text: str, lineno: int) -> tuple[int, bool] | None:
    """The line above the prose the parser failed on: (line, whether it is a comment).

    Prose lines parsed as TOML mean the ``\"\"\"`` that should have opened them was
    commented out or mistyped on the key line just above them.
    """
    lines = text.split("\n")
    first = lines[lineno - 1].strip(" \t\r") if 0 < lineno <= len(lines) else ""
    if not first or first[0] in "\"'[#{}=" or first.isascii() or re.search(r"[\"']\s*=|\[\s*[\"']", first):
        return None  # not a line of prose
    for n in range(lineno - 1, 0, -1):
        line = lines[n - 1].strip(" \t\r")
        if not line or (line[0] not in "\"'[#{}=" and not line.isascii()):
            continue  # blank, or more prose
        if line.startswith(("#", "＃")):
            return (n, True) if re.search(r"=\s*(\"\"\"|\'\'\')", line) else None
        proper = re.search(r"=\s*(\"{3}|'{3})\s*$", line)  # a real opener: not this case
        if re.match(r"[\"'A-Za-z0-9_-].*=\s*[\"'].*(\"\"|'')", line) and not proper:
            return n, False  # a text value whose quotes did not open a multi-line text
        return None
    return None


def _needed_twins(text: str, error: tuple[int, int]) -> list[tuple[int, int, str]]:
    """The input-method characters to replace, one at a time, each found again after the last.

    Replacing a curly quote may turn the text after it back into a string, so each next
    character is looked for in the text as corrected so far. The list is returned only
    when the corrected text gets the parser past its error and past them all; else [].
    """
    import tomli

    lines = text.split("\n")
    needed: list[tuple[int, int, str]] = []
    for _ in range(200):
        stray = [s for s in scan("\n".join(lines))[0] if s not in needed]
        if not stray:
            break
        pair = (
            stray[:2]
            if stray[0][2] in _OPENING_QUOTES and len(stray) > 1 and stray[1][0] == stray[0][0]
            else []
        )
        for n, col, ch in pair or stray[:1]:  # a curly pair is replaced together
            needed.append((n, col, ch))
            lines[n - 1] = lines[n - 1][: col - 1] + FULL_WIDTH[ch] + lines[n - 1][col:]
    if not needed:
        return []
    try:
        tomli.loads("\n".join(lines))
    except tomli.TOMLDecodeError as exc:
        if (exc.lineno, exc.colno) <= max(error, max(needed)[:2]):
            return []
    return needed


_TOML_LINE = re.compile(r"""^[ \t]*(\[\[?[ \t]*["']|"[^"]*"[ \t]*=)""")


def _swallowing_string(text: str, spans: list[tuple[int, int]], lineno: int) -> tuple[int, int, int] | None:
    """A multi-line string before the error that contains lines looking like TOML keys or tables.

    Returns (opening line, last line of text before the first such line, that line).
    """
    lines = text.split("\n")
    for opened, closed in spans:
        if opened > lineno:
            break
        for n in range(opened + 1, min(closed, len(lines)) + 1):
            if _TOML_LINE.match(lines[n - 1]) and closed >= lineno - 1:
                last = next((k for k in range(n - 1, opened - 1, -1) if lines[k - 1].strip()), opened)
                short = lines[n - 1].strip()
                if len(short) <= 6 and ('""' in short or "''" in short):
                    last = n  # the damaged closing quotes are on that line itself
                return opened, last, n
    return None


def _swallow_problem(text: str, shown: str, opened: int, last: int, toml_line: int) -> Problem:
    return _error(
        "F-syntax",
        Location(shown, last),
        f"TOML 格式错误：第 {opened} 行开始的多行文字没有在这里结束，把第 {toml_line} 行起的内容也当成了文字。"
        '请检查这段文字末尾的三个半角双引号 """ 是否完整（要单独写成一行）。',
    )


def _stray_problem(shown: str, line: int, col: int, ch: str) -> Problem:
    twin = FULL_WIDTH[ch]
    name = CHAR_NAMES[ch]
    if twin == " ":
        message = (
            f"第 {col} 列是一个{name}（中文输入法打出的空格），TOML 不认。"
            "请删掉它；需要空格时，切换到英文输入法后再输入。"
        )
    else:
        twin_name = TWIN_NAMES.get(twin, "数字" if twin.isdigit() else "字符")
        message = f"第 {col} 列是{name} {ch}，这里要用半角{twin_name} {twin}。{_SWITCH}。"
    return _error("F-fullwidth", Location(shown, line, col), message)


def _parser_problem(
    text: str, shown: str, lineno: int, colno: int, msg: str, unterminated: int | None
) -> Problem:
    lines = text.split("\n")
    if msg == "Unterminated string" and unterminated is not None:
        lineno, colno = unterminated, lines[unterminated - 1].find('"""') + 1 or 1
        return _error(
            "F-syntax",
            Location(shown, lineno, colno),
            'TOML 格式错误：这里开始的多行文字没有结束，请在文字末尾另起一行写上三个半角双引号 """。',
        )
    opened = _open_brace(text, lineno, colno)
    if opened is not None and opened[0] < lineno:
        # TOML 1.1 lets an inline table run over lines: the parser fails further down,
        # but the { was left open on the line where it was typed (a # or a missing } there).
        name, closing = ("花括号 {", "}") if opened[2] == "{" else ("方括号 [", "]")
        return _error(
            "F-syntax",
            Location(shown, opened[0], opened[1]),
            f"TOML 格式错误：第 {opened[1]} 列的{name} 没有在本行闭合：请检查是否漏写了 {closing}、"
            f"误写了多余的 {opened[2]}，以及行内是否误写了 #（# 后面的内容都会被当成注释）。",
        )
    header = _commented_header(msg, lines, lineno)
    if header is not None:
        return _error(
            "F-syntax",
            Location(shown, header),
            "TOML 格式错误：这个表头以 # 开头，被当成了注释，它下面的各项因此与上一部分重复。请删去行首的 #。",
        )
    line = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    at = line[colno - 1] if 0 < colno <= len(line) else ""
    before = line[colno - 2] if 1 < colno <= len(line) + 1 else ""
    hint = _context_hint(msg, line, colno, at, before) or _duplicate_hint(msg, lines, lineno)
    if hint is None:
        for prefix, chinese in TOML_MESSAGES:
            if msg.startswith(prefix):
                hint = chinese
                break
    if hint is None:
        hint = f"无法识别（{msg}）。"
    return _error("F-syntax", Location(shown, lineno, colno), f"TOML 格式错误：{hint}")


def _open_brace(text: str, lineno: int, colno: int) -> tuple[int, int, str] | None:
    """The (line, column, bracket) of the innermost { or [ still open at the error position."""
    stack: list[tuple[int, int, str]] = []
    state = ""  # outside strings, or the delimiter of the string we are in
    for n, line in enumerate(text.split("\n")[:lineno], start=1):
        end = colno - 1 if n == lineno else len(line)
        if state in ('"', "'"):
            state = ""  # a one-line string ends with its line (an error of its own)
        i = 0
        while i < end:
            if len(state) == 3:
                found = _find_closing(line, i, state)
                if found < 0:
                    break
                i, state = found + 3, ""
                continue
            ch = line[i]
            if state:
                if ch == "\\" and state == '"':
                    i += 2
                    continue
                if ch == state:
                    state = ""
                i += 1
                continue
            if ch == "#":
                break
            if line.startswith(('"""', "'''"), i):
                state, i = line[i : i + 3], i + 3
                continue
            if ch in "\"'":
                state = ch
            elif ch in "{[":
                stack.append((n, i + 1, ch))
            elif ch in "}]" and stack:
                stack.pop()
            i += 1
    return stack[-1] if stack else None


def _context_hint(msg: str, line: str, colno: int, at: str, before: str) -> str | None:
    """A more precise message when the text around the error shows what went wrong."""
    value_error = msg.startswith(("Expected newline", "Unclosed inline table", "Invalid value"))
    if re.search(r"=\s*-?\d{1,3}(,\d{3})+", line):
        return "数字中不要写千位分隔符逗号：写 1140，不要写 1,140。"
    if value_error and at and before.isdigit() and not at.isascii():
        return f"数字后面不要写单位或文字（第 {colno} 列的“{at}”）：只写数字，如 12。"
    if msg.startswith("Expected newline") and re.search(r"=\s*0\d", line):
        return "数字不能以 0 开头（如 07），请去掉前面的 0。"
    if msg.startswith(("Invalid statement", "Invalid initial character")) and at and not at.isascii():
        return '键名要用半角双引号括起来，如 "自然人" = 0；中文不能直接作键名。'
    return None


def _duplicate_hint(msg: str, lines: list[str], lineno: int) -> str | None:
    """Name the key or table written twice, and the line where it was written first."""
    if msg.startswith("Cannot declare"):
        m = re.match(r"Cannot declare \((.*?),?\) twice", msg)
        here = lines[lineno - 1].lstrip(_WS)
        parsed = _key(here, 2 if here.startswith("[[") else 1)
        if not m or not parsed:
            return None
        for n, line in enumerate(lines[: lineno - 1], start=1):
            stripped = line.lstrip(_WS)
            if stripped.startswith("[") and not stripped.startswith("[["):
                other = _key(stripped, 1)
                if other and other[0] == parsed[0]:
                    name = excerpt(".".join(f'"{p}"' for p in parsed[0]))
                    return f"表头 [{name}] 写了两次（第 {n} 行已经写过）：请把两处的内容合并到一处，删除重复的表头。"
        return None
    if msg.startswith(("Cannot overwrite a value", "Duplicate inline table key")):
        parsed = _key(lines[lineno - 1], 0)
        if parsed is None:
            return None
        for n in range(lineno - 1, 0, -1):
            line = lines[n - 1]
            if line.lstrip(_WS).startswith("["):
                break  # only the same table counts
            other = _key(line, 0)
            if other and other[0] == parsed[0]:
                name = excerpt(".".join(parsed[0]))
                return f"“{name}”写了两次（第 {n} 行已经写过），请删除其中一行。"
    return None


def _commented_header(msg: str, lines: list[str], lineno: int) -> int | None:
    """A table header turned into a comment just above a key the parser calls a duplicate."""
    if not msg.startswith("Cannot overwrite a value"):
        return None
    for n in range(lineno - 1, 0, -1):
        line = lines[n - 1].lstrip(_WS)
        if re.match(r"[#＃]+[ \t]*\[", line):
            return n
        if line.startswith("["):
            return None
    return None


def scan(
    text: str,
) -> tuple[list[tuple[int, int, str]], int | None, list[tuple[int, int]], list[tuple[int, int]]]:
    """Input-method characters outside strings and comments, as (line, column, character).

    Also returns the line of a multi-line string left open at the end of the file, and
    the (first, last) lines of every multi-line string, and where the first one-line string
    left open begins. A
    string opened by a curly quote is skipped up to its closing quote: only the quotes are
    wrong, the text between them is the clerk's.
    """
    found: list[tuple[int, int, str]] = []
    spans: list[tuple[int, int]] = []
    unclosed: list[tuple[int, int]] = []  # the first one-line string left open
    closing: str | None = None
    opened = 0
    lines = text.split("\n")
    for n, line in enumerate(lines, start=1):
        i = 0
        while i < len(line):
            if closing is not None:
                end = _find_closing(line, i, closing)
                if end < 0:
                    break
                i, closing = end + 3, None
                spans.append((opened, n))
                continue
            ch = line[i]
            if ch == "#":
                break
            if line.startswith(('"""', "'''"), i):
                closing, opened, i = line[i : i + 3], n, i + 3
                continue
            if ch in "\"'":
                end = _string_end(line, i)
                if end < 0 and not unclosed:
                    unclosed.append((n, i + 1))
                if end < 0:  # unclosed: a curly quote at the end was meant to close it
                    tail = line.rstrip(" \t\r\u3000")
                    if tail and tail[-1] in _CLOSING_QUOTES and tail[-1] in FULL_WIDTH and len(tail) - 1 > i:
                        found.append((n, len(tail), tail[-1]))
                    break
                i = end + 1
                continue
            if ch in FULL_WIDTH:
                found.append((n, i + 1, ch))
                if ch == "＃":
                    break  # meant to start a comment: the rest of the line is the clerk's text
                if ch in _OPENING_QUOTES:
                    end = next((j for j in range(i + 1, len(line)) if line[j] in _CLOSING_QUOTES), -1)
                    if end < 0:
                        break
                    if line[end] in FULL_WIDTH:
                        found.append((n, end + 1, line[end]))
                    i = end + 1
                    continue
            i += 1
    if closing is not None:
        spans.append((opened, len(lines)))
    return found, (opened if closing is not None else None), spans, unclosed


def _string_end(line: str, i: int) -> int:
    quote = line[i]
    j = i + 1
    while j < len(line):
        if quote == '"' and line[j] == "\\":
            j += 2
            continue
        if line[j] == quote:
            return j
        j += 1
    return -1


def _find_closing(line: str, i: int, delim: str) -> int:
    while True:
        pos = line.find(delim, i)
        if pos < 0 or delim == "'''":
            return pos
        backslashes = len(line[:pos]) - len(line[:pos].rstrip("\\"))
        if backslashes % 2 == 0:
            return pos
        i = pos + 1


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
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if closing is not None:
            if _find_closing(line, 0, closing) >= 0:
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
                _with_parents(out, base, (n, indent + 1))
                out[table] = (n, indent + 1)
            continue
        if stripped.startswith("["):
            parsed = _key(stripped, 1)
            if parsed:
                table = tuple(parsed[0])
                _with_parents(out, table, (n, indent + 1))
            continue
        parsed = _key(line, 0)
        if not parsed or parsed[1] >= len(line) or line[parsed[1]] != "=":
            continue
        parts, i = parsed
        full = (*table, *parts)
        _with_parents(out, full, (n, indent + 1))
        value = line[i + 1 :].lstrip(_WS)
        for delim in ('"""', "'''"):
            if value.startswith(delim) and _find_closing(value, 3, delim) < 0:
                closing = delim
        if value.startswith("{"):
            _inline_keys(line, line.index("{", i), n, full, out)
    return out


def _with_parents(out: dict[KeyPath, tuple[int, int]], key: KeyPath, pos: tuple[int, int]) -> None:
    """Record ``key`` and the tables it creates implicitly (``[a.b]`` creates ``a``)."""
    for n in range(1, len(key) + 1):
        out.setdefault(key[:n], pos)


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
