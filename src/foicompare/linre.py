"""Linear-time regular expressions for document text (RE2 through ``google-re2``).

Every pattern that runs over document text is compiled here, so that no input can make a match
backtrack: RE2 matches in time linear in the text, whatever the pattern. RE2 has no look-around
and no back-references; a pattern that needs them does not compile, which is the point.

``compile`` takes the ``re`` flags the code base already uses (``re.I``, ``re.M``, ``re.S``) and
returns a compiled RE2 pattern with the familiar ``search`` / ``match`` / ``fullmatch`` /
``finditer`` / ``findall`` / ``sub`` / ``split`` methods (offsets are character offsets).

>>> from foicompare import linre
>>> import re
>>> p = linre.compile(r"\\bsection\\s+(\\d+)", re.I)
>>> p.search("We apply Section 12 of the Act").group(1)
'12'
>>> linre.compile("-+x").search("-" * 100_000) is None
True
"""

from __future__ import annotations

import functools
import re

import re2

__all__ = ["compile", "error"]

error = re2.error

_INLINE = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


@functools.lru_cache(maxsize=4096)
def compile(pattern: str, flags: int = 0):  # noqa: A001 - mirrors re.compile
    """Compile ``pattern`` with RE2; ``flags`` may combine ``re.I``, ``re.M`` and ``re.S``.

    Raises ``linre.error`` for a pattern RE2 cannot run in linear time (look-around,
    back-references) and ``ValueError`` for an unsupported flag such as ``re.X``.
    """
    flags = int(flags) & ~int(re.UNICODE)
    inline = ""
    for flag, letter in _INLINE:
        if flags & flag:
            inline += letter
            flags &= ~int(flag)
    if flags:
        raise ValueError(f"linre.compile: unsupported regex flags {flags!r} for {pattern!r}")
    return re2.compile(f"(?{inline}){pattern}" if inline else pattern)
