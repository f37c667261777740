"""Altair charts of the comparisons (Altair is also polars' own ``DataFrame.plot`` backend).

Each function takes a :class:`foicompare.Dataset` (and queries it) or the DataFrame the
chart is drawn from, and returns an ``altair.Chart`` that shows inline in Jupyter. With no
network (no CDN for the Vega JavaScript), call :func:`use_offline_renderer` first: charts
then render as static SVG through ``vl-convert``, in the kernel.

>>> import polars as pl
>>> frame = pl.DataFrame({"region": ["London"], "outcome": ["refused"], "responses": [3],
...                       "share": [1.0]})
>>> outcomes_by_region(frame).to_dict()["mark"]["type"]
'bar'
>>> svg = to_svg(outcomes_by_region(frame))
>>> svg.startswith("<svg") and "London" in svg
True
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import polars as pl

from foicompare.analysis import OUTCOME_ORDER

#: Vega-Lite version matching the installed Altair, for vl-convert
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

OUTCOME_COLOURS = {
    "successful": "#1a9850",
    "partially_successful": "#a6d96a",
    "refused": "#d73027",
    "not_held": "#fdae61",
    "unclassified": "#bdbdbd",
}
WIDTH = 560


def use_offline_renderer() -> None:
    """Render charts in notebooks as SVG made in the kernel (no JavaScript, no network).

    Also lifts Altair's 5,000-row guard: a heatmap of 153 authorities × 53 codes is 8,109 cells.
    """
    alt.renderers.enable("svg")
    alt.data_transformers.disable_max_rows()


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as a static SVG string (vl-convert; no browser, no network)."""
    import vl_convert as vlc

    with alt.data_transformers.disable_max_rows():
        spec = chart.to_dict()
    return vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)


def _frame(data: Any, method: str, **kwargs: Any) -> pl.DataFrame:
    """``data`` if it is a frame, else ``data.<method>(**kwargs)`` (a Dataset)."""
    if isinstance(data, pl.DataFrame):
        return data
    return getattr(data, method)(**kwargs)


def _plain(frame: pl.DataFrame) -> pl.DataFrame:
    """Drop list/struct columns (provenance) that Vega-Lite data does not need."""
    keep = [c for c, t in frame.schema.items() if not isinstance(t, pl.List | pl.Struct | pl.Array)]
    return frame.select(keep)


def _empty(title: str, message: str = "no data in this dataset") -> alt.Chart:
    return (
        alt.Chart(pl.DataFrame({"text": [message]}), title=title)
        .mark_text(size=14, color="#666")
        .encode(text="text:N")
        .properties(width=WIDTH, height=60)
    )


def outcomes_by_region(data: Any, *, by: str = "region") -> alt.Chart:
    """Stacked bars: share of decisions by outcome in each region (or ``by`` group).

    ``data``: a Dataset, or ``ds.outcomes(by=...)`` (long format).
    """
    frame = _plain(_frame(data, "outcomes", by=by))
    title = f"Outcomes by {by.replace('_', ' ')}"
    if frame.is_empty():
        return _empty(title)
    order = [o for o in OUTCOME_ORDER if o in frame["outcome"].to_list()]
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            y=alt.Y(f"{by}:N", title=None, sort="ascending"),
            x=alt.X(
                "responses:Q",
                stack="normalize",
                title="share of decisions",
                axis=alt.Axis(format="%"),
            ),  # fmt: skip
            color=alt.Color(
                "outcome:N",
                sort=order,
                scale=alt.Scale(domain=order, range=[OUTCOME_COLOURS[o] for o in order]),
            ),
            order=alt.Order("outcome_rank:Q"),
            tooltip=[
                f"{by}:N",
                "outcome:N",
                "responses:Q",
                alt.Tooltip("share:Q", format=".0%"),
            ],  # fmt: skip
        )
        .transform_calculate(outcome_rank=f"indexof({order!r}, datum.outcome)")
        .properties(width=WIDTH)
    )


