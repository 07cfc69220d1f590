"""The trigger page's charts, drawn on the server as SVG with lib/svg.py.

Colours, legends and the numbers behind each chart are in the page's HTML beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from analysis.explore import Timeline
from analysis.stats.associations import Day
from lib.svg import (
    BRAND,
    FONT,
    INK,
    LEFT,
    PAIN,
    RIGHT,
    SLEEP,
    WIDTH,
    nice_ceiling,
    svg_line,
    svg_rect,
    svg_root,
    svg_text,
    y_axis,
)

HEAT_BAND = "#f6d7a7"
TEMPERATURE = "#b35c00"
INFECTION_BAND = "#dcc8ec"


@dataclass(frozen=True)
class Finding:
    """One row of the findings picture: an effect with its 95% interval, in its units."""

    label: str
    effect: float
    low: float
    high: float


# --- The findings picture -------------------------------------------------------------


def findings(rows: Sequence[Finding]) -> SafeString | None:
    """A dot for each effect and a bar for its 95% interval, all on one zero line; each
    row numbered like the sentence it draws."""
    if not rows:
        return None
    edge = max(max(abs(r.low), abs(r.high), abs(r.effect)) for r in rows) * 1.1 or 1.0
    left, right = 12.0, WIDTH - 12.0

    def x(v: float) -> float:
        return left + (v + edge) / (2 * edge) * (right - left)

    row_height, top = 56, 4
    bottom = top + row_height * len(rows)
    body = []
    for i, row in enumerate(rows):
        y = top + i * row_height
        body.append(svg_text(0, y + 16, f"{i + 1}. {row.label}"))
        mid = y + 38
        # The zero line runs behind the intervals only, never through the labels.
        body.append(svg_line(x(0), mid - 13, x(0), mid + 13, INK, 1.5))
        body.append(svg_line(x(row.low), mid, x(row.high), mid, BRAND, 4))
        body.append(f'<circle cx="{x(row.effect):.1f}" cy="{mid}" r="7" fill="{BRAND}"/>')
    body.append(svg_text(x(0), bottom + 16, "0 = no difference", "middle"))
    body.append(svg_text(left, bottom + 16, "less", "start"))
    body.append(svg_text(right, bottom + 16, "more", "end"))
    return svg_root(bottom + 22, "How big each finding is, and how sure", body)


# --- Day by day -----------------------------------------------------------------------


def _date_ticks(first: dt.date, count: int, slot_days: int = 1) -> list[int]:
    """Slot indexes to label, spaced so that at most four labels fit: Mondays when each
    slot is a day; when a slot is a week or more, every so many slots from the first."""
    if slot_days > 1:
        return list(range(0, count, max(1, math.ceil(count / 4))))
    step = 7 * max(1, math.ceil(count / 7 / 4))
    offset = (7 - first.weekday()) % 7
    return list(range(offset, count, step))


def _day_axis(first: dt.date, count: int, x, bottom: float, slot_days: int = 1) -> list[str]:
    body = [svg_line(LEFT, bottom, WIDTH - RIGHT, bottom, INK)]
    last_end = -math.inf
    # Past a year the day of the month says little and the year says a lot.
    shown = "%b %Y" if count * slot_days > 370 else "%-d %b"
    for i in _date_ticks(first, count, slot_days):
        label = (first + dt.timedelta(days=i * slot_days)).strftime(shown)
        cx = x(i + 0.5)
        anchor = "start" if cx < LEFT + 20 else "end" if cx > WIDTH - 30 else "middle"
        # A label pushed right of its tick (the first, by the axis) can run into the next:
        # that next one is left out rather than printed over it.
        width = len(label) * FONT * 0.62
        start = {"start": cx, "middle": cx - width / 2, "end": cx - width}[anchor]
        if start < last_end + FONT / 2:
            continue
        last_end = start + width
        body.append(svg_line(cx, bottom, cx, bottom + 4, INK))
        body.append(svg_text(cx, bottom + 20, label, anchor))
    return body


def day_chart(
    first: dt.date,
    count: int,
    title: str,
    bars: Sequence[float | None] = (),
    line: Sequence[float | None] = (),
    line_colour: str = PAIN,
    bands: Sequence[tuple[Sequence[bool], str]] = (),
    ymax: int | None = None,
    slot_days: int = 1,
) -> SafeString:
    """Up to two series over `count` days from `first`: bars and a line on one axis, with
    shaded whole-day bands behind. None is a day not recorded: a gap, never a zero.
    `slot_days` 7: each value is a week's, from `first` on."""
    top, bottom = 10.0, 150.0
    values = [v for v in (*bars, *line) if v is not None]
    ymax = ymax or nice_ceiling(max(values, default=0))
    slot = (WIDTH - RIGHT - LEFT) / max(count, 1)

    def x(i: float) -> float:
        return LEFT + i * slot

    def y(v: float) -> float:
        # A value below the axis (a day below freezing) sits on it: the table has the number.
        return bottom - max(0, min(v, ymax)) / ymax * (bottom - top)

    body = []
    # Each kind of band has its own slice of the height, so a day with both shows both.
    share = (bottom - top) / max(len(bands), 1)
    for k, (flags, colour) in enumerate(bands):
        body += [
            svg_rect(x(i), top + k * share, slot, share, colour) for i, on in enumerate(flags) if on
        ]
    body += y_axis(top, bottom, ymax)
    body += [
        svg_rect(x(i) + slot * 0.12, y(v), slot * 0.76, bottom - y(v), BRAND)
        for i, v in enumerate(bars)
        if v
    ]
    points = [(x(i + 0.5), y(v)) if v is not None else None for i, v in enumerate(line)]
    body += _polylines(points, line_colour)
    body += _day_axis(first, count, x, bottom, slot_days)
    return svg_root(bottom + 28, title, body)


