"""The hard probe, kept: ``python bench/fuzz.py [-n 3000] [--seed 14]``.

Thousands of mutated inputs and the faults of issue 14, each counted. Five parts:

* inputs: ``-n`` files mutated from valid ones (bench/generate.py and the samples) with a
  seeded generator: hostile numbers (1e9999999, nan, -0.0, 5,000 digits …), characters XML
  forbids, control and bidi characters, deep nesting, long lines and names, many unknown
  keys, deleted/duplicated/swapped lines, full-width punctuation, bad bytes, truncation.
  Each is checked and built (``--to docx,html``) by ``reportgen.cli.main`` in worker
  processes limited to 2 GB, each run under a time limit; every ``--subprocess``-th one
  also as a real ``reportgen`` process; every ``--pdf``-th document built is converted by
  LibreOffice. Counted: tracebacks, internal errors, exits other than 0/1/2, hangs, built
  documents python-docx/lxml cannot read, stray files.
* paths: outputs that are the input (as typed, through ``..``, a symbolic link, a hard link),
  a FIFO, a socket, a folder, a read-only file, ``new --force`` over its ``--from`` file.
  Counted: inputs changed, targets changed, exits other than 2, stray files.
* interrupts: ``-j 2`` batches stopped by SIGINT, SIGTERM or SIGKILL at a random moment,
  and batches with one worker SIGKILLed. Counted: orphan processes, stray temporary files,
  unreadable documents.
* pdf: LibreOffice conversions stopped by a timeout and by SIGKILL of reportgen.
  Counted: orphan LibreOffice processes, files left in the temporary folder.
* preview: hostile connections (resets mid-request, requests never read, idle ones).
  Counted: tracebacks on the preview's terminal, its most threads, whether it still answers.

Everything happens in a temporary folder removed at the end. Linux (reads /proc).
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TIME_LIMIT = 30  # seconds for one check + build in-process: longer is a hang
MEMORY = 2 << 30  # bytes a fuzzing worker may use
REPORTGEN = [sys.executable, "-m", "reportgen"]

# ---------------------------------------------------------------- mutations

NUMBERS = [
    "1e9999999",
    "1e999999999",
    "-1e999999999",
    "1e99999999999999999999",
    "9" * 5000,
    "1" + "0" * 4299,
    "1e-999999999",
    "0e999999999",
    "0e-999999999",
    "-0.0",
    "-0",
    "nan",
    "+nan",
    "-nan",
    "inf",
    "-inf",
    "1.5",
    "5.0",
    "-1",
    "1000000000",
    "999999999",
    "1e15",
    "999999999999999.999999",
    "0.0000001",
    '"5"',
    '"５"',
    '""',
    '"-"',
    '"无"',
    '"7（其中\\u001b修订）"',
    "true",
    "[]",
    "{}",
    "1979-05-27",
    "0x1F",
    "1_000",
    "12.50",
]
CHARS = [
    "\ufffe",
    "\uffff",
    "\\u0000",
    "\\u0001",
    "\\u001b[2J",
    "\\u001b]0;title\\u0007",
    "\\u0007",
    "\\b",
    "\\f",
    "\\u0085",
    "\\u009b",
    "\\u2028",
    "\\u202e",
    "\\u200b",
    "\\ufeff",
    "\\U0001F600",
    "\u0301\u0301\u0301",
    "\\ud800",
    "\u3000",
    "\t",
    "<b>&amp;</b>",
    "{{ x }}",
    "{% if %}",
    "]]>",
    "\\\\",
    '\\"',
    "\\u0009\\u0009",
    "العربية",
    "हिन्दी",
]
FULL_WIDTH = "＝＃，、：１“”‘’【】［］｛｝．"


def _numbers(text: str) -> list[tuple[int, int]]:
    import re

    return [m.span(1) for m in re.finditer(r"= (-?\d[\d.]*)", text)]


def _strings(text: str) -> list[int]:
    """Positions just inside the opening quote of a basic string value (one-line or multi-line)."""
    import re

    return [m.end() for m in re.finditer(r'= (?:"""\n?|")', text)]


