"""Generate N varied, valid reportgen inputs: ``python bench/generate.py N FOLDER [--seed S]``.

Every input is a different agency with different numbers and prose, and every accounting
identity of the format holds: table 三's results are drawn first, then 上年结转 and 结转下年度,
and 本年新收 is what makes 新收 + 结转 = 总计 + 结转下年度 true. Some files write each 总计,
others leave it out for reportgen to compute. Prose is drawn from the sentences of the
sample input, so paragraphs, line counts and subsections vary too.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.format import Field, Format, Kind  # noqa: E402
from reportgen.formats import FORMATS  # noqa: E402
from reportgen.formats.tables import CARRIED_IN, CARRIED_OUT, NEW, RESULTS_TOTAL, SECTION_3  # noqa: E402

SAMPLE = ROOT / "inputs" / "2019.toml"
PLACES = ("鄞州区", "海曙区", "江北区", "北仑区", "镇海区", "奉化区", "余姚市", "慈溪市", "宁海县", "象山县")
TOWNS = ("", "东吴镇", "五乡镇", "咸祥镇", "姜山镇", "瞻岐镇", "云龙镇", "横溪镇", "塘溪镇", "邱隘镇")
OFFICES = (
    "统计局",
    "财政局",
    "教育局",
    "民政局",
    "司法局",
    "卫生健康局",
    "自然资源局",
    "人民政府",
    "市场监督管理局",
)
SUBHEADINGS = ("（一）", "（二）", "（三）", "（四）", "（五）", "（六）")
TOPICS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "政策解读", "公开目录")


def sentences() -> list[str]:
    text = SAMPLE.read_text(encoding="utf-8")
    prose = re.findall(r'"""\n(.*?)"""', text, flags=re.DOTALL)
    found = [s.strip() + "。" for block in prose for s in re.split(r"。", block) if len(s.strip()) > 8]
    # a numbered item (一是…) drawn out of its list would be a numbering slip (P-numbering), and a
    # count of applications beside random tables would contradict them (P-figure)
    return [
        s.replace("\\", "")
        for s in found
        if not re.search(r"[一二三四五六七八九十]是", s) and not ("申请" in s and re.search(r"[0-9]", s))
    ]


def toml_string(text: str) -> str:
    return '"""\n' + text.replace("\\", "\\\\").replace('"""', '""\\"') + '\n"""'


def prose(rng: random.Random, pool: list[str], paragraphs: tuple[int, int], year: int) -> str:
    out = []
    for _ in range(rng.randint(*paragraphs)):
        para = re.sub(r"20\d\d年", f"{year}年", "".join(rng.sample(pool, rng.randint(1, 5))))
        if rng.random() < 0.1:  # a line break inside a paragraph
            para = para.replace("。", "。\n", 1)
        out.append(para)
    return "\n\n".join(out)


