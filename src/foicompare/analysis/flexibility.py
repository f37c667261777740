"""SI 2020/445 flexibilities across councils: one row per council per request (round robin).

A *round* is what councils were asked together: an Alaveteli batch or a same-title group
(``batches``), else a single request, else ``"documents"`` for stored letters not linked to
any request. Within a round each council is counted once, whatever it sent: an e-mail and the
letter attached to it, a response and the internal review that repeats it, all speak for one
answer. Per flexibility a council's value is ``used`` if any of its documents says so, else
``not used``, else ``withheld`` (refused under an exemption), else ``not stated``; its count is
the largest any one of its documents states (documents repeat each other, they do not add up).
A council asked (or, without a request list, any children's services authority existing on the
round's date) that sent nothing is a row with status ``no response``.

Councils are those of the round's date: a 2020 answer from North Yorkshire is the county
council's (E10000023) even when a later register names the 2023 unitary; ``successors`` names
today's councils beside it, and no council is counted twice.

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> matrix(ds.con, codes=["cppcr-visits-remote"]).columns[:4]
['request', 'request_title', 'authority_code', 'authority_name']
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import duckdb
import polars as pl

from foicompare.analysis._db import has_table
from foicompare.topics.vocabulary import codes as vocabulary_codes

USED, NOT_USED, NOT_STATED, WITHHELD, NO_RESPONSE = (
    "used",
    "not used",
    "not stated",
    "withheld",
    "no response",
)
#: order of precedence when a council's documents disagree (first wins)
STATUS_ORDER = (USED, NOT_USED, WITHHELD, NOT_STATED)
UNLINKED = "documents"

#: sign-off roles by seniority (first match wins), for ``sign_off_level``
SIGN_OFF_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("elected member", ("lead member", "cabinet", "councillor", "portfolio holder", "member for")),
    ("chief executive", ("chief executive",)),
    ("director", ("director of children", "dcs", "corporate director", "executive director",
                  "strategic director")),
    ("assistant director", ("assistant director", "deputy director")),
    ("head of service", ("head of", "service manager", "principal social worker")),
    ("board or team", ("board", "team", "command", "committee", "group", "panel")),
)  # fmt: skip


def sign_off_level(roles: Sequence[str] | None) -> str | None:
    """The most senior level among sign-off roles.

    >>> sign_off_level(["Senior Leadership Team", "Director of Children's Services"])
    'director'
    >>> sign_off_level([]) is None
    True
    """
    text = [r.lower() for r in roles or []]
    if not text:
        return None
    for level, words in SIGN_OFF_LEVELS:
        if any(w in r for r in text for w in words):
            return level
    return "other"


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# --- scope: which documents an analysis reads ----------------------------------------------------


def _round_of(con: duckdb.DuckDBPyConnection, request: str | int) -> tuple[str, str]:
    """``("batch", id)`` or ``("request", id)`` for a request filter value."""
    key = str(request)
    if key == UNLINKED:
        return ("round", UNLINKED)
    if has_table(con, "batches"):
        from foicompare.roundrobin import find_batch

        try:
            return ("round", find_batch(con, key))
        except KeyError:
            pass
    if has_table(con, "requests"):
        found = con.execute(
            "SELECT request_id FROM requests WHERE request_id = ? OR url_title = ? OR url = ?"
            " OR lower(title) = lower(?) LIMIT 1",
            [key, key, key, key],
        ).fetchall()
        if found:
            return ("request", found[0][0])
    raise KeyError(f"no request or round robin {request!r} in this dataset")


def doc_rounds(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every stored document with its round (``request``), request id and the round's date."""
    linked = has_table(con, "document_requests")
    if linked:
        frame = con.sql(
            "SELECT d.doc_id, coalesce(x.batch_id, x.request_id, ?) AS request,"
            " x.request_id, x.requested_at FROM documents d"
            " LEFT JOIN (SELECT doc_id, any_value(request_id) AS request_id,"
            "   any_value(batch_id) AS batch_id, min(requested_at) AS requested_at"
            "   FROM document_requests GROUP BY doc_id) x USING (doc_id)",
            params=[UNLINKED],
        ).pl()
    else:
        frame = con.sql(
            "SELECT doc_id, ? AS request, NULL::VARCHAR AS request_id,"
            " NULL::TIMESTAMP AS requested_at FROM documents",
            params=[UNLINKED],
        ).pl()
    return frame


