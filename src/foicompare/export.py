"""Export every curated table as CSV, Parquet or one XLSX workbook, with a data dictionary.

* ``data_dictionary.csv`` and ``data_dictionary.md`` sit beside the exports: table, column,
  type, meaning and vocabulary. Meanings come from the comments in the schema migrations
  (``schema/NNN_*.sql``), so the dictionary cannot drift from the tables.
* Human corrections win: ``responses`` is exported from its corrected view, and its
  ``corrected`` column lists the fields a person changed. In the workbook those cells are
  also filled yellow.
* ``redact=True`` masks personal e-mail addresses (``[email removed]``) and every telephone
  number (``[phone removed]``) in text columns. Role addresses of an organisation
  (``foi@``, ``freedomofinformation@``, ``enquiries@``, ``dpo@``...) are kept: they are how
  the public reaches a council, and they tell readers which team answered. Telephone
  numbers are all masked because a direct line cannot be told from a switchboard.
* Lists (``exemptions``, ``doc_ids``) are written to CSV and XLSX as JSON arrays;
  :func:`read_table` turns them back, so an export reads back equal to the table.

>>> import foicompare, tempfile
>>> ds = foicompare.open(":memory:")
>>> out = tempfile.mkdtemp()
>>> paths = export(ds, out, format="parquet")
>>> read_table(out, "authorities", format="parquet").equals(ds.sql("SELECT * FROM authorities"))
True
"""

from __future__ import annotations

import csv
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl

from foicompare.analysis._db import has_table

FORMATS = ("csv", "parquet", "xlsx")
#: curated tables, in export order; ``responses`` comes from its corrected view
TABLES = (
    "authorities", "authority_gss_codes", "ofsted_judgements", "statistical_neighbours",
    "documents", "sightings", "responses", "exemptions", "answers", "corrections",
    "flexibility_usage", "flexibility_responses", "requests", "batches", "request_messages", "request_documents",
    "log_entries", "log_documents", "errors",
)  # fmt: skip
#: large raw tables, exported only on request
TEXT_TABLES = ("texts", "text_tables")
SOURCE_VIEW = {
    "responses": "responses_corrected",
    "flexibility_usage": "flexibility_usage_corrected",
    "flexibility_responses": "flexibility_responses_corrected",
}
#: tables computed by an analysis rather than stored (exported after :data:`TABLES`):
#: name -> (Dataset method, meanings)
DERIVED = {
    "flexibility_matrix": ("flexibility_matrix", {
        "request": "the request or round robin (batch id; 'documents' for letters not linked to a request)",
        "request_title": "its title",
        "authority_code": "GSS code of the council as at the request's date",
        "authority_name": "the council's short name",
        "region": "the council's region",
        "successors": "today's councils that replaced it, if it has since been reorganised",
        "response": "responded | no response",
        "sign_off": "who signed the use of the flexibilities off (roles and boards named)",
        "sign_off_level": "elected member | chief executive | director | assistant director | head of service | board or team | other",
        "ofsted_informed": "whether the council says Ofsted was told (empty: not stated)",
        "ofsted_when": "when or how Ofsted was told, as the letter says it",
        "decision_level": "authority_wide | case_by_case",
        "needs_review": "flexibility codes whose value was read with low confidence",
        "corrected": "flexibility codes whose value here is a human correction (table corrections)",
        "doc_ids": "the documents read for this council and request",
    }),
}  # fmt: skip
DICTIONARY = "data_dictionary"
WORKBOOK = "foicompare.xlsx"
_XLSX_CELL_LIMIT = 32_767

ROLE_MAILBOXES = re.compile(
    r"^(foi|fo[il]|freedomofinformation|freedom\.?of\.?information|information|info|infogov|"
    r"informationgovernance|information\.?requests?|inforequests?|enquiries|enquiry|contact|"
    r"customer\.?services?|dpo|data\.?protection|dataprotection|complaints|feedback|"
    r"records|transparency|access|requests?|disclosure|cst|childrens?\.?services?|"
    r"admin|office|mail|help|support|noreply|no-reply|press|media)[\w.+-]*$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(
    r"(?<![\w/])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w/])"
)


def redact_text(text: str) -> str:
    """Mask personal e-mail addresses and phone numbers; keep organisations' role mailboxes.

    >>> redact_text("Contact foi@coventry.gov.uk or jane.smith@coventry.gov.uk, 024 7683 3333.")
    'Contact foi@coventry.gov.uk or [email removed], [phone removed].'
    >>> redact_text("Reference FOI/2020/07286 of 03/08/2020")
    'Reference FOI/2020/07286 of 03/08/2020'
    """

    def email(m: re.Match[str]) -> str:
        local = m.group(0).split("@", 1)[0]
        return m.group(0) if ROLE_MAILBOXES.match(local) else "[email removed]"

    return _PHONE.sub("[phone removed]", _EMAIL.sub(email, text))


