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

import functools
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


@functools.lru_cache(maxsize=4096)  # headers repeat within and across documents
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


def _is_count_cell(cell: str) -> bool:
    return parse_count(cell).kind in ("number", "zero", "suppressed", "echo", "yes")


def _merge_header_rows(rows: list[list[str]], hi: int) -> list[list[str]]:
    """A header wrapped over several rows ("Total" / "number" / "of uses", as PDF tables
    come out) becomes one row: following rows with no count and an empty first cell join it."""
    head = list(rows[hi])
    j = hi + 1
    while j < len(rows) and not rows[j][0].strip() and not any(map(_is_count_cell, rows[j])):
        for i, c in enumerate(rows[j][: len(head)]):
            head[i] = f"{head[i]} {c}".strip() if c.strip() else head[i]
        j += 1
    return [*rows[:hi], head, *rows[j:]]


_NEW_ROW = linre.compile(r"^\s*(?:reg(?:ulation)?s?\b|e\.g)", re.I)


def _merge_continuations(rows: list[list[str]], roles: list[str | None]) -> list[list[str]]:
    """A cell wrapped over several rows (a long regulation name in a PDF table) makes rows with
    text in the label or reason columns and nothing in any count column: they continue the row
    above, so their text joins its cells."""
    counted = [i for i, r in enumerate(roles) if r in ("total", "month", "used")]
    if not counted:
        return rows
    labels = [i for i, r in enumerate(roles) if r in ("reg", "desc")]
    out: list[list[str]] = []
    for cells in rows:
        empty = all(i >= len(cells) or not cells[i].strip() for i in counted)
        # the counts of a row whose label wrapped, printed on a line of their own
        fills = (
            bool(out)
            and not any(i < len(cells) and cells[i].strip() for i in labels)
            and all(i >= len(out[-1]) or not out[-1][i].strip()
                    for i, c in enumerate(cells) if c.strip())
        )  # fmt: skip
        if out and (empty or fills) and not _echo_row(cells) and not _NEW_ROW.match(cells[0]):
            prev = out[-1]
            for i, c in enumerate(cells):
                if c.strip():
                    while len(prev) <= i:
                        prev.append("")
                    prev[i] = f"{prev[i]} {c.strip()}".strip()
            continue
        out.append(list(cells))
    return out


def _fragments_end(text: str, pos: int) -> int:
    """The end of the line at ``pos`` and of the lines after it that are cell fragments (short,
    no sentence ending) - the rest of a last row the table's cells did not hold."""
    end = text.find("\n", pos)
    if end < 0:
        return len(text)
    while True:
        nxt = text.find("\n", end + 1)
        line = text[end + 1 : nxt if nxt >= 0 else len(text)].strip()
        if not line or len(line) > 60 or line[-1] in ".?:!" or nxt < 0:
            return end
        end = nxt


def locate(text: str, table: Table) -> tuple[int, int] | None:
    """Where a table without a stored span sits in the text (from its first and last cells),
    so prose rules do not read its rows a second time.

    >>> text = "Intro.\\nReg 23 emergency | 2 | Sufficiency\\nThe end."
    >>> locate(text, Table([["Reg 23 emergency", "2", "Sufficiency"]]))
    (7, 41)
    """
    if table.start is not None and table.end is not None:
        return (table.start, table.end)
    anchors = []
    for row in table.rows:
        cells = [c.strip()[:60] for c in row if c and len(c.strip()) >= 3]
        if cells:
            anchors.append(max(cells, key=len))
    if not anchors:
        return None
    size = sum(map(len, anchors))
    best: tuple[int, int] | None = None
    i = text.find(anchors[0])
    for _ in range(20):  # each place the first row's text occurs: the most compact run wins
        if i < 0:
            break
        pos, last, found = i + len(anchors[0]), i + len(anchors[0]), 1
        for anchor in anchors[1:]:
            # PDF text may give a row's cells column by column: look a little back too
            j = text.find(anchor, max(i, pos - 200))
            if j < 0 or j - pos > 2 * size + 200:
                break
            pos, found = j + len(anchor), found + 1
            last = max(last, pos)
        if found == len(anchors):
            span = (text.rfind("\n", 0, i) + 1, _fragments_end(text, last))
            if best is None or span[1] - span[0] < best[1] - best[0]:
                best = span
        i = text.find(anchors[0], i + 1)
    return best


