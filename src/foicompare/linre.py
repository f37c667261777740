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

__all__ = [
    "Filtered",
    "Guarded",
    "Match",
    "Pattern",
    "Set",
    "compile",
    "error",
    "escape",
    "guarded",
    "strip_lookarounds",
    "translate",
    "where",
]

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
_ANY_CLASSES = {r"[\s\S]", r"[\S\s]", r"[\w\W]", r"[\W\w]", r"[\d\D]", r"[\D\d]"}
_INLINE = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))
_HANDLED = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.ASCII | re.UNICODE


_GROUP_HEAD = re.compile(r"\(\?(?:P<\w+>|P=\w+\)|[aiLmsux]*(?:-[imsx]+)?[:)])")


def _covers_i(body: str) -> bool:
    """Whether the class ``[body]`` (``re`` syntax) holds "i" or "I"."""
    try:
        return (
            re.fullmatch(f"[{body}]", "i") is not None or re.fullmatch(f"[{body}]", "I") is not None
        )
    except re.error:
        return False


def translate(pattern: str, flags: int = 0) -> str:
    """``pattern`` rewritten for RE2 with Python's meaning (see the module doc).

    >>> translate(r"\\d+\\s*[\\w-]")
    '\\\\p{Nd}+[\\\\t\\\\n...]*[\\\\p{L}\\\\p{N}_-]'
    >>> compile(r"[\\w-]+", re.I).search("nine-part").group()  # a closing "-" stays literal
    'nine-part'
    """
    verbose = bool(flags & re.VERBOSE)
    ascii_only = bool(flags & re.ASCII)
    # re.I in ``re`` also matches "i" to the Turkish "İ" and "ı" (RE2 does not)
    dotted = not ascii_only and (bool(flags & re.IGNORECASE) or pattern.startswith("(?i)"))
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    class_start = class_open = 0
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
                # \S \W inside a class: RE2's own (ASCII) meaning; [\s\S] is any character
                out.append(_CLASS_IN.get(e, "\\" + e))
            else:
                out.append(_CLASS_OUT[e])
            continue
        if in_class:
            if c == "]" and i > class_start:
                in_class = False
                if dotted and _covers_i(pattern[class_open:i]):
                    # before a closing literal "-", which would otherwise open a range ("[\\w-]")
                    out.insert(len(out) - 1 if out[-1] == "-" else len(out), "İı")
            elif c == "[":
                c = r"\["
            out.append(c)
            i += 1
            continue
        if c == "[":
            if pattern[i : i + 6] in _ANY_CLASSES:
                out.append("(?s:.)")
                i += 6
                continue
            class_open = i + 1
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
        if c == "(" and pattern.startswith("(?", i):  # a group's name or flags, copied as is
            head = _GROUP_HEAD.match(pattern, i)
            if head:
                out.append(head.group())
                i = head.end()
                continue
        if dotted and c in "iI":
            out.append("[iIİı]")
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
def compile(pattern: str | Pattern, flags: int = 0) -> Pattern | Guarded:  # noqa: A001
    """Compile ``pattern`` with RE2; ``flags`` may combine ``re.I``, ``re.M``, ``re.S``, ``re.X``.

    A pattern with look-arounds or back-references (which RE2 lacks) becomes a
    :class:`Guarded` pattern: RE2 finds the candidate positions, ``re`` confirms each on a
    bounded window. Raises ``ValueError`` for an unsupported flag.

    >>> compile(r"(?<=a)b")
    linre.guarded('(?<=a)b')
    """
    if isinstance(pattern, Pattern | Guarded):
        return pattern
    flags = int(flags)
    if strip_lookarounds(pattern) != pattern or re.search(r"\(\?P=", pattern):
        return guarded(pattern, flags)
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

    def __init__(self, text: str, data: bytes | None = None) -> None:
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass") if data is None else data
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
        if char >= len(self.text):
            return len(self.data)
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
#: strings up to this length are encoded on each call (cheaper than the cache)
_SMALL = 256


