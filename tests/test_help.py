"""`reportgen --help` and every command's help: Chinese throughout, argparse's own words too, with examples."""

from __future__ import annotations

import re
import unicodedata

import pytest

from reportgen.cli import COMMANDS, main

# Latin words a Chinese help may hold: the program, its commands, options and values, file
# kinds and product names. Anything else ("usage", "options", "show this help message") is
# argparse's English leaking through.
ALLOWED = {
    "reportgen", *COMMANDS, "help", "version", "output", "to", "prev", "jobs", "format", "from", "force",
    "port", "text", "json", "docx", "html", "pdf", "toml", "inputs", "outputs", "TOML", "Word", "LibreOffice",
    "CPU", "JSON", "Ctrl", "http", "Excel", "xlsx", "txt", "roster", "year", "htm", "PDF",
}


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_chinese_and_has_an_example(command: str, capsys) -> None:
    text = help_of([command] if command else [], capsys)
    assert text.startswith(f"用法：reportgen {command}".rstrip())
    english = sorted(set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED)
    assert english == [], text
    assert "\n选项：\n" in text and "显示本帮助后退出" in text
    examples = text.split("\n示例：\n", 1)[1]
    assert f"  reportgen {command}".rstrip() in examples


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_texts_start_in_one_column_whatever_the_width_of_chinese_names(command: str, capsys) -> None:
    starts = set()
    for line in help_of([command], capsys).split("\n示例：\n")[0].splitlines():
        m = re.match(r"^(  \S.*?\s{2,})(\S.*)$", line)  # an option or argument with its help beside it
        if m:
            starts.add(columns(m.group(1)))
    assert len(starts) == 1, starts


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["biuld"], "参数 命令：'biuld' 不是可用的选项（可以是 'build', 'check', 'import', 'new', 'preview', 'summary'）"),
        (["build"], "缺少必需的参数：输入"),
        (["build", "a.toml", "--bogus"], "多余或不认识的参数：--bogus"),
        (["new", "2022"], "缺少必需的参数：--from"),
        (["build", "a.toml", "-o"], "参数 -o/--output：后面要跟一个值"),
        (["new", "abc", "--from", "a.toml"], "参数 年度：'abc' 不是有效的值"),
    ],
)
def test_usage_errors_are_chinese(argv: list[str], message: str, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"reportgen: 命令行参数有误：{message}（运行 reportgen"), err
