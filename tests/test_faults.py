"""Faults found by a hard probe (issue 14), each reproduced: nothing lost, nothing hung, nothing
left behind. The messages themselves are golden cases in tests/data/invalid/ (number-*,
nesting-too-deep, paragraph-too-long, control-characters-echoed, unknown-keys-many);
bench/fuzz.py runs thousands of random inputs and interruptions through the same checks."""

from __future__ import annotations

import io
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from decimal import Decimal
from pathlib import Path

import docxread
import pytest
from conftest import ROOT, SAMPLE_2019, needs_soffice

from reportgen import output, pipeline
from reportgen.cli import main
from reportgen.environment import display
from reportgen.errors import OutputError, excerpt, printable

DATA = Path(__file__).parent / "data"
BASE = DATA / "valid" / "base.toml"
FORBIDDEN = "\ufffe\uffff\x01\x08\x1b\x85"
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# ---------------------------------------------------------------- every built document opens


def test_characters_xml_forbids_never_reach_a_document(tmp_path: Path):
    out = tmp_path / "x.docx"
    code, _, err = run(
        "build", DATA / "valid" / "xml-forbidden-characters.toml", "-o", out, "--to", "docx,html"
    )
    assert (code, err) == (0, "")
    import docx

    docx.Document(str(out))  # python-docx (lxml) refuses a file with one forbidden character
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8")
            assert not set(FORBIDDEN) & set(text), name
    body = docxread.read(out)
    assert body.paragraphs()[0].replace("\n", "") == "示例市人民政府办公室2020年政府信息公开工作年度报告"
    assert "依申请公开方面，全年收到申请6件，均在法定期限内答复。" in body.paragraphs()
    assert not set(FORBIDDEN) & set(out.with_suffix(".html").read_text(encoding="utf-8"))


def test_forbidden_characters_in_noted_cells_and_printed_labels_are_removed(tmp_path: Path):
    """Text that reaches the tables by the other ways in (a number with a note, 印出的文字)."""
    text = BASE.read_text(encoding="utf-8")
    text = edited(text, '"本年新制作数量" = 4,', '"本年新制作数量" = "4（其中\ufffe修订\\u001b1件）",')
    text += '\n["四、政府信息公开行政复议、行政诉讼情况"."印出的文字"]\n"总计" = "总\uffff计\\u0007"\n'
    src = tmp_path / "in.toml"
    src.write_text(text, encoding="utf-8")
    code, _, err = run("build", src, "-o", tmp_path / "out.docx")
    assert code == 0, err
    assert not set(FORBIDDEN + "\x07") & set(err)
    assert "将印成“总\\uffff计\\x07”" in err  # the V-label warning quotes it, written out
    cells = {c[2] for t in docxread.read(tmp_path / "out.docx").tables for row in t for c in row}
    assert "4（其中修订1件）" in cells
    assert "总计" in cells


def test_the_word_gate_removes_what_the_model_would_miss():
    assert display("甲\ufffe乙\x00丙\x1b") == "甲乙丙"
    assert display("甲\t乙\n丙") == "甲\t乙\n丙"  # tabs and line breaks are the template's to place


@needs_soffice
def test_libreoffice_converts_a_document_with_forbidden_characters(tmp_path: Path):
    out = tmp_path / "x.pdf"
    code, _, err = run("build", DATA / "valid" / "xml-forbidden-characters.toml", "-o", out, "--to", "pdf")
    assert (code, err) == (0, "")
    assert out.read_bytes().startswith(b"%PDF")