def _bytes_of(text: str) -> tuple[bytes, _Text | None]:
    """The UTF-8 of ``text`` and, when it is not ASCII, its offset converter."""
    if len(text) <= _SMALL:
        data = text.encode("utf-8", "surrogatepass")
        return data, (None if len(data) == len(text) else _Text(text, data))
    enc = _encoded(text)
    return enc.data, (None if enc.ascii else enc)


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

    __slots__ = ("_enc", "_raw", "_spans", "endpos", "pos", "re", "string")

    def __init__(
        self, pattern: Pattern, string: str, pos: int, endpos: int, spans, enc=None
    ) -> None:
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        # character spans; with ``enc`` (a non-ASCII text) byte spans converted when first read
        self._spans: list[tuple[int, int] | None] = spans if enc is None else [None] * len(spans)
        self._raw = spans
        self._enc: _Text | None = enc

    def _index(self, group: int | str) -> int:
        if group.__class__ is int and 0 <= group < len(self._raw):  # type: ignore[operator]
            return group  # type: ignore[return-value]
        if isinstance(group, str):
            return self.re.groupindex[group]
        raise IndexError("no such group")

    def _at(self, index: int) -> tuple[int, int]:
        sp = self._spans[index]
        if sp is None:
            s, e = self._raw[index]
            enc = self._enc
            sp = self._spans[index] = (enc.char(s), enc.char(e)) if s >= 0 else (-1, -1)
        return sp

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._at(self._index(group))

    def start(self, group: int | str = 0) -> int:
        return self._at(self._index(group))[0]

    def end(self, group: int | str = 0) -> int:
        return self._at(self._index(group))[1]

    def _get(self, index: int, default: Any = None) -> Any:
        s, e = self._at(index)
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
        return tuple(self._get(i, default) for i in range(1, len(self._raw)))

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        return {name: self._get(i, default) for name, i in self.re.groupindex.items()}

    @property
    def lastindex(self) -> int | None:
        best = None
        best_end = -1
        for i in range(1, len(self._raw)):
            s, e = self._at(i)
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
        if n <= _SMALL:
            data = string.encode("utf-8", "surrogatepass")
            enc = None if len(data) == n else _Text(string, data)
        else:
            enc = _encoded(string)
            data = enc.data
            if enc.ascii:
                enc = None
        if enc is None:
            bpos, bend = pos, endpos
        else:
            bpos, bend = enc.byte(pos), enc.byte(endpos)
        match = self._regexp.Match
        # ``re`` reads the text as if it ended at ``endpos`` ($ and \b see nothing after it)
        if bend != len(data):
            data = memoryview(data)[:bend]
        while True:
            spans = match(anchor, data, bpos, bend)
            if spans[0][0] < 0:
                return
            yield Match(self, string, pos, endpos, spans, enc)
            end = spans[0][1]
            if end == bend:
                return
            if end == spans[0][0]:  # empty match: step over one character
                end = end + 1 if enc is None else enc.byte(enc.char(end) + 1)
            bpos = end

    def starts(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[int]:
        """``[m.start() for m in self.finditer(string, pos, endpos)]`` without match objects.

        >>> compile(r"\\d+").starts("a1 22 ’ 333", 2)
        [3, 8]
        """
        out: list[int] = []
        n = len(string)
        pos = max(0, min(pos, n))
        endpos = max(0, min(endpos, n))
        if pos > endpos:
            return out
        data, enc = _bytes_of(string)
        bpos = pos if enc is None else enc.byte(pos)
        bend = endpos if enc is None else enc.byte(endpos)
        view = data if bend == len(data) else memoryview(data)[:bend]
        match = self._regexp.Match
        while True:
            s, e = match(_UNANCHORED, view, bpos, bend)[0]
            if s < 0:
                return out
            out.append(s if enc is None else enc.char(s))
            if e == bend:
                return out
            if e == s:  # empty match: step over one character
                e = e + 1 if enc is None else enc.byte(enc.char(e) + 1)
            bpos = e

    def _first(self, anchor, string: str, pos: int, endpos: int) -> Match | None:
        n = len(string)
        if n <= _SMALL and pos <= 0 and endpos >= n:
            # the common case: a short string searched whole (ASCII: offsets are bytes)
            data = string.encode("utf-8", "surrogatepass")
            if len(data) == n:
                spans = self._regexp.Match(anchor, data, 0, n)
                return None if spans[0][0] < 0 else Match(self, string, 0, n, spans)
        if pos < 0:
            pos = 0
        if endpos > n:
            endpos = n
        if pos > endpos:
            return None
        if n <= _SMALL:
            data = string.encode("utf-8", "surrogatepass")
            enc = None if len(data) == n else _Text(string, data)
        else:
            enc = _encoded(string)
            data = enc.data
            if enc.ascii:
                enc = None
        if enc is None:
            bpos, bend = pos, endpos
        else:
            bpos, bend = enc.byte(pos), enc.byte(endpos)
        if bend != len(data):
            data = memoryview(data)[:bend]
        spans = self._regexp.Match(anchor, data, bpos, bend)
        if spans[0][0] < 0:
            return None
        return Match(self, string, pos, endpos, spans, enc)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self._first(_UNANCHORED, string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self._first(_START, string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self._first(_BOTH, string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Match]:
        return self._iter(_UNANCHORED, string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        g = self.groups
        out: list[Any] = []
        for m in self._iter(_UNANCHORED, string, pos, endpos):
            out.append(m.group() if g == 0 else m.groups("")[0] if g == 1 else m.groups(""))
        return out

    def _byte_spans(self, string: str) -> tuple[bytes, list[tuple[int, int]]]:
        """The UTF-8 text and the byte span of every match (no ``Match`` objects: fast)."""
        data = string.encode("utf-8", "surrogatepass") if len(string) <= _SMALL else None
        if data is None:
            enc = _encoded(string)
            data = enc.data
        match = self._regexp.Match
        out: list[tuple[int, int]] = []
        pos, end = 0, len(data)
        while True:
            s, e = match(_UNANCHORED, data, pos, end)[0]
            if s < 0:
                return data, out
            out.append((s, e))
            if e == end:
                return data, out
            if e == s:  # empty match: step over one UTF-8 character
                e += 1
                while e < end and data[e] & 0xC0 == 0x80:
                    e += 1
            pos = e

    def subn(
        self, repl: str | Callable[[Match], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        if isinstance(repl, str) and "\\" not in repl and not count:
            # a plain replacement: cut and join the UTF-8 bytes, decode once
            data, spans = self._byte_spans(string)
            if not spans:
                return string, 0
            new = repl.encode("utf-8", "surrogatepass")
            pieces: list[bytes] = []
            last = 0
            for s, e in spans:
                pieces.append(data[last:s])
                last = e
            pieces.append(data[last:])
            return new.join(pieces).decode("utf-8", "surrogatepass"), len(spans)
        out: list[str] = []
        last = 0
        done = 0
        for m in self._iter(_UNANCHORED, string, 0, len(string)):
            s, e = m.span()
            out.append(string[last:s])
            out.append(repl(m) if callable(repl) else _expand(m, repl))
            last = e
            done += 1
            if count and done >= count:
                break
        if not done:
            return string, 0
        out.append(string[last:])
        return "".join(out), done

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
        self.flags = flags
        opts = re2.Options()
        opts.log_errors = False
        opts.max_mem = _OPTIONS.max_mem
        inline = "".join(letter for flag, letter in _INLINE if flags & flag)
        self._set = re2.Set.SearchSet(opts)
        for p in self.patterns:
            body = translate(p, flags)
            self._set.Add((f"(?{inline}){body}" if inline else body).encode("utf-8"))
        # matches every text: its absence means RE2 gave up (its DFA out of memory)
        self._sentinel = self._set.Add(b"(?:)")
        self._set.Compile()

    def matching(self, text: str) -> list[int]:
        """Indexes (sorted) of the patterns with a match somewhere in ``text``."""
        data = text.encode("utf-8", "surrogatepass") if len(text) <= _SMALL else None
        found = self._set.Match(_encoded(text).data if data is None else data) or []
        if self._sentinel not in found:  # the set failed: each pattern on its own
            return [i for i, p in enumerate(self.patterns) if compile(p, self.flags).search(text)]
        return sorted(i for i in found if i != self._sentinel)


class Filtered:
    """A pattern whose matches must also pass ``accept`` (where ``re`` had a look-around).

    A rejected match is skipped and the search goes on from the next character after its
    start, as ``re`` does when a look-around fails at a position.

    >>> eir = where(compile(r"\\bEIRs?\\b"), lambda m: not m.string.startswith("/", m.end()))
    >>> [m.group() for m in eir.finditer("EIR/FOI and EIRs")]
    ['EIRs']
    """

    __slots__ = ("accept", "pattern_object")

    def __init__(self, pattern: Pattern, accept: Callable[[Match], bool]) -> None:
        self.pattern_object = pattern
        self.accept = accept

    @property
    def pattern(self) -> str:
        return self.pattern_object.pattern

    @property
    def groups(self) -> int:
        return self.pattern_object.groups

    @property
    def groupindex(self) -> dict[str, int]:
        return self.pattern_object.groupindex

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Match]:
        endpos = min(endpos, len(string))
        while pos <= endpos:
            for m in self.pattern_object.finditer(string, pos, endpos):
                if self.accept(m):
                    yield m
                    continue
                pos = m.start() + 1
                break
            else:
                return

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return next(self.finditer(string, pos, endpos), None)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        m = self.pattern_object.match(string, pos, endpos)
        return m if m is not None and self.accept(m) else None

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        g = self.groups
        return [
            m.group() if g == 0 else m.groups("")[0] if g == 1 else m.groups("")
            for m in self.finditer(string, pos, endpos)
        ]

    def __repr__(self) -> str:
        return f"linre.where({self.pattern_object!r})"


def where(pattern: Pattern, accept: Callable[[Match], bool]) -> Filtered:
    """``pattern`` keeping only the matches for which ``accept(match)`` is true (see Filtered)."""
    return Filtered(pattern, accept)


_LOOKAROUND_OPEN = ("(?=", "(?!", "(?<=", "(?<!")


def strip_lookarounds(pattern: str) -> str:
    """``pattern`` without its look-around groups (and back-references read as "any text"): it
    matches wherever ``pattern`` does, and more.

    >>> strip_lookarounds(r"\\bEIRs?\\b(?! ?/ ?FOI)|(?<=[.!?])\\s+(?=[A-Z])")
    '\\\\bEIRs?\\\\b|\\\\s+'
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 < n and pattern[i + 1].isdigit() and pattern[i + 1] != "0" and not in_class:
                out.append("(?s:.*?)")  # a back-reference: any text, for the candidate scan
                i += 2
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):
                out.append("]")
                i += 1
            continue
        if pattern.startswith(_LOOKAROUND_OPEN, i):
            depth, j, cls = 0, i, False
            while j < n:
                d = pattern[j]
                if d == "\\":
                    j += 2
                    continue
                if cls:
                    cls = d != "]"
                elif d == "[":
                    cls = True
                    if pattern.startswith("]", j + 1) or pattern.startswith("^]", j + 1):
                        j += 1 + pattern.startswith("^]", j + 1)
                elif d == "(":
                    depth += 1
                elif d == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


#: a line of ordinary prose: a guarded pattern whose candidates (the pattern without its
#: look-arounds) occur at ``_DENSE`` or more places in it is "dense" (see Guarded.finditer)
_PROSE = "Thank you for your request of 3 May 2021. We hold some of the information you asked for."
_DENSE = 5
#: spans up to this many characters are matched by ``re`` directly (see Guarded.finditer)
_SHORT = 100


class Guarded:
    """A ``re`` pattern with look-arounds, run so that no text can make it backtrack for long.

    RE2 finds, in one linear pass, every position where the pattern without its look-arounds
    matches (a superset of the positions where the real pattern matches); the ``re`` pattern
    then runs only at those positions, on a window of bounded length. Results are ``re``'s own
    (``re.Match`` objects). Use it where a look-around cannot be rewritten as a check on an
    RE2 match (:func:`where`).

    >>> g = guarded(r"\\brefus(?:e|ed)\\b(?! to review)", re.I)
    >>> [m.group() for m in g.finditer("We refused to review. We REFUSE it.")]
    ['REFUSE']
    """

    __slots__ = (
        "candidates",
        "dense",
        "groupindex",
        "groups",
        "pattern",
        "pattern_object",
        "window",
    )

    def __init__(self, pattern: str, flags: int = 0, window: int = 2000) -> None:
        self.pattern = pattern
        self.pattern_object = re.compile(pattern, flags)
        self.candidates = compile(strip_lookarounds(pattern), flags)
        self.window = window
        self.groups = self.pattern_object.groups
        self.groupindex = dict(self.pattern_object.groupindex)
        self.dense = sum(1 for _ in self.candidates.finditer(_PROSE)) >= _DENSE

    def _confirm(self, string: str, s: int, e: int, endpos: int) -> re.Match[str] | None:
        """``re``'s match at ``s`` given RE2's candidate ``string[s:e]`` (see ``_at``)."""
        width = max(self.window, 2 * (e - s) + 500)
        while True:
            stop = min(endpos, s + width)
            m = self.pattern_object.match(string, s, stop)
            if stop >= endpos or (m is not None and m.end() + 500 < stop):
                return m
            if m is None and e + 500 < stop:
                return None
            width *= 4

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        endpos = min(endpos, len(string))
        pos = max(pos, 0)
        if endpos - pos <= (self.window if self.dense else _SHORT):
            # ``re`` itself: a span no longer than one confirmation's window, where RE2 finds a
            # candidate at nearly every word (or a tiny span), so candidates would cost more
            yield from self.pattern_object.finditer(string, pos, endpos)
            return
        # one RE2 pass while each candidate is confirmed with the same extent; after a
        # rejected candidate (or a different extent) the scan goes on where re would
        data, enc = _bytes_of(string)
        bpos = pos if enc is None else enc.byte(pos)
        bend = endpos if enc is None else enc.byte(endpos)
        view = data if bend == len(data) else memoryview(data)[:bend]
        match = self.candidates._regexp.Match
        while True:
            bs, be = match(_UNANCHORED, view, bpos, bend)[0]
            if bs < 0:
                return
            s, e = (bs, be) if enc is None else (enc.char(bs), enc.char(be))
            m = self._confirm(string, s, e, endpos)
            if m is None:
                if s >= endpos:
                    return
                bpos = bs + 1 if enc is None else enc.byte(s + 1)
                continue
            yield m
            mend = m.end()
            if mend != e or m.start() == mend:
                pos = mend if mend > m.start() else mend + 1
                if pos > endpos:
                    return
                bpos = pos if enc is None else enc.byte(pos)
                continue
            if be == bend:
                return
            bpos = be

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return next(self.finditer(string, pos, endpos), None)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        endpos = min(endpos, len(string))
        cand = self.candidates.match(string, pos, endpos)
        return None if cand is None else self._confirm(string, cand.start(), cand.end(), endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        g = self.groups
        return [
            m.group() if g == 0 else m.groups("")[0] if g == 1 else m.groups("")
            for m in self.finditer(string, pos, endpos)
        ]

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        pieces: list[str] = []
        last = 0
        done = 0
        for m in self.finditer(string):
            pieces.append(string[last : m.start()])
            pieces.append(repl(m) if callable(repl) else m.expand(repl))
            last = m.end()
            done += 1
            if count and done >= count:
                break
        pieces.append(string[last:])
        return "".join(pieces), done

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.subn(repl, string, count)[0]

    def split(self, string: str, maxsplit: int = 0) -> list[str | None]:
        pieces: list[str | None] = []
        last = 0
        for done, m in enumerate(self.finditer(string), 1):
            pieces.append(string[last : m.start()])
            pieces.extend(m.groups())
            last = m.end()
            if maxsplit and done >= maxsplit:
                break
        pieces.append(string[last:])
        return pieces

    def __repr__(self) -> str:
        return f"linre.guarded({self.pattern!r})"


@functools.lru_cache(maxsize=1024)
def guarded(pattern: str, flags: int = 0, window: int = 2000) -> Guarded:
    """A :class:`Guarded` pattern (``re`` semantics, look-arounds included, linear-time scan)."""
    return Guarded(pattern, flags, window)


#: what :func:`compile` returns
AnyPattern = Pattern | Guarded


def relaxed(pattern: str) -> str | None:
    """A form of ``pattern`` for a pre-filter :class:`Set`: no look-arounds, anchors or word
    boundaries, so it matches inside any span where ``pattern`` matches (and maybe more).

    None when even that form is not RE2 syntax.

    >>> relaxed(r"^\\bfoster(?!ing for adoption)\\b$")
    'foster'
    """
    loose = strip_lookarounds(pattern)
    out: list[str] = []
    i, n = 0, len(loose)
    in_class = False
    while i < n:
        c = loose[i]
        if c == "\\" and i + 1 < n:
            if not in_class and loose[i + 1] in "bBAZ":
                i += 2
                continue
            out.append(loose[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            out.append(c)
            i += 1
            for lead in ("^", "]"):
                if loose.startswith(lead, i):
                    out.append(lead)
                    i += 1
            continue
        elif c in "^$":
            i += 1
            continue
        out.append(c)
        i += 1
    result = "".join(out)
    try:
        compile(result)
    except (error, ValueError):
        return None
    return result
