"""Open ZIP containers (plain zips, DOCX, XLSX, ODT) only after checking they are not bombs.

Limits are checked on the sizes the zip's central directory declares, before anything is
decompressed; :func:`read_member` then never reads more than the declared size, so a member
that lies about its size cannot expand further.

>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as zf:
...     zf.writestr("a.txt", "hello")
>>> zf = open_zip(buf.getvalue(), format="zip")
>>> [i.filename for i in zf.infolist()]
['a.txt']
"""

from __future__ import annotations

import io
import zipfile
import zlib

from foicompare.text.base import ExtractionError

MAX_MEMBERS = 1000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
#: members smaller than this are not ratio-checked: text of a few hundred KB of repeated
#: spaces legitimately compresses beyond 100:1 and cannot exceed the total limit anyway
RATIO_FLOOR = 1024 * 1024

_LABELS = {"zip": "ZIP", "docx": "DOCX", "xlsx": "XLSX", "odt": "ODT"}


def open_zip(data: bytes, *, format: str) -> zipfile.ZipFile:
    """A :class:`zipfile.ZipFile` over ``data`` after the member/size/ratio limits pass.

    Raises :class:`ExtractionError` naming the limit, or saying the file is corrupt.
    """
    label = _LABELS.get(format, format.upper())
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ExtractionError(
            f"{label} is corrupt or truncated (not a readable zip: {exc})", format=format
        ) from exc
    files = [i for i in infos if not i.is_dir()]
    if len(files) > MAX_MEMBERS:
        raise ExtractionError(
            f"{label} has {len(files)} members, over the limit of {MAX_MEMBERS}", format=format
        )
    total = sum(i.file_size for i in files)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise ExtractionError(
            f"{label} would expand to {total // (1024 * 1024)} MB, over the limit of "
            f"{MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MB uncompressed",
            format=format,
        )
    for info in files:
        if info.file_size >= RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise ExtractionError(
                f"{label} member {info.filename!r} has a compression ratio of {ratio}:1, over "
                f"the limit of {MAX_RATIO}:1 (zip bomb?)",
                format=format,
            )
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, *, format: str) -> bytes:
    """The member's bytes, at most its declared size; corrupt members raise ExtractionError."""
    label = _LABELS.get(format, format.upper())
    if info.flag_bits & 0x1:
        raise ExtractionError(f"{label} member {info.filename!r} is encrypted", format=format)
    try:
        with zf.open(info) as fh:
            data = fh.read(info.file_size + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ExtractionError(
            f"{label} member {info.filename!r} is corrupt ({exc})", format=format
        ) from exc
    if len(data) > info.file_size:
        raise ExtractionError(
            f"{label} member {info.filename!r} is larger than its declared size", format=format
        )
    return data
