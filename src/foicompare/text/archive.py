"""ZIP archives → their members as :class:`Child` documents (nothing is written to disk).

Limits (checked on the declared sizes before anything is decompressed, see
:mod:`foicompare.text.zipguard`): at most 1000 members, 200 MB uncompressed in total and a
100:1 compression ratio per member. Directories, macOS resource forks (``__MACOSX/``) and
encrypted members are skipped. The text is the list of member names, one per line.
"""

from __future__ import annotations

from foicompare.text._common import library_version
from foicompare.text.base import Child, Extraction, ExtractionError
from foicompare.text.email import sanitise_filename
from foicompare.text.mediatypes import sniff
from foicompare.text.zipguard import open_zip, read_member

VERSION = 1


def extract(data: bytes, *, filename: str | None = None) -> Extraction:
    """Members as children with sanitised relative paths; ``meta["skipped"]`` lists the rest."""
    zf = open_zip(data, format="zip")
    children: list[Child] = []
    skipped: list[str] = []
    with zf:
        for index, info in enumerate(zf.infolist(), start=1):
            if info.is_dir() or info.filename.startswith("__MACOSX/"):
                continue
            name = sanitise_member_name(info.filename, fallback=f"member-{index}")
            if info.flag_bits & 0x1:
                skipped.append(f"{name} (encrypted)")
                continue
            member = read_member(zf, info, format="zip")
            if not member:
                skipped.append(f"{name} (empty)")
                continue
            children.append(Child(data=member, filename=name, media_type=sniff(member, name)))
    if not children and skipped and all(s.endswith("(encrypted)") for s in skipped):
        raise ExtractionError("ZIP is encrypted (password-protected members only)", format="zip")
    meta = {"members": str(len(children))}
    if skipped:
        meta["skipped"] = "; ".join(skipped)
    return Extraction(
        text="\n".join(child.filename for child in children),
        extractor="zipfile",
        extractor_version=library_version(None, VERSION),
        children=children,
        meta=meta,
    )


def sanitise_member_name(name: str, *, fallback: str) -> str:
    """A relative path without ``..``, drive letters, absolute roots or unsafe characters.

    >>> sanitise_member_name("../../etc/passwd", fallback="m")
    'etc/passwd'
    >>> sanitise_member_name("C:\\\\FOI\\\\2020/reply.pdf", fallback="m")
    'FOI/2020/reply.pdf'
    """
    parts = []
    for part in name.replace("\\", "/").split("/"):
        if part in ("", ".", "..") or (len(part) == 2 and part[1] == ":"):
            continue
        clean = sanitise_filename(part, fallback="")
        if clean:
            parts.append(clean)
    return "/".join(parts) or fallback