def mutate(text: str, rng: random.Random) -> str | bytes:
    """One input: ``text`` with one to three mutations."""
    out: str | bytes = text
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if isinstance(out, bytes):
            break
        out = rng.choice(MUTATIONS)(out, rng)
    return out


def _number(text: str, rng: random.Random) -> str:
    spans = _numbers(text)
    if not spans:
        return text
    a, b = rng.choice(spans)
    return text[:a] + rng.choice(NUMBERS) + text[b:]


def _char(text: str, rng: random.Random) -> str:
    places = _strings(text)
    if not places:
        return text
    at = rng.choice(places)
    return text[:at] + rng.choice(CHARS) * rng.choice((1, 1, 3)) + text[at:]


def _raw_control(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return text[:at] + chr(rng.choice([0, 1, 7, 8, 11, 12, 27, 127, 0x85])) + text[at:]


def _long_line(text: str, rng: random.Random) -> str:
    places = _strings(text)
    if not places:
        return text
    at = rng.choice(places)
    unit = rng.choice(["统计", "ab", "统\t", "2019年", "a b ", "العربية"])
    return text[:at] + unit * (rng.choice((2600, 6000, 50000)) // len(unit)) + text[at:]


def _long_name(text: str, rng: random.Random) -> str:
    name = "示例市统计局" * rng.choice((1000, 100000))
    return text.replace('"机关名称" = "', f'"机关名称" = "{name}', 1)


def _nesting(text: str, rng: random.Random) -> str:
    spans = _numbers(text)
    if not spans:
        return text
    a, b = rng.choice(spans)
    depth = rng.choice((5, 399, 1000, 5000))
    open_, close = rng.choice((("[", "]"), ("{a=", "}")))
    return text[:a] + open_ * depth + "1" + close * depth + text[b:]


def _unknown_keys(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    at = rng.randrange(1, len(lines))
    extra = [f'"多余的项{i}" = {i}' for i in range(rng.choice((3, 40, 20000)))]
    return "\n".join(lines[:at] + extra + lines[at:])


def _line_edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    kind = rng.choice(("delete", "duplicate", "swap", "comment"))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(j, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = "# " + lines[i]
    return "\n".join(lines)


def _full_width(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return text[:at] + rng.choice(FULL_WIDTH) + text[at:]


def _bytes(text: str, rng: random.Random) -> bytes:
    raw = bytearray(text.encode("utf-8"))
    for _ in range(rng.choice((1, 3))):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def _truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text))]


def _encoding(text: str, rng: random.Random) -> bytes:
    return text.encode(rng.choice(("gb18030", "utf-16", "utf-8-sig")))


MUTATIONS: list[Callable[[str, random.Random], str | bytes]] = [
    _number,
    _number,
    _number,
    _char,
    _char,
    _char,
    _raw_control,
    _long_line,
    _long_name,
    _nesting,
    _unknown_keys,
    _line_edit,
    _line_edit,
    _full_width,
    _bytes,
    _truncate,
    _encoding,
]


def seeds(folder: Path, seed: int) -> list[str]:
    """Valid files to mutate: generated ones (both formats, totals written or left out) and
    the samples and valid test cases."""
    from generate import generate

    made = generate(40, folder / "seeds", seed)
    texts = [p.read_text(encoding="utf-8") for p in made]
    for path in [
        *sorted((ROOT / "inputs").glob("*.toml")),
        *sorted((ROOT / "tests/data/valid").glob("*.toml")),
    ]:
        texts.append(path.read_bytes().decode("utf-8-sig"))
    return texts


# ---------------------------------------------------------------- checking documents


def unreadable(path: Path) -> str:
    """Why a built document cannot be read ('' if it can): the zip, every XML part, python-docx."""
    from lxml import etree

    try:
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                if z.testzip() is not None:
                    return "zip"
                for name in z.namelist():
                    if name.endswith((".xml", ".rels")):
                        etree.fromstring(z.read(name))
            import docx

            docx.Document(str(path))
        elif path.suffix == ".html":
            path.read_text(encoding="utf-8")
        elif path.suffix == ".pdf" and not path.read_bytes().startswith(b"%PDF"):
            return "pdf"
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc)[:120]}"
    return ""


