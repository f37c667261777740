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


def flexibility_heatmap(data: Any) -> alt.Chart:
    """Heatmap: authorities (rows) × flexibility codes (columns), used / not used / not stated.

    ``data``: a Dataset (``ds.flexibility_matrix()``) or that frame, long or wide.
    """
    title = "Flexibilities used, by authority"
    if not isinstance(data, pl.DataFrame) and not hasattr(data, "flexibility_matrix"):
        return _empty(title, "this dataset has no flexibility matrix")
    frame = _frame(data, "flexibility_matrix")
    if frame.is_empty():
        return _empty(title)
    long = _plain(_long_matrix(frame))
    if long.is_empty():
        return _empty(title, "no authority says whether it used any flexibility")
    states = ["used", "not used", "not stated"]
    n_auth = long["authority"].n_unique()
    return (
        alt.Chart(long, title=title)
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("code:N", title="flexibility", axis=alt.Axis(labelAngle=-50, labelLimit=220)),
            y=alt.Y("authority:N", title=None),
            color=alt.Color(
                "state:N",
                sort=states,
                scale=alt.Scale(domain=states, range=["#d73027", "#91bfdb", "#f0f0f0"]),
            ),
            tooltip=["authority:N", "code:N", "state:N"],
        )
        .properties(height=max(120, 16 * n_auth))
    )


def uses_by_month(data: Any) -> alt.Chart:
    """Lines: uses of each flexibility per month (``ds.flexibility_counts(by="month")``)."""
    title = "Flexibility uses by month"
    if not isinstance(data, pl.DataFrame) and not hasattr(data, "flexibility_counts"):
        return _empty(title, "this dataset has no flexibility counts")
    frame = _plain(_frame(data, "flexibility_counts", by="month"))
    if frame.is_empty():
        return _empty(title)
    value = next((c for c in ("uses", "n", "count", "authorities") if c in frame.columns), None)
    if value is None or "month" not in frame.columns:
        raise ValueError("flexibility counts need a month column and a uses (or n) column")
    frame = frame.with_columns(pl.col("month").cast(pl.String))
    enc: dict[str, Any] = {
        "x": alt.X("month:O", title="month"),
        "y": alt.Y(f"sum({value}):Q", title=value),
        "tooltip": ["month:O", alt.Tooltip(f"sum({value}):Q", title=value)],
    }
    if "code" in frame.columns:
        enc["color"] = alt.Color("code:N", title="flexibility")
        enc["tooltip"].insert(0, "code:N")
    return alt.Chart(frame, title=title).mark_line(point=True).encode(**enc).properties(width=WIDTH)


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
    ("flexibility_heatmap", "Flexibilities used, by authority", flexibility_heatmap),
    ("uses_by_month", "Flexibility uses by month", uses_by_month),
    ("timeliness_distribution", "Working days to respond", timeliness_distribution),
)