_TOKEN = r"(?:<\s*\d+|\d[\d,]*|none|nil|n/a|-|\*|[a-z]+(?:-[a-z]+)?)"
_COUNT_LINE = linre.compile(rf"^\s*((?:{_TOKEN}\s+)*{_TOKEN})(?:\s+(.*))?$", re.I)


def recover_rows(text: str, table: Table, span: tuple[int, int]) -> Table | None:
    """Rows the table lost but its text kept (a PDF row cut at a page break): in the table's
    span, lines naming a flexibility the table does not, followed by a line of counts
    ("74 18 56 Withheld"), become rows under the table's header. None when nothing is lost.

    >>> t = Table([["Regulation", "Total", "May"], ["Reg 28(1A) virtual visits", "7", "7"]])
    >>> text = "Regulation Total May|Reg 28(1A) virtual visits|7 7|Reg 23 emergency placements|9 9"
    >>> text = text.replace("|", chr(10))
    >>> recover_rows(text, t, (0, len(text))).rows[1]
    ['Reg 23 emergency placements', '9', '9']
    """
    rows = [[c or "" for c in r] for r in table.rows]
    head = _header(rows)
    if head is None:
        return None
    header = _merge_header_rows(rows, head[0])[head[0]]
    roles = [_role(c) for c in header]
    have = {c for r in rows for c in _codes(" ; ".join(r))}
    label_at = next((i for i, r in enumerate(roles) if r in ("reg", "desc")), 0)
    count_at = [i for i, r in enumerate(roles) if r in ("total", "month", "used")]
    reason_at = next((i for i, r in enumerate(roles) if r == "reason"), None)
    found: list[list[str]] = []
    label: list[str] = []
    for line in text[span[0] : span[1]].split("\n"):
        m = _COUNT_LINE.match(line)
        tokens = m.group(1).split() if m else []
        counted = [t for t in tokens if parse_count(t).kind in ("number", "zero", "suppressed")]
        if m and len(counted) >= 2:
            name = " ".join(label)
            codes = _codes(name)
            if codes and not set(codes) & have and not _echo_row([name]):
                cells = [""] * len(header)
                cells[label_at] = name
                for i, tok in zip(count_at, counted, strict=False):
                    cells[i] = tok
                if reason_at is not None:
                    cells[reason_at] = (m.group(2) or "").strip()
                found.append(cells)
            label = []
        elif line.strip():
            label.append(line.strip())
    if not found:
        return None
    return Table(rows=[header, *found], start=span[0], end=span[1])


def join_continued(tables: list[Table]) -> list[Table]:
    """Tables cut by a page break: a table without a header that follows one with a header
    and has as many columns continues it (its rows are read under that header).

    >>> a = Table([["Regulation", "Total", "Reasons"], ["Reg 23 emergency placements", "2", "x"]])
    >>> b = Table([["Reg 28(1A) virtual visits", "7", "Shielding"]])
    >>> [len(t.rows) for t in join_continued([a, b])]
    [3]
    """
    out: list[Table] = []
    for t in tables:
        rows = [[c or "" for c in r] for r in t.rows]
        prev = out[-1] if out else None
        if (
            prev is not None
            and rows
            and _header(rows) is None
            and _header(prev.rows) is not None
            and 2 <= len(rows[0]) <= len(prev.rows[0])
        ):
            out[-1] = Table(
                rows=[*prev.rows, *rows], page=prev.page, name=prev.name, start=prev.start,
                end=t.end if t.end is not None else prev.end,
            )  # fmt: skip
            continue
        out.append(t)
    return out


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
    rows = _merge_header_rows(rows, head[0])
    hi = head[0]
    roles = [_role(c) for c in rows[hi]]
    rows = rows[: hi + 1] + _merge_continuations(rows[hi + 1 :], roles)
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
            if c.kind in ("number", "zero") and uses is None:
                uses = c.value  # the first total column: "Total" comes before the others
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