# --- the data dictionary ---------------------------------------------------------------------


_ALTER_ADD = re.compile(
    r"^ALTER TABLE (\w+) ADD COLUMN (?:IF NOT EXISTS )?(\w+) [^;]*;\s*--\s*(.+)$", re.I
)


def schema_comments() -> dict[tuple[str, str], str]:
    """``(table, column) -> comment`` from the ``--`` comments of the schema migrations."""
    out: dict[tuple[str, str], str] = {}
    table = None
    create = re.compile(r"CREATE (?:TABLE|OR REPLACE VIEW|VIEW)(?: IF NOT EXISTS)? (\w+)", re.I)
    column = re.compile(r"^\s+(\w+)\s+[A-Z][A-Z0-9_\[\]() ,]*?.*?--\s*(.+)$")
    pending: tuple[str, str] | None = None
    for entry in sorted(resources.files("foicompare.schema").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".sql"):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            m = _ALTER_ADD.search(line)
            if m:  # a column added by a later migration, with its comment on the same line
                out[(m.group(1), m.group(2))] = m.group(3).strip()
                continue
            m = create.search(line)
            if m:
                table, pending = m.group(1), None
                continue
            if table is None:
                continue
            m = column.match(line)
            if m and m.group(1).upper() not in {"PRIMARY", "SELECT", "FROM", "WITH"}:
                pending = (table, m.group(1))
                out[pending] = m.group(2).strip()
            elif pending and re.match(r"^\s+--\s*(.+)$", line):  # a comment continued below
                out[pending] += " " + line.strip()[2:].strip()
            else:
                pending = None
    return out


def vocabulary(comment: str) -> str:
    """The allowed values a comment lists as ``a | b | c``, else empty.

    >>> vocabulary("successful | partially_successful | refused | not_held | NULL")
    'successful | partially_successful | refused | not_held | NULL'
    >>> vocabulary("GSS code")
    ''
    """
    m = re.search(r"((?:'?[\w:<>.-]+'?\s*\|\s*)+'?[\w:<>.-]+'?)", comment)
    return m.group(1).replace("'", "") if m and "|" in m.group(1) else ""


def _derived_rows(ds: Any, table: str, frame: pl.DataFrame | None) -> list[dict[str, str]]:
    from foicompare.topics.vocabulary import short_labels

    method, meanings = DERIVED[table]
    frame = frame if frame is not None else getattr(ds, method)().head(0)
    labels = short_labels()
    rows = []
    for name, dtype in frame.schema.items():
        meaning = meanings.get(name) or (
            f"the council's answer about {labels[name]} ({name}): "
            "used | not used | not stated | withheld | no response"
            if name in labels else ""
        )  # fmt: skip
        rows.append({"table": table, "column": name, "duckdb_type": "", "polars_type": str(dtype),
                     "meaning": meaning, "vocabulary": vocabulary(meaning)})  # fmt: skip
    return rows


def dictionary(
    ds: Any, tables: list[str], frames: dict[str, pl.DataFrame] | None = None
) -> pl.DataFrame:
    """One row per exported column: ``table, column, duckdb_type, polars_type, meaning,
    vocabulary``."""
    comments = schema_comments()
    rows = []
    for table in tables:
        if table in DERIVED:
            rows.extend(_derived_rows(ds, table, (frames or {}).get(table)))
            continue
        source = (
            SOURCE_VIEW.get(table, table)
            if has_table(ds.con, SOURCE_VIEW.get(table, table))
            else table
        )
        frame = ds.sql(f"SELECT * FROM {source} LIMIT 0")
        types = dict(
            ds.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_name = ? AND table_schema = 'main'",
                [source],
            ).fetchall()
        )
        for name, dtype in frame.schema.items():
            meaning = comments.get((table, name), "")
            if table == "responses" and name == "corrected":
                meaning = "fields whose value here is a human correction (table corrections), not the parser's"
            elif table.startswith("flexibility_") and name == "corrected":
                meaning = "whether (usage) or which fields (responses) a person corrected"
            elif table == "flexibility_usage" and name == "correction_note":
                meaning = "the reviewer's note on the correction"
            rows.append(
                {
                    "table": table,
                    "column": name,
                    "duckdb_type": types.get(name, ""),
                    "polars_type": str(dtype),
                    "meaning": meaning,
                    "vocabulary": vocabulary(meaning),
                }
            )
    return pl.DataFrame(rows, schema=dict.fromkeys(
        ["table", "column", "duckdb_type", "polars_type", "meaning", "vocabulary"], pl.String))  # fmt: skip


