"""Import speed against build speed: ``python bench/importing.py [-n 200]``.

Generates N varied valid inputs (bench/generate.py), builds each to a Word file and a web
page once, then measures in this one warm process, per report (median):

* build: read + check + render the .docx (``pipeline.check`` + ``render_docx``, no write);
* import .docx / .html: the published file → the TOML text (read, recognise, write);
* check .docx: ``reportgen check FILE.docx``'s work (import in memory, then check);

and prints ms per report and the ratio of each to the build; then the commands a clerk runs
(``reportgen build X.toml``, ``reportgen import X.docx``, ``reportgen check X.docx``), each a
fresh process, median of ``--cold`` runs. Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def timed(fn: object, items: list[Path]) -> list[float]:
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)  # type: ignore[operator]
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=200)
    parser.add_argument("--cold", type=int, default=10, help="runs of each cold command")
    args = parser.parse_args()

    from generate import generate

    from reportgen import pipeline
    from reportgen.published import importer

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = generate(args.count, work / "in")
        docx, pages = [], []
        for path in inputs:
            checked = pipeline.check(path, prev=None)
            d = work / f"{path.stem}.docx"
            d.write_bytes(pipeline.render_docx(checked))
            h = work / f"{path.stem}.html"
            h.write_text(pipeline.render_html(checked), encoding="utf-8")
            docx.append(d)
            pages.append(h)

        def build(path: Path) -> None:
            pipeline.render_docx(pipeline.check(path, prev=None))

        def check(path: Path) -> None:
            pipeline.draft(path, str(path), prev=None)

        steps = [
            ("build: read + check + render .docx", build, inputs),
            ("import .docx → TOML", importer.read, docx),
            ("import .html → TOML", importer.read, pages),
            ("check .docx (import in memory + check)", check, docx),
        ]
        for _, fn, items in steps:
            fn(items[0])  # warm: imports, prepared templates, label caches
        times: list[list[float]] = [[] for _ in steps]
        for k in range(args.count):  # interleaved, so that the machine's load falls on all alike
            for n, (_, fn, items) in enumerate(steps):
                times[n] += timed(fn, [items[k]])
        cold = _cold(inputs[0], docx[0], work, args.cold)
    base = statistics.median(times[0])
    print(f"{args.count} varied reports, one warm process, per report (median, fastest):")
    for (label, _, _), t in zip(steps, times, strict=True):
        ms = statistics.median(t) * 1000
        print(f"  {label:<42} {ms:7.2f} ms  {min(t) * 1000:6.2f} ms  ({ms / (base * 1000):.2f} × build)")
    print(f"\ncold commands, process start to exit, median of {args.cold}:")
    base_cold = cold[0][1]
    for label, seconds in cold:
        print(f"  {label:<42} {seconds * 1000:7.0f} ms  ({seconds / base_cold:.2f} × build)")
    return 0


def _cold(toml: Path, docx: Path, work: Path, runs: int) -> list[tuple[str, float]]:
    """The commands a clerk runs, each as a fresh process."""
    import subprocess

    exe = str(Path(sys.executable).with_name("reportgen"))
    commands = [
        ("reportgen build X.toml", [exe, "build", str(toml), "-o", str(work / "cold.docx")]),
        ("reportgen import X.docx", [exe, "import", str(docx), "-o", str(work / "cold.toml"), "--force"]),
        ("reportgen check X.docx", [exe, "check", str(docx)]),
    ]
    out = []
    for label, argv in commands:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=False)
            times.append(time.perf_counter() - t)
        out.append((label, statistics.median(times)))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
