"""Usage tables: one row per flexibility with totals, month counts, a used flag and reasons.

Columns are found by their headers in any order ("Regulation", "Description of flexibility",
"Total number of uses", "Number of uses in May", "June 2020", "Used?", "Summary of reasons");
tables without a recognisable header are read row by row (a cell naming a flexibility plus a
cell holding a count). Rows that echo the request's example (``XX`` placeholders, "E.g. ...")
are skipped. Plain text can hold tables too: pipe (``| a | b |``), tab-separated, aligned with
runs of spaces, or one cell per line under a header block (as HTML pages flatten); see
:func:`text_tables`.

>>> t = Table([["Regulation", "Total", "May", "June", "Reasons"],
...            ["Reg 28(1A) virtual visits", "7", "3", "4", "Shielding families"]])
>>> [(a.code, a.used, a.uses, a.by_month) for a in analyse_table("", t)]
[('cppcr-visits-remote', True, 7, {'2020-05': 3, '2020-06': 4})]
"""

from __future__ import annotations

import re

from foicompare import linre
from foicompare.text.base import Table
from foicompare.topics.counts import Count, month_of, parse_count
from foicompare.topics.model import Assertion
from foicompare.topics.vocabulary import find_mentions, normalise

_H_REASON = linre.compile(
    r"reason|circumstance|rationale|comment|notes?\b|why|justification|explanation|context|details"
)
_H_TOTAL = linre.compile(
    r"total|number|\buses\b|\bno\.?\b|count|how many|times|instances|occasions|frequency|\bused\b.*\d|^n$"
)
_H_USED = linre.compile(
    r"used\s*\?|utili[sz]ed\s*\?|applied\s*\?|y/n|yes/no|in use|has .* been used|status|response|answer|outcome|^used$|^utili[sz]ed$|used by"
)
_H_REG = linre.compile(
    r"regulation|provision|legislation|amendment|statutory|\breg\b|instrument|\bsi\b"
)
_H_DESC = linre.compile(r"description|flexibilit|summary|what|area|relaxation|change|easement")


def _role(header: str) -> str | None:
    h = " ".join(header.lower().split())
    if not h:
        return None
    if month_of(h) and not linre.compile(r"total|reason").search(h):
        return "month"
    if _H_REASON.search(h):
        return "reason"
    if _H_USED.search(h):
        return "used"
    if _H_TOTAL.search(h) and not _H_DESC.search(h.replace("number of", "")):
        return "total"
    if _H_REG.search(h):
        return "reg"
    if _H_DESC.search(h):
        return "desc"
    return None


def _header(rows: list[list[str]]) -> tuple[int, list[str | None]] | None:
    for i, row in enumerate(rows[:4]):
        roles = [_role(c) for c in row]
        label = any(r in ("reg", "desc") for r in roles)
        counts = any(r in ("total", "month", "used") for r in roles)
        if label and (counts or "reason" in roles):
            return i, roles
    return None


def _echo_row(cells: list[str]) -> bool:
    return any(
        linre.compile(r"\s*x{2,}\s*", re.I).fullmatch(c)
        or linre.compile(r"\s*e\.g\.", re.I).match(c)
        for c in cells
    )


def _evidence(text: str, table: Table, cells: list[str]) -> tuple[int, int] | None:
    lo = table.start or 0
    hi = table.end if table.end is not None else len(text)
    first = next((c.strip() for c in cells if c.strip()), "")
    if first and text:
        i = text.find(first[:60], lo, hi) if hi > lo else -1
        if i < 0:
            i = text.find(first[:60])
        if i >= 0:
            last = next((c.strip() for c in reversed(cells) if c.strip()), first)
            j = text.find(last[:60], i)
            end = j + len(last[:60]) if j >= 0 else i + len(first[:60])
            return (i, max(end, i + len(first[:60])))
    if table.start is not None and table.end is not None:
        return (table.start, table.end)
    return None


def _text_used(cell: str) -> bool | None:
    t = cell.lower()
    if linre.compile(r"\bnot\b|\bno\b|n't|\bnever\b|\bnone\b|\bnil\b").search(t):
        return False
    if linre.compile(r"\b(?:used|utili[sz]ed|applied|yes|undertaken|relied)\b").search(t):
        return True
    return None


