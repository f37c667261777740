"""Linear-time regular expressions for document text (RE2 through ``google-re2``).

Every pattern that runs over document text is compiled here, so that no input can make a match
backtrack: RE2 matches in time linear in the text, whatever the pattern. RE2 has no look-around
and no back-references; a pattern that needs them does not compile, which is the point (the
callers check such context in Python on the match instead).

``compile`` takes the ``re`` flags the code base uses (``re.I``, ``re.M``, ``re.S``, ``re.X``,
``re.A``) and returns a :class:`Pattern` with the familiar ``search`` / ``match`` /
``fullmatch`` / ``finditer`` / ``findall`` / ``sub`` / ``subn`` / ``split`` methods, taking
``pos``/``endpos`` and giving character offsets, like ``re``. The pattern is read with Python's
meaning of the classes: ``\\d`` is any Unicode decimal digit, ``\\w`` any Unicode letter or
number or ``_``, ``\\s`` any Unicode space (the non-breaking space too), ``\\Z`` the end of the
text. One difference remains: RE2's ``\\b`` sees only ASCII letters and digits as word
characters (so ``\\b`` between ``o`` and ``ë`` is a boundary for RE2, not for ``re``).

The text is encoded once per string (remembered for the last few strings, since many patterns
scan the same text), so a loop of ``search(text, pos)`` over a long text stays linear.

>>> from foicompare import linre
>>> import re
>>> p = linre.compile(r"\\bsection\\s+(\\d+)", re.I)
>>> p.search("We apply Section\\u00a012 of the Act").group(1)
'12'
>>> linre.compile("-+x").search("-" * 100_000) is None
True
>>> [m.span() for m in linre.compile(r"\\w+").finditer("Zoë’s café", 3)]
[(4, 5), (6, 10)]
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import re2

__all__ = ["Match", "Pattern", "Set", "compile", "error", "escape", "translate"]

error = re2.error

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_OPTIONS.max_mem = 64 << 20  # big vocabularies compile to big programs

# Python's \s for str patterns (str.isspace()), written for RE2
_SPACE = r"\t\n\x0b\f\r\x1c-\x20\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_WORD = r"\p{L}\p{N}_"
_CLASS_IN = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": _WORD, "s": _SPACE}
_CLASS_OUT = {
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
}
_INLINE = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))
_HANDLED = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.ASCII | re.UNICODE


def translate(pattern: str, flags: int = 0) -> str:
    """``pattern`` rewritten for RE2 with Python's meaning (see the module doc).

    >>> translate(r"\\d+\\s*[\\w-]")
    '\\\\p{Nd}+[\\\\t\\\\n...]*[\\\\p{L}\\\\p{N}_-]'
    """
    verbose = bool(flags & re.VERBOSE)
    ascii_only = bool(flags & re.ASCII)
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    class_start = 0
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            i += 2
            if e == "u" or e == "U":
                width = 4 if e == "u" else 8
                out.append(r"\x{" + pattern[i : i + width] + "}")
                i += width
            elif e == "Z" and not in_class:
                out.append(r"\z")
            elif ascii_only or e not in "dDwWsS":
                out.append(e if (not e.isascii() or e in " #") else "\\" + e)
            elif in_class:
                if e not in _CLASS_IN:
                    raise ValueError(f"linre: \\{e} inside a character class in {pattern!r}")
                out.append(_CLASS_IN[e])
            else:
                out.append(_CLASS_OUT[e])
            continue
        if in_class:
            if c == "]" and i > class_start:
                in_class = False
            elif c == "[":
                c = r"\["
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            class_start = i  # a "]" right here is a literal
            continue
        if verbose and c.isspace():
            i += 1
            continue
        if verbose and c == "#":
            while i < n and pattern[i] != "\n":
                i += 1
            continue
        if c == "{" and pattern.startswith("{,", i):
            out.append("{0,")
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=8192)
def compile(pattern: str | Pattern, flags: int = 0) -> Pattern:  # noqa: A001 - mirrors re.compile
    """Compile ``pattern`` with RE2; ``flags`` may combine ``re.I``, ``re.M``, ``re.S``, ``re.X``.

    Raises ``linre.error`` for a pattern RE2 cannot run in linear time (look-around,
    back-references) and ``ValueError`` for an unsupported flag.

    >>> try:
    ...     compile(r"(?<=a)b")
    ... except error as exc:
    ...     print(exc)
    invalid perl operator: (?<= in '(?<=a)b'
    """
    if isinstance(pattern, Pattern):
        return pattern
    flags = int(flags)
    if flags & ~int(_HANDLED):
        raise ValueError(f"linre.compile: unsupported regex flags {flags!r} for {pattern!r}")
    inline = "".join(letter for flag, letter in _INLINE if flags & flag)
    body = translate(pattern, flags)
    source = f"(?{inline}){body}" if inline else body
    try:
        regexp = re2.compile(source.encode("utf-8"), _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise error(f"{reason} in {pattern!r}") from None
    return Pattern(pattern, flags, regexp)


def escape(text: str) -> str:
    """``re.escape`` for RE2 (``re.escape`` output is valid RE2 syntax)."""
    return re.escape(text)


class _Text:
    """A string encoded to UTF-8 once, with character <-> byte offset conversion."""

    __slots__ = ("ascii", "data", "last", "marks", "text")
    STRIDE = 512

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass")
        self.ascii = len(self.data) == len(text)
        self.marks: list[int] | None = None  # byte offset of every STRIDE-th character
        self.last = (0, 0)  # (char, byte) of the last conversion: finditer moves forward

    def _marks(self) -> list[int]:
        if self.marks is None:
            t, s = self.text, self.STRIDE
            marks = [0]
            total = 0
            for k in range(0, len(t), s):
                total += len(t[k : k + s].encode("utf-8", "surrogatepass"))
                marks.append(total)
            self.marks = marks
        return self.marks

    def byte(self, char: int) -> int:
        if self.ascii or char <= 0:
            return max(char, 0)
        lc, lb = self.last
        if lc <= char < lc + self.STRIDE:
            b = lb + len(self.text[lc:char].encode("utf-8", "surrogatepass"))
        else:
            k = char // self.STRIDE
            base = k * self.STRIDE
            b = self._marks()[k] + len(self.text[base:char].encode("utf-8", "surrogatepass"))
        self.last = (char, b)
        return b

    def char(self, byte: int) -> int:
        if self.ascii or byte <= 0:
            return byte
        lc, lb = self.last
        if lb <= byte < lb + 4 * self.STRIDE:
            c = lc + len(self.data[lb:byte].decode("utf-8", "surrogatepass"))
        else:
            marks = self._marks()
            import bisect

            k = bisect.bisect_right(marks, byte) - 1
            c = k * self.STRIDE + len(self.data[marks[k] : byte].decode("utf-8", "surrogatepass"))
        self.last = (c, byte)
        return c


_texts: dict[int, _Text] = {}


def _encoded(text: str) -> _Text:
    hit = _texts.get(id(text))
    if hit is not None and hit.text is text:
        return hit
    enc = _Text(text)
    if len(_texts) >= 8:
        _texts.pop(next(iter(_texts)))
    _texts[id(text)] = enc
    return enc


class Match:
    """One match, with the ``re.Match`` accessors (``group``, ``span``, ``groupdict`` ...)."""

    __slots__ = ("_spans", "endpos", "pos", "re", "string")

    def __init__(self, pattern: Pattern, string: str, pos: int, endpos: int, spans) -> None:
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._spans: list[tuple[int, int]] = spans

    def _index(self, group: int | str) -> int:
        if isinstance(group, str):
            return self.re.groupindex[group]
        if not 0 <= group < len(self._spans):
            raise IndexError("no such group")
        return group

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._spans[self._index(group)]

    def start(self, group: int | str = 0) -> int:
        return self.span(group)[0]

    def end(self, group: int | str = 0) -> int:
        return self.span(group)[1]

    def _get(self, index: int, default: Any = None) -> Any:
        s, e = self._spans[index]
        return default if s < 0 else self.string[s:e]

    def group(self, *groups: int | str) -> Any:
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(self._index(groups[0]))
        return tuple(self._get(self._index(g)) for g in groups)

    def __getitem__(self, group: int | str) -> Any:
        return self._get(self._index(group))

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        return tuple(self._get(i, default) for i in range(1, len(self._spans)))

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        return {name: self._get(i, default) for name, i in self.re.groupindex.items()}

    @property
    def lastindex(self) -> int | None:
        best = None
        best_end = -1
        for i in range(1, len(self._spans)):
            s, e = self._spans[i]
            if s >= 0 and e >= best_end:
                best, best_end = i, e
        return best

    @property
    def lastgroup(self) -> str | None:
        idx = self.lastindex
        for name, i in self.re.groupindex.items():
            if i == idx:
                return name
        return None

    def expand(self, template: str) -> str:
        return _expand(self, template)

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"<linre.Match object; span={self.span()!r}, match={self.group()!r}>"


_TEMPLATE = re.compile(r"\\(?:g<([^>]*)>|(\d{1,2})|(.))", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\"}


def _expand(m: Match, template: str) -> str:
    if "\\" not in template:
        return template

    def one(t: re.Match[str]) -> str:
        name, num, other = t.groups()
        if other is not None:
            return _ESCAPES.get(other, "\\" + other)
        key: int | str = num if num is not None else name
        if isinstance(key, str) and key.isdigit():
            key = int(key)
        return m.group(key) or ""

    return _TEMPLATE.sub(one, template)


_UNANCHORED, _START, _BOTH = (
    re2._Anchor.UNANCHORED,
    re2._Anchor.ANCHOR_START,
    re2._Anchor.ANCHOR_BOTH,
)


class Pattern:
    """A compiled RE2 pattern with the ``re.Pattern`` interface (see the module doc)."""

    __slots__ = ("_regexp", "flags", "groupindex", "groups", "pattern")

    def __init__(self, pattern: str, flags: int, regexp: Any) -> None:
        self.pattern = pattern
        self.flags = flags
        self._regexp = regexp._regexp  # the C++ RE2 object: we pass byte offsets ourselves
        self.groups: int = regexp.groups
        self.groupindex: dict[str, int] = {
            (k.decode() if isinstance(k, bytes) else k): v for k, v in regexp.groupindex.items()
        }

    def __repr__(self) -> str:
        return f"linre.compile({self.pattern!r})"

    def __reduce__(self):
        return (compile, (self.pattern, self.flags))

    def _iter(self, anchor, string: str, pos: int, endpos: int) -> Iterator[Match]:
        n = len(string)
        pos = max(0, min(pos, n))
        endpos = max(0, min(endpos, n))
        if pos > endpos:
            return
        enc = _encoded(string)
        bpos, bend = enc.byte(pos), enc.byte(endpos)
        match = self._regexp.Match
        # ``re`` reads the text as if it ended at ``endpos`` ($ and \b see nothing after it)
        data = enc.data if bend == len(enc.data) else memoryview(enc.data)[:bend]
        while True:
            spans = match(anchor, data, bpos, bend)
            if spans[0][0] < 0:
                return
            if enc.ascii:
                chars = list(spans)
            else:
                chars = [(enc.char(s), enc.char(e)) if s >= 0 else (-1, -1) for s, e in spans]
            yield Match(self, string, pos, endpos, chars)
            end = spans[0][1]
            if end == bend:
                return
            if end == spans[0][0]:  # empty match: step over one character
                c = enc.char(end) if not enc.ascii else end
                end = enc.byte(c + 1)
            bpos = end

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return next(self._iter(_UNANCHORED, string, pos, endpos), None)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return next(self._iter(_START, string, pos, endpos), None)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return next(self._iter(_BOTH, string, pos, endpos), None)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Match]:
        return self._iter(_UNANCHORED, string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        g = self.groups
        out: list[Any] = []
        for m in self._iter(_UNANCHORED, string, pos, endpos):
            out.append(m.group() if g == 0 else m.groups("")[0] if g == 1 else m.groups(""))
        return out

    def subn(
        self, repl: str | Callable[[Match], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        pieces: list[str] = []
        last = 0
        done = 0
        for m in self._iter(_UNANCHORED, string, 0, len(string)):
            s, e = m.span()
            pieces.append(string[last:s])
            pieces.append(repl(m) if callable(repl) else _expand(m, repl))
            last = e
            done += 1
            if count and done >= count:
                break
        if not done:
            return string, 0
        pieces.append(string[last:])
        return "".join(pieces), done

    def sub(self, repl: str | Callable[[Match], str], string: str, count: int = 0) -> str:
        return self.subn(repl, string, count)[0]

    def split(self, string: str, maxsplit: int = 0) -> list[str | None]:
        pieces: list[str | None] = []
        last = 0
        for done, m in enumerate(self._iter(_UNANCHORED, string, 0, len(string)), 1):
            s, e = m.span()
            pieces.append(string[last:s])
            pieces.extend(m.groups())
            last = e
            if maxsplit and done >= maxsplit:
                break
        pieces.append(string[last:])
        return pieces


class Set:
    """Which of many patterns occur in a text, in one linear pass (RE2's ``Set``).

    >>> s = Set([r"\\bsection 12\\b", r"\\bnot held\\b"], re.I)
    >>> s.matching("It is NOT HELD.")
    [1]
    """

    def __init__(self, patterns: Iterable[str], flags: int = 0) -> None:
        self.patterns = list(patterns)
        opts = re2.Options()
        opts.log_errors = False
        opts.max_mem = _OPTIONS.max_mem
        inline = "".join(letter for flag, letter in _INLINE if flags & flag)
        self._set = re2.Set.SearchSet(opts)
        for p in self.patterns:
            body = translate(p, flags)
            self._set.Add((f"(?{inline}){body}" if inline else body).encode("utf-8"))
        self._set.Compile()

    def matching(self, text: str) -> list[int]:
        """Indexes (sorted) of the patterns with a match somewhere in ``text``."""
        return sorted(self._set.Match(_encoded(text).data))
