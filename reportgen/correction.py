"""Which cells to change so that every identity holds: a typo located, not just detected.

The identities a format declares (``sum(left) == sum(right)``) are linear in the cells the
clerk typed: a 总计 left out is itself the sum of typed cells. Tables 三 and 四 over-determine
their cells — a cell of table 三 stands in its row's sum, its column's sum and often the
勾稽 relation — so one wrong number breaks a pattern of identities that, like a parity
check, usually only that cell explains. :func:`diagnose` finds, for each group of
identities linked by shared cells, the smallest sets of typed cells (one cell, else two)
whose change makes every identity of the group hold, each new value a valid count, and
none breaking an identity that holds now.

Nothing here knows a table: it reads the format's :class:`~reportgen.format.Identity` data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from reportgen.format import Format, Identity, Kind

Linear = dict[str, int]  # typed cell id → coefficient
Derivation = tuple[str, tuple[str, ...]]  # a 总计 left out, and the cells it is the sum of

MAX_CORRECTIONS = 6  # more ways than this to make the identities hold: the cell cannot be told


@dataclass(frozen=True)
class Change:
    """One cell to retype: ``field`` holds ``old`` and should hold ``new``."""

    field: str
    old: int
    new: int


Correction = tuple[Change, ...]  # cells changed together


@dataclass(frozen=True)
class Diagnosis:
    """The failing identities of one group, and every smallest correction found for them.

    ``corrections`` is empty when none of one or two cells exists, or when there are more
    than :data:`MAX_CORRECTIONS` (the typo cannot be told apart).
    """

    failing: tuple[Identity, ...]
    corrections: tuple[Correction, ...]


def derivations(fmt: Format, values: Mapping[str, object]) -> list[Derivation]:
    """The 总计 cells left out (None), in the order they are computed, each with its parts.

    A total is computed from an identity where it stands alone on one side, once every cell
    of the other side is a number; :func:`reportgen.rules.complete` applies these in order.
    """
    known = {k for k, v in values.items() if _is_number(v)}
    present = {k for k, v in values.items() if v is not None}
    out: list[Derivation] = []
    changed = True
    while changed:
        changed = False
        for ident in fmt.identities:
            for side, other in ((ident.left, ident.right), (ident.right, ident.left)):
                target = side[0].field
                if len(side) != 1 or target in present or not fmt.field(target).computed:
                    continue
                parts = tuple(t.field for t in other)
                if all(p in known for p in parts):
                    out.append((target, parts))
                    known.add(target)
                    present.add(target)
                    changed = True
    return out


def diagnose(
    fmt: Format,
    typed: Mapping[str, object],
    values: Mapping[str, object],
    derived: Sequence[Derivation],
) -> list[Diagnosis]:
    """Every group of linked identities with some that fail, and how to correct it.

    ``typed`` are the values as the clerk typed them (None: left out or refused), ``values``
    the same with the totals of ``derived`` computed.
    """
    linear = _linear(typed, derived)
    residuals: dict[Identity, tuple[int, Linear]] = {}
    for ident in fmt.identities:
        terms = [*ident.left, *ident.right]
        if not all(t.field in linear and _is_number(values.get(t.field)) for t in terms):
            continue  # a cell is unusable: the model has said so; this identity is not judged
        lsum = sum(values[t.field] for t in ident.left)  # type: ignore[misc]
        rsum = sum(values[t.field] for t in ident.right)  # type: ignore[misc]
        form: Linear = {}
        for sign, side in ((1, ident.left), (-1, ident.right)):
            for t in side:
                for cell, k in linear[t.field].items():
                    form[cell] = form.get(cell, 0) + sign * k
        residuals[ident] = (lsum - rsum, {c: k for c, k in form.items() if k})
    out = []
    for group in _groups(residuals):
        failing = tuple(i for i in group if residuals[i][0])
        if failing:
            out.append(_correct(fmt, typed, {i: residuals[i] for i in group}, failing))
    return out


def _is_number(value: object) -> bool:
    return type(value) is int or type(value) is Decimal  # bool is an int subclass: not a number here


def _linear(typed: Mapping[str, object], derived: Sequence[Derivation]) -> dict[str, Linear]:
    """Each usable cell as a sum of typed cells (a typed cell is itself)."""
    out: dict[str, Linear] = {k: {k: 1} for k, v in typed.items() if _is_number(v)}
    for target, parts in derived:
        form: Linear = {}
        for p in parts:
            for cell, k in out[p].items():
                form[cell] = form.get(cell, 0) + k
        out[target] = form
    return out


def _groups(residuals: Mapping[Identity, tuple[int, Linear]]) -> list[list[Identity]]:
    """Identities linked through the typed cells they depend on, in the format's order."""
    parent: dict[Identity, Identity] = {i: i for i in residuals}

    def root(i: Identity) -> Identity:
        while parent[i] is not i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, Identity] = {}
    for ident, (_, form) in residuals.items():
        for cell in form:
            if cell in owner:
                parent[root(ident)] = root(owner[cell])
            else:
                owner[cell] = ident
    groups: dict[Identity, list[Identity]] = {}
    for ident in residuals:
        groups.setdefault(root(ident), []).append(ident)
    return list(groups.values())


