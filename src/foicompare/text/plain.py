"""Plain text and Markdown: decode (BOM, UTF-16 with or without BOM, UTF-8, cp1252) and keep
the text as written, with line ends normalised to ``\\n``.

>>> ex = extract("Dear Sir,\\r\\nThank you.".encode("utf-16"))
>>> ex.text, ex.meta["encoding"]
('Dear Sir,\\nThank you.', 'utf-16-le')
"""

from __future__ import annotations

from foicompare.text._common import library_version
from foicompare.text.base import Extraction, ExtractionError
from foicompare.text.decode import decode_text, normalise_newlines

VERSION = 1


def extract(data: bytes, *, filename: str | None = None) -> Extraction:
    """Decode text bytes; raise :class:`ExtractionError` ("binary data, not text") otherwise.

    >>> extract(b"Ref: FOI 42\\n").text
    'Ref: FOI 42\\n'
    """
    try:
        text, encoding = decode_text(data)
    except ExtractionError as exc:
        raise ExtractionError(exc.reason, format="text") from None
    return Extraction(
        text=normalise_newlines(text),
        extractor="charset-normalizer",
        extractor_version=library_version("charset-normalizer", VERSION),
        meta={"encoding": encoding},
    )
