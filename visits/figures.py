"""The figures of the visit summary, from plain facts: no Django, fully unit-tested."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from lib.rules import (
    INTERFERENCE_AREAS,
    EntryFact,
    frequency_score,
    other_causes,
    week_start,
)

# Up to this many days the summary has a row a week. A longer range has a row a month,
# or a row for several months when months alone would be too many: whatever the range,
# the table stays short enough for the summary to fit on two pages.
WEEKLY_UP_TO_DAYS = 16 * 7
MAX_ROWS = 16
MONTHS_A_ROW = (1, 3, 6, 12)
# Possible-relapse entries at most this many days apart are one episode.
EPISODE_GAP_DAYS = 3


@dataclass
class WeekRow:
    """A week of the summary, or on a long range a month or more (then `months` says how
    many, from the month of `start`)."""

    start: dt.date
    recorded_days: int
    spasms: int
    score_median: float | None
    score_worst: int | None
    pain_mean: float | None
    pain_worst: int | None
    months: int = 0
    days: int = 7  # the row's calendar days, in the range or not

    @property
    def is_part(self) -> bool:
        """Only some of its days recorded (or in the range): its totals look low."""
        return self.recorded_days < self.days

    @property
    def label(self) -> str:
        return f"{self.start:%b %Y}" if self.months else f"{self.start:%-d %b}"

    @property
    def days_label(self) -> str:
        """ "3 of 7" for a part row, so its low totals do not read as a drop; else "7"."""
        return f"{self.recorded_days} of {self.days}" if self.is_part else str(self.days)

    @property
    def chart_label(self) -> str:
        """The label under a bar: a part row says how many of its days are behind it."""
        return f"{self.label} ({self.recorded_days}/{self.days})" if self.is_part else self.label


def row_span(rows: list[WeekRow]) -> str:
    """What one row covers, for captions: "week", "month", "3 months", "year"…"""
    months = rows[0].months if rows else 0
    if not months:
        return "week"
    if months % 12 == 0:
        return "year" if months == 12 else f"{months // 12} years"
    return "month" if months == 1 else f"{months} months"


@dataclass
class Relapse:
    date: dt.date
    regions: tuple[str, ...]
    other_causes: list[str]


@dataclass
class Episode:
    """Possible-relapse entries a few days apart at most: one episode, first to last day."""

    first: dt.date
    last: dt.date
    entries: int
    regions: list[str]
    other_causes: list[str]


def relapse_episodes(relapses: list[Relapse], gap: int = EPISODE_GAP_DAYS) -> list[Episode]:
    episodes: list[Episode] = []
    for r in sorted(relapses, key=lambda r: r.date):
        if episodes and (r.date - episodes[-1].last).days <= gap:
            episode = episodes[-1]
            episode.last, episode.entries = r.date, episode.entries + 1
        else:
            episode = Episode(r.date, r.date, 1, [], [])
            episodes.append(episode)
        episode.regions += [x for x in r.regions if x not in episode.regions]
        episode.other_causes += [x for x in r.other_causes if x not in episode.other_causes]
    return episodes


@dataclass
class PeriodHeld:
    """What the check-ins of the period say: days with infection or fever, hot days, poor
    nights, out of the days with a check-in and the days of entries only whose heat the
    weather tells."""

    check_in_days: int
    infection_or_fever: int
    hot: int
    poor_nights: int
    weather_days: int = 0


def period_held(
    first, last, day_flags: dict[dt.date, dict], weather_only: Collection[dt.date] = ()
) -> PeriodHeld:
    days = [flags for d, flags in day_flags.items() if first <= d <= last and flags]
    weather_days = sum(1 for d in weather_only if first <= d <= last and day_flags.get(d))
    return PeriodHeld(
        check_in_days=len(days) - weather_days,
        weather_days=weather_days,
        infection_or_fever=sum(bool(f.get("infection") or f.get("fever")) for f in days),
        hot=sum(bool(f.get("heat")) for f in days),
        poor_nights=sum(bool(f.get("poor_sleep")) for f in days),
    )


@dataclass
class HelpedRow:
    measure: str
    tried: int
    yes: int
    partly: int
    no: int


@dataclass
class VisitFigures:
    first: dt.date
    last: dt.date
    days_in_range: int
    days_recorded: int
    spasm_total: int
    spasms_per_day: float | None
    worst_day: tuple[dt.date, int] | None
    spasm_severity_median: float | None
    spasm_severity_worst: int | None
    spasm_regions: list[tuple[str, int]]
    spasm_minutes_median: float | None
    spasm_minutes_longest: int | None
    trend: str
    weeks: list[WeekRow]
    pain_total: int
    pain_by_kind: list[tuple[str, int]]
    pain_regions: list[tuple[str, int]]
    pain_mean: float | None
    pain_worst: int | None
    pattern: str | None
    onset: str | None
    interference: list[tuple[str, float, int]]
    examples: list[str]
    relapses: list[Relapse]
    helped: list[HelpedRow]
    eases_pain: list[tuple[str, int]]
    episodes: list[Episode]
    held: PeriodHeld


def _mean(values) -> float | None:
    values = list(values)
    return statistics.fmean(values) if values else None


def _median(values) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def _trend(first_half: float | None, second_half: float | None) -> str:
    if first_half is None or second_half is None:
        return "Too few recorded days to see a trend."
    diff = second_half - first_half
    if abs(diff) < max(0.25, 0.1 * first_half):
        word = "about the same"
    else:
        word = "more" if diff > 0 else "fewer"
    return (
        f"Spasms a day: {first_half:.1f} in the first half of the period, "
        f"{second_half:.1f} in the second half ({word})."
    )


def visit_figures(
    first: dt.date,
    last: dt.date,
    entries: list[EntryFact],
    recorded: set[dt.date],
    day_flags: dict[dt.date, dict[str, bool]],
    weather_only: Collection[dt.date] = (),
) -> VisitFigures:
    """The summary of first..last. `recorded` holds every date with a check-in or an entry;
    `day_flags` the fever / infection / heat answers of check-ins (including the day before
    `first`, for the relapse notes) and of the days of entries only whose temperature the
    weather gave, `weather_only`."""
    days_in_range = (last - first).days + 1
    recorded = {d for d in recorded if first <= d <= last}
    entries = [e for e in entries if first <= e.date <= last]
    spasms = [e for e in entries if e.kind == "spasm"]
    pains = [e for e in entries if e.kind == "pain"]
    per_day = Counter(e.date for e in spasms)
    counts = [per_day.get(d, 0) for d in sorted(recorded)]
    middle = first + dt.timedelta(days=days_in_range // 2)
    relapses = [
        Relapse(e.date, e.regions, other_causes(e.date, day_flags))
        for e in sorted(pains, key=lambda e: e.date)
        if e.is_possible_relapse
    ]
    return VisitFigures(
        first=first,
        last=last,
        days_in_range=days_in_range,
        days_recorded=len(recorded),
        spasm_total=len(spasms),
        spasms_per_day=_mean(counts),
        worst_day=max(((d, per_day[d]) for d in per_day), key=lambda x: (x[1], x[0]), default=None),
        spasm_severity_median=_median(e.severity for e in spasms),
        spasm_severity_worst=max((e.severity for e in spasms), default=None),
        spasm_regions=Counter(r for e in spasms for r in e.regions).most_common(5),
        spasm_minutes_median=_median(e.minutes for e in spasms if e.minutes is not None),
        spasm_minutes_longest=max(
            (e.minutes for e in spasms if e.minutes is not None), default=None
        ),
        trend=_trend(
            _mean(per_day.get(d, 0) for d in recorded if d < middle),
            _mean(per_day.get(d, 0) for d in recorded if d >= middle),
        ),
        weeks=_weeks(first, last, spasms, pains, recorded),
        pain_total=len(pains),
        pain_by_kind=Counter(e.pain_type for e in pains).most_common(),
        pain_regions=Counter(r for e in pains for r in e.regions).most_common(5),
        pain_mean=_mean(e.severity for e in pains),
        pain_worst=max((e.severity for e in pains), default=None),
        pattern=_most_common(e.pattern for e in pains),
        onset=_most_common(e.onset for e in pains),
        interference=[
            (area, statistics.fmean(v), len(v))
            for area in INTERFERENCE_AREAS
            if (v := [e.interference[area] for e in pains if area in e.interference])
        ],
        examples=_examples(pains),
        relapses=relapses,
        helped=_helped(spasms),
        eases_pain=Counter(m for e in pains for m in e.relieved_by).most_common(),
        episodes=relapse_episodes(relapses),
        held=period_held(first, last, day_flags, weather_only),
    )


def _most_common(values) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _examples(pains: list[EntryFact], limit: int = 5) -> list[str]:
    seen: list[str] = []
    for entry in sorted(pains, key=lambda e: e.date, reverse=True):
        text = entry.example.strip()
        if text and text not in seen:
            seen.append(text)
    return seen[:limit]


def _helped(spasms: list[EntryFact]) -> list[HelpedRow]:
    rows: dict[str, HelpedRow] = {}
    for entry in spasms:
        for measure in entry.tried:
            row = rows.setdefault(measure, HelpedRow(measure, 0, 0, 0, 0))
            row.tried += 1
            if entry.helped in ("yes", "partly", "no"):
                setattr(row, entry.helped, getattr(row, entry.helped) + 1)
    return sorted(rows.values(), key=lambda r: -r.tried)


def _weeks(first, last, spasms, pains, recorded) -> list[WeekRow]:
    """The rows of the table and charts: weeks, or months on a long range."""
    per_day = Counter(e.date for e in spasms)
    pains_on: dict[dt.date, list[int]] = {}
    for e in pains:
        pains_on.setdefault(e.date, []).append(e.severity)

    def row(start: dt.date, end: dt.date, months: int = 0) -> WeekRow:
        """The row of start..end (inclusive), clipped to the summary's range."""
        days = [
            max(start, first) + dt.timedelta(days=i)
            for i in range((min(end, last) - max(start, first)).days + 1)
        ]
        seen = [d for d in days if d in recorded]
        scores = [frequency_score(per_day.get(d, 0)) for d in seen]
        severities = [s for d in days for s in pains_on.get(d, [])]
        return WeekRow(
            start=start,
            recorded_days=len(seen),
            spasms=sum(per_day.get(d, 0) for d in days),
            score_median=_median(scores),
            score_worst=max(scores, default=None),
            pain_mean=_mean(severities),
            pain_worst=max(severities, default=None),
            months=months,
            days=(end - start).days + 1,
        )

    if (last - first).days + 1 <= WEEKLY_UP_TO_DAYS:
        starts = range(0, (last - week_start(first)).days + 1, 7)
        return [
            row(start, start + dt.timedelta(days=6))
            for start in (week_start(first) + dt.timedelta(days=n) for n in starts)
        ]
    months = _months_a_row(first, last)
    return [row(start, end, months) for start, end in _month_spans(first, last, months)]


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _months_a_row(first: dt.date, last: dt.date) -> int:
    count = _month_number(last) - _month_number(first) + 1
    for months in MONTHS_A_ROW:
        if -(-count // months) <= MAX_ROWS:
            return months
    return 12 * -(-count // (12 * MAX_ROWS))  # ranges of decades: several years a row


def _month_spans(first: dt.date, last: dt.date, months: int):
    """(first day, last day) of each run of `months` months from first's month to last's."""
    number = _month_number(first)
    while number <= _month_number(last):
        following = number + months
        start = dt.date(number // 12, number % 12 + 1, 1)
        if following > _month_number(dt.date.max):
            yield start, last
            return
        yield start, dt.date(following // 12, following % 12 + 1, 1) - dt.timedelta(days=1)
        number = following