def scope_doc_ids(
    con: duckdb.DuckDBPyConnection,
    *,
    request: str | int | None = None,
    batch: str | int | None = None,
    since: Any = None,
    until: Any = None,
) -> list[str] | None:
    """The documents an analysis should read, or None for all of them.

    ``request``: a round robin (batch id, Alaveteli batch number or title) or one request
    (id, url_title or title); ``batch``: a round robin; ``since``/``until``: the response's
    date (inclusive, ISO dates or ``datetime.date``).

    >>> import foicompare
    >>> scope_doc_ids(foicompare.open(":memory:").con, since="2020-07-01")
    []
    """
    if request is None and batch is None and since is None and until is None:
        return None
    docs = doc_rounds(con)
    for value in (request, batch):
        if value is None:
            continue
        kind, key = _round_of(con, value)
        col = "request" if kind == "round" else "request_id"
        docs = docs.filter(pl.col(col) == key)
    if since is not None or until is not None:
        dates = con.sql(
            "SELECT doc_id, date FROM responses_corrected"
            if has_table(con, "responses_corrected")
            else "SELECT doc_id, date FROM responses"
        ).pl()
        docs = docs.join(dates, on="doc_id", how="left")
        if since is not None:
            docs = docs.filter(pl.col("date") >= _date(since))
        if until is not None:
            docs = docs.filter(pl.col("date") <= _date(until))
    return docs["doc_id"].to_list()


# --- the register as at a date -----------------------------------------------------------------