def _dictionary_markdown(d: pl.DataFrame) -> str:
    lines = ["# Data dictionary", "",
             "Written by `foicompare export`. Meanings come from the schema migrations. In",
             "`responses`, the `corrected` column names the fields a person corrected.", ""]  # fmt: skip
    for table in d["table"].unique(maintain_order=True):
        lines += [
            f"## {table}",
            "",
            "| column | type | meaning | vocabulary |",
            "|---|---|---|---|",
        ]
        for r in d.filter(table=table).iter_rows(named=True):
            esc = lambda s: (s or "").replace("|", "\\|")  # noqa: E731
            lines.append(
                f"| {r['column']} | {r['duckdb_type']} | {esc(r['meaning'])} | {esc(r['vocabulary'])} |"
            )
        lines.append("")
    return "\n".join(lines)


# --- writing and reading ---------------------------------------------------------------------


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested columns as JSON text (for CSV and XLSX)."""
    nested = [c for c, t in frame.schema.items() if isinstance(t, pl.List | pl.Struct | pl.Array)]
    return frame.with_columns(
        pl.col(c).map_elements(
            lambda v: json.dumps(v.to_list() if hasattr(v, "to_list") else v, default=str),
            return_dtype=pl.String,
        )
        for c in nested
    )


def _redact(frame: pl.DataFrame) -> pl.DataFrame:
    text = [c for c, t in frame.schema.items() if t == pl.String and c not in ("doc_id",)]
    return frame.with_columns(
        pl.col(c).map_elements(redact_text, return_dtype=pl.String) for c in text
    )


def curated_tables(ds: Any, *, include_text: bool = False) -> list[str]:
    """The tables this dataset has, of :data:`TABLES` (and the text tables on request)."""
    wanted = TABLES + tuple(DERIVED) + (TEXT_TABLES if include_text else ())
    return [t for t in wanted if t in DERIVED or has_table(ds.con, t)]


def table_frame(ds: Any, table: str) -> pl.DataFrame:
    """A table as exported (``responses`` from its corrected view), in a stable order."""
    if table in DERIVED:
        return getattr(ds, DERIVED[table][0])()
    source = SOURCE_VIEW.get(table, table)
    if not has_table(ds.con, source):
        source = table
    frame = ds.sql(f"SELECT * FROM {source}")
    keys = [
        c for c in ("doc_id", "code", "gss_code", "request_id", "location") if c in frame.columns
    ]
    return frame.sort(keys or frame.columns[:1], nulls_last=True, maintain_order=True)


def export(
    ds: Any,
    out_dir: str | os.PathLike[str],
    *,
    format: str = "csv",  # noqa: A002
    redact: bool = False,
    include_text: bool = False,
) -> list[Path]:
    """Write every curated table to ``out_dir`` plus the data dictionary; return the paths.

    ``csv`` and ``parquet`` write one file per table; ``xlsx`` one workbook with a sheet
    per table and a ``data_dictionary`` sheet.
    """
    if format not in FORMATS:
        raise ValueError(f"export format must be one of {FORMATS}, not {format!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = curated_tables(ds, include_text=include_text)
    frames = {t: table_frame(ds, t) for t in tables}
    if redact:
        frames = {t: _redact(f) for t, f in frames.items()}
    written: list[Path] = []
    if format == "parquet":
        for t, f in frames.items():
            f.write_parquet(out / f"{t}.parquet")
            written.append(out / f"{t}.parquet")
    elif format == "csv":
        for t, f in frames.items():
            _flat(f).write_csv(out / f"{t}.csv")
            written.append(out / f"{t}.csv")
    else:
        written.append(_write_workbook(out / WORKBOOK, frames, dictionary(ds, tables, frames)))
    d = dictionary(ds, tables, frames)
    d.write_csv(out / f"{DICTIONARY}.csv")
    (out / f"{DICTIONARY}.md").write_text(_dictionary_markdown(d), encoding="utf-8")
    return [*written, out / f"{DICTIONARY}.csv", out / f"{DICTIONARY}.md"]


def _write_workbook(path: Path, frames: dict[str, pl.DataFrame], d: pl.DataFrame) -> Path:
    import xlsxwriter

    with xlsxwriter.Workbook(path) as wb:
        marked = wb.add_format({"bg_color": "#FFF2A8"})
        for table, frame in frames.items():
            flat = _flat(frame).with_columns(
                pl.col(c).str.slice(0, _XLSX_CELL_LIMIT) for c, t in frame.schema.items()
                if t == pl.String
            ).with_columns(  # Excel keeps milliseconds only: write exact ISO text instead
                pl.col(c).dt.to_string("%Y-%m-%d %H:%M:%S%.f") for c, t in frame.schema.items()
                if isinstance(t, pl.Datetime)
            )  # fmt: skip
            flat.write_excel(wb, worksheet=table[:31], autofit=False)
            if (
                table in ("responses", "flexibility_matrix")
                and "corrected" in flat.columns
                and flat.height
            ):
                _mark_corrections(wb.get_worksheet_by_name(table[:31]), flat, marked)
        d.write_excel(wb, worksheet=DICTIONARY)
    return path


def _mark_corrections(sheet: Any, frame: pl.DataFrame, marked: Any) -> None:
    """Fill yellow each cell whose column the row's ``corrected`` list names."""
    from xlsxwriter.utility import xl_col_to_name

    flag = xl_col_to_name(frame.columns.index("corrected"))
    for i, name in enumerate(frame.columns):
        if name in ("doc_id", "corrected"):
            continue
        sheet.conditional_format(
            1, i, frame.height, i,
            {"type": "formula", "criteria": f'=ISNUMBER(SEARCH("""{name}""",${flag}2))',
             "format": marked},
        )  # fmt: skip


