"""Whatever councils send, an ingest ends with correct text or a recorded error per file.

One folder holds every hostile input of the README's "Failure modes" table. It is ingested
in a separate process (so its peak memory can be measured), and then:
- every file is either stored with the expected text or listed in `errors` with a reason;
- nothing is written outside the dataset file (no `x` escapes from `../x` member names);
- the process exits normally and its memory stays bounded.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import foicompare
from fixtures_make import make_docx, make_eml, make_pdf, make_xlsx, make_zip

MB = 1024 * 1024


def blank_pdf(pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    for _ in range(pages):
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def with_bomb_member(office_file: bytes, member: str) -> bytes:
    """The same DOCX/XLSX plus one 60 MB member of zeros (compresses ~1000:1)."""
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(office_file)) as src,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(member, bytes(60 * MB))
    return buf.getvalue()


#: file name → (bytes, expected): ("text", fragment) or ("error", fragment of the reason)
def hostile_files() -> dict[str, tuple[bytes, tuple[str, str]]]:
    letter = make_pdf(["Our reference: FOI 42\nWe do not hold this information."])
    docx = make_docx(["Dear Sir", [["Regulation", "Uses"], ["23", "4"]]])
    xlsx = make_xlsx({"Log": [["Reference", "Outcome"], ["FOI 1", "Refused"]]})
    return {
        "truncated.pdf": (letter[: len(letter) // 2], ("error", "PDF")),
        "corrupt.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 8, ("error", "PDF")),
        "encrypted.pdf": (make_pdf(["secret"], password="pw"), ("error", "encrypted")),
        "blank-3000-pages.pdf": (blank_pdf(3000), ("text", "")),
        "bomb.docx": (with_bomb_member(docx, "word/media/zeros.bin"), ("error", "")),
        "bomb.xlsx": (with_bomb_member(xlsx, "xl/media/zeros.bin"), ("error", "")),
        "truncated.docx": (docx[: len(docx) // 2], ("error", "")),
        "escape.zip": (make_zip({"../x": b"escaped?", "ok.txt": b"inside"}), ("text", "")),
        "escape.eml": (
            make_eml(attachments=[("../../x", b"attachment text", "text/plain")]),
            ("text", "Please find our response attached"),
        ),
        "deep.html": (
            b"<div>" * 100_000 + b"deep text" + b"</div>" * 100_000,
            ("text", "deep text"),
        ),
        "binary.txt": (bytes(range(256)) * 64, ("error", "binary")),
        "utf16-no-bom.txt": (
            "Dear Sir, we do not hold the information.".encode("utf-16-le"),
            ("text", "we do not hold the information"),
        ),
        "cp1252.txt": (
            "The council’s response – £600 limit".encode("cp1252"),
            ("text", "council’s response – £600"),
        ),
        "empty.txt": (b"", ("error", "empty")),
    }


def ingest_in_subprocess(folder: Path, db: Path) -> tuple[int, int, str]:
    """Run `foicompare ingest` in a child; return (exit code, peak RSS in MB, stderr)."""
    code = (
        "import resource, sys, foicompare.cli as c\n"
        "try:\n    c.main(sys.argv[1:])\n"
        "except SystemExit as e:\n    rc = e.code or 0\n"
        # VmHWM is this process's own peak; ru_maxrss would also carry the peak of the
        # process that forked it (Linux keeps it across exec), e.g. a big pytest worker
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    rss = int(status.split()[0])\n"
        "except (OSError, IndexError, ValueError):\n"
        "    pass\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print('RSS', max(rss, kids) // 1024, file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "ingest", str(folder), "--db", str(db), "-q"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    rss = int(proc.stderr.rsplit("RSS", 1)[1].split()[0])
    return proc.returncode, rss, proc.stderr


@pytest.mark.slow
def test_every_hostile_file_ends_as_text_or_a_recorded_error(tmp_path: Path) -> None:
    inbox = tmp_path / "deep" / "inbox"
    inbox.mkdir(parents=True)
    expected = hostile_files()
    for name, (data, _) in expected.items():
        (inbox / name).write_bytes(data)
    with open(inbox / "huge.pdf", "wb") as fh:  # sparse: 300 MB on paper, nothing on disk
        fh.truncate(300 * MB)
    os.symlink(inbox, inbox / "loop")  # a folder that contains itself
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if not p.is_symlink())

    db = tmp_path / "store" / "ds.duckdb"
    rc, peak_mb, stderr = ingest_in_subprocess(inbox, db)
    assert rc == 1, stderr  # every hostile file is reported, one line each, and counted
    assert "inputs failed (listed above; also in `foicompare status`); the rest is stored" in stderr
    assert "Traceback" not in stderr
    assert peak_mb < 1024, f"peak RSS {peak_mb} MB"

    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if not p.is_symlink())
    written = set(after) - set(before)
    assert all(p.parts[0] == "store" for p in written), written
    assert not list(tmp_path.rglob("x"))

    with foicompare.open(db, read_only=True) as ds:
        errors = {
            Path(r["location"]).name: r["reason"]
            for r in ds.errors().iter_rows(named=True)
            if "!" not in r["location"]
        }
        texts = {
            Path(r["location"]).name: r["text"]
            for r in ds.sql(
                "SELECT s.location, t.text FROM sightings s JOIN texts t USING (doc_id)"
                " WHERE s.location NOT LIKE '%!%'"
            ).iter_rows(named=True)
        }
        members = ds.sql("SELECT location, filename FROM sightings WHERE location LIKE '%!%'")
    assert "huge.pdf" in errors and "limit" in errors["huge.pdf"]
    for name, (_, (kind, fragment)) in expected.items():
        if kind == "error":
            assert name in errors, f"{name} should be a recorded error"
            assert fragment.lower() in errors[name].lower(), (name, errors[name])
            assert name not in texts
        else:
            assert name in texts, f"{name} should have text (error: {errors.get(name)})"
            assert fragment in texts[name], (name, texts[name][:200])
    # hostile member names are kept only as names: nothing is ever written to disk
    assert set(members["filename"].to_list()) >= {"x", "ok.txt"}
    # the symlink loop was not followed: every file was seen once, under inbox/
    assert all("/loop/" not in loc for loc in ds_locations(db))


def ds_locations(db: Path) -> list[str]:
    with foicompare.open(db, read_only=True) as ds:
        return ds.sql("SELECT location FROM sightings")["location"].to_list()