def _polylines(points: Sequence[tuple[float, float] | None], colour: str) -> list[str]:
    """A line through recorded days, broken where a day is missing; lone days are dots."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    body = []
    for run in runs:
        if len(run) == 1:
            (cx, cy) = run[0]
            body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="2.5" fill="{colour}"/>')
        elif run:
            coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
            body.append(
                f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                'stroke-width="2" stroke-linejoin="round"/>'
            )
    return body


def timeline(days: list[Day], first: dt.date, last: dt.date) -> dict[str, SafeString]:
    """Two day-by-day charts: spasms (bars) with worst pain (line); hours of sleep (line)
    with hot and infection days as bands."""
    by_date = {d.date: d for d in days}
    dates = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]

    def series(get) -> list:
        return [get(by_date[d]) if d in by_date else None for d in dates]

    def flags(trigger: str) -> list[bool]:
        return [bool(d in by_date and by_date[d].binary.get(trigger)) for d in dates]

    spasms = series(lambda d: d.outcomes["spasm_count"])
    # Pain is 0–10, so the shared axis reaches at least 10.
    top = max(10, nice_ceiling(max((v for v in spasms if v is not None), default=0)))
    return {
        "symptoms": day_chart(
            first,
            len(dates),
            "Spasms a day and worst pain",
            bars=spasms,
            line=series(lambda d: d.outcomes["pain_max"]),
            ymax=top,
        ),
        "sleep": day_chart(
            first,
            len(dates),
            "Hours of sleep, with hot and infection days shaded",
            line=series(lambda d: d.continuous.get("sleep_hours")),
            line_colour=SLEEP,
            bands=[(flags("heat"), HEAT_BAND), (flags("infection"), INFECTION_BAND)],
            ymax=12,
        ),
    }


TREATMENT_BAND = "#d3e3f3"


def explore(points: Timeline) -> dict[str, SafeString]:
    """Explore's charts as the server draws them, one slot a point: spasms (bars) and worst
    pain (line) over the treatment periods; the outside temperature over infection days."""
    count, per = len(points.starts), points.slot_days
    spasms, temperatures = points.values["spasms"], points.values["temperature"]
    top = max(10, nice_ceiling(max((v for v in spasms if v is not None), default=0)))
    unit = "°F" if points.fahrenheit else "°C"
    return {
        "symptoms": day_chart(
            points.starts[0],
            count,
            "Spasms a day and worst pain, with treatment periods shaded",
            bars=spasms,
            line=points.values["pain"],
            bands=[(points.treated(), TREATMENT_BAND)],
            ymax=top,
            slot_days=per,
        ),
        "temperature": day_chart(
            points.starts[0],
            count,
            f"Outside temperature ({unit}), with infection days shaded",
            line=temperatures,
            line_colour=TEMPERATURE,
            bands=[([bool(v) for v in points.values["infection"]], INFECTION_BAND)],
            ymax=nice_ceiling(max((v for v in temperatures if v is not None), default=0)),
            slot_days=per,
        ),
    }
