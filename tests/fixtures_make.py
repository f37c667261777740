"""Builders that generate test documents of every format in memory (no files in the repo).

Every function returns the document's bytes, so tests can write them to ``tmp_path`` or
feed them straight to ``foicompare.text.extract``. All output is deterministic in content
(PDF/DOCX/XLSX embed timestamps, so bytes may differ between runs; text never does).

Examples::

    from fixtures_make import make_pdf, make_docx, make_eml

    pdf = make_pdf(["Ref: FOI 123\\nDear Sir", "Page two"], tables={0: [["Regulation", "Uses"], ["23", "4"]]})
    docx = make_docx([("heading", 1, "FOI response"), "Intro", [["A", "B"], ["1", "2"]], "Closing"])
    eml = make_eml(body="See attached.", attachments=[("reply.pdf", pdf, "application/pdf")])

Builders:

* :func:`make_pdf` — reportlab; pages of text lines, optional tables drawn as text in columns,
  optional password (encrypted PDF);
* :func:`make_scanned_pdf` — a PDF with drawings but no text layer;
* :func:`make_docx` — python-docx; paragraphs, headings and tables in the given order;
* :func:`make_xlsx` — openpyxl; one sheet per ``{name: rows}`` entry;
* :func:`make_csv` — stdlib csv with a chosen delimiter and encoding;
* :func:`make_html` / :func:`make_council_page` — a bare page, or a content block wrapped in
  realistic site chrome (nav, header, footer, script, cookie banner, breadcrumb, search form);
* :func:`make_wdtk_attachment_page` — WhatDoTheyKnow's ``/attach/html/`` rendering;
* :func:`make_eml` — stdlib ``email``; plain and/or HTML body, attachments with any filename;
* :func:`make_zip` / :func:`make_zip_bomb` — plain ZIPs, and ones that trip the limits.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from email.message import EmailMessage
from email.utils import format_datetime

#: a DOCX block: a paragraph string, ``("heading", level, text)`` or a table (rows of cells)
DocxBlock = str | tuple[str, int, str] | Sequence[Sequence[str]]


def make_pdf(
    pages: Sequence[str],
    *,
    tables: Mapping[int, Sequence[Sequence[str]]] | None = None,
    password: str | None = None,
    column_gap: float = 180.0,
    title: str | None = None,
) -> bytes:
    """A PDF with one page per string; each line of the string is drawn on its own line.

    ``tables`` maps a 0-based page index to rows of cells drawn after that page's text,
    each cell as separate text at ``72 + column * column_gap`` points (so the PDF has no
    table structure, only aligned text, like most council PDFs). ``password`` encrypts the
    file with that user password (RC4/AES via reportlab), so it cannot be opened without it.

    >>> make_pdf(["Hello"])[:5]
    b'%PDF-'
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, encrypt=password, invariant=1)
    if title:
        pdf.setTitle(title)
    tables = tables or {}
    for index, page in enumerate(pages):
        y = 800.0
        pdf.setFont("Helvetica", 11)
        for line in page.split("\n"):
            pdf.drawString(72, y, line)
            y -= 16
        if index in tables:
            y -= 10
            for row in tables[index]:
                for column, cell in enumerate(row):
                    pdf.drawString(72 + column * column_gap, y, cell)
                y -= 16
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def make_scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages hold only drawings (like a scan): no text layer at all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(pages):
        for i in range(20):
            pdf.rect(72, 780 - i * 30, 400 - i * 7, 12, fill=1)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def make_docx(blocks: Iterable[DocxBlock], *, title: str | None = None) -> bytes:
    """A DOCX with the blocks in order.

    A ``str`` is a paragraph (``""`` an empty one), ``("heading", level, text)`` a heading
    (level 0 is the "Title" style), and a sequence of rows (each a sequence of strings) a
    table. ``title`` sets the core property.

    >>> make_docx(["Dear Sir", [["A", "B"]]])[:2]
    b'PK'
    """
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif isinstance(block, tuple) and block and block[0] == "heading":
            _, level, text = block
            document.add_heading(text, level=level)
        else:
            rows = [list(row) for row in block]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def make_xlsx(sheets: Mapping[str, Sequence[Sequence[object]]]) -> bytes:
    """An XLSX with one worksheet per entry, in order; cells may be str, int, float, dates.

    >>> make_xlsx({"Summary": [["Regulation", "Uses"], ["23", 4]]})[:2]
    b'PK'
    """
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(title=name)
        for row in rows:
            sheet.append(list(row))
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def make_csv(
    rows: Sequence[Sequence[object]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    """CSV bytes with CRLF line ends (as Excel writes them).

    >>> make_csv([["a", "b"], [1, 2]], delimiter=";")
    b'a;b\\r\\n1;2\\r\\n'
    """
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows(rows)
    return buf.getvalue().encode(encoding)


def make_html(body: str, *, title: str = "", charset: str = "utf-8", head: str = "") -> bytes:
    """A complete HTML page around ``body``, encoded in ``charset`` (declared in a meta tag)."""
    page = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="{charset}">'
        f"<title>{title}</title>{head}</head>\n<body>\n{body}\n</body></html>\n"
    )
    return page.encode(charset)


def make_council_page(main: str, *, title: str = "FOI response", use_main: bool = True) -> bytes:
    """``main`` (HTML) inside a typical council page: skip link, cookie banner, header with
    navigation and search form, breadcrumb, sidebar, footer, scripts. With ``use_main=False``
    the content sits in a plain ``<div>`` so the extractor must fall back to ``<body>``."""
    wrapper = (
        ("<main id='main-content'>", "</main>") if use_main else ("<div class='page'>", "</div>")
    )
    body = f"""
<a class="skip-link" href="#main-content">Skip to main content</a>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve this site.</p>
<button>Accept all cookies</button></div>
<header class="site-header"><a href="/">Anytown Borough Council</a>
<nav class="main-nav"><ul><li><a href="/bins">Bins and recycling</a></li>
<li><a href="/council-tax">Council tax</a></li></ul></nav>
<form action="/search"><label>Search</label><input name="q"><button>Go</button></form></header>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/foi">FOI</a></div>
{wrapper[0]}
{main}
{wrapper[1]}
<aside><h2>Related pages</h2><p>Data protection</p></aside>
<footer><p>&copy; Anytown Borough Council</p><a href="/accessibility">Accessibility</a></footer>
<script>window.dataLayer = [{{"page": "foi"}}];</script>
<noscript>Please enable JavaScript</noscript>
"""
    return make_html(body, title=title, head="<style>body { font: 12px sans-serif }</style>")


def make_wdtk_attachment_page(request_title: str, content_html: str) -> bytes:
    """A WhatDoTheyKnow ``/attach/html/`` page: the site's banner, then the converted file."""
    body = f"""<div class="view_html_prefix">
  <div class="view_html_logo"><a href="/"><img src="/logo.png" alt="WhatDoTheyKnow"></a></div>
  <div class="view_html_download_link"><a href="/request/1/response/2/attach/2/reply.pdf">Download original attachment</a>
  <br>(PDF file)</div>
  This is an HTML version of an attachment to the Freedom of Information request
  '<a href="/request/1#incoming-2">{request_title}</a>'.
</div>
{content_html}"""
    return make_html(body, title=request_title)


def make_eml(
    *,
    sender: str = "FOI Team <foi@anytown.gov.uk>",
    to: str = "Jane Requester <request-123@whatdotheyknow.com>",
    subject: str = "Freedom of Information request FOI 123",
    date: dt.datetime = dt.datetime(2020, 8, 3, 9, 30, tzinfo=dt.UTC),
    body: str | None = "Dear Jane,\nPlease find our response attached.\n",
    html: str | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> bytes:
    """An RFC 822 email. ``attachments`` are ``(filename, data, media_type)``; the filename is
    written exactly as given (e.g. ``"../../x.txt"``) so sanitising can be tested.

    >>> b"Subject: Freedom of Information request FOI 123" in make_eml()
    True
    """
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = "<foi-123@anytown.gov.uk>"
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for filename, data, media_type in attachments:
        maintype, subtype = media_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def make_zip(
    members: Mapping[str, bytes] | Sequence[tuple[str, bytes]],
    *,
    compression: int = zipfile.ZIP_DEFLATED,
    directories: Sequence[str] = (),
) -> bytes:
    """A ZIP holding ``members`` (name → bytes; names may contain ``/`` or ``..``) plus empty
    ``directories`` entries (names ending in ``/``).

    >>> zipfile.ZipFile(io.BytesIO(make_zip({"a/b.txt": b"x"}))).namelist()
    ['a/b.txt']
    """
    items = members.items() if isinstance(members, Mapping) else members
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name in directories:
            zf.writestr(zipfile.ZipInfo(name.rstrip("/") + "/"), b"")
        for name, data in items:
            zf.writestr(name, data)
    return buf.getvalue()


def make_zip_bomb(*, member_mb: int = 20, members: int = 1, name: str = "zeros.txt") -> bytes:
    """A ZIP of ``members`` files of ``member_mb`` MB of zeros each (about 1000:1 compressed).

    One member of 20 MB trips the 100:1 ratio limit; 11 members of 20 MB trip the 200 MB
    total limit as well. Building a 20 MB member takes ~0.1 s.
    """
    zeros = bytes(member_mb * 1024 * 1024)
    return make_zip([(f"{i}-{name}", zeros) for i in range(members)])
