"""The weekly review's three charts, as plotly JSON for json_script."""

import json

from symptoms.rules import PAIN_LABELS, TRIGGER_LABELS
from triggers.charts import BRAND, INK, LAYOUT, PAIN, SLEEP
from weekly.summary import DayRow

PAIN_COLOURS = {
    PAIN_LABELS["nerve"]: PAIN,
    PAIN_LABELS["spasticity"]: "#6a3d9a",
    PAIN_LABELS["musculoskeletal"]: SLEEP,
}
# The triggers the week's chart shows: those with a short label.
WEEK_TRIGGERS = {key: labels.short for key, labels in TRIGGER_LABELS.items() if labels.short}


def _layout(**extra) -> dict:
    return {
        **LAYOUT,
        "height": 260,
        "margin": {"l": 90, "r": 16, "t": 36, "b": 48},
        "legend": {"orientation": "h", "y": 1.25, "x": 0},
        **extra,
    }


def _days(rows: list[DayRow]) -> list[str]:
    # Two short lines a day, so seven days fit a phone without turning the labels.
    return [f"{r.date:%a}<br>{r.date:%-d}" for r in rows]


def spasms(rows: list[DayRow]) -> dict:
    import plotly.graph_objects as go

    fig = go.Figure(
        go.Bar(
            x=_days(rows),
            y=[r.spasm_count if r.recorded else None for r in rows],
            text=[f"worst {r.spasm_max}" if r.spasm_max is not None else "" for r in rows],
            textposition="outside",
            textfont={"size": 13},
            marker_color=BRAND,
            name="Spasms",
        )
    )
    fig.update_layout(
        **_layout(
            yaxis={"title": "Spasms", "rangemode": "tozero", "fixedrange": True},
            xaxis={"fixedrange": True, "tickangle": 0},
            showlegend=False,
        )
    )
    return json.loads(fig.to_json())


def pain(rows: list[DayRow]) -> dict:
    import plotly.graph_objects as go

    fig = go.Figure()
    for kind, colour in PAIN_COLOURS.items():
        fig.add_bar(
            x=_days(rows),
            y=[r.pain_by_type.get(kind) for r in rows],
            name=kind,
            marker_color=colour,
        )
    fig.update_layout(
        **_layout(
            yaxis={"title": "Worst pain", "range": [0, 10], "fixedrange": True},
            xaxis={"fixedrange": True, "tickangle": 0},
            barmode="group",
            height=320,
            margin={"l": 90, "r": 16, "t": 90, "b": 48},
        )
    )
    return json.loads(fig.to_json())


def triggers(rows: list[DayRow]) -> dict:
    import plotly.graph_objects as go

    fig = go.Figure()
    for key, label in WEEK_TRIGGERS.items():
        answers = [r.triggers.get(key) for r in rows]
        fig.add_scatter(
            x=_days(rows),
            y=[label if a is not None else None for a in answers],
            mode="markers",
            marker={
                "symbol": ["square" if a else "square-open" for a in answers],
                "size": 18,
                "color": INK,
                "line": {"width": 2, "color": INK},
            },
            name=label,
            hovertext=["yes" if a else "no" for a in answers],
        )
    fig.update_layout(
        **_layout(
            showlegend=False,
            xaxis={"fixedrange": True, "tickangle": 0},
            yaxis={
                "fixedrange": True,
                "categoryorder": "array",
                "categoryarray": list(WEEK_TRIGGERS.values())[::-1],
            },
        )
    )
    return json.loads(fig.to_json())