# ---------------------------------------------------------------- part 1: inputs


class _Hang(BaseException):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def _worker_init() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    signal.signal(signal.SIGALRM, _alarm)


def one_input(job: tuple[int, bytes, str, bool]) -> Counter[str]:
    """Check and build one input in this (limited) process; count what went wrong."""
    from reportgen.cli import main

    n, data, work, pdf = job
    folder = Path(work) / f"i{n}"
    folder.mkdir()
    src = folder / "in.toml"
    src.write_bytes(data)
    found: Counter[str] = Counter()
    runs = [
        ("check", ["check", "in.toml"]),
        ("build", ["build", "in.toml", "-o", "out/in.docx", "--to", "docx,html"]),
    ]
    if pdf:
        runs.append(("pdf", ["build", "in.toml", "-o", "pdf/in.pdf", "--to", "pdf"]))
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        for what, argv in runs:
            out, err = io.StringIO(), io.StringIO()
            signal.alarm(TIME_LIMIT * (5 if what == "pdf" else 1))
            try:
                code = main(argv, out, err)
            except _Hang:
                found["hangs"] += 1
                found[f"hang:{n}:{what}"] += 1
                continue
            except MemoryError:
                found["memory"] += 1
                continue
            except BaseException as exc:  # escaped main(): what a user would see as a traceback
                found["tracebacks"] += 1
                found[f"traceback:{n}:{type(exc).__name__}"] += 1
                continue
            finally:
                signal.alarm(0)
            found["runs"] += 1
            found[f"{what} exit {code}"] += 1
            text = err.getvalue() + out.getvalue()
            if "Traceback" in text:
                found["tracebacks"] += 1
            if "内部错误" in text:
                found["internal errors"] += 1
                found[f"internal:{n}:{what}:{text.strip()[-160:]}"] += 1
            if code not in (0, 1, 2):
                found["other exits"] += 1
            if any(ch in text for ch in "\x1b\x07\x9b"):
                found["raw controls echoed"] += 1
            if len(err.getvalue()) > 200_000:
                found["messages over 200 kB"] += 1
                lines = err.getvalue().splitlines()
                found[f"big:{n}:{what}:{len(lines)} lines:{lines[0][:100]}"] += 1
            if code == 0 and what != "check":
                made = [
                    Path(line.split(" ", 1)[1])
                    for line in out.getvalue().splitlines()
                    if line.startswith("已生成 ")
                ]
                for doc in made:
                    found[f"documents built ({doc.suffix[1:]})"] += 1
                    why = unreadable(doc)
                    if why:
                        found["unreadable documents"] += 1
                        found[f"unreadable:{n}:{doc.suffix}:{why}"] += 1
        expected = {"in.toml"}
        for path in folder.rglob("*"):
            if path.is_file():
                rel = str(path.relative_to(folder))
                if rel not in expected and not (
                    rel.startswith(("out/in.", "pdf/in.")) and not path.name.startswith(".")
                ):
                    found["stray files"] += 1
                    found[f"stray:{n}:{rel}"] += 1
    finally:
        os.chdir(cwd)
        shutil.rmtree(folder, ignore_errors=True)
    return found


def one_subprocess(n: int, data: bytes, work: Path) -> Counter[str]:
    """The same input through a real ``reportgen`` process: its exit code and its stderr."""
    folder = work / f"s{n}"
    folder.mkdir()
    (folder / "in.toml").write_bytes(data)
    found: Counter[str] = Counter()
    for argv in (["check", "in.toml"], ["build", "in.toml", "-o", "out/in.docx"]):
        try:
            done = subprocess.run(
                [*REPORTGEN, *argv], cwd=folder, capture_output=True, timeout=TIME_LIMIT * 2
            )
        except subprocess.TimeoutExpired:
            found["hangs"] += 1
            continue
        found["process runs"] += 1
        if done.returncode not in (0, 1, 2):
            found["other exits"] += 1
            found[f"exit:{n}:{done.returncode}"] += 1
        if b"Traceback" in done.stderr:
            found["tracebacks"] += 1
    for path in folder.rglob("*"):
        if path.is_file() and path.name not in ("in.toml", "in.docx"):
            found["stray files"] += 1
    shutil.rmtree(folder, ignore_errors=True)
    return found


