"""An e-mail whose body is the covering note and whose attachment is the letter.

Message-ID, Date and the MIME boundary are derived from the document, so the same input
gives the same bytes.

>>> msg = render(cover="Please find attached.", sender="FOI <foi@x.gov.uk>", to="r@example.org",
...              subject="FOI 1", when="2020-08-03", message_id="<a@x.gov.uk>",
...              attachment=(b"%PDF-1.4", "response.pdf", "application/pdf"))
>>> b"Content-Disposition: attachment; filename=\\"response.pdf\\"" in msg
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime


def render(
    *,
    cover: str,
    sender: str,
    to: str,
    subject: str,
    when: str,
    message_id: str,
    attachment: tuple[bytes, str, str] | None,
) -> bytes:
    """The message as RFC 5322 bytes (CRLF line ends)."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    stamp = dt.datetime.fromisoformat(when).replace(hour=10, minute=30, tzinfo=dt.UTC)
    msg["Date"] = format_datetime(stamp)
    msg["Message-ID"] = message_id
    msg.set_content(cover)
    if attachment is not None:
        data, filename, media_type = attachment
        maintype, subtype = media_type.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        msg.set_boundary("=_demo_" + hashlib.sha1(message_id.encode()).hexdigest()[:24])
    return msg.as_bytes()