def values(fmt: Format, rng: random.Random) -> dict[str, int | Decimal | str]:
    """A value for every field, totals included, with every identity of the format true."""
    v: dict[str, int | Decimal | str] = {}

    def small() -> int:
        return 0 if rng.random() < 0.6 else rng.randint(1, 40)

    rows3: dict[str, dict[str, Field]] = fmt.rows_of(SECTION_3)
    outcome_rows = [r for r in rows3 if r not in (NEW, CARRIED_IN, RESULTS_TOTAL, CARRIED_OUT)]
    for f in fmt.fields:
        if f.section == SECTION_3:
            continue
        if f.kind is Kind.COUNT and not f.computed:
            v[f.id] = small()
        elif f.kind is Kind.DELTA:
            v[f.id] = rng.randint(-5, 5)
        elif f.kind is Kind.AMOUNT:
            v[f.id] = Decimal(rng.randint(0, 10**9)) / 100
        elif f.kind is Kind.UNIT:
            v[f.id] = rng.choice(("元", "万元"))
    for section in {f.section for f in fmt.fields if f.section != SECTION_3}:
        for columns in fmt.rows_of(section).values():
            total = [f for f in columns.values() if f.computed]
            if total:  # 总计 of a row: the sum of the others
                v[total[0].id] = sum(int(v[f.id]) for f in columns.values() if not f.computed)
    for row in ("规章", "规范性文件"):  # 新公开 ≤ 新制作 and ≤ 对外公开总数量 (R2-h); 规章 0 (R2-d)
        made, published, total = (f for f in fmt.fields if f.row == row and f.kind is Kind.COUNT)
        v[made.id] = 0 if row == "规章" else small()
        v[published.id] = rng.randint(0, int(v[made.id]))
        v[total.id] = 0 if row == "规章" else int(v[published.id]) + rng.randint(0, 60)
    for f in fmt.fields:  # an amount that fits its unit (R2-i)
        if f.kind is Kind.AMOUNT and v.get(f"{f.id}_unit") == "万元":
            v[f.id] = Decimal(rng.randint(0, 10**6)) / 100
    columns3 = [c for c in rows3[NEW] if not rows3[NEW][c].computed]
    for c in columns3:
        results = sum(_set(v, rows3[r][c], small()) for r in outcome_rows)
        v[rows3[RESULTS_TOTAL][c].id] = results
        carried_out = _set(v, rows3[CARRIED_OUT][c], rng.randint(0, 3))
        carried_in = _set(v, rows3[CARRIED_IN][c], rng.randint(0, min(results + carried_out, 5)))
        v[rows3[NEW][c].id] = results + carried_out - carried_in
    for columns in rows3.values():
        total = next(f for f in columns.values() if f.computed and f.column not in columns3)
        v[total.id] = sum(int(v[columns[c].id]) for c in columns3)
    return v


def _set(v: dict[str, int | Decimal | str], f: Field, value: int) -> int:
    v[f.id] = value
    return value


def document(n: int, rng: random.Random, pool: list[str]) -> str:
    year = rng.choice((2019, 2020))
    fmt = next(f for f in FORMATS.values() if f.covers(year))
    agency = f"{rng.choice(PLACES)}{rng.choice(TOWNS)}{rng.choice(OFFICES)}"
    v = values(fmt, rng)
    write_totals = rng.random() < 0.5
    lines = [
        f"# 生成的测试输入 {n}",
        f'"机关名称" = "{agency}"',
        f'"报告年度" = {year}',
        "",
    ]
    for spec in fmt.sections:
        lines.append(f'["{spec.key}"]')
        rows = fmt.rows_of(spec.key)
        if not rows:
            lines.append(f'"正文" = {toml_string(prose(rng, pool, (1, 3), year))}')
        for row, columns in rows.items():
            cells = [
                f'"{c}" = {v[f.id]}' if f.kind is not Kind.UNIT else f'"{c}" = "{v[f.id]}"'
                for c, f in columns.items()
                if write_totals or not f.computed
            ]
            if cells:
                lines.append(f'"{row}" = {{ {", ".join(cells)} }}')
        if rows and rng.random() < 0.7:
            lines.append(f'"表后正文" = {toml_string(prose(rng, pool, (1, 3), year))}')
        lines.append("")
        if spec.key == fmt.sections[0].key:
            for k in range(rng.randint(0, 5)):
                lines += [
                    f'[["{spec.key}"."小节"]]',
                    f'"标题" = "{SUBHEADINGS[k]}加强{rng.choice(TOPICS)}工作"',
                    f'"正文" = {toml_string(prose(rng, pool, (1, 3), year))}',
                    "",
                ]
    return "\n".join(lines)


def generate(count: int, folder: Path, seed: int = 2019) -> list[Path]:
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    width = len(str(count))
    paths = []
    for n in range(1, count + 1):
        path = folder / f"report-{n:0{width}d}.toml"
        path.write_text(document(n, rng, pool), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("count", type=int)
    p.add_argument("folder", type=Path)
    p.add_argument("--seed", type=int, default=2019)
    args = p.parse_args()
    generate(args.count, args.folder, args.seed)
    print(f"wrote {args.count} inputs to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
