"""Cross-authority views of ``flexibility_usage``: the authorities × codes matrix and counts.

>>> import duckdb
>>> con = duckdb.connect(":memory:")
>>> _ = con.execute(open_schema())
>>> _ = con.execute("INSERT INTO flexibility_usage (doc_id, authority_code, code, used, by_month)"
...     " VALUES ('d1', 'E08000026', 'cppcr-visits-remote', true, '{\\"2020-05\\": 4}')")
>>> m = matrix(con, codes=["cppcr-visits-remote", "ch-contact-remote"])
>>> m.row(0)
('E08000026', None, 'used', 'unknown')
>>> counts(con, by="month").row(0)
('cppcr-visits-remote', '2020-05', 4, 1)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Literal

import duckdb
import polars as pl

from foicompare.topics.vocabulary import load

USED, NOT_USED, UNKNOWN = "used", "not used", "unknown"


def open_schema() -> str:
    """The DDL of ``flexibility_usage`` (migration 004), for tests and doctests."""
    return resources.files("foicompare.schema").joinpath("004_flexibilities.sql").read_text("utf-8")


def _pl(con: duckdb.DuckDBPyConnection, query: str) -> pl.DataFrame:
    return con.sql(query).pl()


def _has_columns(con: duckdb.DuckDBPyConnection, table: str, cols: set[str]) -> bool:
    have = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    }
    return cols <= have


def _per_authority(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per (authority_code, code): any document saying used -> used, else not used."""
    return _pl(
        con,
        "SELECT authority_code, code, bool_or(used) AS used FROM flexibility_usage"
        " WHERE authority_code IS NOT NULL GROUP BY ALL",
    )


def _authorities(con: duckdb.DuckDBPyConnection, known: pl.DataFrame) -> pl.DataFrame:
    """Current children's services authorities (``authority_code``, ``authority_name``), plus any
    other authority that has answers; falls back to the answering authorities alone."""
    if _has_columns(con, "authorities", {"gss_code", "childrens_services", "current"}):
        name = "short_name" if _has_columns(con, "authorities", {"short_name"}) else "gss_code"
        base = _pl(
            con,
            f"SELECT gss_code AS authority_code, {name} AS authority_name FROM authorities"
            " WHERE childrens_services AND current AND gss_code IS NOT NULL AND gss_code <> ''"
            " ORDER BY authority_name",
        )
        extra = known.select("authority_code").unique().join(base, on="authority_code", how="anti")
        if extra.height and _has_columns(con, "authority_gss_codes", {"gss_code", "code"}):
            names = _pl(
                con,
                f"SELECT g.gss_code AS authority_code, a.{name} AS authority_name"
                " FROM authority_gss_codes g JOIN authorities a ON a.code = g.code",
            )
            extra = extra.join(names, on="authority_code", how="left")
        else:
            extra = extra.with_columns(pl.lit(None, pl.String).alias("authority_name"))
        return pl.concat([base, extra.select(base.columns)]).unique(
            "authority_code", keep="first", maintain_order=True
        )
    return (
        known.select("authority_code")
        .unique()
        .sort("authority_code")
        .with_columns(pl.lit(None, pl.String).alias("authority_name"))
    )


def matrix(
    con: duckdb.DuckDBPyConnection,
    *,
    codes: Sequence[str] | None = None,
    labels: bool = True,
) -> pl.DataFrame:
    """Authorities × flexibility codes: ``"used"``, ``"not used"`` or ``"unknown"``.

    Rows: every current children's services authority in ``authorities`` (when that table
    exists) plus any other authority with answers; columns ``authority_code``,
    ``authority_name`` then one per code (vocabulary order, or ``codes``). An authority counts
    as having used a flexibility if any of its documents says so. ``labels=False`` gives
    nullable booleans instead of text.
    """
    vocab = load()
    wanted = list(codes) if codes is not None else list(vocab.codes)
    unknown = [c for c in wanted if c not in vocab.by_code]
    if unknown:
        raise ValueError(f"unknown flexibility code(s) {unknown}")
    known = _per_authority(con)
    people = _authorities(con, known)
    wide = (
        known.filter(pl.col("code").is_in(wanted)).pivot(
            on="code", index="authority_code", values="used"
        )
        if known.height
        else pl.DataFrame({"authority_code": []}, schema={"authority_code": pl.String})
    )
    for c in wanted:
        if c not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.Boolean).alias(c))
    out = people.join(wide.select("authority_code", *wanted), on="authority_code", how="left")
    if labels:
        out = out.with_columns(
            pl.when(pl.col(c)).then(pl.lit(USED)).when(~pl.col(c)).then(pl.lit(NOT_USED))
            .otherwise(pl.lit(UNKNOWN)).alias(c)
            for c in wanted
        )  # fmt: skip
    return out


def counts(
    con: duckdb.DuckDBPyConnection, *, by: Literal["month", "code"] = "month"
) -> pl.DataFrame:
    """Uses by ``code`` and ``month`` (``uses``, ``authorities``), or per ``code`` overall
    (``authorities_used``, ``authorities_not_used``, ``uses``, ``suppressed``)."""
    if by == "code":
        return _pl(
            con,
            "SELECT code,"
            " count(DISTINCT authority_code) FILTER (WHERE used) AS authorities_used,"
            " count(DISTINCT authority_code) FILTER (WHERE NOT used) AS authorities_not_used,"
            " CAST(sum(uses) FILTER (WHERE used) AS BIGINT) AS uses,"
            " count(*) FILTER (WHERE suppressed) AS suppressed"
            " FROM flexibility_usage GROUP BY code ORDER BY authorities_used DESC, code",
        )
    if by != "month":
        raise ValueError(f"by must be 'month' or 'code', not {by!r}")
    rows = con.execute(
        "SELECT code, authority_code, doc_id, by_month FROM flexibility_usage"
        " WHERE used AND by_month IS NOT NULL"
    ).fetchall()
    long = [
        {"code": code, "authority_code": auth or doc, "month": month, "uses": int(n)}
        for code, auth, doc, months in rows
        for month, n in json.loads(months or "{}").items()
    ]
    schema = {"code": pl.String, "authority_code": pl.String, "month": pl.String, "uses": pl.Int64}
    frame = pl.DataFrame(long, schema=schema)
    return (
        frame.group_by("code", "month")
        .agg(pl.col("uses").sum(), pl.col("authority_code").n_unique().alias("authorities"))
        .with_columns(pl.col("authorities").cast(pl.Int64))
        .sort("code", "month")
    )
