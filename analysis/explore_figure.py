"""Explore's figure, built with plotly as its JSON, for plotly.js to draw in the browser.

Every series shares one time axis. Spasms, worst pain and stress share the left axis
(counts and 0–10 scores sit together, as on the server's chart); the temperature has
the right axis; sleep, steps and infection days each have an axis of their own, unlabelled,
so that switching one on does not squash the others (their hover says their values).
On a phone only spasms, pain and temperature show at first. Plotly's legend is off: its
names are too small for a finger, so the page's script puts a button under the plot for
each trace's name and for each treatment (its shaded periods share a `legendgroup`), which
switches it on and off. Treatment periods are shaded.
"""

from __future__ import annotations

import datetime as dt

from analysis.charts import INFECTION_BAND, TEMPERATURE
from analysis.explore import SERIES, Timeline
from lib.svg import BRAND, FONT, INK, PAIN, SLEEP

STEPS = "#2d6a4f"
STRESS = "#6a3d9a"
TREATMENT_SHADES = ("#0b4f8a", "#2d6a4f", "#8a5a0b", "#6a3d9a")
SHOWN_AT_FIRST = {"spasms", "pain", "temperature"}
# The axis each series is drawn against, and how.
# The name each series has in the hover's list, short so the list fits a phone.
SHORT = {
    "spasms": "Spasms",
    "pain": "Pain",
    "stress": "Stress",
    "temperature": "Temp",
    "sleep": "Sleep h",
    "steps": "Steps",
    "infection": "Infection",
}
DRAWN = {
    "spasms": ("y", "bar", BRAND),
    "pain": ("y", "line", PAIN),
    "stress": ("y", "line", STRESS),
    "temperature": ("y2", "line", TEMPERATURE),
    "sleep": ("y3", "line", SLEEP),
    "steps": ("y4", "line", STEPS),
    "infection": ("y5", "bar", INFECTION_BAND),
}


def _trace(go, timeline: Timeline, key: str, label: str, x: list[str]):
    axis, kind, colour = DRAWN[key]
    common = {
        "name": label,
        "x": x,
        "y": timeline.values[key],
        "yaxis": axis,
        "visible": True if key in SHOWN_AT_FIRST else "legendonly",
        "hovertemplate": f"{SHORT[key]} %{{y:~g}}<extra></extra>",
    }
    if kind == "bar":
        return go.Bar(marker_color=colour, **common)
    return go.Scatter(
        mode="lines+markers",
        line={"color": colour, "width": 2},
        marker={"size": 5},
        connectgaps=False,
        **common,
    )


def _shapes(timeline: Timeline) -> list[dict]:
    """A shaded band for each treatment period, a treatment's bands one `legendgroup`."""
    shapes, colours = [], {}
    for period in sorted(timeline.periods, key=lambda p: p.started):
        colour = colours.setdefault(
            period.key, TREATMENT_SHADES[len(colours) % len(TREATMENT_SHADES)]
        )
        stop = period.stopped or timeline.last
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": max(period.started, timeline.first).isoformat(),
                "x1": (min(stop, timeline.last) + dt.timedelta(days=1)).isoformat(),
                "y0": 0,
                "y1": 1,
                "fillcolor": colour,
                "opacity": 0.12,
                "line": {"width": 0},
                "layer": "below",
                "name": period.treatment,
                "legendgroup": f"treatment-{period.key[0]}",
            }
        )
    return shapes


def figure_json(timeline: Timeline) -> str:
    """The figure as plotly.js takes it (data and layout), as JSON text."""
    # plotly loads with this page's figure, never with the URLs (a worker starts light).
    import plotly.graph_objects as go

    x = [start.isoformat() for start in timeline.starts]
    unit = "°F" if timeline.fahrenheit else "°C"
    labels = {s.key: s.label for s in SERIES} | {"temperature": f"Outside temperature ({unit})"}
    if timeline.weekly:
        per = "week" if timeline.slot_days == 7 else f"{timeline.slot_days // 7} weeks"
        labels["spasms"] = f"Spasms a day (mean of the {per})"
    hidden_axis = {"overlaying": "y", "visible": False, "rangemode": "tozero", "fixedrange": True}
    layout = go.Layout(
        template="none",
        font={"family": "system-ui, sans-serif", "size": FONT - 2, "color": INK},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        # Room above the plot for the modebar, whose buttons take a finger's size here. No
        # height: the page's stylesheet gives the plot's box one for a phone and one wider.
        margin={"l": 36, "r": 40, "t": 56, "b": 8},
        showlegend=False,
        barmode="overlay",
        hovermode="x unified",
        hoverlabel={"namelength": -1},  # plotly cuts names at 15 letters otherwise
        dragmode="zoom",
        xaxis={
            "type": "date",
            "range": [
                timeline.first.isoformat(),
                (timeline.last + dt.timedelta(days=1)).isoformat(),
            ],
            "hoverformat": "Week of %-d %b %Y" if timeline.weekly else "%a %-d %b %Y",
            "showgrid": False,
            "automargin": True,  # the year under the first month's name
        },
        yaxis={"rangemode": "tozero", "fixedrange": True, "gridcolor": "#c9ced6"},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "title": {"text": unit},
            "tickformat": ".0f",
            "fixedrange": True,
            "showgrid": False,
        },
        yaxis3=hidden_axis,
        yaxis4=hidden_axis,
        # An infection day fills the height: a week of them, a week's.
        yaxis5={**hidden_axis, "range": [0, timeline.slot_days]},
        shapes=_shapes(timeline),
    )
    data = [_trace(go, timeline, s.key, labels[s.key], x) for s in SERIES]
    return go.Figure(data=data, layout=layout).to_json()
