"""The batch benchmark: ``python bench/run.py [-n 10000] [-j 2]``.

Generates N varied valid inputs (bench/generate.py), then measures in one run, each phase
in its own process so that its peak memory is its own:

* baseline: plain docxtpl per document (new ``DocxTemplate``, ``render``, ``save``), on
  the contexts of the first ``--baseline`` inputs;
* engine: reportgen's prepared Word engine on the same contexts (render and write);
* batch -j 1: ``reportgen.batch`` in one warm process over ``--warm`` inputs, each read,
  checked, rendered and written;
* batch -j N: the command ``reportgen build IN -o OUT -j N`` over all N inputs, wall time
  from process start to exit;
* summary: the command ``reportgen summary DIR -o S.xlsx -o S.html -j N`` over the first
  ``--summary`` inputs (wall time; its ratio is to the batch build's time per report), then
  its steps timed one by one in one process;
* cold: ``reportgen build`` of one input, the median of ``--cold`` runs.

It prints ms per document, documents per second, the ratio to the baseline and the peak
RSS of every process (the main process and each worker, read from /proc while it runs).
Nothing here asserts a time: the figures are for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
MB = 1024 * 1024


# ---------------------------------------------------------------- phases (run in a child process)


def _contexts(inputs: list[Path]) -> list[tuple[Path, dict]]:
    from reportgen import pipeline
    from reportgen.render.context import context

    out = []
    for path in inputs:
        checked = pipeline.check(path)
        out.append((pipeline.template_path(checked), context(checked.report, checked.values)))
    return out


def phase_baseline(inputs: list[Path], outdir: Path) -> dict:
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined

    work = _contexts(inputs)
    times = []
    for n, (template, ctx) in enumerate(work):
        t = time.perf_counter()
        doc = DocxTemplate(template)
        doc.render(ctx, jinja_env=Environment(autoescape=True, undefined=StrictUndefined))
        doc.save(outdir / f"{n}.docx")
        times.append(time.perf_counter() - t)
    return {"times": times}


def phase_engine(inputs: list[Path], outdir: Path) -> dict:
    from reportgen.output import write_atomic
    from reportgen.render.docx import renderer

    work = _contexts(inputs)
    renderer(work[0][0]).render(work[0][1])  # warm: the template is prepared once per process
    times = []
    for n, (template, ctx) in enumerate(work):
        t = time.perf_counter()
        write_atomic(outdir / f"{n}.docx", renderer(template).render(ctx))
        times.append(time.perf_counter() - t)
    return {"times": times}


def phase_batch(inputs: list[Path], outdir: Path) -> dict:
    from reportgen import batch

    jobs = batch.collect([str(p) for p in inputs], outdir)
    list(batch.run(jobs[:1], 1))  # warm
    t = time.perf_counter()
    results = list(batch.run(jobs, 1))
    elapsed = time.perf_counter() - t
    failed = [r.job.display for r in results if r.status == "failed"]
    return {"elapsed": elapsed, "count": len(jobs), "failed": failed}


def phase_summary(inputs: list[Path], outdir: Path) -> dict:
    """``reportgen summary``'s steps timed one by one in one process (one worker)."""
    from reportgen import readers, review, summary
    from reportgen.render import dashboard, workbook

    stages: dict[str, float] = {}
    t = time.perf_counter()
    found, _ = readers.find([str(p) for p in inputs])
    entries = review.judge(found, 1)
    stages["read+check"] = time.perf_counter() - t
    t = time.perf_counter()
    totals = summary.totals(entries)
    stages["totals"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = summary.copies(entries)
    stages["雷同"] = time.perf_counter() - t
    result = summary.Summary(tuple(entries), tuple(totals), tuple(pairs))
    t = time.perf_counter()
    (outdir / "s.xlsx").write_bytes(workbook.render(result))
    stages["workbook"] = time.perf_counter() - t
    t = time.perf_counter()
    (outdir / "s.html").write_text(dashboard.render(result), encoding="utf-8")
    stages["dashboard"] = time.perf_counter() - t
    return {"stages": stages, "count": len(entries), "pairs": len(pairs)}


PHASES = {
    "baseline": phase_baseline,
    "engine": phase_engine,
    "batch": phase_batch,
    "summary": phase_summary,
}


# ---------------------------------------------------------------- measuring processes


class PeakRSS:
    """Every process of a tree and its peak RSS (VmHWM), read from /proc while it runs."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(0.02)

    def sample(self) -> None:
        tree = {self.root}
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                    parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
                except (OSError, ValueError):
                    continue
        grew = True
        while grew:
            grew = False
            for pid, ppid in parents.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        for pid in tree:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if "VmHWM" in fields:
                kb = int(fields["VmHWM"].split()[0])
                name = "main" if pid == self.root else "worker"
                self.peaks[pid] = (name, max(kb * 1024, self.peaks.get(pid, ("", 0))[1]))

    def stop(self) -> list[tuple[str, int]]:
        self._stop.set()
        self._thread.join()
        return sorted(self.peaks.values(), key=lambda p: (p[0] != "main", -p[1]))


def measure(
    cmd: list[str], env: dict[str, str] | None = None
) -> tuple[float, int, list[tuple[str, int]], str]:
    """Run ``cmd``; its wall time, exit code, peak RSS per process and stdout."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    watch = PeakRSS(proc.pid) if Path("/proc/self/status").exists() else None
    out, _ = proc.communicate()
    wall = time.perf_counter() - t
    peaks = watch.stop() if watch else []
    # the kernel's figure for the whole tree (largest process), as a check on the sampling
    return wall, proc.returncode, peaks, out


def run_phase(name: str, inputs: list[Path], work: Path) -> tuple[dict, list[tuple[str, int]]]:
    listing = work / f"{name}.list"
    listing.write_text("\n".join(str(p) for p in inputs), encoding="utf-8")
    outdir = work / f"out-{name}"
    outdir.mkdir()
    cmd = [sys.executable, str(Path(__file__)), "--phase", name, str(listing), str(outdir)]
    _, code, peaks, out = measure(cmd)
    if code != 0:
        raise SystemExit(f"phase {name} failed (exit code {code})")
    return json.loads(out.splitlines()[-1]), peaks


# ---------------------------------------------------------------- report


def rss(peaks: list[tuple[str, int]]) -> str:
    if not peaks:
        return "n/a"
    main = [p for name, p in peaks if name == "main"]
    workers = [p for name, p in peaks if name != "main"]
    text = f"main {main[0] / MB:.0f} MB" if main else ""
    if workers:
        text += f", workers {', '.join(f'{w / MB:.0f}' for w in workers)} MB"
    return text + f" (max {max(p for _, p in peaks) / MB:.0f} MB)"


def row(label: str, docs: int, ms: float, base_ms: float | None, peaks: list[tuple[str, int]]) -> str:
    ratio = f"{base_ms / ms:6.1f}×" if base_ms else "   1.0×"
    return (
        f"{label:<44} {docs:>6} docs {ms:8.2f} ms/doc {1000 / ms:8.0f} docs/s {ratio}   peak RSS {rss(peaks)}"
    )


def main() -> int:
    p = argparse.ArgumentParser(description="reportgen batch benchmark")
    p.add_argument(
        "-n", "--count", type=int, default=1000, help="inputs to generate and build (default 1000)"
    )
    p.add_argument("-j", "--jobs", type=int, default=2, help="workers of the CLI batch (default 2)")
    p.add_argument("--baseline", type=int, default=30, help="documents for the docxtpl baseline (default 30)")
    p.add_argument("--warm", type=int, default=1000, help="documents for the one-worker batch (default 1000)")
    p.add_argument("--cold", type=int, default=10, help="runs of the cold single build (default 10)")
    p.add_argument(
        "--summary",
        type=int,
        default=1000,
        help="reports for reportgen summary (default 1000: the first ones, in a folder of their own)",
    )
    p.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    p.add_argument("--phase", nargs=3, metavar=("NAME", "LIST", "OUT"), help=argparse.SUPPRESS)
    args = p.parse_args()

    if args.phase:
        name, listing, outdir = args.phase
        inputs = [Path(line) for line in Path(listing).read_text(encoding="utf-8").splitlines()]
        print(json.dumps(PHASES[name](inputs, Path(outdir))))
        return 0

    sys.path.insert(0, str(HERE))
    from generate import generate

    work = args.keep or Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    exe = shutil.which("reportgen", path=str(Path(sys.executable).parent)) or "reportgen"
    try:
        t = time.perf_counter()
        inputs = generate(args.count, work / "in")
        print(f"generated {args.count} varied inputs in {time.perf_counter() - t:.1f} s: {work / 'in'}")
        print(f"CPUs: {os.cpu_count()}, Python {sys.version.split()[0]}, reportgen at {exe}\n")

        base, base_peaks = run_phase("baseline", inputs[: args.baseline], work)
        base_ms = statistics.median(base["times"]) * 1000
        print(
            row("baseline: docxtpl new+render+save (median)", len(base["times"]), base_ms, None, base_peaks)
        )

        eng, eng_peaks = run_phase("engine", inputs[: args.baseline], work)
        eng_ms = statistics.median(eng["times"]) * 1000
        print(row("engine: prepared render+write (median)", len(eng["times"]), eng_ms, base_ms, eng_peaks))

        warm, warm_peaks = run_phase("batch", inputs[: args.warm], work)
        warm_ms = warm["elapsed"] / warm["count"] * 1000
        print(row("batch -j 1, warm: read+check+render+write", warm["count"], warm_ms, base_ms, warm_peaks))

        outdir = work / "out-cli"
        wall, code, peaks, _ = measure(
            [exe, "build", str(work / "in"), "-o", str(outdir), "-j", str(args.jobs)]
        )
        built = sum(1 for _ in outdir.rglob("*.docx"))
        label = f"reportgen build DIR -j {args.jobs} (whole command)"
        print(row(label, built, wall / args.count * 1000, base_ms, peaks))
        print(f"{'':<44} wall {wall:.2f} s for {args.count} reports, exit code {code}")

        # the review desk: the same inputs (the first --summary of them) summarised
        some = inputs[: args.summary]
        folder = work / "in-summary"
        folder.mkdir()
        for path in some:
            os.link(path, folder / path.name)
        out = work / "out-summary-cli"
        s_wall, s_code, s_peaks, _ = measure(
            [
                exe,
                "summary",
                str(folder),
                "-o",
                str(out / "s.xlsx"),
                "-o",
                str(out / "s.html"),
                "-j",
                str(args.jobs),
            ]
        )
        s_ms = s_wall / len(some) * 1000
        build_ms = wall / args.count * 1000
        print(
            f"{f'reportgen summary DIR -j {args.jobs} (whole command)':<44} {len(some):>6} docs {s_ms:8.2f} ms/doc "
            f"{1000 / s_ms:8.0f} docs/s {build_ms / s_ms:6.1f}× the build   peak RSS {rss(s_peaks)}"
        )
        print(
            f"{'':<44} wall {s_wall:.2f} s for {len(some)} reports (target: 1000 in < 10 s), exit code {s_code}"
        )
        stages, _ = run_phase("summary", some, work)
        shown = ", ".join(f"{name} {sec:.2f} s" for name, sec in stages["stages"].items())
        print(f"{'':<44} one process, one worker: {shown}; {stages['pairs']} pairs of 雷同")

        one = work / "cold.docx"
        cold = []
        for _ in range(args.cold):
            t = time.perf_counter()
            subprocess.run(
                [exe, "build", str(ROOT / "inputs" / "2019.toml"), "-o", str(one)],
                check=True,
                capture_output=True,
            )
            cold.append(time.perf_counter() - t)
        cmd = f"{exe} build inputs/2019.toml -o {one}"
        print(f"\ncold single build, median of {args.cold}: {statistics.median(cold) * 1000:.0f} ms  ({cmd})")
        failures = warm["failed"] or code != 0 or built != args.count or s_code != 0
        if failures:
            print(f"\nWARNING: not every generated input was built (exit code {code}, {built} built)")
            return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
