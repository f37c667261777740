"""The dataset core: opening, schema versions, content-addressed ingest, sightings, errors."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from email.message import EmailMessage
from pathlib import Path

import duckdb
import pytest

import foicompare
from foicompare import schema

SHARED = Path(
    os.environ.get("FOICOMPARE_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    write(
        d / "letter.txt",
        "Dear Ms Smith,\nOur reference: FOI 1234\nWe do not hold this information.\n",
    )
    write(
        d / "copy" / "letter-again.txt",
        "Dear Ms Smith,\nOur reference: FOI 1234\nWe do not hold this information.\n",
    )
    write(
        d / "page.html",
        "<html><body><nav>Home</nav><main><h1>FOI response</h1><p>Answer.</p></main></body></html>",
    )
    return d


def test_open_creates_schema_and_records_its_version(tmp_path: Path) -> None:
    path = tmp_path / "ds.duckdb"
    with foicompare.open(path) as ds:
        assert ds.schema_version == schema.latest_version()
        versions = ds.sql("SELECT version FROM schema_version ORDER BY version")[
            "version"
        ].to_list()
    assert versions == [v for v, _, _ in schema.migrations()]
    assert path.exists()


def test_an_old_file_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    first_version, first_name, first_sql = schema.migrations()[0]
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    con.execute(first_sql)
    con.execute(
        "INSERT INTO schema_version (version, name) VALUES (?, ?)", [first_version, first_name]
    )
    con.execute(
        "INSERT INTO documents (doc_id, ingested_at, status) VALUES ('abc', now(), 'extracted')"
    )
    con.close()
    with foicompare.open(path) as ds:
        assert ds.schema_version == schema.latest_version()
        assert ds.documents()["doc_id"].to_list() == ["abc"]


def test_same_bytes_are_stored_once_and_seen_twice(folder: Path) -> None:
    ds = foicompare.open(":memory:")
    report = ds.ingest(folder)
    assert (report.new, report.duplicates, report.errors) == (2, 1, [])
    docs = ds.documents()
    assert docs.height == 2
    assert sorted(docs["media_type"].to_list()) == ["text/html", "text/plain"]
    letter = docs.filter(docs["media_type"] == "text/plain").row(0, named=True)
    assert letter["size"] == len(
        "Dear Ms Smith,\nOur reference: FOI 1234\nWe do not hold this information.\n"
    )
    assert letter["source"] == "files"
    locations = ds.sql(
        "SELECT location FROM sightings WHERE doc_id = ? ORDER BY location", [letter["doc_id"]]
    )["location"].to_list()
    assert [Path(p).name for p in locations] == ["letter-again.txt", "letter.txt"]


def test_reingest_adds_nothing_and_reads_nothing(folder: Path) -> None:
    ds = foicompare.open(":memory:")
    ds.ingest(folder)
    before = {
        t: ds.sql(f"SELECT count(*) AS n FROM {t}")["n"][0]
        for t in ("documents", "sightings", "texts", "errors")
    }
    again = ds.ingest(folder)
    assert (again.new, again.duplicates, again.unchanged) == (0, 0, 3)
    after = {t: ds.sql(f"SELECT count(*) AS n FROM {t}")["n"][0] for t in before}
    assert after == before


def test_a_changed_file_becomes_a_new_document(folder: Path) -> None:
    ds = foicompare.open(":memory:")
    ds.ingest(folder)
    letter = folder / "letter.txt"
    letter.write_text("Dear Ms Smith,\nOur reference: FOI 1234\nPlease find attached.\n")
    os.utime(letter, (1, 1))
    report = ds.ingest(folder)
    assert (report.new, report.unchanged) == (1, 2)
    assert ds.documents().height == 3


def test_text_is_stored_with_its_extractor(folder: Path) -> None:
    ds = foicompare.open(":memory:")
    ds.ingest(folder / "letter.txt")
    row = ds.texts().row(0, named=True)
    assert row["text"].startswith("Dear Ms Smith,\nOur reference: FOI 1234")
    assert row["extractor"] and row["extractor_version"]


def test_the_seeds_ingest_with_their_text_intact() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    assert len(seeds) >= 5
    ds = foicompare.open(":memory:")
    report = ds.ingest(seeds)
    assert report.errors == [] and report.new == len(seeds)
    for seed in seeds:
        doc_id = report.doc_ids[str(seed.absolute())]
        stored = ds.sql("SELECT text FROM texts WHERE doc_id = ?", [doc_id])["text"][0]
        original = seed.read_text(encoding="utf-8").replace("\r\n", "\n")
        assert stored.strip() == original.strip()


def test_unreadable_files_become_error_rows_and_the_batch_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", "Dear Sir, here is the information you requested.")
    write(
        tmp_path / "broken.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF garbage",
    )
    write(tmp_path / "empty.txt", b"")
    ds = foicompare.open(":memory:")
    report = ds.ingest(tmp_path)
    assert report.new >= 1
    errors = ds.errors()
    by_name = {Path(r["location"]).name: r for r in errors.iter_rows(named=True)}
    assert set(by_name) == {"broken.pdf", "empty.txt"}
    assert by_name["broken.pdf"]["format"] == "application/pdf"
    assert by_name["broken.pdf"]["reason"]
    # a failed document is still known by its hash, with status 'error' and no text
    status = ds.sql("SELECT status FROM documents WHERE filename = 'broken.pdf'")["status"][0]
    assert status == "error"
    assert (
        ds.sql(
            "SELECT count(*) AS n FROM texts t JOIN documents d USING (doc_id)"
            " WHERE d.status = 'error'"
        )["n"][0]
        == 0
    )


def test_missing_paths_are_recorded_not_fatal(tmp_path: Path) -> None:
    ds = foicompare.open(":memory:")
    report = ds.ingest([tmp_path / "nope.pdf"])
    assert report.errors == [(str(tmp_path / "nope.pdf"), "no such file or folder")]


def test_children_of_containers_record_their_parent(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "foi@coventry.gov.uk"
    msg["To"] = "requester@example.org"
    msg["Subject"] = "FOI REQ07286"
    msg["Date"] = "Mon, 03 Aug 2020 10:00:00 +0100"
    msg.set_content("Please find our response attached.")
    msg.add_attachment(
        b"Response: we do not hold the information.",
        maintype="text",
        subtype="plain",
        filename="response.txt",
    )
    write(tmp_path / "mail.eml", bytes(msg))
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as zf:
        zf.writestr("inner/answer.txt", "Answer inside a zip.")
    ds = foicompare.open(":memory:")
    report = ds.ingest(tmp_path)
    assert report.errors == []
    docs = ds.documents()
    parents = dict(zip(docs["filename"].to_list(), docs["parent_id"].to_list(), strict=True))
    ids = dict(zip(docs["filename"].to_list(), docs["doc_id"].to_list(), strict=True))
    assert parents["response.txt"] == ids["mail.eml"]
    assert parents["answer.txt"] == ids["bundle.zip"]
    assert parents["mail.eml"] is None


def test_two_workers_store_exactly_what_one_does(tmp_path: Path) -> None:
    for i in range(30):
        write(tmp_path / f"{i:02}.txt", f"Reference FOI {i}\nWe do not hold this information.")
    one = foicompare.open(":memory:")
    one.ingest(tmp_path, workers=1)
    two = foicompare.open(":memory:")
    two.ingest(tmp_path, workers=2)
    q = "SELECT doc_id, text FROM texts ORDER BY doc_id"
    assert one.sql(q).equals(two.sql(q))


def test_read_only_open_reads_and_refuses_writes(tmp_path: Path, folder: Path) -> None:
    path = tmp_path / "ds.duckdb"
    with foicompare.open(path) as ds:
        ds.ingest(folder)
    with foicompare.open(path, read_only=True) as ro:
        assert ro.documents().height == 2
        with pytest.raises(PermissionError):
            ro.ingest(folder)


def test_a_second_writer_process_gets_a_clear_lock_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time, foicompare
            ds = foicompare.open({str(path)!r}, write=True)
            print("open", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = holder.stdout.readline()
        assert line.strip() == "open", holder.stderr.read() if holder.poll() is not None else line
        with pytest.raises(foicompare.DatasetLocked) as info:
            foicompare.open(path, write=True, wait=0)
        message = str(info.value)
        assert "\n" not in message
        assert f"{path} is being written by pid {holder.pid}" in message
        assert "writing since" in message and "run this again when it has finished" in message
        with pytest.raises(foicompare.DatasetLocked, match="can be read again when"):
            foicompare.open(path)  # a reader cannot copy a file that is being written
    finally:
        holder.communicate("\n", timeout=30)
    assert foicompare.open(path).documents().height == 0  # the writer is gone: readable


def test_a_notebook_dataset_holds_no_lock_between_calls(tmp_path: Path, folder: Path) -> None:
    path = tmp_path / "shared.duckdb"
    notebook = foicompare.open(path)  # creates the file, holds nothing afterwards
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import foicompare; print(foicompare.open({str(path)!r}, write=True, wait=0)"
            f".ingest({str(folder)!r}))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert other.returncode == 0, other.stderr
    assert "2 new" in other.stdout
    assert notebook.documents().height == 2  # the snapshot was refreshed: the new rows show
    report = notebook.ingest(folder)  # a write takes the lock for the call only
    assert (report.new, report.duplicates, report.unchanged) == (0, 0, 3)  # 3 files, 2 unique
    with foicompare.open(path, write=True, wait=0) as writer:  # so this gets in at once
        assert writer.documents().height == 2


def test_a_plain_script_without_a_main_guard_ingests_once_with_workers(tmp_path: Path) -> None:
    for i in range(250):
        write(
            tmp_path / "in" / f"{i:03}.txt", f"Reference FOI {i}\nWe do not hold this information."
        )
    script = tmp_path / "plain_script.py"
    script.write_text(
        textwrap.dedent(f"""
        import foicompare
        print("script body ran", flush=True)
        ds = foicompare.open({str(tmp_path / "ds.duckdb")!r})
        print(ds.ingest({str(tmp_path / "in")!r}, workers=2), flush=True)
    """)
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("script body ran") == 1  # the workers did not re-run the script
    assert "250 new" in done.stdout


def test_a_notebook_keeps_its_snapshot_while_a_writer_holds_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nb.duckdb"
    notebook = foicompare.open(path)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, foicompare
            from foicompare.sources.base import SourceItem
            ds = foicompare.open({str(path)!r}, write=True)
            ds.ingest_items([SourceItem(b"Dear Sir, FOI 1", location="https://x.gov.uk/a.txt")])
            print("committed", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "committed"
        with pytest.warns(UserWarning, match="is being written by pid .*as it was when last read"):
            assert notebook.documents().height == 0  # the last snapshot, not a half state
    finally:
        writer.communicate("\n", timeout=30)
    assert notebook.documents().height == 1  # the writer let go: the new row shows
    with pytest.raises(PermissionError, match="inside `with ds.writing"):
        notebook.sql("DELETE FROM documents")
    with notebook.writing():
        notebook.sql("DELETE FROM documents")
    assert notebook.documents().height == 0


def test_a_migration_numbered_below_an_applied_one_is_still_applied() -> None:
    """Two branches may add migrations side by side: every unapplied one runs, in order."""
    versions = [v for v, _, _ in schema.migrations()]
    skipped = versions[-2]
    # a database that got the newest migration but not the one before it
    fresh = duckdb.connect(":memory:")
    fresh.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    for version, vname, vsql in schema.migrations():
        if version != skipped:
            fresh.execute(vsql)
            fresh.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, vname])
    assert schema.pending(fresh) == [skipped]
    assert schema.migrate(fresh) == max(versions)
    assert schema.pending(fresh) == []
    assert sorted(v for (v,) in fresh.execute("SELECT version FROM schema_version").fetchall()) == (
        versions
    )