def _aligned(lines: list[str]) -> list[list[str]] | None:
    """Cells of lines laid out in aligned columns: a column gap is two or more character
    positions blank on every line, so "Total number of uses  Number of uses in May" splits
    where its columns do even with only two spaces between them."""
    width = max(map(len, lines))
    blank = [all(i >= len(line) or line[i] == " " for line in lines) for i in range(width)]
    cuts, i = [0], 0
    while i < width:
        if blank[i]:
            j = i
            while j < width and blank[j]:
                j += 1
            if j - i >= 2 and i > 0 and j < width:
                cuts.append(j)
            i = j
        else:
            i += 1
    if len(cuts) < 3:
        return None
    bounds = list(zip(cuts, [*cuts[1:], width + 1], strict=False))
    return [[line[a:b].strip() for a, b in bounds] for line in lines]


def _runs(text: str, lines: list[tuple[int, int]], split) -> list[Table]:
    out: list[Table] = []
    run: list[list[str]] = []
    raw: list[str] = []
    start = end = 0
    for a, b in [*lines, (len(text), len(text))]:
        cells = split(text[a:b]) if b > a else None
        if cells is not None and (b < len(text) or a < b):
            if not run:
                start = a
            if cells:
                run.append(cells)
                raw.append(text[a:b].rstrip())
            end = b
            continue
        if split is _split_spaces and len(run) >= 2:
            aligned = _aligned(raw)
            if aligned and len(aligned[0]) >= max(map(len, run)):
                run = aligned
        if len(run) >= 2 and (_header(run) or sum(1 for r in run if _codes(" ".join(r))) >= 1):
            out.append(Table(rows=run, start=start, end=end))
        run, raw = [], []
    return out


_NUMBERED_ITEM = linre.compile(r"^\d{1,2}[.)]\s")


def _blocks_after(
    text: str, items: list[tuple[int, int]], j: int, k: int
) -> list[tuple[list[str], int]] | None:
    """Rows of a one-cell-per-line table whose rows are separated by blank lines (each row's
    lines up to the next blank line, padded to ``k`` cells), with the item index after each;
    None when the rows are not separated that way."""

    def blank_before(n: int) -> bool:
        return (
            n < len(items)
            and not text[items[n - 1][1] : items[n][0]].strip("\r\n \t")
            and text[items[n - 1][1] : items[n][0]].count("\n") >= 2
        )

    if j >= len(items) or not blank_before(j):
        return None
    out: list[tuple[list[str], int]] = []
    pos = j
    while pos < len(items):
        end = pos + 1
        while end < len(items) and not blank_before(end):
            end += 1
        cells = [text[a:b].strip() for a, b in items[pos:end]]
        if len(cells) > k or _NUMBERED_ITEM.match(cells[0]):
            break
        if not _codes(" ".join(cells[:2])) and not _echo_row(cells):
            break
        out.append((cells + [""] * (k - len(cells)), end))
        pos = end
    return out or None


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
            # a header cell is a label, not a sentence ("Answer to question 1:", "...?")
            if r is None or _codes(cell) or cell.rstrip()[-1:] in (".", "?", ":"):
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
        blocks = _blocks_after(text, items, j, k)
        if blocks is not None:  # rows separated by blank lines: a row may lack empty cells
            for cells, end in blocks:
                rows.append(cells)
                pos = end
            if len(rows) > 1:
                out.append(Table(rows=rows, start=items[i][0], end=items[pos - 1][1]))
            i = max(pos, j)
            continue
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
