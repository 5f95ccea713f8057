"""Generate N varied, valid reportgen inputs: ``python bench/generate.py N FOLDER [--seed S]``.

Every input is a different agency with different numbers and prose, and every accounting
identity of the format holds: table 三's results are drawn first, then 上年结转 and 结转下年度,
and 本年新收 is what makes 新收 + 结转 = 总计 + 结转下年度 true. Some files write each 总计,
others leave it out for reportgen to compute. Prose is drawn from the sentences of the
sample input, so paragraphs, line counts and subsections vary too; about a third of their
characters are then replaced at random, so that each agency's prose is its own (two reports
share a run of 8 characters only by chance, as independently written reports do), and
:data:`COPIED` of the sections are planted copies of another report's section of the same
year (what ``reportgen summary`` finds as 雷同).
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
OWN = 0.3  # the share of characters replaced, so that each report's prose is its own
COPIED = 0.01  # the share of sections that copy another report's section of the same year
_HAN = re.compile(r"[\u4e00-\u9fff]")


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
    han = _characters(pool)
    for _ in range(rng.randint(*paragraphs)):
        para = "".join(rng.sample(pool, rng.randint(1, 5)))
        para = _HAN.sub(lambda m: rng.choice(han) if rng.random() < OWN else m.group(), para)
        para = re.sub(r"20\d\d年", f"{year}年", para)
        if rng.random() < 0.1:  # a line break inside a paragraph
            para = para.replace("。", "。\n", 1)
        out.append(para)
    return "\n\n".join(out)


_HAN_CACHE: dict[int, str] = {}


def _characters(pool: list[str]) -> str:
    key = id(pool)
    if key not in _HAN_CACHE:
        _HAN_CACHE[key] = "".join(sorted(set(_HAN.findall("".join(pool)))))
    return _HAN_CACHE[key]


def _own_or_copied(
    rng: random.Random, written: dict[tuple[int, str], list[str]], year: int, key: str, text: str
) -> str:
    """``text``, or (now and then) another report's text of the same section and year."""
    earlier = written.setdefault((year, key), [])
    if earlier and rng.random() < COPIED:
        return rng.choice(earlier)
    earlier.append(text)
    return text


Values = dict[str, int | Decimal | str]


def values(fmt: Format, rng: random.Random, last: Values | None = None, most: int = 40) -> Values:
    """A value for every field, totals included, with every identity of the format true; with
    ``last`` (last year's values, same format), every cross-year rule true as well. A cell is 0
    more often than not, else up to ``most``."""
    v: Values = {}

    def small() -> int:
        return 0 if rng.random() < 0.6 else rng.randint(1, most)

    rows3: dict[str, dict[str, Field]] = fmt.rows_of(SECTION_3)
    outcome_rows = [r for r in rows3 if r not in (NEW, CARRIED_IN, RESULTS_TOTAL, CARRIED_OUT)]
    for f in fmt.fields:
        if f.section == SECTION_3:
            continue
        if f.kind is Kind.COUNT and not f.computed:
            v[f.id] = small()
        elif f.kind is Kind.DELTA:  # never more projects gone than there were
            projects = int(v[f.id.replace("_c2", "_c1")])
            v[f.id] = rng.randint(-min(5, projects), 5)
        elif f.kind is Kind.AMOUNT:
            v[f.id] = Decimal(rng.randint(0, 10**9)) / 100
        elif f.kind is Kind.UNIT:
            v[f.id] = rng.choice(("元", "万元"))
    for section in {f.section for f in fmt.fields if f.section != SECTION_3}:
        for columns in fmt.rows_of(section).values():
            total = [f for f in columns.values() if f.computed]
            if total:  # 总计 of a row: the sum of the others
                v[total[0].id] = sum(int(v[f.id]) for f in columns.values() if not f.computed)
    if last is not None:  # R2-f: 上一年项目数量 = last year's + last year's 本年增/减
        for f in fmt.fields:
            if f.kind is Kind.DELTA:
                before = f.id.replace("_c2", "_c1")
                v[before] = int(last[before]) + int(last[f.id])
                v[f.id] = rng.randint(-min(5, int(v[before])), 5)
    for row in ("规章", "规范性文件"):  # 新公开 ≤ 新制作 and ≤ 对外公开总数量 (R2-h); 规章 0 (R2-d)
        made, published, total = (f for f in fmt.fields if f.row == row and f.kind is Kind.COUNT)
        v[made.id] = 0 if row == "规章" else small()
        v[published.id] = rng.randint(0, int(v[made.id]))
        before = int(last[total.id]) if last is not None else rng.randint(0, 60)  # R2-g
        v[total.id] = 0 if row == "规章" else int(v[published.id]) + before
    for f in fmt.fields:  # an amount that fits its unit (R2-i)
        if f.kind is Kind.AMOUNT and v.get(f"{f.id}_unit") == "万元":
            v[f.id] = Decimal(rng.randint(0, 10**6)) / 100
    columns3 = [c for c in rows3[NEW] if not rows3[NEW][c].computed]
    for c in columns3:
        results = sum(_set(v, rows3[r][c], small()) for r in outcome_rows)
        v[rows3[RESULTS_TOTAL][c].id] = results
        carried_out = _set(v, rows3[CARRIED_OUT][c], rng.randint(0, 3))
        if last is not None:  # R3-e: 上年结转 = last year's 结转下年度
            carried_in = _set(v, rows3[CARRIED_IN][c], int(last[rows3[CARRIED_OUT][c].id]))
            if carried_in > results + carried_out:  # 本年新收 cannot be negative
                carried_out = _set(v, rows3[CARRIED_OUT][c], carried_in - results)
        else:
            carried_in = _set(v, rows3[CARRIED_IN][c], rng.randint(0, min(results + carried_out, 5)))
        v[rows3[NEW][c].id] = results + carried_out - carried_in
    for columns in rows3.values():
        total = next(f for f in columns.values() if f.computed and f.column not in columns3)
        v[total.id] = sum(int(v[columns[c].id]) for c in columns3)
    return v


