"""The before/after chart of one treatment: the day's outcome over time with the
treatment's periods shaded, built in Python and handed to the page as JSON."""

from __future__ import annotations

import datetime as dt

from triggers.analysis import Day
from triggers.charts import BRAND, LAYOUT, PAIN, _figure
from triggers.periods import Period

TAKEN_BAND = "rgba(20, 120, 80, 0.18)"
SETTLING_BAND = "rgba(20, 120, 80, 0.07)"


def _band(first: dt.date, last: dt.date, colour: str) -> dict:
    """A shaded rectangle over whole days first..last."""
    start = dt.datetime.combine(first, dt.time.min) - dt.timedelta(hours=12)
    end = dt.datetime.combine(last, dt.time.min) + dt.timedelta(hours=12)
    return {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": start.isoformat(),
        "x1": end.isoformat(),
        "y0": 0,
        "y1": 1,
        "fillcolor": colour,
        "line": {"width": 0},
        "layer": "below",
    }


def period_bands(periods: list[Period], last: dt.date) -> list[dict]:
    """Each period shaded; its settling-in days, left out of the comparison, paler."""
    bands = []
    for period in periods:
        end = min(period.stopped or last, last)
        settled = period.started + dt.timedelta(days=period.settle_days)
        if period.settle_days:
            bands.append(
                _band(period.started, min(settled - dt.timedelta(days=1), end), SETTLING_BAND)
            )
        if settled <= end:
            bands.append(_band(settled, end, TAKEN_BAND))
    return bands


def before_after(days: list[Day], periods: list[Period], first: dt.date, last: dt.date) -> dict:
    """Spasms a day (bars) and worst pain (line) from first to last, unrecorded days as
    gaps, with the treatment's periods shaded."""
    import plotly.graph_objects as go

    shown = [d for d in days if first <= d.date <= last]
    dates = [d.date for d in shown]
    fig = go.Figure()
    fig.add_bar(
        x=dates, y=[d.outcomes["spasm_count"] for d in shown], name="Spasms", marker_color=BRAND
    )
    fig.add_scatter(
        x=dates,
        y=[d.outcomes["pain_max"] for d in shown],
        name="Worst pain (0–10)",
        mode="lines+markers",
        line={"color": PAIN, "width": 2},
    )
    for colour, name in ((TAKEN_BAND, "Taken (band)"), (SETTLING_BAND, "Settling in (band)")):
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=name,
            marker={"symbol": "square", "size": 14, "color": colour},
        )
    fig.update_layout(
        **{**LAYOUT, "margin": {**LAYOUT["margin"], "r": 12}},
        shapes=period_bands(periods, last),
        height=340,
        bargap=0.15,
        yaxis={"title": "Spasms · pain", "rangemode": "tozero", "fixedrange": True},
        xaxis={
            "fixedrange": True,
            "range": [first.isoformat(), last.isoformat()],
            "tickformat": "%-d %b",
            "nticks": 5,
        },
    )
    return _figure(fig)
