"""One patient's journal over a date range, day by day: what every report reads.

The trigger page, the weekly review and the visit summary each load their range here,
once per request, in four queries whatever the range's length: entries as light facts,
check-in answers, own-trigger answers and the patient's own triggers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields
from decimal import Decimal

from django.utils import timezone

from symptoms.choices import INTERFERENCE_AREAS, Onset, Pattern, Region, Relief
from symptoms.models import Entry
from symptoms.rules import PAIN_LABELS, EntryFact
from triggers.analysis import Day, DayInputs, derive_triggers
from triggers.models import CheckIn, OwnTrigger, TagAnswer

ENTRY_FIELDS = (
    "id",
    "occurred_at",
    "kind",
    "severity",
    "regions",
    "duration_minutes",
    "pain_type",
    "pattern",
    "onset",
    "with_new_symptoms",
    *[f"interference_{area}" for area in INTERFERENCE_AREAS],
    "interference_example",
    "tried",
    "helped",
    "relieved_by",
)
# The check-in answers the analysis reads: DayInputs' fields, by the same names.
ANSWERS = [f.name for f in fields(DayInputs) if f.name != "tags"]
REGION_LABELS = dict(Region.choices)
RELIEF_LABELS = dict(Relief.choices)
PATTERN_LABELS = dict(Pattern.choices)
ONSET_LABELS = dict(Onset.choices)


@dataclass
class JournalDays:
    """The range first..last (first None: from the journal's start).

    `check_ins` also holds the day before `first`: a fever then can explain new symptoms
    on the first day.
    """

    first: dt.date | None
    last: dt.date
    entries: list[EntryFact]
    check_ins: dict[dt.date, dict[str, bool | None]]  # derived triggers and the fever answer
    days: list[Day]  # the recorded days: a check-in or at least one entry
    own_triggers: list[str]


def journal_days(patient, first: dt.date | None = None, last: dt.date | None = None) -> JournalDays:
    zone = patient.zone
    last = last or timezone.localdate(timezone=zone)
    rows = (
        Entry.objects.for_patient(patient)
        .on_local_dates(first, last, zone)
        .values_list(*ENTRY_FIELDS)
    )
    entries = [_fact(row, zone) for row in rows.iterator(chunk_size=2000)]
    day_before = first - dt.timedelta(days=1) if first else None
    inputs = _check_in_inputs(patient, day_before, last)
    threshold = float(patient.heat_threshold_c)
    derived = {date: derive_triggers(answers, threshold) for date, answers in inputs.items()}
    check_ins = {
        date: {**binary, "fever": inputs[date].fever} for date, (binary, _) in derived.items()
    }
    days = _recorded_days(entries, derived, first)
    own = [trigger.key for trigger in OwnTrigger.objects.for_patient(patient)]
    return JournalDays(first, last, entries, check_ins, days, own)


def _labels(codes, labels: dict[str, str]) -> tuple[str, ...]:
    return tuple(labels.get(code, code) for code in codes)


def _fact(row: tuple, zone) -> EntryFact:
    pk, when, kind, severity, regions, minutes, pain_type, pattern, onset, new, *rest = row
    *interference, example, tried, helped, relieved_by = rest
    return EntryFact(
        date=when.astimezone(zone).date(),
        kind=kind,
        severity=severity,
        regions=_labels(regions, REGION_LABELS),
        minutes=minutes,
        pain_type=PAIN_LABELS.get(pain_type, ""),
        pattern=PATTERN_LABELS.get(pattern, ""),
        onset=ONSET_LABELS.get(onset, ""),
        with_new_symptoms=new,
        interference={
            area: value
            for area, value in zip(INTERFERENCE_AREAS, interference, strict=True)
            if value is not None
        },
        example=example,
        tried=_labels(tried, RELIEF_LABELS),
        helped=helped,
        relieved_by=_labels(relieved_by, RELIEF_LABELS),
        id=pk,
    )


def _answer(value):
    """A check-in answer as the analysis takes it: numbers as floats, blanks as None."""
    if isinstance(value, Decimal):
        return float(value)
    return None if value == "" else value


def _check_in_inputs(patient, first: dt.date | None, last: dt.date) -> dict[dt.date, DayInputs]:
    tags: dict[dt.date, dict[str, bool]] = defaultdict(dict)
    answers = TagAnswer.objects.for_patient(patient).between(first, last)
    for date, name, present in answers.values_list("check_in__date", "trigger__name", "present"):
        tags[date][name] = present
    rows = CheckIn.objects.for_patient(patient).between(first, last).values_list("date", *ANSWERS)
    return {
        date: DayInputs(
            **{name: _answer(value) for name, value in zip(ANSWERS, values, strict=True)},
            tags=tags.get(date, {}),
        )
        for date, *values in rows
    }


def _recorded_days(entries: list[EntryFact], derived: dict, first: dt.date | None) -> list[Day]:
    """One Day per recorded date. On a recorded day with no spasm (or pain) entry the count
    and the worst severity are 0: the patient was keeping the journal and logged none."""
    spasms: dict[dt.date, list[int]] = defaultdict(list)
    pains: dict[dt.date, list[int]] = defaultdict(list)
    for entry in entries:
        (spasms if entry.kind == "spasm" else pains)[entry.date].append(entry.severity)
    check_in_dates = {d for d in derived if first is None or d >= first}
    days = []
    for date in sorted(set(spasms) | set(pains) | check_in_dates):
        binary, continuous = derived.get(date) or derive_triggers(DayInputs())
        outcomes = {
            "spasm_count": float(len(spasms[date])),
            "spasm_severity_max": float(max(spasms[date], default=0)),
            "pain_max": float(max(pains[date], default=0)),
        }
        days.append(Day(date, outcomes, binary, continuous))
    return days
