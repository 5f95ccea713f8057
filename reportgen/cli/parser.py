"""The command-line parser, in Chinese throughout: argparse's own words too.

argparse writes "usage:", "positional arguments", "options", "show this help message and
exit" and its error messages in English. Here its section titles, the help and version
options and the usage prefix are given in Chinese, its error messages are translated
before they reach the user (:func:`translate`), and help text is wrapped by display width
(a Chinese character takes two columns) keeping the line breaks of the examples.
"""

from __future__ import annotations

import argparse
import re
import shutil
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from reportgen.errors import UsageError

# argparse's messages (Python 3.11–3.13) → Chinese; applied in order, each may nest in another.
_MESSAGES: Sequence[tuple[str, str]] = (
    (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.+)", r"多余或不认识的参数：\1"),
    (r"one of the arguments (.+) is required", r"\1 必须给出其中一个"),
    (r"ambiguous option: (\S+) could match (.+)", r"选项 \1 不明确，可能是 \2"),
    (r"invalid choice: (.+?) \(choose from (.+)\)", r"\1 不是可用的选项（可以是 \2）"),
    (r"unknown parser (.+?) \(choices: (.+)\)", r"没有 \1 这个命令（可以是 \2）"),
    (r"invalid (\S+) value: (.+)", r"\2 不是有效的值"),
    (r"expected one argument", r"后面要跟一个值"),
    (r"expected at least one argument", r"后面至少要跟一个值"),
    (r"expected at most one argument", r"后面最多跟一个值"),
    (r"expected (\d+) arguments?", r"后面要跟 \1 个值"),
    (r"not allowed with argument (.+)", r"不能和 \1 同时使用"),
    (r"ignored explicit argument (.+)", r"不接受值 \1"),
    (r"argument (.+?): ", r"参数 \1："),
)


def translate(message: str) -> str:
    """An argparse error message in Chinese (a message it does not know is left as it is)."""
    for pattern, chinese in _MESSAGES:
        message = re.sub(pattern, chinese, message)
    return message


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` (one paragraph) broken into lines of at most ``width`` display columns.

    Breaks fall at a space or between two Chinese characters; a run of Latin letters,
    digits or punctuation (``inputs/2019.toml``, ``--to``) is never split; no line begins
    with Chinese closing punctuation.
    """
    tokens = re.findall(r"[ ]+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.", text)
    lines: list[str] = []
    line: list[str] = []
    for token in tokens:
        if line and _columns("".join(line) + token) > width and "".join(line).strip():
            carried = []
            if token in "，。、；：）》」』”’！？" and len(line) > 1:
                carried = [line.pop()]  # the token before goes down with the punctuation
            lines.append("".join(line).rstrip())
            line = [t for t in [*carried, token] if t.strip()]
        else:
            line.append(token)
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return lines


class Formatter(argparse.HelpFormatter):
    """Chinese section titles are set on the parser; this wraps by display width and keeps line breaks."""

    def __init__(self, prog: str, **kwargs: Any) -> None:
        width = min(shutil.get_terminal_size().columns, 100) - 2
        super().__init__(prog, max_help_position=24, width=width, **kwargs)

    def add_usage(
        self, usage: str | None, actions: Iterable[argparse.Action], groups: Iterable[Any], prefix: str | None = None
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self) -> str:
        return re.sub(r"^(参数|选项|命令):$", r"\1：", super().format_help(), flags=re.MULTILINE)

    def add_argument(self, action: argparse.Action) -> None:
        """As argparse's, with the invocation measured in display columns (its len() counts a Chinese character as one)."""
        if action.help is not argparse.SUPPRESS:
            invocations = [self._format_action_invocation(action)]
            invocations += [self._format_action_invocation(s) for s in self._subactions(action)]
            length = max(_columns(i) for i in invocations) + self._current_indent
            self._action_max_length = max(self._action_max_length, length)
            self._add_item(self._format_action, [action])

    def _subactions(self, action: argparse.Action) -> list[argparse.Action]:
        get = getattr(action, "_get_subactions", None)
        return list(get()) if get else []

    def _format_action(self, action: argparse.Action) -> str:
        """One option or argument: its invocation, padded by display width, then its help.

        The list of commands is shown without the extra line naming its metavar."""
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(sub) for sub in self._subactions(action))
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = " " * self._current_indent + self._format_action_invocation(action)
        lines = self._split_lines(self._expand_help(action), help_width) if action.help else []
        if lines and _columns(header) <= action_width + self._current_indent:
            first = header + " " * (help_position - _columns(header)) + lines.pop(0)
        else:
            first = header
        return "\n".join([first] + [" " * help_position + line for line in lines]) + "\n"

    def _split_lines(self, text: str, width: int) -> list[str]:
        return [line for part in text.splitlines() for line in (_wrap(part, width) or [""])]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help is Chinese and whose errors are :class:`UsageError`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助后退出")

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"命令行参数有误：{translate(message)}（运行 {self.prog} --help 查看用法）")