def _set(v: dict[str, int | Decimal | str], f: Field, value: int) -> int:
    v[f.id] = value
    return value


def document(
    n: int,
    rng: random.Random,
    pool: list[str],
    written: dict[tuple[int, str], list[str]] | None = None,
    year: int | None = None,
    agency: str | None = None,
    v: Values | None = None,
) -> str:
    """One input: ``year``, ``agency`` and the values ``v`` drawn at random unless given."""
    written = {} if written is None else written
    year = year or rng.choice((2019, 2020))
    fmt = next(f for f in FORMATS.values() if f.covers(year))
    agency = agency or f"{rng.choice(PLACES)}{rng.choice(TOWNS)}{rng.choice(OFFICES)}"
    v = v if v is not None else values(fmt, rng)
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
            text = _own_or_copied(rng, written, year, spec.key, prose(rng, pool, (1, 3), year))
            lines.append(f'"正文" = {toml_string(text)}')
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


def generate(count: int, folder: Path, seed: int = 2019, copies: bool = True) -> list[Path]:
    """``count`` inputs in ``folder``; without ``copies``, no section copies another report's."""
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    width = len(str(count))
    written: dict[tuple[int, str], list[str]] = {}
    paths = []
    for n in range(1, count + 1):
        path = folder / f"report-{n:0{width}d}.toml"
        path.write_text(document(n, rng, pool, written if copies else None), encoding="utf-8")
        paths.append(path)
    return paths


def county(folder: Path, agencies: int = 20, years: tuple[int, ...] = (2019, 2020), seed: int = 2019) -> list[Path]:
    """A county's folder: ``agencies`` agencies, each with a report for every year, under the
    usual names (``机关-年度.toml``, so that each year is checked against the last, and every
    cross-year rule holds). In the last year one agency's 五 copies another's word for word
    (雷同) and one report has a wrong 总计 (an error), as a reviewer finds them."""
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    place = PLACES[0]
    names = [f"{place}{office}" for office in OFFICES if office != "人民政府"]
    names += [f"{place}{town}人民政府" for town in TOWNS if town]
    names += [f"{place}{office}" for office in ("发展和改革局", "住房和城乡建设局", "交通运输局", "农业农村局")]
    fmt = next(f for f in FORMATS.values() if f.covers(years[0]))
    paths = []
    last: dict[str, Values] = {}
    written: dict[tuple[int, str], list[str]] = {}
    for year in years:
        for n, agency in enumerate(names[:agencies]):
            v = values(fmt, rng, last.get(agency), most=6)
            last[agency] = v
            path = folder / f"{agency}-{year}.toml"
            path.write_text(document(n, rng, pool, written, year, agency, v), encoding="utf-8")
            paths.append(path)
    _plant(paths[-agencies], paths[-1], "五、存在的主要问题及改进情况")
    wrong = paths[-2]
    text = wrong.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(f'"{NEW}"'))
    cells = re.sub(r'"自然人" = (\d+)', lambda m: f'"自然人" = {int(m.group(1)) + 1}', row, count=1)
    wrong.write_text(text.replace(row, cells), encoding="utf-8")
    return paths


def _plant(source: Path, target: Path, key: str) -> None:
    """``target``'s 正文 of section ``key`` replaced by ``source``'s."""

    def body(text: str) -> tuple[int, int]:
        start = text.index('"正文" = """', text.index(f'["{key}"]'))
        return start, text.index('"""', start + len('"正文" = """')) + 3

    copied = source.read_text(encoding="utf-8")
    a, b = body(copied)
    text = target.read_text(encoding="utf-8")
    c, d = body(text)
    target.write_text(text[:c] + copied[a:b] + text[d:], encoding="utf-8")


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