def analyse_table(text: str, table: Table) -> list[Assertion]:
    """Assertions from one table (see module example); ``text`` is used to place evidence."""
    rows = [[c or "" for c in r] for r in table.rows if any((c or "").strip() for c in r)]
    if not rows:
        return []
    head = _header(rows)
    out: list[Assertion] = []
    if head is None:
        for cells in rows:
            out.extend(_headerless_row(text, table, cells))
        return out
    hi, roles = head
    months = {i: month_of(rows[hi][i]) for i, r in enumerate(roles) if r == "month"}
    for cells in rows[hi + 1 :]:
        if _echo_row(cells) or _role_row(cells):
            continue
        get = {
            r: [cells[i] for i, rr in enumerate(roles) if rr == r and i < len(cells)]
            for r in set(roles)
        }
        label_cells = get.get("reg", []) + get.get("desc", [])
        if not label_cells:
            label_cells = [c for i, c in enumerate(cells) if i < len(roles) and roles[i] is None]
        codes = _codes(" ; ".join(label_cells))
        if not codes:
            continue
        by_month: dict[str, int] = {}
        counts: list[Count] = []
        suppressed = False
        for i, month in months.items():
            if i >= len(cells) or month is None:
                continue
            c = parse_count(cells[i])
            counts.append(c)
            suppressed = suppressed or c.kind == "suppressed"
            if c.kind in ("number", "zero"):
                by_month[month] = by_month.get(month, 0) + (c.value or 0)
        total = [parse_count(c) for c in get.get("total", [])]
        used_cells = get.get("used", [])
        used_flags = [parse_count(c) for c in used_cells]
        uses: int | None = None
        for c in total:
            suppressed = suppressed or c.kind == "suppressed"
            if c.kind in ("number", "zero"):
                uses = c.value
        all_counts = total + counts + used_flags
        if any(c.kind == "echo" for c in all_counts):
            continue
        if (
            uses is None
            and by_month
            and all(c.kind in ("number", "zero", "empty") for c in counts)
            and not any(c.kind == "suppressed" for c in total)
        ):
            uses = sum(by_month.values())
        verdicts = [c.used for c in all_counts if c.used is not None]
        verdicts += [
            _text_used(c) for c, f in zip(used_cells, used_flags, strict=False) if f.kind == "text"
        ]
        verdicts = [v for v in verdicts if v is not None]
        used: bool | None
        if uses or any(verdicts):
            used = True
        elif verdicts:
            used = False
        else:
            reason_text = " ".join(get.get("reason", []))
            used = _text_used(reason_text) if reason_text.strip() else None
            if used is True:
                used = None
        if suppressed and used:
            uses = None if not any(c.kind == "number" for c in total) else uses
        reason = " ".join(" ".join(get.get("reason", [])).split()) or None
        if reason and parse_count(reason).kind in ("zero", "empty"):
            reason = None
        ev = _evidence(text, table, cells)
        for code in codes:
            out.append(
                Assertion(code, used, uses=uses if used is not False else (0 if uses == 0 else None),
                          by_month=dict(by_month), suppressed=suppressed and bool(used),
                          reason=reason if used else None, evidence=ev, source="table")
            )  # fmt: skip
    return out


def _role_row(cells: list[str]) -> bool:
    """A repeated header row (e.g. at the top of each PDF page)."""
    roles = [_role(c) for c in cells if c.strip()]
    return (
        len(roles) >= 2
        and all(r is not None for r in roles)
        and not any(parse_count(c).kind in ("number", "zero", "suppressed") for c in cells)
    )


def _codes(label: str) -> list[str]:
    norm = normalise(label)
    mentions = find_mentions(norm)
    regs = [m.code for m in mentions if m.how == "regulation"]
    if regs:
        return list(dict.fromkeys(regs))
    return [m.code for m in mentions][:3]


