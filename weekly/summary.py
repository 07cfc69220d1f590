"""The weekly review: one local week (Monday to Sunday) against the four weeks before.

Plain Python, no Django: the view and the digest feed it facts and show what it finds.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from lib.rules import (
    OTHER_CAUSE_LABELS,
    WEEK,
    EntryFact,
    frequency_score,
    other_causes,
)
from symptoms.body_map import count_labelled

BASELINE_WEEKS = 4


@dataclass
class DayRow:
    date: dt.date
    recorded: bool = False
    spasm_count: int = 0
    spasm_max: int | None = None
    pain_max: int | None = None
    pain_by_type: dict[str, int] = field(default_factory=dict)
    triggers: dict[str, bool | None] = field(default_factory=dict)

    @property
    def frequency_score(self) -> int | None:
        return frequency_score(self.spasm_count) if self.recorded else None


@dataclass
class Attention:
    kind: str  # "relapse", "new_pain", "new_region", "unrecorded"
    text: str
    entry_id: int | None = None


@dataclass
class Change:
    what: str
    this_week: float | None
    before: float | None

    @property
    def sentence(self) -> str:
        if self.this_week is None:
            return f"{self.what}: nothing recorded this week."
        if self.before is None:
            return (
                f"{self.what}: {self.this_week:.1f} this week; "
                "nothing recorded in the 4 weeks before to compare with."
            )
        diff = self.this_week - self.before
        trend = "about the same as" if abs(diff) < 0.05 else "up from" if diff > 0 else "down from"
        return (
            f"{self.what}: {self.this_week:.1f} this week, "
            f"{trend} {self.before:.1f} in the 4 weeks before."
        )


@dataclass
class WeeklyReview:
    start: dt.date
    days: list[DayRow]
    changes: list[Change]
    attention: list[Attention]
    region_counts: dict[str, int] = field(default_factory=dict)  # code: entries naming it

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def recorded_days(self) -> list[DayRow]:
        return [d for d in self.days if d.recorded]

    @property
    def frequency_median(self) -> float | None:
        scores = [d.frequency_score for d in self.recorded_days]
        return statistics.median(scores) if scores else None

    @property
    def frequency_worst(self) -> int | None:
        return max((d.frequency_score for d in self.recorded_days), default=None)

    @property
    def spasm_total(self) -> int:
        return sum(d.spasm_count for d in self.days)


def _rows(dates, entries_by_day, triggers_by_day) -> dict[dt.date, DayRow]:
    rows = {}
    for date in dates:
        entries = entries_by_day.get(date, [])
        triggers = triggers_by_day.get(date)
        row = DayRow(date, recorded=bool(entries) or triggers is not None, triggers=triggers or {})
        spasms = [e.severity for e in entries if e.kind == "spasm"]
        pains = [e for e in entries if e.kind == "pain"]
        row.spasm_count = len(spasms)
        row.spasm_max = max(spasms, default=None)
        row.pain_max = max((e.severity for e in pains), default=None)
        for pain in pains:
            row.pain_by_type[pain.pain_type] = max(
                row.pain_by_type.get(pain.pain_type, 0), pain.severity
            )
        rows[date] = row
    return rows


def _mean(values) -> float | None:
    values = list(values)
    return statistics.fmean(values) if values else None


def review(
    start: dt.date,
    entries: list[EntryFact],
    triggers_by_day: dict[dt.date, dict[str, bool | None]],
    today: dt.date,
) -> WeeklyReview:
    """The week from `start` (a Monday), with the 4 weeks before it as the baseline.

    `triggers_by_day` has a key for every date with a check-in (its derived triggers).
    Days after `today` have not happened and are neither recorded nor missing.
    """
    baseline_start = start - BASELINE_WEEKS * WEEK
    entries_by_day: dict[dt.date, list[EntryFact]] = {}
    for entry in entries:
        entries_by_day.setdefault(entry.date, []).append(entry)
    week_dates = [start + dt.timedelta(days=i) for i in range(7)]
    before_dates = [baseline_start + dt.timedelta(days=i) for i in range(BASELINE_WEEKS * 7)]
    rows = _rows(week_dates + before_dates, entries_by_day, triggers_by_day)
    week = [rows[d] for d in week_dates]
    before = [rows[d] for d in before_dates if rows[d].recorded]
    this = [r for r in week if r.recorded]
    changes = [
        Change(
            "Spasms a day", _mean(r.spasm_count for r in this), _mean(r.spasm_count for r in before)
        ),
        Change(
            "Worst pain (0–10) on days with pain",
            _mean(r.pain_max for r in this if r.pain_max is not None),
            _mean(r.pain_max for r in before if r.pain_max is not None),
        ),
    ]
    attention = _attention(week_dates, before_dates, entries_by_day, rows, today)
    named = count_labelled(e.regions for d in week_dates for e in entries_by_day.get(d, []))
    return WeeklyReview(start, week, changes, attention, named)


def _attention(week_dates, before_dates, entries_by_day, rows, today) -> list[Attention]:
    items: list[Attention] = []
    week_entries = [e for d in week_dates for e in entries_by_day.get(d, [])]
    before_entries = [e for d in before_dates for e in entries_by_day.get(d, [])]
    for entry in week_entries:
        if entry.is_possible_relapse:
            text = (
                f"{entry.date:%A %-d %B}: pain came with new or returning symptoms. "
                "This could be a relapse: tell the neurologist or MS nurse."
            )
            causes = _possible_other_causes(entry.date, rows)
            if causes:
                text += (
                    f" {causes} recorded that day or the day before: these can bring old symptoms "
                    "back for a while without a true relapse."
                )
            items.append(Attention("relapse", text, entry.id))
    seen_types = {e.pain_type for e in before_entries if e.kind == "pain"}
    seen_regions = {r for e in before_entries for r in e.regions}
    new_types = sorted({e.pain_type for e in week_entries if e.kind == "pain"} - seen_types)
    for pain_type in new_types:
        items.append(
            Attention("new_pain", f"A kind of pain not logged in the 4 weeks before: {pain_type}.")
        )
    new_regions = sorted({r for e in week_entries for r in e.regions} - seen_regions)
    if new_regions:
        items.append(
            Attention(
                "new_region",
                "New places not logged in the 4 weeks before: " + ", ".join(new_regions) + ".",
            )
        )
    missing = [d for d in week_dates if d <= today and not rows[d].recorded]
    if missing:
        days = ", ".join(f"{d:%a %-d}" for d in missing)
        items.append(
            Attention(
                "unrecorded",
                f"{len(missing)} day{'s' if len(missing) != 1 else ''} not recorded: {days}.",
            )
        )
    return items


def _possible_other_causes(date: dt.date, rows: dict[dt.date, DayRow]) -> str:
    found = [
        OTHER_CAUSE_LABELS[key]
        for key in other_causes(date, {day: row.triggers for day, row in rows.items()})
    ]
    if not found:
        return ""
    if len(found) == 1:
        return f"{found[0]} was"
    return ", ".join(found[:-1]) + f" and {found[-1].lower()} were"
