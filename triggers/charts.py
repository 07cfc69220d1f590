"""Plotly figures for the trigger view, built in Python and handed to the page as JSON."""

from __future__ import annotations

import datetime as dt
import json

from triggers.analysis import Day, Result, split_by_trigger
from triggers.wording import OUTCOME_LABELS, days_with

INK = "#111418"
BRAND = "#0b4f8a"
PAIN = "#a4161a"
SLEEP = "#3d4550"
HEAT_BAND = "rgba(230, 140, 0, 0.22)"
INFECTION_BAND = "rgba(120, 60, 160, 0.22)"
LAYOUT = {
    "font": {"family": "system-ui, sans-serif", "size": 14, "color": INK},
    "margin": {"l": 48, "r": 48, "t": 16, "b": 40},
    "paper_bgcolor": "#ffffff",
    "plot_bgcolor": "#ffffff",
    "legend": {"orientation": "h", "y": -0.2},
    "dragmode": False,
}


def _figure(fig) -> dict:
    # plotly's own encoder turns dates and numpy values into plain JSON.
    return json.loads(fig.to_json())


def timeline(days: list[Day], first: dt.date, last: dt.date) -> dict:
    """Spasms a day (bars), worst pain (line), hours of sleep (second axis), with heat and
    infection days as shaded bands. Unrecorded days are gaps, not zeros."""
    import plotly.graph_objects as go

    fig = go.Figure()
    _add_day_series(fig, days, first, last)
    _add_band_legend(fig)
    fig.update_layout(
        **LAYOUT,
        shapes=_bands(days),
        height=360,
        bargap=0.15,
        yaxis={"title": "Spasms · pain", "rangemode": "tozero", "fixedrange": True},
        yaxis2={
            "title": "Sleep (h)",
            "overlaying": "y",
            "side": "right",
            "range": [0, 14],
            "dtick": 2,
            "fixedrange": True,
            "showgrid": False,
        },
        xaxis={"fixedrange": True},
    )
    return _figure(fig)


def _add_day_series(fig, days: list[Day], first: dt.date, last: dt.date) -> None:
    by_date = {d.date: d for d in days}
    dates = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]

    def series(get):
        return [get(by_date[d]) if d in by_date else None for d in dates]

    fig.add_bar(
        x=dates, y=series(lambda d: d.outcomes["spasm_count"]), name="Spasms", marker_color=BRAND
    )
    fig.add_scatter(
        x=dates,
        y=series(lambda d: d.outcomes["pain_max"]),
        name="Worst pain (0–10)",
        mode="lines+markers",
        line={"color": PAIN, "width": 2},
        marker={"symbol": "diamond"},
    )
    fig.add_scatter(
        x=dates,
        y=series(lambda d: d.continuous.get("sleep_hours")),
        name="Hours of sleep",
        mode="lines",
        yaxis="y2",
        line={"color": SLEEP, "width": 2, "dash": "dot"},
        connectgaps=False,
    )


BANDS = (("heat", HEAT_BAND, "Hot day (band)"), ("infection", INFECTION_BAND, "Infection (band)"))


def _bands(days: list[Day]) -> list[dict]:
    """A shaded day-wide rectangle behind each heat or infection day."""
    bands = []
    for day in days:
        start = dt.datetime.combine(day.date, dt.time.min) - dt.timedelta(hours=12)
        for trigger, colour, _ in BANDS:
            if day.binary.get(trigger):
                bands.append(
                    {
                        "type": "rect",
                        "xref": "x",
                        "yref": "paper",
                        "x0": start.isoformat(),
                        "x1": (start + dt.timedelta(days=1)).isoformat(),
                        "y0": 0,
                        "y1": 1,
                        "fillcolor": colour,
                        "line": {"width": 0},
                        "layer": "below",
                    }
                )
    return bands


def _add_band_legend(fig) -> None:
    # Legend entries for the bands, which plotly's shapes do not have.
    for _, colour, name in BANDS:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=name,
            marker={"symbol": "square", "size": 14, "color": colour},
        )


def comparison(days: list[Day], result: Result) -> dict:
    """The outcome on trigger days next to other days, every day a dot, with a box."""
    import plotly.graph_objects as go

    with_, without = split_by_trigger(days, result.trigger, result.outcome, result.lag_days)
    groups = {True: with_, False: without}
    with_label, _ = days_with(result.trigger)
    fig = go.Figure()
    for present, name, colour in (
        (False, "Other days", SLEEP),
        (True, with_label.capitalize(), BRAND),
    ):
        fig.add_box(
            y=groups[present],
            name=name,
            boxpoints="all",
            jitter=0.5,
            pointpos=0,
            marker={"color": colour, "size": 6, "opacity": 0.6},
            line={"color": colour},
            fillcolor="rgba(0,0,0,0)",
            boxmean=True,
            hoverinfo="y",
        )
    title = OUTCOME_LABELS[result.outcome] + (" (next day)" if result.lag_days else "")
    fig.update_layout(
        **{**LAYOUT, "legend": {}},
        height=300,
        showlegend=False,
        yaxis={"title": title, "rangemode": "tozero", "fixedrange": True},
        xaxis={"fixedrange": True},
    )
    return _figure(fig)
