"""The register as DuckDB tables: ``authorities``, ``authority_gss_codes``,
``ofsted_judgements`` and ``statistical_neighbours``, so joins are plain SQL.

>>> import duckdb
>>> con = duckdb.connect()
>>> install(con)
True
>>> install(con)  # already current: nothing to do
False
>>> con.execute("SELECT official_name FROM authorities WHERE dfe_la_code = '331'").fetchall()[0][0]
'Coventry City Council'
"""

from __future__ import annotations

import contextlib
import json
from importlib import resources
from typing import Any

import duckdb
import pyarrow as pa

from foicompare.authorities.register import packaged_version, register
from foicompare.authorities.trusts import TRUSTS, trust_rows

DDL_FILE = "002_authorities.sql"


def stored_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The register version loaded into a database, or None."""
    try:
        rows = con.execute("SELECT value FROM authority_register WHERE key = 'version'").fetchall()
    except duckdb.CatalogException:
        return None
    return rows[0][0] if rows else None


def _authority_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    auths, codes = [], []
    for a in register().authorities:
        x = a.extra
        auths.append(
            {
                "code": a.code,
                "gss_code": a.gss_code,
                "official_name": a.official_name,
                "short_name": a.short_name,
                "nation": a.nation,
                "region": a.region,
                "type": a.type,
                "type_name": a.type_name,
                "childrens_services": a.childrens_services,
                "current": a.current,
                "start_date": a.start_date,
                "end_date": a.end_date,
                "valid_to": x["valid_to"],
                "successors": list(a.successors),
                "successor_gss_codes": x["successor_gss_codes"],
                "predecessors": list(a.predecessors),
                "former_gss_codes": list(a.former_gss_codes),
                "newer_gss_codes": list(a.newer_gss_codes),
                "county": x["county"],
                "combined_authority": x["combined_authority"],
                "dfe_la_code": a.dfe_la_code,
                "ofsted_urn": a.ofsted_urn,
                "wdtk_id": x["wdtk_id"],
                "gov_uk_slug": x["gov_uk_slug"],
            }
        )
        if a.gss_code:
            codes.append(
                {"gss_code": a.gss_code, "code": a.code, "kind": "register", "valid_from": None}
            )
        codes += [
            {"gss_code": g, "code": a.code, "kind": "former", "valid_from": None}
            for g in a.former_gss_codes
        ]
        codes += [
            {"gss_code": g, "code": a.code, "kind": "newer", "valid_from": x["newer_gss_from"]}
            for g in a.newer_gss_codes
        ]
    return auths, codes


def _ofsted_rows() -> list[dict[str, Any]]:
    cols = register().raw["ofsted"]
    rename = {"local_authority_code": "code", "current_local_authority_code": "current_code"}
    n = len(cols["local_authority_code"])
    rows = []
    for i in range(n):
        row = {rename.get(k, k): v[i] for k, v in cols.items()}
        row["is_latest"] = row["is_latest"] == "yes"
        rows.append(row)
    return rows


def _neighbour_rows() -> list[dict[str, Any]]:
    cols = register().raw["neighbours"]
    rename = {
        "set": "neighbour_set",
        "local_authority_code": "code",
        "neighbour_local_authority_code": "neighbour_code",
    }
    n = len(cols["set"])
    return [{rename.get(k, k): v[i] for k, v in cols.items()} for i in range(n)]


def _load(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    con.execute(f"DELETE FROM {table}")
    if not rows:
        return
    view = f"_foicompare_load_{table}"
    con.register(view, pa.Table.from_pylist(rows))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        with contextlib.suppress(duckdb.Error):  # an aborted transaction: caller rolls back
            con.unregister(view)


def install(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Create or refresh the register tables; return True when rows were (re)written.

    Cheap when the database already holds this register version (one SELECT).
    """
    if not force and stored_version(con) == packaged_version():
        return _install_trusts(con)
    reg = register()
    ddl = resources.files("foicompare").joinpath("schema", DDL_FILE).read_text(encoding="utf-8")
    own_tx = True
    try:
        con.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:
        own_tx = False  # the caller's transaction covers us
    try:
        con.execute(ddl)
        auths, codes = _authority_rows()
        _load(con, "authorities", auths)
        _load(con, "authority_gss_codes", codes)
        _load(con, "ofsted_judgements", _ofsted_rows())
        _load(con, "statistical_neighbours", _neighbour_rows())
        _install_trusts(con, force=True)
        con.execute("DELETE FROM authority_register")
        con.execute(
            "INSERT INTO authority_register VALUES ('version', ?), ('attribution', ?)",
            [reg.version, json.dumps(reg.attribution)],
        )
        if own_tx:
            con.execute("COMMIT")
    except Exception:
        if own_tx:
            con.execute("ROLLBACK")
        raise
    return True


_TRUST_DDL = """
CREATE TABLE IF NOT EXISTS responding_bodies (
    body VARCHAR NOT NULL, body_key VARCHAR NOT NULL, code VARCHAR NOT NULL, gss_code VARCHAR,
    valid_from DATE NOT NULL, valid_to DATE, source VARCHAR,
    PRIMARY KEY (body_key, code, valid_from)
)
"""


def _install_trusts(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """(Re)write ``responding_bodies`` when its rows differ from the packaged trust table.

    The check reads only the small trust table (not the register), so opening an
    up-to-date dataset stays cheap.
    """
    con.execute(_TRUST_DDL)
    if not force:
        have = con.execute(
            "SELECT body_key, code, valid_from, valid_to FROM responding_bodies"
        ).fetchall()
        want = {(t.key, c, s.start, s.end) for t in TRUSTS for s in t.spans for c in s.councils}
        if set(have) == want:
            return False
    _load(con, "responding_bodies", trust_rows())
    return True