def part_inputs(args: argparse.Namespace, work: Path, rng: random.Random) -> Counter[str]:
    texts = seeds(work, args.seed)
    jobs = []
    for n in range(args.n):
        data = mutate(rng.choice(texts), rng)
        raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        jobs.append((n, raw, str(work), args.pdf > 0 and n % args.pdf == 0))
    total: Counter[str] = Counter()
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(args.jobs, _worker_init, maxtasksperchild=200) as pool:
        for n, found in enumerate(pool.imap_unordered(one_input, jobs, chunksize=4), start=1):
            total.update(found)
            if n % 500 == 0:
                print(f"  inputs: {n}/{len(jobs)} ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    if args.subprocess:
        for n, data, _, _ in jobs[:: args.subprocess]:
            total.update(one_subprocess(n, data, work))
    total["inputs"] = len(jobs)
    total["seconds"] = round(time.monotonic() - started)
    return total


# ---------------------------------------------------------------- part 2: output paths


def part_paths(work: Path) -> Counter[str]:
    found: Counter[str] = Counter()
    base = (ROOT / "tests/data/valid/base.toml").read_bytes()
    sample = (ROOT / "inputs/2019.toml").read_bytes()

    def case(name: str, argv: list[str], setup: Callable[[Path], list[Path]]) -> None:
        folder = work / f"p-{name}"
        folder.mkdir()
        (folder / "same.toml").write_bytes(base)
        (folder / "X-2019.toml").write_bytes(sample)
        watched = [folder / "same.toml", folder / "X-2019.toml", *setup(folder)]
        before = {p: _fingerprint(p) for p in watched}
        listing = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
        try:
            done = subprocess.run([*REPORTGEN, *argv], cwd=folder, capture_output=True, timeout=60)
        except subprocess.TimeoutExpired:
            found["hangs"] += 1
            return
        found["cases"] += 1
        if done.returncode != 2:
            found["not refused (exit other than 2)"] += 1
            found[f"exit:{name}:{done.returncode}"] += 1
        if b"Traceback" in done.stderr:
            found["tracebacks"] += 1
        if any(_fingerprint(p) != fp for p, fp in before.items()):
            found["inputs or targets changed"] += 1
            found[f"changed:{name}"] += 1
        if sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) != listing:
            found["stray files"] += 1
            found[f"stray:{name}"] += 1

    def fifo(folder: Path) -> list[Path]:
        os.mkfifo(folder / "out.docx")
        return [folder / "out.docx"]

    def sock(folder: Path) -> list[Path]:
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(folder / "out.docx"))
        return [folder / "out.docx"]

    def folder_html(folder: Path) -> list[Path]:
        (folder / "out.html").mkdir()
        return []

    def readonly(folder: Path) -> list[Path]:
        (folder / "out.docx").write_bytes(b"kept")
        (folder / "out.docx").chmod(0o444)
        return [folder / "out.docx"]

    def link(folder: Path) -> list[Path]:
        (folder / "d").symlink_to(folder, target_is_directory=True)
        os.link(folder / "same.toml", folder / "hard.docx")
        (folder / "sym.docx").symlink_to(folder / "same.toml")
        return []

    def batch_link(folder: Path) -> list[Path]:
        (folder / "same.docx").symlink_to(folder / "X-2019.toml")  # one document names the other input
        return []

    def none(folder: Path) -> list[Path]:
        return []

    case("same", ["build", "same.toml", "-o", "same.toml"], none)
    case("dotdot", ["build", "same.toml", "-o", "./e/../same.toml"], none)
    case("dotdot-html", ["build", "same.toml", "-o", "./e/f/../../same.toml", "--to", "html"], none)
    case("symlink-dir", ["build", "same.toml", "-o", "d/same.toml"], link)
    case("symlink-file", ["build", "same.toml", "-o", "sym.docx"], link)
    case("hard-link", ["build", "same.toml", "-o", "hard.docx"], link)
    case("fifo", ["build", "same.toml", "-o", "out.docx"], fifo)
    case("socket", ["build", "same.toml", "-o", "out.docx"], sock)
    case("folder-for-html", ["build", "same.toml", "-o", "out.docx", "--to", "docx,html"], folder_html)
    case("read-only", ["build", "same.toml", "-o", "out.docx"], readonly)
    case(
        "new-force-from",
        ["new", "2020", "--from", "X-2019.toml", "-o", "./d/../X-2019.toml", "--force"],
        none,
    )
    case("new-force-fifo", ["new", "2020", "--from", "X-2019.toml", "-o", "out.docx", "--force"], fifo)
    case("batch-symlink", ["build", "same.toml", "X-2019.toml", "-o", "."], batch_link)
    return found