def _register(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    if not has_table(con, "authorities"):
        return pl.DataFrame(
            schema={"code": pl.String, "gss_code": pl.String, "short_name": pl.String,
                    "region": pl.String, "start_date": pl.Date, "end_date": pl.Date,
                    "successors": pl.List(pl.String), "predecessors": pl.List(pl.String),
                    "childrens_services": pl.Boolean}
        )  # fmt: skip
    return con.sql(
        "SELECT code, gss_code, short_name, region, start_date, end_date, successors,"
        " predecessors, childrens_services FROM authorities"
    ).pl()


def _gss_to_code(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    if not has_table(con, "authority_gss_codes"):
        return {}
    return dict(con.execute("SELECT gss_code, code FROM authority_gss_codes").fetchall())


def _exists(row: dict[str, Any], on: dt.date) -> bool:
    start, end = row.get("start_date"), row.get("end_date")
    return (start is None or start <= on) and (end is None or end > on)


class _Boundaries:
    """Councils as at a date: maps any code to the council that existed then."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        reg = _register(con)
        self.rows = {r["code"]: r for r in reg.iter_rows(named=True)}
        self.by_gss = _gss_to_code(con)
        for r in self.rows.values():
            if r["gss_code"]:
                self.by_gss.setdefault(r["gss_code"], r["code"])

    def at(self, gss: str | None, on: dt.date) -> str | None:
        """The register code of the council answering for ``gss`` on ``on``."""
        code = self.by_gss.get(gss or "")
        if code is None:
            return None
        row = self.rows.get(code)
        seen = 0
        while row is not None and not _exists(row, on) and seen < 4:
            seen += 1
            if row["start_date"] is not None and row["start_date"] > on:
                # a newer council: the children's services predecessor existing on the date
                older = [self.rows.get(p) for p in row["predecessors"] or []]
                older = [o for o in older if o and o["childrens_services"]]
                row = next((o for o in older if _exists(o, on)), older[0] if older else None)
            else:
                newer = [self.rows.get(s) for s in row["successors"] or []]
                row = newer[0] if len(newer) == 1 else None
        return row["code"] if row is not None else code

    def expected(self, on: dt.date) -> list[str]:
        """Children's services councils existing on ``on`` (register codes)."""
        return [c for c, r in self.rows.items() if r["childrens_services"] and _exists(r, on)]

    def successors(self, code: str, on: dt.date) -> str | None:
        """Today's councils for a council that has since been replaced, by name."""
        out, todo, seen = [], list(self.rows.get(code, {}).get("successors") or []), set()
        while todo:
            c = todo.pop(0)
            if c in seen or c not in self.rows:
                continue
            seen.add(c)
            nxt = self.rows[c]["successors"] or []
            if nxt and self.rows[c]["end_date"] is not None:
                todo.extend(nxt)
            else:
                out.append(self.rows[c]["short_name"])
        return "; ".join(out) or None


# --- the long table: one row per round, council and flexibility ---------------------------------


def _usage(con: duckdb.DuckDBPyConnection, doc_ids: list[str] | None) -> pl.DataFrame:
    rel = "flexibility_usage_corrected"
    if not has_table(con, rel):
        rel = "flexibility_usage"
    cols = (
        "doc_id, authority_code, code, used, uses, by_month, suppressed, response_date,"
        " evidence_start, evidence_end"
    )
    extra = (
        ", status, confidence, needs_review, corrected, period"
        if rel == "flexibility_usage_corrected"
        else ", CASE WHEN used THEN 'used' WHEN NOT used THEN 'not used' ELSE 'not stated' END"
        " AS status, NULL::DOUBLE AS confidence, false AS needs_review, false AS corrected,"
        " NULL::VARCHAR AS period"
    )
    where, params = "", []
    if doc_ids is not None:
        where, params = " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
    return con.sql(f"SELECT {cols}{extra} FROM {rel}{where}", params=params or None).pl()


def _responses(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    rel = "responses_corrected" if has_table(con, "responses_corrected") else "responses"
    return con.sql(
        f"SELECT doc_id, authority_code, date, received, outcome, document_type FROM {rel}"
    ).pl()


def rounds(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The rounds with answers about the flexibilities: ``request``, ``title``, ``date``,
    ``documents`` (largest first)."""
    docs = doc_rounds(con)
    flex = con.sql("SELECT DISTINCT doc_id FROM flexibility_usage").pl()
    if has_table(con, "flexibility_responses"):
        flex = pl.concat(
            [flex, con.sql("SELECT DISTINCT doc_id FROM flexibility_responses").pl()]
        ).unique()
    docs = docs.join(flex, on="doc_id", how="semi")
    if docs.is_empty():
        return pl.DataFrame(
            schema={"request": pl.String, "title": pl.String, "date": pl.Date,
                    "documents": pl.UInt32}
        )  # fmt: skip
    out = docs.group_by("request").agg(
        pl.len().alias("documents"), pl.col("requested_at").min().alias("requested_at")
    )
    titles = {}
    if has_table(con, "batches"):
        titles.update(dict(con.execute("SELECT batch_id, title FROM batches").fetchall()))
    if has_table(con, "requests"):
        titles.update(dict(con.execute("SELECT request_id, title FROM requests").fetchall()))
    resp = _responses(con).join(docs.select("doc_id", "request"), on="doc_id")
    first = resp.group_by("request").agg(
        pl.coalesce(pl.col("received").min(), pl.col("date").min()).alias("first_date")
    )
    out = out.join(first, on="request", how="left")
    out = out.with_columns(
        pl.col("request").replace_strict(titles, default=None).alias("title"),
        pl.coalesce(pl.col("requested_at").cast(pl.Date), pl.col("first_date")).alias("date"),
    )
    out = out.with_columns(
        pl.when(pl.col("request") == UNLINKED)
        .then(pl.lit("documents not linked to a request"))
        .otherwise(pl.col("title"))
        .alias("title")
    )
    return out.select("request", "title", "date", "documents").sort(
        "documents", "request", descending=[True, False]
    )


def long(
    con: duckdb.DuckDBPyConnection,
    *,
    request: str | int | None = None,
    batch: str | int | None = None,
    since: Any = None,
    until: Any = None,
    codes: Sequence[str] | None = None,
) -> pl.DataFrame:
    """One row per (round, council, flexibility): ``status`` (used / not used / not stated /
    withheld / no response), ``uses``, ``by_month``, ``period``, ``suppressed``,
    ``confidence``, ``needs_review``, ``corrected``, the evidence (``evidence_doc_id``,
    ``evidence_start``, ``evidence_end``: a span of that document's text) and ``doc_ids``
    (every document of the council in the round that speaks of it) - see the module."""
    known = vocabulary_codes()
    wanted = list(codes) if codes is not None else list(known)
    bad = [c for c in wanted if c not in known]
    if bad:
        raise ValueError(f"unknown flexibility code(s) {bad}")
    scope = scope_doc_ids(con, request=request, batch=batch, since=since, until=until)
    docs = doc_rounds(con)
    if scope is not None:
        docs = docs.filter(pl.col("doc_id").is_in(scope))
    usage = _usage(con, scope).filter(pl.col("code").is_in(wanted))
    resp = _responses(con)
    info = rounds(con)
    if request is not None or batch is not None:
        for value in (request, batch):
            if value is not None:
                kind, found = _round_of(con, value)
                if kind == "request":  # one request: its round, this request's documents
                    rows = doc_rounds(con).filter(pl.col("request_id") == found)
                    found = rows["request"][0] if rows.height else found
                info = info.filter(pl.col("request") == found)
    bounds = _Boundaries(con)
    round_date = {r["request"]: (r["date"] or dt.date.today()) for r in info.iter_rows(named=True)}
    asked = _asked(con, bounds, round_date)
    # every answering document of a round, under its council as at the round's date
    about = con.sql(
        "SELECT doc_id FROM flexibility_usage UNION SELECT doc_id FROM flexibility_responses"
        if has_table(con, "flexibility_responses")
        else "SELECT DISTINCT doc_id FROM flexibility_usage"
    ).pl()
    answering = (
        docs.join(about, on="doc_id", how="semi")
        .join(resp.select("doc_id", "authority_code", "outcome"), on="doc_id", how="left")
        .filter(pl.col("request").is_in(list(round_date)))
    )
    answering = answering.with_columns(
        pl.struct("authority_code", "request")
        .map_elements(
            lambda s: (
                bounds.at(s["authority_code"], round_date[s["request"]]) or s["authority_code"]
            ),
            return_dtype=pl.String,
        )
        .alias("council")
    )
    usage = usage.join(answering.select("doc_id", "request", "council", "outcome"), on="doc_id")
    rows: list[dict[str, Any]] = []
    per = {}
    for r in usage.iter_rows(named=True):
        per.setdefault((r["request"], r["council"], r["code"]), []).append(r)
    refused = {
        (r["request"], r["council"])
        for r in answering.iter_rows(named=True)
        if r["outcome"] == "refused"
    }
    councils: dict[str, set[str]] = {k: set() for k in round_date}
    for r in answering.iter_rows(named=True):
        if r["council"]:
            councils[r["request"]].add(r["council"])
    for key in round_date:
        for c in asked.get(key, set()):
            councils[key].add(c)
    answered = {(r["request"], r["council"]) for r in answering.iter_rows(named=True)}
    for key, members in councils.items():
        for council in sorted(members):
            replied = (key, council) in answered
            for code in wanted:
                got = per.get((key, council, code), [])
                rows.append(_combine(key, council, code, got, replied, (key, council) in refused))
    schema = {
        "request": pl.String, "council": pl.String, "code": pl.String, "status": pl.String,
        "uses": pl.Int64, "by_month": pl.String, "suppressed": pl.Boolean,
        "needs_review": pl.Boolean, "corrected": pl.Boolean, "doc_ids": pl.List(pl.String),
        "period": pl.String, "confidence": pl.Float64, "evidence_doc_id": pl.String,
        "evidence_start": pl.Int64, "evidence_end": pl.Int64,
    }  # fmt: skip
    out = pl.DataFrame(rows, schema=schema)
    names = {c: (r["gss_code"], r["short_name"], r["region"]) for c, r in bounds.rows.items()}
    return out.with_columns(
        pl.col("council")
        .replace_strict({c: v[0] for c, v in names.items()}, default=pl.col("council"))
        .alias("authority_code"),
        pl.col("council")
        .replace_strict({c: v[1] for c, v in names.items()}, default=None)
        .alias("authority_name"),
        pl.col("council")
        .replace_strict({c: v[2] for c, v in names.items()}, default=None)
        .alias("region"),
        pl.struct("council", "request")
        .map_elements(
            lambda s: bounds.successors(s["council"], round_date[s["request"]]),
            return_dtype=pl.String,
        )
        .alias("successors"),
    )


def _asked(
    con: duckdb.DuckDBPyConnection, bounds: _Boundaries, round_date: dict[str, dt.date]
) -> dict[str, set[str]]:
    """Councils each round went to: its requests' councils, else the register on its date."""
    out: dict[str, set[str]] = {}
    by_round: dict[str, list[str]] = {}
    if has_table(con, "requests"):
        for batch_id, request_id, code in con.execute(
            "SELECT batch_id, request_id, authority_code FROM requests"
        ).fetchall():
            key = batch_id if batch_id in round_date else request_id
            if key in round_date and code:
                by_round.setdefault(key, []).append(code)
    for key, on in round_date.items():
        if key in by_round:
            out[key] = {c for g in by_round[key] if (c := bounds.at(g, on))}
        elif key == UNLINKED:
            out[key] = set(bounds.expected(on))
    return out


def _combine(
    request: str, council: str, code: str, got: list[dict], replied: bool, refused: bool
) -> dict[str, Any]:
    """One council's value for one flexibility from all its documents in the round."""
    if not replied:
        status = NO_RESPONSE
    else:
        states = {g["status"] for g in got}
        status = next((s for s in STATUS_ORDER if s in states), None)
        if status is None or (status == NOT_STATED and refused):
            status = WITHHELD if refused else NOT_STATED
    best = None
    if status == USED:
        used = [g for g in got if g["status"] == USED]
        best = max(used, key=lambda g: (g["corrected"], g["uses"] is not None, g["uses"] or 0))
    said = [g for g in got if g["status"] == status]
    source = best or (max(said, key=lambda g: g["confidence"] or 0) if said else None)
    return {
        "request": request,
        "council": council,
        "code": code,
        "status": status,
        "uses": best["uses"] if best else None,
        "by_month": best["by_month"] if best else None,
        "suppressed": bool(best and best["suppressed"]),
        "needs_review": any(g["needs_review"] for g in got),
        "corrected": any(g["corrected"] for g in got),
        "doc_ids": sorted({g["doc_id"] for g in got}),
        "period": source["period"] if source else None,
        "confidence": source["confidence"] if source else None,
        "evidence_doc_id": source["doc_id"] if source else None,
        "evidence_start": source["evidence_start"] if source else None,
        "evidence_end": source["evidence_end"] if source else None,
    }


# --- the public views ---------------------------------------------------------------------------


def governance(
    con: duckdb.DuckDBPyConnection,
    *,
    request: str | int | None = None,
    batch: str | int | None = None,
    since: Any = None,
    until: Any = None,
) -> pl.DataFrame:
    """One row per council per round: ``sign_off`` (roles), ``sign_off_level``,
    ``ofsted_informed`` (True/False/None), ``ofsted_when``, ``decision_level``
    (authority_wide / case_by_case), ``governance_corrected`` and ``governance_doc_ids``."""
    base = _councils(con, request=request, batch=batch, since=since, until=until)
    rel = (
        "flexibility_responses_corrected"
        if has_table(con, "flexibility_responses_corrected")
        else "flexibility_responses"
    )
    has_corr = rel.endswith("_corrected")
    gov = con.sql(
        f"SELECT doc_id, sign_off, ofsted_informed,"
        f" {'ofsted_when' if has_corr else 'NULL::VARCHAR AS ofsted_when'}, decision_level,"
        f" {'corrected' if has_corr else '[]::VARCHAR[] AS corrected'} FROM {rel}"
    ).pl()
    docs = base.explode("all_doc_ids").rename({"all_doc_ids": "doc_id"})
    joined = docs.join(gov, on="doc_id", how="inner")
    agg = joined.group_by("request", "council").agg(
        pl.col("sign_off")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .unique(maintain_order=True)
        .alias("sign_off"),
        pl.when(pl.col("ofsted_informed").any())
        .then(True)
        .when((~pl.col("ofsted_informed")).any())
        .then(False)
        .otherwise(None)
        .alias("ofsted_informed"),
        pl.col("ofsted_when").drop_nulls().first().alias("ofsted_when"),
        pl.when((pl.col("decision_level") == "case_by_case").any())
        .then(pl.lit("case_by_case"))
        .when((pl.col("decision_level") == "authority_wide").any())
        .then(pl.lit("authority_wide"))
        .otherwise(None)
        .alias("decision_level"),
        (pl.col("corrected").list.len() > 0).any().alias("governance_corrected"),
        pl.col("doc_id").unique().sort().alias("governance_doc_ids"),
    )
    out = base.drop("all_doc_ids").join(agg, on=["request", "council"], how="left")
    return out.with_columns(
        pl.col("sign_off")
        .map_elements(lambda r: sign_off_level(list(r)), return_dtype=pl.String)
        .alias("sign_off_level"),
        pl.col("governance_corrected").fill_null(False),
    )


def _councils(con: duckdb.DuckDBPyConnection, **scope: Any) -> pl.DataFrame:
    """One row per round and council with its response status and documents."""
    frame = long(con, codes=[vocabulary_codes()[0]], **scope)
    titles = dict(rounds(con).select("request", "title").iter_rows())
    docs = doc_rounds(con)
    resp = _responses(con)
    b = _Boundaries(con)
    dates = {r["request"]: r["date"] for r in rounds(con).iter_rows(named=True)}
    all_docs = (
        docs.join(resp.select("doc_id", "authority_code"), on="doc_id")
        .filter(pl.col("request").is_in(list(dates)))
        .with_columns(
            pl.struct("authority_code", "request")
            .map_elements(
                lambda s: (
                    b.at(s["authority_code"], dates[s["request"]] or dt.date.today())
                    or s["authority_code"]
                ),
                return_dtype=pl.String,
            )
            .alias("council")
        )
    )
    if scope.get("since") is not None or scope.get("until") is not None:
        keep = scope_doc_ids(con, **scope) or []
        all_docs = all_docs.filter(pl.col("doc_id").is_in(keep))
    flex_docs = con.sql(
        "SELECT doc_id FROM flexibility_usage UNION SELECT doc_id FROM flexibility_responses"
        if has_table(con, "flexibility_responses")
        else "SELECT DISTINCT doc_id FROM flexibility_usage"
    ).pl()
    all_docs = all_docs.join(flex_docs, on="doc_id", how="semi")
    per = all_docs.group_by("request", "council").agg(
        pl.col("doc_id").unique().sort().alias("all_doc_ids")
    )
    out = frame.select(
        "request", "council", "authority_code", "authority_name", "region", "successors",
        (pl.col("status") != NO_RESPONSE).alias("responded"),
    ).join(per, on=["request", "council"], how="left")  # fmt: skip
    return out.with_columns(
        pl.col("request").replace_strict(titles, default=None).alias("request_title"),
        pl.when(pl.col("responded"))
        .then(pl.lit("responded"))
        .otherwise(pl.lit(NO_RESPONSE))
        .alias("response"),
        pl.col("all_doc_ids").fill_null([]),
    ).drop("responded")


def matrix(
    con: duckdb.DuckDBPyConnection,
    *,
    request: str | int | None = None,
    batch: str | int | None = None,
    since: Any = None,
    until: Any = None,
    codes: Sequence[str] | None = None,
    labels: bool = True,
) -> pl.DataFrame:
    """Councils × flexibilities, one row per council per round (see module).

    Columns: ``request``, ``request_title``, ``authority_code``, ``authority_name``,
    ``region``, ``successors``, ``response`` (responded / no response), the governance
    (``sign_off``, ``sign_off_level``, ``ofsted_informed``, ``ofsted_when``,
    ``decision_level``), ``needs_review`` and ``corrected`` (codes with such values),
    ``doc_ids``, then one column per code: used / not used / not stated / withheld /
    no response (``labels=False``: True / False / None).
    """
    wanted = list(codes) if codes is not None else list(vocabulary_codes())
    scope = {"request": request, "batch": batch, "since": since, "until": until}
    frame = long(con, codes=wanted, **scope)
    gov = governance(con, **scope)
    wide = (
        frame.pivot(on="code", index=["request", "council"], values="status")
        if frame.height
        else pl.DataFrame(schema={"request": pl.String, "council": pl.String})
    )
    for c in wanted:
        if c not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.String).alias(c))
    flags = frame.group_by("request", "council").agg(
        pl.col("code").filter(pl.col("needs_review")).alias("needs_review"),
        pl.col("code").filter(pl.col("corrected")).alias("corrected"),
    )
    out = (
        gov.join(flags, on=["request", "council"], how="left")
        .join(wide.select("request", "council", *wanted), on=["request", "council"], how="left")
        .rename({"governance_doc_ids": "doc_ids"})
    )
    lead = ["request", "request_title", "authority_code", "authority_name", "region",
            "successors", "response", "sign_off", "sign_off_level", "ofsted_informed",
            "ofsted_when", "decision_level", "needs_review", "corrected", "doc_ids"]  # fmt: skip
    out = out.with_columns(pl.col("doc_ids").fill_null([]))
    out = out.select(*lead, *wanted).sort("request", "region", "authority_name", nulls_last=True)
    if not labels:
        out = out.with_columns(
            pl.when(pl.col(c) == USED).then(True).when(pl.col(c) == NOT_USED).then(False)
            .otherwise(None).alias(c)
            for c in wanted
        )  # fmt: skip
    return out


def counts(
    con: duckdb.DuckDBPyConnection,
    *,
    by: str = "month",
    request: str | int | None = None,
    batch: str | int | None = None,
    since: Any = None,
    until: Any = None,
) -> pl.DataFrame:
    """Per code (``by="code"``): ``authorities_used``, ``authorities_not_used``,
    ``authorities_not_stated``, ``authorities_withheld``, ``no_response``, ``responded``,
    ``share_used`` (of councils that responded), ``uses`` (each council's count once),
    ``suppressed``; per code and month (``by="month"``): ``uses``, ``authorities``. Both
    carry ``request``. Each council counts once per round, however many documents it sent."""
    if by not in ("month", "code"):
        raise ValueError(f"by must be 'month' or 'code', not {by!r}")
    frame = long(con, request=request, batch=batch, since=since, until=until)
    if by == "code":
        out = frame.group_by("request", "code").agg(
            (pl.col("status") == USED).sum().alias("authorities_used"),
            (pl.col("status") == NOT_USED).sum().alias("authorities_not_used"),
            (pl.col("status") == NOT_STATED).sum().alias("authorities_not_stated"),
            (pl.col("status") == WITHHELD).sum().alias("authorities_withheld"),
            (pl.col("status") == NO_RESPONSE).sum().alias("no_response"),
            (pl.col("status") != NO_RESPONSE).sum().alias("responded"),
            pl.col("uses").filter(pl.col("status") == USED).sum().alias("uses"),
            pl.col("suppressed").sum().alias("suppressed"),
        )
        cast = ["authorities_used", "authorities_not_used", "authorities_not_stated",
                "authorities_withheld", "no_response", "responded", "suppressed"]  # fmt: skip
        out = out.with_columns(pl.col(c).cast(pl.Int64) for c in cast)
        out = out.with_columns(
            (pl.col("authorities_used") / pl.col("responded")).fill_nan(None).alias("share_used")
        )
        return out.sort(["request", "authorities_used", "code"], descending=[False, True, False])
    rows = []
    for r in frame.filter(pl.col("status") == USED).iter_rows(named=True):
        for month, n in json.loads(r["by_month"] or "{}").items():
            if n is not None:
                rows.append((r["request"], r["code"], month, int(n), r["council"]))
    long_frame = pl.DataFrame(
        rows,
        schema={"request": pl.String, "code": pl.String, "month": pl.String,
                "uses": pl.Int64, "council": pl.String},
        orient="row",
    )  # fmt: skip
    return (
        long_frame.group_by("request", "code", "month")
        .agg(pl.col("uses").sum(), pl.col("council").n_unique().cast(pl.Int64).alias("authorities"))
        .sort("request", "code", "month")
    )


def review(con: duckdb.DuckDBPyConnection, *, limit: int | None = None) -> pl.DataFrame:
    """Values that need a human look (low confidence, not yet corrected), with the sentence
    they were read from: ``doc_id``, ``filename``, ``authority_code``, ``code``, ``status``,
    ``uses``, ``confidence``, ``evidence`` (the text of the evidence span)."""
    rel = "flexibility_usage_corrected"
    sql = (
        "SELECT u.doc_id, d.filename, u.authority_code, u.code, u.status, u.uses, u.confidence,"
        " CASE WHEN u.evidence_start IS NOT NULL THEN"
        "   substr(t.text, u.evidence_start + 1, least(u.evidence_end - u.evidence_start, 400))"
        " END AS evidence"
        f" FROM {rel} u LEFT JOIN texts t USING (doc_id) LEFT JOIN documents d USING (doc_id)"
        " WHERE u.needs_review AND NOT u.corrected"
        " ORDER BY u.confidence, d.filename, u.code"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    frame = con.sql(sql).pl()
    return frame.with_columns(
        pl.col("evidence").map_elements(lambda s: " ".join(s.split()), return_dtype=pl.String)
    )