def exemption_frequency(data: Any, *, top: int = 15) -> alt.Chart:
    """Bars: decisions citing each exemption, most cited first (``ds.exemptions()``)."""
    frame = _plain(_frame(data, "exemptions"))
    title = "Exemptions relied on"
    if frame.is_empty():
        return _empty(title)
    if "label" not in frame.columns:
        frame = frame.with_columns(pl.col("section").alias("label"))
    frame = frame.sort("responses", descending=True).head(top)
    return (
        alt.Chart(frame, title=title)
        .mark_bar(color="#4575b4")
        .encode(
            y=alt.Y("label:N", sort="-x", title=None),
            x=alt.X(
                "responses:Q", title="decisions citing it", axis=alt.Axis(tickMinStep=1, format="d")
            ),  # fmt: skip
            tooltip=["label:N", "responses:Q", "authorities:Q"],
        )
        .properties(width=WIDTH)
    )


def _long_matrix(frame: pl.DataFrame) -> pl.DataFrame:
    """A flexibility matrix in long form: ``authority, code, used`` (text: used / not used /
    not stated), from either a long frame (``code``, ``used``) or a wide one (a column per
    code)."""
    who = next(
        (c for c in ("authority_name", "authority", "authority_code") if c in frame.columns), None
    )
    if who is None:
        raise ValueError("a flexibility matrix needs an authority_name or authority_code column")
    if {"code", "used"} <= set(frame.columns):
        long = frame.select(pl.col(who).alias("authority"), "code", "used")
    else:
        ids = [c for c in frame.columns if c.startswith("authority") or c in ("region", "la_code")]
        values = [c for c in frame.columns if c not in ids]
        long = frame.unpivot(on=values, index=who, variable_name="code", value_name="used")
        long = long.rename({who: "authority"})
    used = pl.col("used")
    if long.schema["used"] == pl.Boolean:
        state = pl.when(used).then(pl.lit("used")).when(~used).then(pl.lit("not used"))
    elif long.schema["used"] == pl.String:  # "used" / "not used" / "unknown" labels
        text = used.str.to_lowercase().str.strip_chars()
        state = pl.when(text == "used").then(pl.lit("used"))
        state = state.when(text == "not used").then(pl.lit("not used"))
    else:  # counts
        num = used.cast(pl.Float64, strict=False)
        state = pl.when(num > 0).then(pl.lit("used")).when(num == 0).then(pl.lit("not used"))
    long = long.with_columns(state.otherwise(pl.lit("not stated")).alias("state"))
    # authorities and codes about which nothing at all is known would only add grey
    known = pl.col("state") != "not stated"
    return long.filter(known.any().over("authority") & known.any().over("code"))


#: colours of a council's answer about one flexibility (used stands out; silence is pale)
STATUS_COLOURS = {
    "used": "#d95f02",
    "not used": "#7570b3",
    "withheld": "#e7298a",
    "not stated": "#d9d9d9",
    "no response": "#ffffff",
}


def _labelled(frame: pl.DataFrame) -> pl.DataFrame:
    from foicompare.topics.vocabulary import short_labels

    return frame.with_columns(
        pl.col("code").replace_strict(short_labels(), default=pl.col("code")).alias("flexibility")
    )