def _dtype(text: str) -> pl.DataType:
    """A polars dtype from its ``str()`` (the data dictionary's ``polars_type``)."""
    m = re.fullmatch(r"List\((.*)\)", text)
    if m:
        return pl.List(_dtype(m.group(1)))
    m = re.fullmatch(r"Datetime\(time_unit='(\w+)', time_zone=(?:'([^']*)'|None)\)", text)
    if m:
        return pl.Datetime(m.group(1), m.group(2))
    m = re.fullmatch(r"Decimal\(precision=(\d+), scale=(\d+)\)", text)
    if m:
        return pl.Decimal(int(m.group(1)), int(m.group(2)))
    found = getattr(pl, text, None)
    return found() if isinstance(found, type) and issubclass(found, pl.DataType) else pl.String()


def read_tables(out_dir: str | os.PathLike[str], *, format: str = "csv") -> dict[str, pl.DataFrame]:  # noqa: A002
    """Every exported table, read back with its original types (one pass over a workbook)."""
    out = Path(out_dir)
    with (out / f"{DICTIONARY}.csv").open(encoding="utf-8") as fh:
        tables = list(dict.fromkeys(r["table"] for r in csv.DictReader(fh)))
    if format != "xlsx":
        return {t: read_table(out, t, format=format) for t in tables}
    sheets = pl.read_excel(out / WORKBOOK, sheet_id=0, engine="openpyxl", infer_schema_length=0)
    return {t: _typed(out, t, sheets[t[:31]], format) for t in tables}


def read_table(out_dir: str | os.PathLike[str], table: str, *, format: str = "csv") -> pl.DataFrame:  # noqa: A002
    """Read one exported table back with its original types (lists from JSON included)."""
    out = Path(out_dir)
    if format == "parquet":
        return pl.read_parquet(out / f"{table}.parquet")
    if format == "csv":
        frame = pl.read_csv(out / f"{table}.csv", infer_schema=False)
    else:
        frame = pl.read_excel(
            out / WORKBOOK, sheet_name=table[:31], engine="openpyxl", infer_schema_length=0
        )
    return _typed(out, table, frame, format)


def _typed(out: Path, table: str, frame: pl.DataFrame, format: str) -> pl.DataFrame:  # noqa: A002
    frame = frame.with_columns(pl.col(c).cast(pl.String) for c in frame.columns)
    with (out / f"{DICTIONARY}.csv").open(encoding="utf-8") as fh:
        types = {
            r["column"]: _dtype(r["polars_type"]) for r in csv.DictReader(fh) if r["table"] == table
        }
    exprs = []
    for c in frame.columns:
        t = types.get(c, pl.String())
        col = pl.col(c).replace("", None) if format == "xlsx" else pl.col(c)
        if isinstance(t, pl.List | pl.Struct):
            exprs.append(col.str.json_decode(t).alias(c))
        elif t == pl.Boolean:
            exprs.append(col.str.to_lowercase().replace_strict({"true": True, "false": False},
                                                                default=None, return_dtype=pl.Boolean).alias(c))  # fmt: skip
        elif isinstance(t, pl.Datetime):
            text = col.str.replace("T", " ")
            exprs.append(text.str.to_datetime(time_unit=t.time_unit, strict=False).alias(c))
        elif t == pl.Date:
            exprs.append(col.str.slice(0, 10).str.to_date(strict=False).alias(c))
        else:
            exprs.append(col.cast(t, strict=False).alias(c))
    return frame.select(exprs)
