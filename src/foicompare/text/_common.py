"""Small helpers shared by the format modules: versions, limits and table flattening.

>>> flatten_row(["Regulation", "Uses"])
'Regulation | Uses'
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import metadata

from foicompare import linre

#: largest document any extractor accepts (bytes); bigger inputs are refused, not truncated
MAX_INPUT_BYTES = 200 * 1024 * 1024
#: cell separator used when a table is flattened into the text
CELL_SEPARATOR = " | "

_SPACES = linre.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@cache
def library_version(distribution: str | None, own: int) -> str:
    """``"<installed version of distribution>+<own>"``; ``None`` means the Python stdlib.

    >>> library_version(None, 1).startswith("python-3.")
    True
    """
    if distribution is None:
        base = "python-{}.{}.{}".format(*sys.version_info[:3])
    else:
        try:
            base = metadata.version(distribution)
        except metadata.PackageNotFoundError:  # pragma: no cover - broken install
            base = "unknown"
    return f"{base}+{own}"


def clean_cell(value: str) -> str:
    """One line per cell: collapse whitespace (including newlines) to single spaces.

    >>> clean_cell("  Section\\n 12 ")
    'Section 12'
    """
    return _collapse(value.replace("\r", " ").replace("\n", " ")).strip()


def flatten_row(cells: list[str]) -> str:
    """A table row as one line of text, cells joined with ``" | "``."""
    return CELL_SEPARATOR.join(cells)


def collapse_spaces(line: str) -> str:
    """Collapse runs of spaces/tabs/no-break spaces inside one line and strip it.

    >>> collapse_spaces(" Dear\\u00a0 Sir  ")
    'Dear Sir'
    """
    return _collapse(line).strip()


def _collapse(s: str) -> str:
    """``_SPACES.sub(" ", s)``, skipped when it would change nothing: every character of
    ``_SPACES`` but the plain space is unprintable, so a printable text without two spaces
    in a row holds only single-space runs, each replaced by itself.

    >>> _collapse("a \u00a0b  c"), _collapse("a b")
    ('a b c', 'a b')
    """
    if "  " not in s and s.isprintable():
        return s
    return _SPACES.sub(" ", s)


class TextBuilder:
    """Accumulates lines and remembers where each table's flattened rows start and end.

    >>> b = TextBuilder()
    >>> b.line("Intro")
    >>> span = b.table([["a", "b"], ["1", "2"]])
    >>> text = b.text()
    >>> text
    'Intro\\na | b\\n1 | 2'
    >>> text[span[0]:span[1]]
    'a | b\\n1 | 2'
    """

    __slots__ = ("_parts", "_length")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    def _append(self, line: str) -> int:
        if self._parts:
            self._length += 1  # the "\n" joining this line to the previous one
        start = self._length
        self._parts.append(line)
        self._length += len(line)
        return start

    def line(self, line: str) -> None:
        """Add one line (it must not contain a newline if spans are to stay exact)."""
        self._append(line)

    def blank(self) -> None:
        """Add a paragraph break, never two in a row and never at the start."""
        if self._parts and self._parts[-1] != "":
            self._append("")

    def table(self, rows: list[list[str]]) -> tuple[int, int]:
        """Add rows flattened one per line; return the ``(start, end)`` span in the text."""
        start = end = None
        for row in rows:
            pos = self._append(flatten_row(row))
            if start is None:
                start = pos
            end = self._length
        if start is None or end is None:
            start = end = self._length
        return start, end

    def text(self) -> str:
        """The lines joined with newlines, trailing blank lines dropped."""
        while self._parts and self._parts[-1] == "":
            self._parts.pop()
        return "\n".join(self._parts)
