"""One council beside its statistical neighbours (or its region, or councils of its type).

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> peers(ds.con, "Coventry")["la_code"].to_list()[:3]
['COV', 'DER', 'STH']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import duckdb
import polars as pl

from foicompare.analysis._db import MissingData, has_table

#: neighbour sets in the register: DfE's list as revised in June 2025, and the one before
NEIGHBOUR_SETS = ("current", "previous")


def resolve_code(con: duckdb.DuckDBPyConnection, code: str) -> str:
    """The register's code (``COV``) for a register code, any GSS code it has had, or a name.

    >>> import foicompare
    >>> ds = foicompare.open(":memory:")
    >>> [resolve_code(ds.con, c) for c in ("E08000026", "cov", "Coventry City Council")]
    ['COV', 'COV', 'COV']
    """
    if not has_table(con, "authorities"):
        raise MissingData("comparisons need the authorities register, which this dataset lacks")
    key = code.strip()
    rows = con.execute(
        """
        SELECT code FROM authorities WHERE upper(code) = upper(?)
        UNION ALL SELECT code FROM authority_gss_codes WHERE upper(gss_code) = upper(?)
        UNION ALL SELECT code FROM authorities
            WHERE lower(short_name) = lower(?) OR lower(official_name) = lower(?)
        """,
        [key, key, key, key],
    ).fetchall()
    if not rows:
        raise ValueError(
            f"no authority with code or name {code!r} in the register: use a GSS code "
            "(E08000026), the register's code (COV) or the council's name"
        )
    codes = list(dict.fromkeys(r[0] for r in rows))
    if len(codes) > 1:
        raise ValueError(f"{code!r} names more than one authority: {codes}; use its code")
    return codes[0]


def peers(
    con: duckdb.DuckDBPyConnection,
    code: str,
    with_: str | Sequence[str] = "neighbours",
    *,
    neighbour_set: str = "current",
) -> pl.DataFrame:
    """The council (``role='council'``, ``position`` 0) and its comparators.

    ``with_``: ``"neighbours"`` (DfE children's services statistical neighbours, ranked
    ``position`` 1–10), ``"region"`` or ``"type"`` (current councils with children's
    services in the same region / of the same type), or a list of codes or names.
    Columns: ``role, position, la_code, authority_code`` (current GSS code),
    ``authority_name``.
    """
    own = resolve_code(con, code)
    if isinstance(with_, str) and with_ == "neighbours":
        if neighbour_set not in NEIGHBOUR_SETS:
            raise ValueError(f"neighbour_set must be one of {NEIGHBOUR_SETS}")
        others = con.execute(
            "SELECT neighbour_code, position FROM statistical_neighbours"
            " WHERE code = ? AND neighbour_set = ? ORDER BY position",
            [own, neighbour_set],
        ).fetchall()
        if not others:
            raise ValueError(
                f"{code!r} ({own}) has no statistical neighbours in the register's "
                f"{neighbour_set!r} set: they exist for English children's services "
                "authorities only; try with_='region' or a list of codes"
            )
    elif isinstance(with_, str) and with_ in ("region", "type"):
        column = {"region": "region", "type": "type"}[with_]
        others = con.execute(
            f"SELECT code, row_number() OVER (ORDER BY short_name) FROM authorities"
            f" WHERE {column} = (SELECT {column} FROM authorities WHERE code = ?)"
            "   AND code <> ? AND current AND childrens_services ORDER BY short_name",
            [own, own],
        ).fetchall()
    elif isinstance(with_, str):
        raise ValueError(
            f"with_={with_!r}: use 'neighbours', 'region', 'type' or a list of councils"
        )
    else:
        others = [(resolve_code(con, c), i) for i, c in enumerate(with_, start=1)]
    members = [(own, 0, "council")] + [(c, p, "neighbour") for c, p in others if c != own]
    frame = pl.DataFrame(
        members, schema={"la_code": pl.String, "position": pl.Int64, "role": pl.String},
        orient="row",
    )  # fmt: skip
    names = pl.DataFrame(
        con.sql(
            "SELECT code AS la_code, gss_code AS authority_code, short_name AS authority_name"
            " FROM authorities"
        ).pl()  # fmt: skip
    )
    return frame.join(names, on="la_code", how="left").select(
        "role", "position", "la_code", "authority_code", "authority_name"
    )


def attach_la_code(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> pl.DataFrame:
    """Add the register's ``la_code`` to a frame keyed by ``authority_code`` (any GSS code)."""
    if "la_code" in frame.columns:
        return frame
    codes = pl.DataFrame(
        con.sql("SELECT gss_code AS authority_code, code AS la_code FROM authority_gss_codes").pl()
    )
    return frame.join(codes, on="authority_code", how="left")


def compare(
    con: duckdb.DuckDBPyConnection,
    code: str,
    metric: Callable[[], pl.DataFrame] | pl.DataFrame,
    with_: str | Sequence[str] = "neighbours",
    *,
    neighbour_set: str = "current",
) -> pl.DataFrame:
    """Rows of a per-authority frame for one council and its comparators, council first.

    ``metric`` is any frame keyed by ``authority_code`` (outcomes, exemptions or timeliness
    ``by="authority"``, the flexibility matrix, coverage...) or a function returning one.
    Comparators without any row still appear (with nulls), so a gap is visible.
    """
    group = peers(con, code, with_, neighbour_set=neighbour_set)
    frame = metric() if callable(metric) else metric
    if "authority_code" not in frame.columns:
        raise ValueError("compare needs a frame with an authority_code column")
    frame = attach_la_code(con, frame).drop("authority_name", strict=False)
    frame = frame.rename({"authority_code": "authority_code_seen"})
    joined = group.join(frame, on="la_code", how="left")
    # keep the council's code as the document gave it when it differs from today's
    joined = joined.with_columns(
        pl.coalesce("authority_code_seen", "authority_code").alias("authority_code")
    ).drop("authority_code_seen")
    return joined.sort("position", maintain_order=True)


def available(ds: Any) -> dict[str, Callable[..., pl.DataFrame]]:
    """The per-authority views a Dataset offers for :func:`compare`, by name."""
    out: dict[str, Callable[..., pl.DataFrame]] = {}
    if hasattr(ds, "outcomes"):
        out["outcomes"] = lambda **kw: ds.outcomes(by="authority", **kw)
    if hasattr(ds, "exemptions"):
        out["exemptions"] = lambda **kw: ds.exemptions(by="authority", **kw)
    if hasattr(ds, "timeliness"):
        out["timeliness"] = lambda **kw: ds.timeliness(by="authority", **kw)
    if hasattr(ds, "cost_hours"):
        out["cost_hours"] = lambda **kw: ds.cost_hours(**kw)
    if hasattr(ds, "flexibility_matrix"):
        out["flexibilities"] = lambda **kw: ds.flexibility_matrix(**kw)
    if hasattr(ds, "coverage"):
        out["coverage"] = lambda **kw: ds.coverage(**kw)
    return out
