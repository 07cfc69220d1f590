"""Explore: the symptoms and what the triggers read, one point a day or a week, over any
range from a week to the whole journal.

A phone is never sent more than MAX_POINTS points a series: up to that many days a
point is a day; beyond it a point is a week (or as many weeks as it takes), the mean of
its recorded days, the worst pain its worst, and the infection days counted. Days not
recorded stay gaps, never zeros.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from accounts.units import from_celsius
from analysis.stats.associations import Day
from analysis.stats.periods import Period
from lib.rules import week_start

MAX_POINTS = 400


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    # How a week's recorded days make its point: their mean, their worst, or a count.
    combine: Callable[[list[float]], float]
    digits: int = 1


def _count(values: list[float]) -> float:
    return float(sum(1 for v in values if v))


SERIES = (
    Series("spasms", "Spasms a day", statistics.fmean),
    Series("pain", "Worst pain (0–10)", max, 0),
    Series("temperature", "Outside temperature", statistics.fmean),
    Series("sleep", "Sleep (hours)", statistics.fmean),
    Series("steps", "Steps", statistics.fmean, 0),
    Series("stress", "Stress (0–10)", statistics.fmean),
    Series("infection", "Infection days", _count, 0),
)


def _day_values(day: Day, fahrenheit: bool) -> dict[str, float | None]:
    """One recorded day's value of each series (None: not recorded that day)."""
    celsius = day.continuous.get("max_temp_c")
    infection = day.binary.get("infection")
    return {
        "spasms": day.outcomes["spasm_count"],
        "pain": day.outcomes["pain_max"],
        "temperature": None
        if celsius is None
        else float(from_celsius(Decimal(str(celsius)), fahrenheit)),
        "sleep": day.continuous.get("sleep_hours"),
        "steps": day.continuous.get("steps"),
        "stress": day.continuous.get("stress"),
        "infection": None if infection is None else float(infection),
    }


def slot_days_for(first: dt.date, last: dt.date) -> int:
    """1 (a point a day) while the range has at most MAX_POINTS days; else whole weeks,
    as few as keep the points at MAX_POINTS or under."""
    days = (last - first).days + 1
    if days <= MAX_POINTS:
        return 1
    # A range starting mid-week takes up to six more days once its weeks start on Monday.
    return 7 * math.ceil((days + 6) / (7 * MAX_POINTS))


@dataclass(frozen=True)
class Timeline:
    first: dt.date
    last: dt.date
    slot_days: int  # 1: a point a day; 7: a week; 14: two weeks…
    starts: list[dt.date]  # each point's first day
    values: dict[str, list[float | None]]  # by series key, a value a point
    periods: list[Period]  # the treatment periods that overlap the range
    fahrenheit: bool = False

    @property
    def weekly(self) -> bool:
        return self.slot_days > 1

    def slot_end(self, start: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.slot_days - 1)

    def treated(self) -> list[bool]:
        """Whether a treatment period covers any day of each point."""
        return [
            any(p.started <= self.slot_end(s) and (p.stopped is None or p.stopped >= s)
                for p in self.periods)
            for s in self.starts
        ]  # fmt: skip


def timeline(
    days: Sequence[Day],
    periods: Sequence[Period],
    first: dt.date,
    last: dt.date,
    fahrenheit: bool = False,
) -> Timeline:
    """The recorded days from first to last as points of each series."""
    slot_days = slot_days_for(first, last)
    start = first if slot_days == 1 else week_start(first)
    count = (last - start).days // slot_days + 1
    starts = [start + dt.timedelta(days=i * slot_days) for i in range(count)]
    collected: list[dict[str, list[float]]] = [{s.key: [] for s in SERIES} for _ in starts]
    for day in days:
        if first <= day.date <= last:
            slot = collected[(day.date - start).days // slot_days]
            for key, value in _day_values(day, fahrenheit).items():
                if value is not None:
                    slot[key].append(value)
    values = {
        s.key: [round(s.combine(c[s.key]), s.digits) if c[s.key] else None for c in collected]
        for s in SERIES
    }
    overlapping = [
        p for p in periods if p.started <= last and (p.stopped is None or p.stopped >= first)
    ]
    return Timeline(first, last, slot_days, starts, values, overlapping, fahrenheit)


def _shown(key: str, value: float | None, daily: bool) -> str:
    if value is None:
        return "–"
    if key == "infection" and daily:
        return "yes" if value else "no"
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def table_rows(points: Timeline) -> list[list[str]]:
    """The points that hold anything, newest first: the date (or the week), then each
    series' value."""
    rows = []
    for i in reversed(range(len(points.starts))):
        values = {key: points.values[key][i] for key in points.values}
        if all(v is None for v in values.values()):
            continue
        start = points.starts[i]
        when = f"Week of {start:%-d %b %Y}" if points.weekly else f"{start:%a %-d %b %Y}"
        rows.append([when, *(_shown(s.key, values[s.key], not points.weekly) for s in SERIES)])
    return rows
