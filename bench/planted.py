"""Planted errors: how many single-number slips in real reports the checks catch (issue 11).

Each plant changes one number of one corpus report (tests/data/real/*/report.toml): a number of
the prose, or a cell of a table. A plant is caught when `reportgen check` then says something it
did not say about the unchanged report, at the changed line (its own line or one it lists).
The numbers of the prose that state a table quantity were found by reading each report
(``figures.txt`` beside it); a change there makes the prose contradict the table, and catching it
is the work of the prose-against-tables rule (P-figure). A change to any other number of the prose
(1459条 published, 95个 new-media accounts) contradicts nothing: a warning there is a false alarm.

    .venv/bin/python bench/planted.py [-n 100] [--seed 11]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "real"
sys.path.insert(0, str(ROOT))

from reportgen import model, pipeline, source  # noqa: E402
from reportgen.errors import Fix, Problem  # noqa: E402

# A number in the prose worth changing: not a year, a date, a document number, a phone number.
PROSE_NUMBER = re.compile(r"(?<![0-9.\-〔（(第])[0-9]{1,5}(?:\.[0-9]+)?(?![0-9.\-年月日号〕）)])")


@dataclass(frozen=True)
class Spot:
    folder: Path
    kind: str  # "prose-figure", "prose-other", "table-3-4", "table-2"
    line: int
    column: int  # 1-based, of the number's first character
    value: str
    key: int = 0  # a table cell: the column of its key, where a fix points


def figures(folder: Path) -> dict[tuple[int, str], bool]:
    """(line, number) of each prose number that states a table quantity → whether it agrees."""
    out = {}
    for line in (folder / "figures.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        number, quote, _, agrees = (part.strip() for part in line.split("|"))
        out[(int(number), re.findall(r"[0-9]+", quote)[-1])] = agrees == "是"
    return out


def spots(folder: Path) -> list[Spot]:
    path = folder / "report.toml"
    src = source.read(path, "report.toml")
    report, _ = model.build(src)
    assert report is not None
    stated = figures(folder)
    lines = src.text.split("\n")
    out = []
    for prose in report.prose:
        if prose.what in ("标题", "前言"):
            continue
        for m in PROSE_NUMBER.finditer(prose.text):
            where = src.text_location(prose.key, m.start(), m.group())
            if (where.line, m.group()) in stated and not stated[(where.line, m.group())]:
                continue  # the published prose already contradicts its table: nothing to plant
            if lines[where.line - 1][where.column - 1 :].startswith(m.group()):
                kind = "prose-figure" if (where.line, m.group()) in stated else "prose-other"
                out.append(Spot(folder, kind, where.line, where.column, m.group()))
    for f in report.format.fields:
        value = report.values.get(f.id)
        if type(value) is not int:
            continue
        key = src.location((f.section, f.row, f.column), column=True)
        row = lines[key.line - 1]
        m = re.compile(r'"[^"]*"\s*=\s*(\d+)').match(row, key.column - 1)
        if m:
            kind = "table-2" if f.id.startswith("t2") else "table-3-4"
            out.append(Spot(folder, kind, key.line, m.start(1) + 1, m.group(1), key.column))
    return out


def findings(problems: list[Problem]) -> set[tuple[str, int, int, tuple[int, ...]]]:
    """Each finding as (code, line, column, related lines): a finding already made about the
    unchanged report, now with other numbers in its message, is not a new one."""
    return {
        (p.code, p.location.line, p.location.column, tuple(loc.line for loc, _ in p.related))
        for p in problems
    }


def check(path: Path) -> list[Problem]:
    return pipeline.draft(path, display="report.toml", prev=None).problems


def located(problems: list[Problem], spot: Spot) -> str:
    """How a planted cell was located: the one fix, one of a few, or not named."""
    offered = [fix for p in problems for fix in p.fixes]
    back = (spot.line, spot.key, int(spot.value))
    named = [fix for fix in offered if any(_cell(f) == back for f in fix)]
    if named and len(offered) == 1 and len(offered[0]) == 1:
        return "the one fix"
    return "among the candidates" if named else "not named"


def _cell(fix: Fix) -> tuple[int, int, int]:
    """Where a fix points (the line and the column of the cell's key) and the value it gives."""
    return (fix.location.line, fix.location.column, fix.value)


def changed(value: str, rng: random.Random) -> str:
    old = int(value) if value.isdigit() else int(float(value))
    while True:
        new = old + rng.choice([-1, 1]) * rng.randint(1, max(3, old // 2))
        if new >= 0 and new != old:
            return str(new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=100, help="how many errors to plant (default 100)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    folders = sorted(p.parent for p in CORPUS.glob("*/report.toml"))
    pool = {f: spots(f) for f in folders}
    base = {f: findings(check(f / "report.toml")) for f in folders}
    kinds = ("prose-figure", "prose-other", "table-3-4", "table-2")
    planted: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    by: dict[str, Counter[str]] = {k: Counter() for k in kinds}
    where: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.toml"
        for _ in range(args.n):
            kind = rng.choice(kinds)
            choices = [s for f in folders for s in pool[f] if s.kind == kind]
            spot = rng.choice(choices)
            lines = (spot.folder / "report.toml").read_text(encoding="utf-8").split("\n")
            row = lines[spot.line - 1]
            start = spot.column - 1
            assert row[start:].startswith(spot.value), (spot, row)
            lines[spot.line - 1] = row[:start] + changed(spot.value, rng) + row[start + len(spot.value) :]
            path.write_text("\n".join(lines), encoding="utf-8")
            problems = check(path)
            new = findings(problems) - base[spot.folder]
            if kind == "table-3-4":
                where[located([p for p in problems if findings([p]) <= new], spot)] += 1
            here = {code for code, line, _, related in new if line == spot.line or spot.line in related}
            planted[kind] += 1
            if here:
                caught[kind] += 1
                by[kind].update(here)
    names = {
        "prose-figure": "prose number stating a table quantity (should be caught: P-figure)",
        "prose-other": "other prose number (nothing to catch: a warning is a false alarm)",
        "table-3-4": "cell of table 三 or 四 (identities, P-figure)",
        "table-2": "cell of table 二 (only what the prose states can be caught)",
    }
    print(f"{args.n} planted single-number changes in {len(folders)} corpus reports (seed {args.seed})")
    for kind in kinds:
        n, k = planted[kind], caught[kind]
        share = f"{k / n:.0%}" if n else "—"
        rules = ", ".join(f"{code} {c}" for code, c in by[kind].most_common())
        print(f"  {names[kind]}: {k}/{n} flagged ({share}){'  — ' + rules if rules else ''}")
    print(
        "  the planted cell of table 三 or 四, with its old value: "
        + ", ".join(f"{k} {n}" for k, n in where.most_common())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