# ---------------------------------------------------------------- numbers are bounded


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a blow-up fails instead of swapping


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (
            '"一、本年新收政府信息公开申请数量" = { "自然人" = 5,',
            '"一、本年新收政府信息公开申请数量" = { "自然人" = 1e9999999,',
            "R3-d",
        ),
        ('"采购总金额" = 126.35,', '"采购总金额" = 1e999999999,', "R2-c"),
        ('"采购总金额" = 126.35,', '"采购总金额" = 0e-999999999,', "R2-c"),
        ('"本年增/减" = -2,', '"本年增/减" = -9e999999999,', "R2-c"),
        (
            '"复议后起诉"       = { "结果维持" = 0,',
            '"复议后起诉"       = { "结果维持" = ' + "9" * 5000 + ",",
            "F-syntax",
        ),
    ],
    ids=["count-1e9999999", "amount-1e999999999", "amount-0e-999999999", "delta", "5000-digits"],
)
def test_an_impossible_number_is_a_located_error_not_a_hang(tmp_path: Path, old: str, new: str, code: str):
    """Checked in a process limited to 1 GB and given a minute: the probe's cases took 60 s and
    more (1e9999999 expanded into ten million digits) or 7.8 GB (printing 1e999999999)."""
    src = tmp_path / "n.toml"
    src.write_text(edited(BASE.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    for command in ("check", "build"):
        done = subprocess.run(
            [sys.executable, "-m", "reportgen", command, src.name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=_limited,
        )
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith("n.toml:") and f" 错误 {code} " in done.stderr
        assert len(done.stderr) < 2000
    assert tree(tmp_path) == ["n.toml"]


def test_minus_zero_is_printed_without_its_sign(tmp_path: Path):
    src = tmp_path / "z.toml"
    src.write_text(
        edited(BASE.read_text(encoding="utf-8"), '"采购总金额" = 126.35,', '"采购总金额" = -0.0,'), "utf-8"
    )
    assert run("build", src, "-o", tmp_path / "z.docx")[0] == 0
    cells = [c[2] for t in docxread.read(tmp_path / "z.docx").tables for row in t for c in row]
    assert "0.0万元" in cells
    assert not any(c.startswith("-0") for c in cells)


def test_numbers_in_messages_are_never_expanded():
    assert excerpt(str(Decimal("1e999999999"))) == "1E+999999999"


# ---------------------------------------------------------------- the input is never written


@pytest.fixture
def same(tmp_path: Path) -> Path:
    path = tmp_path / "same.toml"
    shutil.copy(BASE, path)
    return path


def _refused(argv: list[str | Path], protected: Path, before: list[str], folder: Path) -> str:
    original = protected.read_bytes()
    code, out, err = run(*argv)
    assert code == 2, err
    assert out == ""
    assert protected.read_bytes() == original
    assert tree(folder) == before  # nothing written: no document, no temporary file, no folder
    return err


def test_build_never_writes_over_its_input(same: Path, tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)
    os.link(same, tmp_path / "hard.docx")
    before = tree(tmp_path)
    for target in (
        same,
        tmp_path / "sub" / ".." / "same.toml",
        tmp_path / "link" / "same.toml",
        tmp_path / "hard.docx",
    ):
        err = _refused(["build", same, "-o", target], same, before, tmp_path)
        assert (
            err
            == f"reportgen: 输出文件 {target} 就是输入文件 {same}，不能覆盖它，没有生成任何文件。请用 -o 另外指定一个输出文件。\n"
        )


def test_build_never_writes_over_last_years_file(tmp_path: Path):
    last = tmp_path / "x-2019.toml"
    shutil.copy(SAMPLE_2019, last)
    this = tmp_path / "x-2020.toml"
    shutil.copy(BASE, this)
    other = tmp_path / "other.toml"
    shutil.copy(SAMPLE_2019, other)
    before = tree(tmp_path)
    err = _refused(["build", this, "-o", last], last, before, tmp_path)  # found beside it, not named
    assert f"就是输入文件 {last}" in err
    err = _refused(["build", this, "--prev", other, "-o", other], other, before, tmp_path)
    assert f"就是输入文件 {other}" in err


def test_new_never_overwrites_its_from_file_even_with_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLE_2019, tmp_path / "X-2019.toml")
    before = tree(tmp_path)
    for target in ("X-2019.toml", "./d/../X-2019.toml", "./d/e/../../X-2019.toml"):
        _refused(
            ["new", "2020", "--from", "X-2019.toml", "-o", target, "--force"],
            tmp_path / "X-2019.toml",
            before,
            tmp_path,
        )
    assert not (tmp_path / "d").exists()


def test_a_target_that_is_not_a_regular_file_is_refused(same: Path, tmp_path: Path):
    fifo = tmp_path / "fifo.docx"
    os.mkfifo(fifo)
    folder = tmp_path / "out.html"
    folder.mkdir()
    readonly = tmp_path / "ro.docx"
    readonly.write_bytes(b"kept")
    readonly.chmod(0o444)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.docx"))
    before = tree(tmp_path)
    cases = {
        fifo: "是一个命名管道（FIFO），不是普通文件",
        tmp_path / "sock.docx": "是一个套接字，不是普通文件",
        readonly: "是只读文件，没有改动它",
    }
    for target, says in cases.items():
        err = _refused(["build", same, "-o", target], same, before, tmp_path)
        assert says in err, err
    err = _refused(["build", same, "-o", tmp_path / "out.docx", "--to", "docx,html"], same, before, tmp_path)
    assert "out.html 是一个文件夹" in err  # refused before the .docx was written
    assert stat.S_ISFIFO(fifo.stat().st_mode) and readonly.read_bytes() == b"kept"
    err = _refused(["new", "2021", "--from", same, "-o", fifo, "--force"], same, before, tmp_path)
    assert "是一个命名管道（FIFO）" in err
    sock.close()


def test_a_device_is_refused_before_anything_is_written():
    with pytest.raises(OutputError, match="是一个设备，不是普通文件"):
        output.refuse(Path("/dev/null"))


def test_a_batch_never_writes_over_one_of_its_inputs(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(BASE, src / "a.toml")
    shutil.copy(BASE, src / "b.toml")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").symlink_to(src / "b.toml")
    before = tree(tmp_path)
    err = _refused(["build", src, "-o", out], src / "b.toml", before, tmp_path)
    assert f"输出文件 {out / 'a.docx'} 就是输入文件 {src / 'b.toml'}" in err


# ---------------------------------------------------------------- several documents: all or nothing


def test_docx_and_html_are_written_all_or_nothing(
    same: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    old = tmp_path / "same.docx"
    old.write_bytes(b"last good document")
    calls = []

    def full(fd: int) -> None:  # the disk fills up while the second file is written
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    targets = pipeline.outputs(same, ("docx", "html"), old)
    with pytest.raises(OutputError, match=r"same\.html（No space left on device），也没有生成其他文件"):
        pipeline.publish(same, targets, prev=None)
    assert old.read_bytes() == b"last good document"
    assert tree(tmp_path) == ["same.docx", "same.toml"]


def test_a_failed_rename_puts_back_the_documents_already_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    first, second = tmp_path / "r.docx", tmp_path / "r.html"
    first.write_bytes(b"old docx")
    replace = os.replace

    def failing(src: str, dst: str) -> None:
        if str(dst) == str(second):
            raise OSError(5, "Input/output error")
        replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OutputError):
        output.write_all({first: b"new docx", second: b"new html"})
    assert first.read_bytes() == b"old docx"
    assert tree(tmp_path) == ["r.docx"]


def test_missing_folders_made_for_a_failed_write_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError):
        output.write_all({tmp_path / "a" / "b" / "r.docx": b"x"})
    assert tree(tmp_path) == []


# ---------------------------------------------------------------- no process outlives the command


def _proc(pid: int) -> tuple[int, int, str] | None:
    """(parent, process group, state) of a live process, None when it is gone or a zombie."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw.rsplit(")", 1)[1].split()
    return None if fields[0] in "ZX" else (int(fields[1]), int(fields[2]), fields[0])


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            info = _proc(int(entry.name))
            if info is not None and info[0] == pid:
                out.append(int(entry.name))
    return out


def _group(pgid: int) -> list[int]:
    return [
        int(e.name)
        for e in Path("/proc").iterdir()
        if e.name.isdigit() and (_proc(int(e.name)) or (0, 0))[1] == pgid
    ]


def _gone(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(_proc(p) is None for p in pids):
            return True
        time.sleep(0.05)
    return False


def _county(folder: Path, n: int) -> Path:
    folder.mkdir()
    text = BASE.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"r{i:04}.toml").write_text(text, encoding="utf-8")
    return folder


def _batch(tmp_path: Path, n: int = 600) -> tuple[subprocess.Popen[str], Path, list[int]]:
    """A -j 2 batch started in a subprocess, caught once it has written a few documents."""
    src = _county(tmp_path / "in", n)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "build", str(src), "-o", str(out), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 10:
        time.sleep(0.02)
    workers = _children(process.pid)
    assert len(workers) == 2 and process.poll() is None, "the batch ended before it could be interrupted"
    return process, out, workers


@linux_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signalled_batch_stops_its_workers_and_leaves_no_temporary_file(tmp_path: Path, signum: int):
    process, out, workers = _batch(tmp_path)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.endswith("reportgen: 已中断。\n"), err
    assert _gone(workers), "a worker outlived its batch"
    assert not list(out.glob(".*")), "a temporary file was left"
    assert len(list(out.glob("*.docx"))) < 600


@linux_only
def test_workers_die_with_a_batch_killed_outright(tmp_path: Path):
    process, out, workers = _batch(tmp_path)
    process.kill()
    process.wait()
    assert _gone(workers), "a worker outlived its batch (SIGKILL)"
    assert not list(out.glob(".*")), "a temporary file was left"


@linux_only
def test_a_worker_killed_outright_leaves_no_temporary_file(tmp_path: Path):
    process, out, workers = _batch(tmp_path)
    os.kill(workers[0], signal.SIGKILL)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "一个工作进程意外退出" in err
    assert _gone(workers)
    assert not list(out.glob(".*")), "a temporary file was left"


def test_the_batch_sweeps_only_its_own_temporary_files(tmp_path: Path):
    names = [".a.docx.rg1.x.tmp", ".a.docx.rg2.x.tmp", "a.docx", ".b.docx.rg1.y.tmp", ".c.docx.rg1.z.tmp"]
    for name in names:
        (tmp_path / name).write_text("x")
    output.sweep([tmp_path / "a.docx", tmp_path / "b.docx"], "rg1")
    assert tree(tmp_path) == [".a.docx.rg2.x.tmp", ".c.docx.rg1.z.tmp", "a.docx"]  # another run's; no job's


def _slow_docx(tmp_path: Path) -> bytes:
    """A valid report that takes LibreOffice several seconds (paragraphs mixing scripts)."""
    text = BASE.read_text(encoding="utf-8")
    prose = "\n\n".join(("统计ab公开12" * 400)[:4000] for _ in range(60))
    src = tmp_path / "slow.toml"
    src.write_text(edited(text, '"正文" = "无。"', f'"正文" = """\n{prose}\n"""'), encoding="utf-8")
    return pipeline.render_docx(pipeline.check(src, prev=None))


@needs_soffice
@linux_only
def test_libreoffice_is_killed_with_its_group_on_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from reportgen.render import pdf

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    monkeypatch.setattr(pdf, "TIMEOUT", 2)
    started: list[int] = []
    popen = subprocess.Popen

    def spy(*args, **kwargs):
        p = popen(*args, **kwargs)
        started.append(p.pid)
        return p

    monkeypatch.setattr(pdf.subprocess, "Popen", spy)
    with pytest.raises(OutputError, match="超过 2 秒没有完成"):
        pdf.convert([_slow_docx(tmp_path)])
    assert _gone(_group(started[0]), 5), "soffice.bin outlived the timeout"
    assert list(temp.iterdir()) == []  # the profile, the documents and LibreOffice's lu*.tmp: all removed


@needs_soffice
@linux_only
def test_libreoffice_dies_with_reportgen_killed_outright(tmp_path: Path):
    slow = tmp_path / "slow.docx"
    slow.write_bytes(_slow_docx(tmp_path))
    temp = tmp_path / "tmp"
    temp.mkdir()
    script = "import sys; from reportgen.render import pdf; pdf.convert([open(sys.argv[1], 'rb').read()])"
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(slow)], env={**os.environ, "TMPDIR": str(temp)}, cwd=ROOT
    )
    group: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not group:
        for child in _children(process.pid):
            if len(_group(child)) >= 2:  # the launcher and soffice.bin
                group = _group(child)
        time.sleep(0.05)
    assert group, "LibreOffice did not start"
    process.kill()
    process.wait()
    assert _gone(group), "LibreOffice outlived reportgen (SIGKILL)"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and list(temp.iterdir()):
        time.sleep(0.1)
    assert list(temp.iterdir()) == []


# ---------------------------------------------------------------- the preview


@pytest.fixture
def server(tmp_path: Path):
    from reportgen import preview

    src = tmp_path / "p.toml"
    shutil.copy(BASE, src)
    srv = preview.serve(src, 0)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _get(url: str, method: str = "GET") -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def test_the_preview_forgets_clients_that_go_away(server, capfd):
    host, port = server.server_address[:2]
    for n in range(60):
        s = socket.create_connection((host, port))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        if n % 2:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")  # asks for the page, never reads it
        else:
            s.sendall(b"GET / HT")  # goes away mid-request
        s.close()  # a reset (linger 0)
    assert _get(server.url)[0] == 200
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_the_preview_closes_idle_connections(server, monkeypatch: pytest.MonkeyPatch):
    from reportgen import preview

    monkeypatch.setattr(preview._Handler, "timeout", 0.3)
    s = socket.create_connection(server.server_address[:2])
    s.settimeout(10)
    assert s.recv(1) == b""  # closed by the server, having sent nothing
    s.close()


def test_the_preview_serves_a_bounded_number_of_connections(server):
    from reportgen import preview

    base = threading.active_count()
    idle = [socket.create_connection(server.server_address[:2]) for _ in range(preview.MAX_CONNECTIONS + 40)]
    time.sleep(0.3)
    assert threading.active_count() <= base + preview.MAX_CONNECTIONS
    refused = 0
    for s in idle[preview.MAX_CONNECTIONS :]:
        s.settimeout(5)
        try:
            refused += s.recv(1) == b""
        except OSError:
            refused += 1
    assert refused == 40
    for s in idle:
        s.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _get(server.url)[0] != 200:
        time.sleep(0.05)
    assert _get(server.url)[0] == 200


def test_the_preview_may_not_be_framed(server):
    for url, method in (
        (server.url, "GET"),
        (server.url + "version", "GET"),
        (server.url + "x", "GET"),
        (server.url, "POST"),
    ):
        status, headers = _get(url, method)
        assert status in (200, 404, 501)
        assert headers["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], url


# ---------------------------------------------------------------- what messages echo


def test_printable_writes_out_what_a_terminal_would_act_on():
    assert printable("a\x1b[2Jb\x07c\n\u202e\u3000") == "a\\x1b[2Jb\\x07c\\n\\u202e\u3000"
    assert excerpt("统" * 5_000_000) == "统" * 40 + "…（共 5,000,000 个字符）"


def test_a_file_name_with_controls_is_written_out(tmp_path: Path):
    src = tmp_path / "a\x1b]0;x\x07.toml"
    src.write_text(
        edited(
            BASE.read_text(encoding="utf-8"), '申请数量" = { "自然人" = 5,', '申请数量" = { "自然人" = "5",'
        ),
        encoding="utf-8",
    )
    code, _, err = run("check", src)
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err and "a\\x1b]0;x\\x07.toml:27:24: 错误 T-type" in err


def test_a_huge_agency_name_is_not_repeated_in_every_message(tmp_path: Path):
    last = tmp_path / "x-2019.toml"
    shutil.copy(SAMPLE_2019, last)
    name = "示例市统计局" * 900_000  # 5.4 MB, not a 规章 maker, not last year's agency
    text = BASE.read_text(encoding="utf-8")
    text = edited(text, '"机关名称" = "示例市人民政府办公室"', f'"机关名称" = "{name}"')
    text = edited(
        text,
        '"规章"                 = { "本年新制作数量" = 0,',
        '"规章"                 = { "本年新制作数量" = 2,',
    )
    this = tmp_path / "x-2020.toml"
    this.write_text(text, encoding="utf-8")
    code, _, err = run("check", this)
    assert code == 1
    assert {"T-length", "R2-d", "H-agency"} <= {
        line.split(" ")[2] for line in err.splitlines() if " 错误 " in line or " 警告 " in line
    }
    assert len(err) < 20_000  # the name is 5.4 MB; each message quotes 40 characters of it


def test_many_unknown_keys_are_counted_not_listed(tmp_path: Path):
    text = BASE.read_text(encoding="utf-8")
    extra = "".join(f'"多余{i}" = {i}\n' for i in range(100_000))
    src = tmp_path / "u.toml"
    src.write_text(edited(text, '"报告年度" = 2020\n', '"报告年度" = 2020\n' + extra), encoding="utf-8")
    code, _, err = run("check", src)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 32
    assert lines[30].startswith(
        f"{src}:34:1: 错误 K-unknown 另有 99,970 项（第 34–100003 行）也不是官方格式中的项目"
    )