def _headerless_row(text: str, table: Table, cells: list[str]) -> list[Assertion]:
    if _echo_row(cells):
        return []
    label_idx = [i for i, c in enumerate(cells) if _codes(c)]
    if not label_idx:
        return []
    codes = _codes(cells[label_idx[0]])
    counts = [parse_count(c) for i, c in enumerate(cells) if i not in label_idx]
    decisive = [c for c in counts if c.kind in ("number", "zero", "suppressed", "yes")]
    if not decisive:
        return []
    first = decisive[0]
    used = first.used
    uses = first.value if first.kind in ("number", "zero") else None
    ev = _evidence(text, table, cells)
    return [
        Assertion(
            code,
            used,
            uses=uses,
            suppressed=first.kind == "suppressed",
            evidence=ev,
            source="table",
        )
        for code in codes
    ]


# --- tables written in plain text -------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def text_tables(text: str, skip: list[tuple[int, int]] | None = None) -> list[Table]:
    """Tables laid out in plain text (pipes, tabs, aligned columns, one cell per line).

    >>> t = "Regulation | Total | Reasons\\nReg 23 emergency placements | 2 | Sufficiency"
    >>> text_tables(t)[0].rows
    [['Regulation', 'Total', 'Reasons'], ['Reg 23 emergency placements', '2', 'Sufficiency']]
    """
    lines = _lines(text)
    skip = skip or []
    found: list[Table] = []
    for splitter in (_split_pipe, _split_tab, _split_spaces):
        found.extend(_runs(text, lines, splitter))
    found.extend(_vertical(text, lines))
    kept: list[Table] = []
    for t in sorted(found, key=lambda t: (t.start or 0, -(t.end or 0))):
        spans = [(k.start or 0, k.end or 0) for k in kept] + skip
        if any((t.start or 0) < b and a < (t.end or 0) for a, b in spans):
            continue
        kept.append(t)
    return kept


def _split_pipe(line: str) -> list[str] | None:
    if line.count("|") < 2:
        return None
    s = line.strip()
    if linre.compile(r"[|:\-\s+]+").fullmatch(s):
        return []
    return [c.strip() for c in s.strip("|").split("|")]


def _split_tab(line: str) -> list[str] | None:
    if "\t" not in line.strip():
        return None
    return [c.strip() for c in line.rstrip("\r\n").split("\t")]


def _split_spaces(line: str) -> list[str] | None:
    cells = [c.strip() for c in linre.compile(r"\s{3,}").split(line.strip())]
    return cells if len(cells) >= 3 else None


def _runs(text: str, lines: list[tuple[int, int]], split) -> list[Table]:
    out: list[Table] = []
    run: list[list[str]] = []
    start = end = 0
    for a, b in [*lines, (len(text), len(text))]:
        cells = split(text[a:b]) if b > a else None
        if cells is not None and (b < len(text) or a < b):
            if not run:
                start = a
            if cells:
                run.append(cells)
            end = b
            continue
        if len(run) >= 2 and (_header(run) or sum(1 for r in run if _codes(" ".join(r))) >= 1):
            out.append(Table(rows=run, start=start, end=end))
        run = []
    return out


def _vertical(text: str, lines: list[tuple[int, int]]) -> list[Table]:
    """One cell per line under a block of header lines (HTML tables flattened to text)."""
    items = [(a, b) for a, b in lines if text[a:b].strip()]
    out: list[Table] = []
    i = 0
    while i < len(items):
        j = i
        roles = []
        while j < len(items) and len(text[items[j][0] : items[j][1]].strip()) < 70:
            cell = text[items[j][0] : items[j][1]]
            r = _role(cell)
            if r is None or _codes(cell):
                break
            roles.append(r)
            j += 1
        k = len(roles)
        ok = (
            k >= 3
            and any(r in ("reg", "desc") for r in roles)
            and any(r in ("total", "month", "used") for r in roles)
        )
        if not ok:
            i = max(i + 1, j)
            continue
        rows = [[text[a:b].strip() for a, b in items[i:j]]]
        pos = j
        while pos + k <= len(items):
            cells = [text[a:b].strip() for a, b in items[pos : pos + k]]
            ends = linre.compile(r"^\d{1,2}[.)]\s").match(cells[0]) or not _codes(
                cells[0] + " " + cells[1]
            )
            if ends and not _echo_row(cells):
                break
            rows.append(cells)
            pos += k
        if len(rows) > 1:
            out.append(Table(rows=rows, start=items[i][0], end=items[pos - 1][1]))
        i = pos
    return out