def _correct(
    fmt: Format,
    typed: Mapping[str, object],
    residuals: Mapping[Identity, tuple[int, Linear]],
    failing: tuple[Identity, ...],
) -> Diagnosis:
    columns: dict[str, dict[Identity, int]] = {}  # cell → identity → coefficient
    for ident, (_, form) in residuals.items():
        for cell, k in form.items():
            columns.setdefault(cell, {})[ident] = k
    columns = {c: col for c, col in columns.items() if type(typed.get(c)) is int}
    need = set(failing)
    touching = [c for c in columns if need & columns[c].keys()]

    singles = []
    for cell in touching:
        col = columns[cell]
        if not need <= col.keys():
            continue
        step = _single_step(col, residuals)
        change = _change(fmt, typed, cell, step)
        if change is not None:
            singles.append((change,))
    if singles:
        return _diagnosis(failing, singles)

    pairs: dict[frozenset[str], Correction] = {}
    first = failing[0]
    for a in (c for c in touching if first in columns[c]):
        for b in touching:
            if b == a or frozenset((a, b)) in pairs:
                continue
            if not need <= columns[a].keys() | columns[b].keys():
                continue
            steps = _pair_steps(columns[a], columns[b], residuals)
            if steps is None:
                continue
            ca, cb = _change(fmt, typed, a, steps[0]), _change(fmt, typed, b, steps[1])
            if ca is not None and cb is not None:
                pairs[frozenset((a, b))] = (ca, cb)
    return _diagnosis(failing, list(pairs.values()))


def _diagnosis(failing: tuple[Identity, ...], found: list[Correction]) -> Diagnosis:
    if len(found) > MAX_CORRECTIONS:
        return Diagnosis(failing, ())
    return Diagnosis(failing, tuple(found))


def _single_step(
    col: Mapping[Identity, int], residuals: Mapping[Identity, tuple[int, Linear]]
) -> Fraction | None:
    """The one change of a cell that zeroes every identity it enters, if there is one."""
    step: Fraction | None = None
    for ident, k in col.items():
        this = Fraction(-residuals[ident][0], k)
        if step is None:
            step = this
        elif this != step:
            return None
    return step


def _pair_steps(
    col_a: Mapping[Identity, int],
    col_b: Mapping[Identity, int],
    residuals: Mapping[Identity, tuple[int, Linear]],
) -> tuple[Fraction, Fraction] | None:
    """The changes of two cells that together zero every identity either enters, if unique."""
    rows = [(col_a.get(i, 0), col_b.get(i, 0), -residuals[i][0]) for i in col_a.keys() | col_b.keys()]
    for n, (a1, b1, r1) in enumerate(rows):
        for a2, b2, r2 in rows[n + 1 :]:
            det = a1 * b2 - a2 * b1
            if det:
                x = Fraction(r1 * b2 - r2 * b1, det)
                y = Fraction(a1 * r2 - a2 * r1, det)
                if all(a * x + b * y == r for a, b, r in rows):
                    return x, y
                return None
    return None  # the two cells move the identities alike: one of them would do


def _change(fmt: Format, typed: Mapping[str, object], cell: str, step: Fraction | None) -> Change | None:
    """The change of ``cell`` by ``step``, if the new value is one the clerk may type."""
    if step is None or step == 0 or step.denominator != 1:
        return None
    old = typed[cell]
    assert type(old) is int
    new = old + int(step)
    if new < 0 and fmt.field(cell).kind is not Kind.DELTA:
        return None
    return Change(cell, old, new)