def flexibility_uptake(data: Any, *, top: int = 20) -> alt.Chart:
    """Bars: how many councils used each flexibility, most used first, with the share of the
    councils that answered (``ds.flexibility_counts(by="code")``, one request)."""
    title = "Councils using each flexibility"
    frame = _plain(_frame(data, "flexibility_counts", by="code"))
    if frame.is_empty() or "authorities_used" not in frame.columns:
        return _empty(title)
    frame = frame.filter(pl.col("authorities_used") > 0)
    if frame.is_empty():
        return _empty(title, "no council says it used any flexibility")
    frame = _labelled(frame.sort("authorities_used", descending=True).head(top))
    frame = frame.with_columns(
        (pl.col("authorities_used").cast(pl.String) + " (" +
         (pl.col("share_used") * 100).round(0).cast(pl.Int64).cast(pl.String) + "%)")
        .alias("text")
    )  # fmt: skip
    answered = int(frame["responded"].max() or 0)
    base = alt.Chart(frame, title=f"{title} (of {answered} councils that answered)").encode(
        y=alt.Y("flexibility:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("authorities_used:Q", title="councils that used it",
                axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=["flexibility:N", "code:N", "authorities_used:Q",
                 alt.Tooltip("share_used:Q", format=".0%", title="share of councils answering"),
                 "uses:Q"],
    )  # fmt: skip
    bars = base.mark_bar(color=STATUS_COLOURS["used"])
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(text="text:N")
    return (bars + text).properties(width=WIDTH - 120)


def flexibility_heatmap(data: Any, *, top: int = 15) -> alt.Chart:
    """Councils × flexibilities, readable at 153 councils: one small panel per region, a row
    per council, a column per flexibility that any council used (most used first; at most
    ``top``), coloured used / not used / withheld / not stated / no response.

    ``data``: a Dataset (``ds.flexibility_matrix()``) or that frame (one request).
    """
    title = "What each council said, by region"
    if not isinstance(data, pl.DataFrame) and not hasattr(data, "flexibility_matrix"):
        return _empty(title, "this dataset has no flexibility matrix")
    frame = _frame(data, "flexibility_matrix")
    if frame.is_empty():
        return _empty(title, "no authority says whether it used any flexibility")
    from foicompare.topics.vocabulary import codes as vocabulary_codes

    codes = [c for c in vocabulary_codes() if c in frame.columns]
    if not codes:  # an older, hand-made frame: long or wide with other names
        long = _plain(_long_matrix(frame)).rename({"authority": "council", "state": "status"})
        long = long.with_columns(pl.lit("all").alias("region"))
    else:
        long = frame.select(
            pl.col("authority_name").fill_null(pl.col("authority_code")).alias("council"),
            pl.col("region").fill_null("unknown"),
            *codes,
        ).unpivot(on=codes, index=["council", "region"], variable_name="code", value_name="status")
    used = long.filter(pl.col("status") == "used").group_by("code").len()
    if used.is_empty():
        return _empty(title, "no council says it used any flexibility")
    order = used.sort("len", "code", descending=[True, False]).head(top)["code"].to_list()
    long = _labelled(long.filter(pl.col("code").is_in(order)))
    labels = dict(zip(long["code"], long["flexibility"], strict=False))
    states = list(STATUS_COLOURS)
    n_regions = long["region"].n_unique()
    return (
        alt.Chart(long)
        .mark_rect(stroke="#bbbbbb", strokeWidth=0.5)
        .encode(
            x=alt.X("flexibility:N", sort=[labels[c] for c in order], title=None,
                    axis=alt.Axis(labelAngle=-40, labelLimit=240, orient="top")),
            y=alt.Y("council:N", title=None, axis=alt.Axis(labelFontSize=9)),
            color=alt.Color("status:N", sort=states, title="answer",
                            scale=alt.Scale(domain=states, range=list(STATUS_COLOURS.values()))),
            tooltip=["council:N", "region:N", "flexibility:N", "code:N", "status:N"],
        )
        .properties(width=alt.Step(18), height=alt.Step(11))
        .facet(row=alt.Row("region:N", title=None, header=alt.Header(labelAngle=0,
               labelAlign="left", labelFontWeight="bold")), columns=1)
        .resolve_scale(y="independent")
        .properties(title=f"{title} ({long['council'].n_unique()} councils, {n_regions} regions)")
    )  # fmt: skip


def uses_by_month(data: Any, *, top: int = 6) -> alt.Chart:
    """Small multiples: uses per month of the ``top`` most used flexibilities, one panel each,
    most used first (by total uses, ties by code), reading left to right then down
    (``ds.flexibility_counts(by="month")``, one request)."""
    title = "Uses by month, most used flexibilities"
    if not isinstance(data, pl.DataFrame) and not hasattr(data, "flexibility_counts"):
        return _empty(title, "this dataset has no flexibility counts")
    frame = _plain(_frame(data, "flexibility_counts", by="month"))
    if frame.is_empty() or frame.width == 0:
        return _empty(title)
    value = next((c for c in ("uses", "n", "count", "authorities") if c in frame.columns), None)
    if value is None or "month" not in frame.columns:
        raise ValueError("flexibility counts need a month column and a uses (or n) column")
    frame = frame.with_columns(pl.col("month").cast(pl.String))
    if "code" not in frame.columns:
        frame = frame.with_columns(pl.lit("all").alias("code"))
    ranked = panel_order(_labelled(frame), value, top=top)
    frame = frame.join(ranked.select("code", "rank", "flexibility"), on="code")
    # the panels are faceted on the rank (ordinal, so 0, 1, 2, ... whatever their names; Vega
    # does not keep a facet sort by another field or a list) and headed by the label and total
    headers = [
        f"{r['flexibility']} ({r['total']:,})" if r["total"] is not None else r["flexibility"]
        for r in ranked.iter_rows(named=True)
    ]
    return (
        alt.Chart(frame)
        .mark_bar(color=STATUS_COLOURS["used"])
        .encode(
            x=alt.X("month:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"sum({value}):Q", title=value),
            tooltip=["flexibility:N", "month:O", alt.Tooltip(f"sum({value}):Q", title=value)],
        )
        .properties(width=170, height=110)
        .facet(facet=alt.Facet("rank:O", title=None, sort="ascending", header=alt.Header(
                   labelLimit=220, labelExpr=f"{json.dumps(headers)}[datum.value]")),
               columns=3)
        .resolve_scale(y="independent")
        .properties(title=alt.TitleParams(
            f"{title} first",
            subtitle=f"Panels ordered by total {value} (in brackets), highest first, reading "
                     "across then down; each panel has its own scale."))
    )  # fmt: skip


def panel_order(frame: pl.DataFrame, value: str, *, top: int = 6) -> pl.DataFrame:
    """The ``top`` codes by total ``value``, highest first, ties by code: the panels of
    :func:`uses_by_month` in order (``rank`` from 0, ``code``, ``flexibility``, ``total``).

    >>> f = pl.DataFrame({"code": ["b", "a", "b", "c"], "flexibility": ["B", "A", "B", "C"],
    ...                   "uses": [1, 2, 1, 5]})
    >>> panel_order(f, "uses", top=3)["flexibility"].to_list()
    ['C', 'A', 'B']
    """
    totals = frame.group_by("code", "flexibility").agg(pl.col(value).sum().alias("total"))
    ranked = totals.sort("total", "code", descending=[True, False], nulls_last=True).head(top)
    return ranked.with_row_index("rank").with_columns(pl.col("rank").cast(pl.Int64))


def timeliness_distribution(data: Any, *, limit: int = 20) -> alt.Chart:
    """Histogram of working days to respond, coloured late / in time, with the limit marked.

    ``data``: a Dataset or ``ds.timeliness()`` (one row per case).
    """
    title = "Working days to respond"
    frame = _plain(_frame(data, "timeliness"))
    if not frame.is_empty():
        frame = frame.filter(~pl.col("open") & pl.col("working_days").is_not_null())
    if frame.is_empty():
        return _empty(title, "no responses with both a received date and a response date")
    frame = frame.with_columns(
        pl.when(pl.col("late")).then(pl.lit("late")).otherwise(pl.lit("in time")).alias("timing")
    )
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("working_days:Q", bin=alt.Bin(step=2), title="working days after receipt"),
            y=alt.Y("count():Q", title="responses"),
            color=alt.Color(
                "timing:N",
                scale=alt.Scale(domain=["in time", "late"], range=["#4575b4", "#d73027"]),
            ),  # fmt: skip
        )
    )
    rule = (
        alt.Chart(pl.DataFrame({"limit": [limit]}))
        .mark_rule(strokeDash=[4, 3], color="black")
        .encode(x="limit:Q")
    )
    return alt.layer(bars, rule, title=title).properties(width=WIDTH)


#: the charts of the report, in order: (key, title, function)
ALL = (
    ("outcomes_by_region", "Outcomes by region", outcomes_by_region),
    ("exemption_frequency", "Exemptions relied on", exemption_frequency),
    ("flexibility_uptake", "Councils using each flexibility", flexibility_uptake),
    ("flexibility_heatmap", "What each council said, by region", flexibility_heatmap),
    ("uses_by_month", "Flexibility uses by month", uses_by_month),
    ("timeliness_distribution", "Working days to respond", timeliness_distribution),
)
