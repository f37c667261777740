"""Email (RFC 822 / .eml) → headers and body text with the stdlib ``email`` package.

Text: ``From:``, ``To:``, ``Cc:`` (if any), ``Subject:`` and ``Date:`` lines, a blank line,
then the body (the text/plain part, else the text/html part rendered by
:mod:`foicompare.text.html`). Attachments (including attached emails) become
:class:`Child` documents with sanitised file names (basename only, no path, no control
characters); inline images of signatures are dropped.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import email.utils
from email.message import EmailMessage, Message

from foicompare import linre
from foicompare.text import html as html_extractor
from foicompare.text._common import library_version
from foicompare.text.base import Child, Extraction, ExtractionError
from foicompare.text.decode import decode_text, normalise_newlines
from foicompare.text.mediatypes import extension, sniff

VERSION = 1
_HEADERS = (("From", "from"), ("To", "to"), ("Cc", "cc"), ("Subject", "subject"), ("Date", "date"))
_UNSAFE = linre.compile(r"[\x00-\x1f\x7f<>:\"|?*]")
_EXT_FOR_TYPE = {
    "application/pdf": "pdf",
    "text/plain": "txt",
    "text/html": "html",
    "message/rfc822": "eml",
    "application/zip": "zip",
}


def extract(data: bytes, *, filename: str | None = None) -> Extraction:
    """Key headers and the body as text; attachments as children; meta from/to/subject/date."""
    if data.startswith(b"From ") and b"\n" in data[:1024]:
        data = data.split(b"\n", 1)[1]  # mbox separator line
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        meta = _headers(message)
        body = _body(message)
        children = _attachments(message)
    except ExtractionError:
        raise
    except Exception as exc:  # the email package raises assorted errors on malformed input
        raise ExtractionError(
            f"email could not be parsed ({type(exc).__name__}: {exc})", format="email"
        ) from None
    if not meta and not body.strip():
        raise ExtractionError("not an email: no headers and no body", format="email")
    head = [f"{name}: {meta[key]}" for name, key in _HEADERS if meta.get(key)]
    text = "\n".join(head) + ("\n\n" if head else "") + body.strip("\n")
    return Extraction(
        text=text,
        extractor="email",
        extractor_version=library_version(None, VERSION),
        children=children,
        meta=meta,
    )


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # malformed header values raise on access with policy.default
        value = message.get_all(name, failobj=[None])[0] if hasattr(message, "get_all") else None
    return " ".join(str(value).split()) if value is not None else ""


def _headers(message: Message) -> dict[str, str]:
    meta = {key: _header(message, name) for name, key in _HEADERS}
    if meta["date"]:
        with contextlib.suppress(TypeError, ValueError, IndexError):  # else keep it as written
            meta["date"] = email.utils.parsedate_to_datetime(meta["date"]).isoformat()
    return {key: value for key, value in meta.items() if value}


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html")) if message.is_multipart() else message
    if part is None:
        return ""
    content_type = part.get_content_type()
    if not content_type.startswith("text/"):
        return ""
    payload = part.get_payload(decode=True) or b""
    if content_type == "text/html":
        return html_extractor.extract(payload).text if payload.strip() else ""
    try:
        text, _ = decode_text(payload, part.get_content_charset())
    except ExtractionError:
        return ""
    return normalise_newlines(text)


def _attachments(message: EmailMessage) -> list[Child]:
    children: list[Child] = []
    if not message.is_multipart():
        return children
    for index, part in enumerate(message.iter_attachments(), start=1):
        content_type = part.get_content_type()
        if (
            content_type.startswith("image/")
            and part.get("Content-ID")
            and not part.is_attachment()
        ):
            continue  # an inline signature logo, not a document
        if content_type == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            data = inner.as_bytes() if isinstance(inner, Message) else b""
        else:
            data = part.get_payload(decode=True) or b""
        if not data:
            continue
        media_type = sniff(data, part.get_filename())
        name = sanitise_filename(
            part.get_filename(), fallback=f"attachment-{index}", media_type=media_type
        )
        children.append(Child(data=data, filename=name, media_type=media_type))
    return children


def sanitise_filename(
    name: str | None, *, fallback: str = "attachment", media_type: str | None = None
) -> str:
    """A safe base name for an attachment: no directories, no control or reserved characters.

    >>> sanitise_filename("../../x.txt")
    'x.txt'
    >>> sanitise_filename("C:\\\\Users\\\\a\\\\Reply.pdf")
    'Reply.pdf'
    >>> sanitise_filename("..", fallback="attachment-2", media_type="application/pdf")
    'attachment-2.pdf'
    """
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip().lstrip(".").strip()
    if not base:
        ext = _EXT_FOR_TYPE.get(media_type or "", "")
        base = f"{fallback}.{ext}" if ext else fallback
    return base[:255] if not extension(base) else base[-255:]