def _fingerprint(path: Path) -> tuple:
    try:
        st = os.lstat(path)
    except OSError:
        return ("absent",)
    data = path.read_bytes() if stat.S_ISREG(st.st_mode) else b""
    return (stat.S_IFMT(st.st_mode), st.st_mode & 0o777, data)


# ---------------------------------------------------------------- part 3: interrupted batches


def _ctrl_c_heard() -> None:
    """In a child: SIGINT as in a terminal. A fuzzer started in the background (``cmd &``) has
    SIGINT ignored, and its children would inherit that and never hear Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _procs() -> dict[int, tuple[int, str]]:
    """Every live process: pid → (parent, command line)."""
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if fields[0] not in "ZX":
            out[int(entry.name)] = (int(fields[1]), cmd)
    return out


def _stopped(process: subprocess.Popen[bytes], found: Counter[str], kind: str) -> bytes:
    """The stderr of a signalled run once it has ended; a run still going after 120 s is a hang."""
    try:
        _, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        found["hangs"] += 1
        process.kill()
        err = b""
    found[f"{kind} runs"] += 1
    return err


def _descendants(pid: int) -> list[int]:
    procs = _procs()
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, _) in procs.items():
            if ppid == parent:
                found.append(child)
                frontier.append(child)
    return found


def _alive_after(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while True:
        alive = [p for p in pids if p in _procs()]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def part_interrupts(args: argparse.Namespace, work: Path, rng: random.Random) -> Counter[str]:
    found: Counter[str] = Counter()
    src = work / "county"
    src.mkdir()
    text = (ROOT / "tests/data/valid/base.toml").read_text(encoding="utf-8")
    for i in range(1500):
        (src / f"r{i:03}.toml").write_text(text, encoding="utf-8")
    how = ["SIGINT", "SIGTERM", "SIGKILL", "worker SIGKILL"]
    for n in range(args.interrupts):
        kind = how[n % len(how)]
        out = work / f"batch{n}"
        process = subprocess.Popen(
            [*REPORTGEN, "build", str(src), "-o", str(out), "-j", "2"],
            preexec_fn=_ctrl_c_heard,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0.3, 2.5))  # anywhere from start-up to the middle of the batch
        tree = _descendants(process.pid)
        if process.poll() is not None:
            found["batches finished before the signal"] += 1
        elif kind == "worker SIGKILL":
            if tree:
                os.kill(tree[0], signal.SIGKILL)
        else:
            process.send_signal(getattr(signal, kind))
        err = _stopped(process, found, kind)
        if process.returncode not in (0, 1, 2, -9):
            found["other exits"] += 1
            found[f"exit:{kind}:{process.returncode}"] += 1
        if b"Traceback" in err:
            found["tracebacks"] += 1
        orphans = _alive_after(tree, 5)
        found["orphan processes"] += len(orphans)
        for pid in orphans:
            os.kill(pid, signal.SIGKILL)
        for path in out.rglob("*") if out.exists() else []:
            if path.name.startswith("."):
                time.sleep(2)  # still there a moment later? (else it was being removed)
                found["stray files"] += path.exists()
                found[
                    f"stray:{n}:{kind}:{path.name}:{'kept' if path.exists() else 'gone 2 s later'}:{len(tree)} workers seen"
                ] += 1
            elif path.suffix == ".docx":
                found["documents checked"] += 1
                if unreadable(path):
                    found["unreadable documents"] += 1
        shutil.rmtree(out, ignore_errors=True)
    return found


# ---------------------------------------------------------------- part 4: LibreOffice


def part_pdf(args: argparse.Namespace, work: Path) -> Counter[str]:
    found: Counter[str] = Counter()
    if shutil.which("soffice") is None:
        found["skipped: no soffice"] += 1
        return found
    slow = work / "slow.toml"
    text = (ROOT / "tests/data/valid/base.toml").read_text(encoding="utf-8")
    prose = "\n\n".join(("统计ab公开12" * 400)[:4000] for _ in range(60))
    slow.write_text(text.replace('"正文" = "无。"', f'"正文" = """\n{prose}\n"""'), encoding="utf-8")
    temp = work / "pdf-tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    for n in range(args.pdf_runs):
        kind = ("timeout", "SIGKILL", "SIGTERM")[n % 3]
        code = (
            "import sys; from reportgen.render import pdf; from reportgen import pipeline; from pathlib import Path; "
            "pdf.TIMEOUT = 2; pdf.convert([pipeline.render_docx(pipeline.check(Path(sys.argv[1]), prev=None))])"
        )
        argv = (
            [sys.executable, "-c", code, str(slow)]
            if kind == "timeout"
            else [*REPORTGEN, "build", str(slow), "-o", str(work / "x.pdf"), "--to", "pdf"]
        )
        process = subprocess.Popen(
            argv,
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=_ctrl_c_heard,
        )
        tree: list[int] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            tree = _descendants(process.pid)
            if any("soffice.bin" in _procs().get(p, (0, ""))[1] for p in tree):
                break
            time.sleep(0.05)
        time.sleep(0.5)
        tree = sorted(set(tree) | set(_descendants(process.pid)))
        if kind != "timeout":
            process.send_signal(getattr(signal, kind))
        err = _stopped(process, found, kind)
        if kind == "SIGTERM" and b"Traceback" in err:
            found["tracebacks"] += 1
        orphans = _alive_after(tree, 5)
        found["orphan processes"] += len(orphans)
        for pid in orphans:
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and list(temp.iterdir()):
            time.sleep(0.1)
        left = list(temp.iterdir())
        found["files left in the temporary folder"] += len(left)
        for path in left:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
    return found


# ---------------------------------------------------------------- part 5: the preview


def part_preview(args: argparse.Namespace, work: Path, rng: random.Random) -> Counter[str]:
    import threading
    import urllib.request

    found: Counter[str] = Counter()
    src = work / "preview.toml"
    shutil.copy(ROOT / "tests/data/valid/base.toml", src)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [*REPORTGEN, "preview", str(src), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},  # a hang is shown where it is (SIGABRT below)
        preexec_fn=_ctrl_c_heard,
    )
    assert process.stdout is not None
    process.stdout.readline()  # 正在预览 …
    most = 0
    stop = threading.Event()

    def watch() -> None:
        nonlocal most
        while not stop.is_set():
            try:
                most = max(most, len(os.listdir(f"/proc/{process.pid}/task")))
            except OSError:
                return
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    idle = []
    for _ in range(args.connections):
        kind = rng.choice(("reset-mid-request", "never-read", "idle", "bad-request", "get"))
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
        except OSError:
            found["connections refused"] += 1
            continue
        found[kind] += 1
        if kind == "idle":
            idle.append(s)
            continue
        if kind == "get":
            s.sendall(b"GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try:
                s.recv(4096)
            except OSError:
                pass
            s.close()
            continue
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.sendall(
            {
                "reset-mid-request": b"GET / HT",
                "never-read": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "bad-request": bytes(rng.randrange(256) for _ in range(64)) + b"\r\n\r\n",
            }[kind]
        )
        s.close()
    found["idle connections held"] = len(idle)
    for s in idle:
        s.close()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/version", timeout=30) as r:
            found["answers afterwards"] += r.status == 200
    except OSError as exc:
        found[f"no answer:{exc}"] += 1
    stop.set()
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        found["hangs"] += 1
        masks = [
            line
            for line in Path(f"/proc/{process.pid}/status").read_text().splitlines()
            if line.startswith("Sig")
        ]
        found["hang:signals of the preview: " + " ".join(masks)] += 1
        process.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack
        _, err = process.communicate()
        stack = err.decode("utf-8", "replace")
        found["hang:preview did not stop on Ctrl-C: " + stack[stack.find("Current thread") :][:600]] += 1
    found["tracebacks"] += err.count(b"Traceback")
    found["most threads"] = most
    return found


# ---------------------------------------------------------------- report


KEYS = {
    "inputs": [
        "inputs",
        "runs",
        "process runs",
        "check exit 0",
        "check exit 1",
        "check exit 2",
        "build exit 0",
        "build exit 1",
        "build exit 2",
        "pdf exit 0",
        "pdf exit 1",
        "pdf exit 2",
        "documents built (docx)",
        "documents built (html)",
        "documents built (pdf)",
        "tracebacks",
        "internal errors",
        "other exits",
        "hangs",
        "memory",
        "unreadable documents",
        "stray files",
        "raw controls echoed",
        "messages over 200 kB",
        "seconds",
    ],
    "paths": [
        "cases",
        "not refused (exit other than 2)",
        "inputs or targets changed",
        "stray files",
        "tracebacks",
        "hangs",
    ],
    "interrupts": [
        "SIGINT runs",
        "SIGTERM runs",
        "SIGKILL runs",
        "worker SIGKILL runs",
        "batches finished before the signal",
        "documents checked",
        "unreadable documents",
        "orphan processes",
        "stray files",
        "tracebacks",
        "other exits",
        "hangs",
    ],
    "pdf": [
        "timeout runs",
        "SIGKILL runs",
        "SIGTERM runs",
        "orphan processes",
        "files left in the temporary folder",
        "tracebacks",
        "hangs",
    ],
    "preview": [
        "reset-mid-request",
        "never-read",
        "idle",
        "bad-request",
        "get",
        "tracebacks",
        "most threads",
        "idle connections held",
        "answers afterwards",
        "hangs",
    ],
}


def report(part: str, found: Counter[str]) -> None:
    print(f"{part}:")
    for key in KEYS[part]:
        print(f"  {key:<40} {found.get(key, 0)}")
    details = sorted(k for k in found if ":" in k and not k.startswith("skipped"))
    for key in details[:20]:
        print(f"    {key}")
    if len(details) > 20:
        print(f"    … {len(details) - 20} more")
    for key in found:
        if key.startswith("skipped"):
            print(f"  {key}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-n", type=int, default=3000, help="mutated inputs (default 3000)")
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("-j", "--jobs", type=int, default=2, help="fuzzing processes (default 2)")
    p.add_argument(
        "--subprocess", type=int, default=20, help="every Nth input also as a real process (0: none)"
    )
    p.add_argument("--pdf", type=int, default=100, help="every Nth input also converted to PDF (0: none)")
    p.add_argument("--interrupts", type=int, default=40, help="interrupted batches (default 40)")
    p.add_argument("--pdf-runs", type=int, default=6, help="interrupted LibreOffice conversions (default 6)")
    p.add_argument("--connections", type=int, default=1000, help="hostile preview connections (default 1000)")
    p.add_argument("--only", choices=sorted(KEYS), action="append", help="run only these parts")
    args = p.parse_args()
    os.environ["REPORTGEN_CACHE"] = "off"  # no state shared with the user's cache
    parts = args.only or list(KEYS)
    with tempfile.TemporaryDirectory(prefix="reportgen-fuzz-") as tmp:
        work = Path(tmp)
        print(
            f"seed {args.seed}, {args.n} inputs, {args.interrupts} interrupted batches, {args.connections} connections"
        )
        # each part has a generator of its own: --only PART reproduces it alone
        if "inputs" in parts:
            report("inputs", part_inputs(args, work, random.Random(f"{args.seed}-inputs")))
        if "paths" in parts:
            report("paths", part_paths(work))
        if "interrupts" in parts:
            report("interrupts", part_interrupts(args, work, random.Random(f"{args.seed}-interrupts")))
        if "pdf" in parts:
            report("pdf", part_pdf(args, work))
        if "preview" in parts:
            report("preview", part_preview(args, work, random.Random(f"{args.seed}-preview")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
