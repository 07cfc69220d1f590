"""The weekly review's three charts, drawn on the server as SVG (with lib.svg)."""

import datetime as dt

from django.utils.safestring import SafeString

from lib.rules import PAIN_LABELS, TRIGGER_LABELS
from lib.svg import (
    BRAND,
    INK,
    LEFT,
    PAIN,
    SLEEP,
    WIDTH,
    nice_ceiling,
    svg_line,
    svg_rect,
    svg_root,
    svg_text,
    y_axis,
)
from weekly.summary import DayRow

PAIN_COLOURS = {
    PAIN_LABELS["nerve"]: PAIN,
    PAIN_LABELS["spasticity"]: "#6a3d9a",
    PAIN_LABELS["musculoskeletal"]: SLEEP,
}
# The triggers the week's chart shows: those with a short label.
WEEK_TRIGGERS = {key: labels.short for key, labels in TRIGGER_LABELS.items() if labels.short}

TOP, BOTTOM = 22.0, 150.0


def _column(i: int, left: float = LEFT) -> tuple[float, float]:
    """The x where day i's column starts, and its width: seven columns side by side."""
    width = (WIDTH - 4 - left) / 7
    return left + i * width, width


def _weekday_axis(rows: list[DayRow], bottom: float, left: float = LEFT) -> list[str]:
    # Day name over date, centred in its column; two letters where columns are narrow,
    # so seven labels never run together on a 320 px phone.
    body = [svg_line(left, bottom, WIDTH - 4, bottom, INK)]
    letters = 3 if _column(0, left)[1] >= 34 else 2
    for i, row in enumerate(rows):
        x, width = _column(i, left)
        name = f"{row.date:%a}"[:letters]
        body.append(svg_text(x + width / 2, bottom + 18, name, "middle"))
        body.append(svg_text(x + width / 2, bottom + 36, f"{row.date:%-d}", "middle"))
    return body


def _y(value: float, ymax: int) -> float:
    return BOTTOM - value / ymax * (BOTTOM - TOP)


def spasms(rows: list[DayRow], today: dt.date) -> SafeString:
    """A bar for each recorded day with its count above; "–" for a day not recorded."""
    ymax = nice_ceiling(max((r.spasm_count for r in rows), default=0))
    body = y_axis(TOP, BOTTOM, ymax, right=4)
    for i, row in enumerate(rows):
        x, width = _column(i)
        if row.date > today:
            continue
        if not row.recorded:
            body.append(svg_text(x + width / 2, BOTTOM - 6, "–", "middle"))
            continue
        top = _y(row.spasm_count, ymax)
        body.append(svg_rect(x + width * 0.18, top, width * 0.64, BOTTOM - top, BRAND))
        body.append(svg_text(x + width / 2, top - 5, str(row.spasm_count), "middle"))
    body += _weekday_axis(rows, BOTTOM)
    return svg_root(BOTTOM + 42, "Spasms a day", body)


def pain(rows: list[DayRow]) -> SafeString:
    """The worst pain of each kind, side by side within each day, on a 0–10 scale."""
    body = y_axis(TOP, BOTTOM, 10, right=4)
    kinds = list(PAIN_COLOURS.items())
    for i, row in enumerate(rows):
        x, width = _column(i)
        bar = width * 0.8 / len(kinds)
        for k, (kind, colour) in enumerate(kinds):
            value = row.pain_by_type.get(kind)
            if value is not None:
                top = _y(value, 10)
                body.append(svg_rect(x + width * 0.1 + k * bar, top, bar - 1, BOTTOM - top, colour))
    body += _weekday_axis(rows, BOTTOM)
    return svg_root(BOTTOM + 42, "Worst pain by kind", body)


def triggers(rows: list[DayRow]) -> SafeString:
    """A filled square for yes, an open one for no, nothing when not recorded."""
    left, row_height = 96, 26
    body = []
    for t, (key, label) in enumerate(WEEK_TRIGGERS.items()):
        y = 8 + t * row_height
        body.append(svg_text(0, y + 15, label))
        for i, row in enumerate(rows):
            x, width = _column(i, left)
            answer = row.triggers.get(key)
            if answer is None:
                continue
            fill = INK if answer else "#ffffff"
            body.append(
                f'<rect x="{x + width / 2 - 8:.1f}" y="{y + 2}" width="16" height="16" '
                f'fill="{fill}" stroke="{INK}" stroke-width="2"/>'
            )
    bottom = 8 + len(WEEK_TRIGGERS) * row_height
    body += _weekday_axis(rows, bottom, left)
    return svg_root(bottom + 42, "Triggers each day", body)
