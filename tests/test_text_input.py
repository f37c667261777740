"""Sniffing, encodings, limits and refusals: what extract() does with awkward bytes."""

from __future__ import annotations

import pytest

from fixtures_make import make_docx, make_pdf, make_xlsx, make_zip, make_zip_bomb
from foicompare.text import ExtractionError, extract, sniff

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (make_pdf(["x"]), "reply.txt", "application/pdf"),
        (make_docx(["x"]), "reply.zip", DOCX),
        (make_xlsx({"S": [["a"]]}), "data.bin", XLSX),
        (make_zip({"a.txt": b"x"}), "a.docx", "application/zip"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "page.txt", "text/html"),
        (b"  <p>Dear Sir</p>", None, "text/html"),
        (b"Received: from mx\nFrom: a@b.c\nSubject: FOI\n\nbody", "msg.txt", "message/rfc822"),
        (b"From: a@b.c\nTo: d@e.f\n\nbody", "reply.eml", "message/rfc822"),
        (
            b"From: Information Governance\nDate: 3 August 2020\n\nDear Sir",
            "memo.txt",
            "text/plain",
        ),
        (b"a,b\n1,2\n", "data.csv", "text/csv"),
        (b"# Title\n", "notes.md", "text/markdown"),
        (b"Dear Sir", "reply.txt", "text/plain"),
        (b"Dear Sir", None, "text/plain"),
        ("Dear Sir".encode("utf-16-le"), "reply.txt", "text/plain"),
        (OLE + b"\0" * 100 + "WordDocument".encode("utf-16-le"), "x.bin", "application/msword"),
        (OLE + b"\0" * 100 + "Workbook".encode("utf-16-le"), None, "application/vnd.ms-excel"),
        (
            OLE + b"\0" * 100 + "__substg1.0_0037001F".encode("utf-16-le"),
            None,
            "application/vnd.ms-outlook",
        ),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "scan.pdf", "image/png"),
        (b"\x00\x01\x02\x03\x04binary", "notes.txt", "application/octet-stream"),
        (b"", "empty.txt", "application/x-empty"),
    ],
)
def test_sniff_trusts_bytes_over_extension(data, filename, expected):
    assert sniff(data, filename) == expected


def test_truncated_docx_still_sniffs_as_docx():
    data = make_docx(["Dear Sir"] * 50)
    assert sniff(data[: len(data) // 2], "reply.docx") == DOCX


def test_extension_lies_but_extraction_follows_the_bytes():
    assert extract(make_pdf(["Ref: FOI 9"]), filename="reply.txt").text == "Ref: FOI 9"
    assert extract(make_docx(["Dear Sir"]), filename="reply.zip").text == "Dear Sir"


def test_server_claim_octet_stream_is_ignored():
    ex = extract(make_pdf(["Ref: FOI 9"]), media_type="application/octet-stream")
    assert ex.extractor == "pypdfium2"


def test_explicit_media_type_selects_the_extractor():
    ex = extract(b"a;b\n1;2\n", media_type="text/csv; charset=utf-8")
    assert ex.tables[0].rows == [["a", "b"], ["1", "2"]]


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        ("Dear Sir,\nThe cost is £450 – 18 hours.".encode("utf-16-le"), "utf-16-le"),
        ("Dear Sir,\nThe cost is £450 – 18 hours.".encode("utf-16-be"), "utf-16-be"),
        ("Dear Sir,\nThe cost is £450 – 18 hours.".encode("utf-16"), "utf-16-le"),
        ("Dear Sir,\nThe cost is £450 – 18 hours.".encode("utf-8-sig"), "utf-8"),
        ("Dear Sir,\nThe cost is £450 – 18 hours.".encode("cp1252"), "cp1252"),
    ],
    ids=["utf16le-no-bom", "utf16be-no-bom", "utf16-bom", "utf8-bom", "cp1252"],
)
def test_text_encodings(encoded, encoding):
    ex = extract(encoded, filename="reply.txt")
    assert ex.text == "Dear Sir,\nThe cost is £450 – 18 hours."
    assert ex.meta["encoding"] == encoding


def test_line_ends_are_normalised():
    assert extract(b"a\r\nb\rc\n", filename="x.txt").text == "a\nb\nc\n"


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (b"", "reply.pdf", "empty file"),
        (b"\x00\x01\x02\x03\xff\xfe\x00garbage" * 20, "notes.txt", "binary data, not text"),
        (
            OLE + b"\0" * 100 + "WordDocument".encode("utf-16-le"),
            "a.doc",
            "unsupported format: legacy Word .doc",
        ),
        (
            OLE + b"\0" * 100 + "Workbook".encode("utf-16-le"),
            "a.xls",
            "unsupported format: legacy Excel .xls",
        ),
        (
            OLE + b"\0" * 100 + "__substg1.0_".encode("utf-16-le"),
            "a.msg",
            "unsupported format: Outlook .msg",
        ),
        (
            b"\x89PNG\r\n\x1a\n" + b"\0" * 40,
            "scan.png",
            "unsupported format: image (image/png); no OCR",
        ),
        (
            b"\x7fELF\x02\x01\x01" + b"\0" * 60,
            "tool",
            "unsupported format: application/x-executable",
        ),
    ],
)
def test_refusals_have_human_reasons(data, filename, reason):
    with pytest.raises(ExtractionError) as info:
        extract(data, filename=filename)
    assert info.value.reason == reason


def test_binary_claimed_as_text_is_refused():
    with pytest.raises(ExtractionError, match="binary data, not text"):
        extract(bytes(range(256)) * 4, media_type="text/plain")


def test_zip_ratio_limit():
    with pytest.raises(ExtractionError) as info:
        extract(make_zip_bomb(member_mb=20), filename="bomb.zip")
    assert "compression ratio" in info.value.reason and "100:1" in info.value.reason


def test_zip_total_size_limit():
    with pytest.raises(ExtractionError) as info:
        extract(make_zip_bomb(member_mb=20, members=11))
    assert info.value.reason == "ZIP would expand to 220 MB, over the limit of 200 MB uncompressed"


def test_zip_member_count_limit():
    data = make_zip([(f"m{i}.txt", b"x") for i in range(1001)])
    with pytest.raises(ExtractionError, match="ZIP has 1001 members, over the limit of 1000"):
        extract(data)


def test_docx_bomb_is_refused_before_python_docx_sees_it():
    import io
    import zipfile

    buf = io.BytesIO(make_docx(["Dear Sir"]))
    with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/padding.bin", bytes(20 * 1024 * 1024))
    with pytest.raises(ExtractionError) as info:
        extract(buf.getvalue(), filename="reply.docx")
    assert info.value.format == "docx"
    assert "'word/media/padding.bin' has a compression ratio" in info.value.reason


def test_corrupt_xlsx_is_a_readable_error():
    data = make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<not-a-workbook"})
    with pytest.raises(ExtractionError) as info:
        extract(data, filename="data.xlsx")
    assert info.value.reason.startswith("XLSX could not be read")
