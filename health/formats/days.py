"""Days the way the journal counts them, from the timed samples a phone or watch keeps.

- A night's sleep belongs to the morning it ends on, in the patient's zone. Asleep
  spans from every device are laid over each other, so minutes two devices both
  counted count once; spans less than GAP apart are one sleep, and a sleep wholly
  within the day (NAP_FROM to NAP_UNTIL) is a nap and left out.
- Steps are counted per BUCKET of each local day, per device; where two devices counted
  the same bucket the larger count stands, so the phone in the pocket and the watch on
  the wrist are not added together.
- Only whole days are kept: the first day of a series and any day from the export's end
  on are partial, and left out. Formats that give a total per night or per day keep the
  same rule through `whole`.
- A value no night or day can hold (over 24 hours asleep, more steps than MAX_STEPS) is a
  device's error and left out by `plausible_sleep` and `plausible_steps`.
"""

from __future__ import annotations

import datetime as dt
from array import array
from zoneinfo import ZoneInfo

from lib.limits import MAX_STEPS

GAP = dt.timedelta(hours=2)
NAP_FROM, NAP_UNTIL = dt.time(10, 0), dt.time(20, 0)
BUCKET_SECONDS = 300
# A local day has at most 25 hours (the night the clocks go back).
BUCKETS = 25 * 3600 // BUCKET_SECONDS


class Nights:
    """Asleep spans, collected in any order, read as hours asleep per night."""

    def __init__(self, zone: ZoneInfo):
        self.zone = zone
        self.spans: list[tuple[float, float]] = []

    def add(self, start: dt.datetime, end: dt.datetime) -> None:
        """An asleep span between two aware moments."""
        if end > start:
            self.spans.append((start.timestamp(), end.timestamp()))

    def hours(self, until: dt.datetime | None) -> dict[dt.date, float]:
        """Hours asleep per morning, the first morning and those from `until`'s day on
        left out as partial."""
        nights: dict[dt.date, float] = {}
        for start, end, asleep in _sleeps(self.spans):
            begun = dt.datetime.fromtimestamp(start, self.zone)
            ended = dt.datetime.fromtimestamp(end, self.zone)
            if not _nap(begun, ended):
                nights[ended.date()] = nights.get(ended.date(), 0.0) + asleep / 3600
        return _whole(nights, until, self.zone)


def _nap(begun: dt.datetime, ended: dt.datetime) -> bool:
    return begun.date() == ended.date() and begun.time() >= NAP_FROM and ended.time() <= NAP_UNTIL


def _merged(spans: list[tuple[float, float]]) -> list[list[float]]:
    """The spans laid over each other: each minute once."""
    merged: list[list[float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _sleeps(spans: list[tuple[float, float]]) -> list[list[float]]:
    """Each sleep's first and last moment and the seconds asleep in it: merged spans
    less than GAP apart are one sleep, the time awake between them not counted."""
    gap = GAP.total_seconds()
    sleeps: list[list[float]] = []
    for start, end in _merged(spans):
        if sleeps and start - sleeps[-1][1] < gap:
            sleeps[-1][1] = end
            sleeps[-1][2] += end - start
        else:
            sleeps.append([start, end, end - start])
    return sleeps


class Steps:
    """Step counts over spans of time, from one or more devices, read as steps per day."""

    def __init__(self, zone: ZoneInfo):
        self.zone = zone
        # (local day, device) -> steps per bucket of that day
        self.buckets: dict[tuple[dt.date, int], array] = {}
        self.devices: dict[str, int] = {}
        self._midnights: dict[int, tuple[dt.date, float, float]] = {}

    def add(self, device: str, start: dt.datetime, end: dt.datetime, count: float) -> None:
        """`count` steps between two aware moments, spread evenly over them."""
        if count <= 0:
            return
        key = self.devices.setdefault(device, len(self.devices))
        first, last = start.timestamp(), max(end.timestamp(), start.timestamp())
        span = last - first
        moment = first
        while True:
            day, midnight, next_midnight = self._day_of(moment)
            piece_end = min(last, next_midnight)
            share = count if span == 0 else count * (piece_end - moment) / span
            self._spread(day, key, moment - midnight, piece_end - midnight, share)
            if piece_end >= last:
                break
            moment = piece_end

    def _spread(self, day, device: int, start: float, end: float, count: float) -> None:
        buckets = self.buckets.get((day, device))
        if buckets is None:
            buckets = self.buckets[(day, device)] = array("f", bytes(4 * BUCKETS))
        first = min(int(start // BUCKET_SECONDS), BUCKETS - 1)
        last = min(int(end // BUCKET_SECONDS), BUCKETS - 1)
        if first == last or end == start:
            buckets[first] += count
            return
        for index in range(first, last + 1):
            low = max(start, index * BUCKET_SECONDS)
            high = min(end, (index + 1) * BUCKET_SECONDS)
            if high > low:
                buckets[index] += count * (high - low) / (end - start)

    def _day_of(self, moment: float) -> tuple[dt.date, float, float]:
        """The local day `moment` falls in, with its midnight and the next, as POSIX
        times; remembered by the hour, as samples come in runs."""
        hour = int(moment // 3600)
        known = self._midnights.get(hour)
        if known is None:
            day = dt.datetime.fromtimestamp(moment, self.zone).date()
            midnight = dt.datetime.combine(day, dt.time(), self.zone).timestamp()
            following = day + dt.timedelta(days=1)
            next_midnight = dt.datetime.combine(following, dt.time(), self.zone).timestamp()
            known = self._midnights[hour] = (day, midnight, next_midnight)
        return known

    def per_day(self, until: dt.datetime | None) -> dict[dt.date, int]:
        """Steps per local day, the larger device's count in each bucket; the first day
        and those from `until`'s day on left out as partial."""
        days: dict[dt.date, list[array]] = {}
        for (day, _device), buckets in self.buckets.items():
            days.setdefault(day, []).append(buckets)
        totals = {
            day: round(sum(max(column) for column in zip(*devices, strict=True)))
            for day, devices in days.items()
        }
        return _whole(totals, until, self.zone)


def _whole(values: dict, until: dt.datetime | None, zone: ZoneInfo) -> dict:
    """The days of `values` but its first and any from `until`'s local day on."""
    return whole(values, until.astimezone(zone).date() if until is not None else None)


def whole(values: dict, last: dt.date | None = None) -> dict:
    """Per-day values but the first day and any from `last` on (the day the export was
    made), or, without `last`, the last day: those are partial."""
    if not values:
        return {}
    first = min(values)
    last = last if last is not None else max(values)
    return {day: value for day, value in sorted(values.items()) if first < day < last}


MAX_SLEEP_HOURS = 24


def plausible_sleep(nights: dict[dt.date, float]) -> dict[dt.date, float]:
    """The nights a person could have slept: over 24 hours is a device's error."""
    return {day: hours for day, hours in nights.items() if 0 <= hours <= MAX_SLEEP_HOURS}


def plausible_steps(steps: dict[dt.date, int]) -> dict[dt.date, int]:
    """The days a person could have walked: past MAX_STEPS is a device's error."""
    return {day: count for day, count in steps.items() if 0 <= count <= MAX_STEPS}
