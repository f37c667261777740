"""Bytes → str for text-like formats: BOMs, UTF-16 without BOM, UTF-8, cp1252 and friends.

Order of trust: a byte-order mark, then a UTF-16 pattern of NUL bytes, then strict UTF-8,
then a charset the document declares (HTML ``<meta charset>``, an email part's header),
then charset_normalizer's guess — where Western single-byte guesses become cp1252, the
encoding Windows-authored UK council documents actually use.

>>> decode_text("Caf\\u00e9 \\u00a35".encode("cp1252"))
('Café £5', 'cp1252')
>>> decode_text("Hello".encode("utf-16-le"))
('Hello', 'utf-16-le')
"""

from __future__ import annotations

import codecs

import charset_normalizer

from foicompare.text.base import ExtractionError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: single-byte Western encodings that charset_normalizer may pick for English text with a £ or
#: smart quote; cp1252 is a superset of latin-1's printable range and what Windows writes
_WESTERN = {
    "cp1252",
    "windows-1252",
    "latin_1",
    "iso8859_1",
    "iso8859_15",
    "cp1250",
    "cp1254",
    "cp1257",
    "iso8859_2",
    "iso8859_9",
    "iso8859_13",
    "mac_roman",
    "cp850",
    "cp437",
    "ascii",
}
_MULTIBYTE = {"shift_jis", "cp932", "euc_jp", "gb2312", "gbk", "gb18030", "big5", "euc_kr", "cp949"}
# control characters that never occur in real text (TAB, LF, FF, CR and ESC excluded)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SAMPLE = 8192


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of ``data``, if any.

    >>> bom_encoding(b"\\xef\\xbb\\xbfhi")
    'utf-8'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when the bytes look like BOM-less UTF-16 text.

    Mostly-ASCII UTF-16 has a NUL in every other byte: odd positions for little-endian,
    even positions for big-endian.

    >>> utf16_without_bom("Dear Sir".encode("utf-16-be"))
    'utf-16-be'
    >>> utf16_without_bom(b"Dear Sir") is None
    True
    """
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    for nuls, other, name in (
        (odd_nuls, even_nuls, "utf-16-le"),
        (even_nuls, odd_nuls, "utf-16-be"),
    ):
        if nuls >= 0.4 * half and other <= 0.05 * half:
            try:
                data[: len(data) - len(data) % 2].decode(name)
            except UnicodeDecodeError:
                return None
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """True when a sample of the bytes is not text in any encoding we would accept.

    >>> looks_binary(b"%PDF-1.7\\n\\x00\\x01\\x02")
    True
    >>> looks_binary("Ref: FOI 123 \\u2013 reply".encode())
    False
    """
    if bom_encoding(data) or utf16_without_bom(data):
        return False
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls > max(2, len(sample) // 100)


def _normalise_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode text bytes; return ``(text, encoding)``. A leading BOM is dropped.

    ``declared`` is a charset the container states (HTML meta, MIME header); it is used
    when the bytes are not valid UTF-8. Raises :class:`ExtractionError` for binary data.

    >>> decode_text(b"\\xef\\xbb\\xbfFOI")
    ('FOI', 'utf-8')
    """
    name = bom_encoding(data)
    if name:
        bom_len = 2 if name.startswith("utf-16") else 4 if name.startswith("utf-32") else 3
        return data[bom_len:].decode(name, "replace"), name
    name = utf16_without_bom(data)
    if name:
        return data[: len(data) - len(data) % 2].decode(name), name
    if looks_binary(data):
        raise ExtractionError("binary data, not text", format="text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    codec = _normalise_codec(declared)
    if codec and codec not in ("utf-8", "ascii"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    # Single-byte guesses on short English text are unreliable (a lone "£" can look like
    # Urdu cp1006), so only a multi-byte guess overrules cp1252 when cp1252 decodes cleanly.
    best = charset_normalizer.from_bytes(data[: 256 * 1024]).best()
    guess = _normalise_codec(best.encoding if best else None)
    try:
        cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    if guess and guess not in _WESTERN and (cp1252 is None or guess in _MULTIBYTE):
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            pass
    if cp1252 is None:
        cp1252 = data.decode("cp1252", "replace")
    return cp1252, "cp1252"


def normalise_newlines(text: str) -> str:
    r"""``\r\n`` and lone ``\r`` become ``\n``.

    >>> normalise_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
