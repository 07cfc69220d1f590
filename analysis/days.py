"""One patient's journal over a date range, day by day: what every report reads.

The trigger page, the weekly review and the visit summary each load their range here,
once per request, in seven queries whatever the range's length: entries as light facts,
check-ins with their own-trigger answers, the patient's own triggers, their treatment
periods, the places and days of the weather, and the days a health app's export brought.

The weather fills the temperature of a recorded day (a check-in of the patient's or an
entry) whose check-in has none: the heat trigger and the temperature read it. A health
app's export fills the sleep hours and the steps the same way. Neither ever makes a day
recorded, and neither stands over what the patient gave.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field, fields, replace

from django.db.models import FloatField, TextField
from django.db.models.functions import Cast

from analysis.stats.associations import Day, DayInputs, derive_triggers
from analysis.stats.periods import MAX_SPAN_DAYS, Period
from health.reading import filled_health
from health.services import DayValues
from lib.rules import PAIN_LABELS, EntryFact
from symptoms.choices import INTERFERENCE_AREAS, Onset, Pattern, Region, Relief, labels_of
from symptoms.models import Entry
from treatments.models import TreatmentPeriod, dose_label
from triggers.models import CheckIn, OwnTrigger, Source
from weather.reading import Filled, filled_weather

# The lists of codes come as JSON text, read by _Labelled: a journal repeats a few lists
# over and over, and decoding each once keeps a three-year range fast.
LISTS = {f"{name}_text": Cast(name, TextField()) for name in ("regions", "tried", "relieved_by")}
ENTRY_FIELDS = (
    "id",
    "occurred_at",
    "kind",
    "severity",
    "duration_minutes",
    "pain_type",
    "pattern",
    "onset",
    "with_new_symptoms",
    *[f"interference_{area}" for area in INTERFERENCE_AREAS],
    "interference_example",
    "helped",
    *LISTS,
)
# The check-in answers the analysis reads: DayInputs' fields, by the same names. Decimals
# come as floats straight from the database, which is quicker than converting each.
ANSWERS = [f.name for f in fields(DayInputs) if f.name != "tags"]
AS_FLOAT = {f"{name}_float": Cast(name, FloatField()) for name in ("max_temp_c", "sleep_hours")}
ANSWER_COLUMNS = [f"{name}_float" if f"{name}_float" in AS_FLOAT else name for name in ANSWERS]


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
    # Every treatment period begun by `last`, also those before `first`: whether a
    # period is a treatment's first (a start) or a later one (a dose change) depends on
    # them, and a patient has a handful.
    periods: list[Period] = field(default_factory=list)
    # The days of `check_ins` whose temperature is the weather's, and of those the days
    # with no check-in of the patient's (entries only): "hot" from the weather alone.
    weather_days: set[dt.date] = field(default_factory=set)
    weather_only: set[dt.date] = field(default_factory=set)

    @property
    def temperatures_from_weather(self) -> bool:
        """Whether most recorded days with a temperature have the weather's."""
        known = [d.date for d in self.days if d.continuous["max_temp_c"] is not None]
        return 2 * sum(1 for d in known if d in self.weather_days) > len(known)

    def since(self, first: dt.date) -> JournalDays:
        """The same journal from `first` on: a report on a shorter range of it."""
        day_before = first - dt.timedelta(days=1)
        return replace(
            self,
            first=first,
            entries=[e for e in self.entries if e.date >= first],
            check_ins={d: v for d, v in self.check_ins.items() if d >= day_before},
            days=[d for d in self.days if d.date >= first],
            weather_days={d for d in self.weather_days if d >= day_before},
            weather_only={d for d in self.weather_only if d >= day_before},
        )


def journal_days(
    patient,
    first: dt.date | None = None,
    last: dt.date | None = None,
    periods: list[Period] | None = None,
) -> JournalDays:
    """`periods`: the treatment periods begun by `last`, if the caller has read them."""
    zone = patient.zone
    last = last or patient.today()
    rows = (
        Entry.objects.for_patient(patient)
        .on_local_dates(first, last, zone)
        .annotate(**LISTS)
        .values_list(*ENTRY_FIELDS)
    )
    entries = _facts(rows.iterator(chunk_size=2000), zone)
    day_before = first - dt.timedelta(days=1) if first else None
    checked = _check_in_inputs(patient, day_before, last)
    weather = filled_weather(patient, day_before, last)
    counted = filled_health(patient, day_before, last)
    inputs, weather_days = _filled(entries, checked, weather, counted)
    threshold = float(patient.heat_threshold_c)
    derived = {date: derive_triggers(answers, threshold) for date, answers in inputs.items()}
    check_ins = {
        date: {**binary, "fever": inputs[date].fever} for date, (binary, _) in derived.items()
    }
    days = _recorded_days(entries, derived, first)
    own = [trigger.key for trigger in OwnTrigger.objects.for_patient(patient)]
    if periods is None:
        periods = treatment_periods(patient, last)
    weather_only = {d for d in weather_days if d not in checked or not checked[d].records}
    return JournalDays(
        first, last, entries, check_ins, days, own, periods, weather_days, weather_only
    )


def journal_for_treatments(patient, last: dt.date | None = None) -> JournalDays:
    """The journal from a few months before the first treatment began: every day a
    before/after comparison can read, and no more."""
    last = last or patient.today()
    periods = treatment_periods(patient, last)
    first = min((p.started for p in periods), default=last) - dt.timedelta(days=MAX_SPAN_DAYS)
    return journal_days(patient, first, last, periods)


def treatment_periods(patient, last: dt.date) -> list[Period]:
    """The patient's treatment periods begun by `last`, as plain facts, in one query."""
    rows = (
        TreatmentPeriod.objects.for_patient(patient)
        .overlapping(None, last)
        .values_list(
            "treatment_id",
            "treatment__name",
            "started",
            "stopped",
            "treatment__settle_days",
            "dose",
            "unit",
            "schedule",
            "times_a_day",
        )
    )
    return [
        Period(
            name,
            started,
            stopped if stopped is None or stopped <= last else None,
            settle,
            None if dose is None else float(dose),
            unit,
            pk,
            dose_label(dose, unit, schedule, times_a_day),
        )
        for pk, name, started, stopped, settle, dose, unit, schedule, times_a_day in rows
    ]


class _Labelled:
    """A JSON list of codes as a tuple of labels, each distinct list decoded once."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels
        self.seen: dict[str, tuple[str, ...]] = {}

    def __call__(self, text: str) -> tuple[str, ...]:
        if text not in self.seen:
            self.seen[text] = tuple(self.labels.get(code, code) for code in json.loads(text))
        return self.seen[text]


def _facts(rows, zone) -> list[EntryFact]:
    regions, relief = _Labelled(labels_of(Region)), _Labelled(labels_of(Relief))
    patterns, onsets = labels_of(Pattern), labels_of(Onset)
    facts = []
    for pk, when, kind, severity, minutes, pain_type, pattern, onset, new, *rest in rows:
        *interference, example, helped, where, tried, relieved_by = rest
        facts.append(
            EntryFact(
                date=when.astimezone(zone).date(),
                kind=kind,
                severity=severity,
                regions=regions(where),
                minutes=minutes,
                pain_type=PAIN_LABELS.get(pain_type, ""),
                pattern=patterns.get(pattern, ""),
                onset=onsets.get(onset, ""),
                with_new_symptoms=new,
                interference={
                    area: value
                    for area, value in zip(INTERFERENCE_AREAS, interference, strict=True)
                    if value is not None
                },
                example=example,
                tried=relief(tried),
                helped=helped,
                relieved_by=relief(relieved_by),
                id=pk,
            )
        )
    return facts


def _answer(value):
    """A check-in answer as the analysis takes it: blanks as None."""
    return None if value == "" else value


@dataclass
class _CheckedIn:
    """One check-in as the loader reads it."""

    inputs: DayInputs
    # Whether its temperature is the weather's (brought in by a file).
    weather_temperature: bool
    # Whether it holds anything of the patient's. One holding only the weather's numbers
    # does not make its day recorded.
    records: bool


def _check_in_inputs(patient, first: dt.date | None, last: dt.date) -> dict[dt.date, _CheckedIn]:
    """Each check-in's answers, its own-trigger answers with it: a row per answer."""
    rows = (
        CheckIn.objects.for_patient(patient)
        .between(first, last)
        .annotate(**AS_FLOAT)
        .values_list(
            "date",
            *ANSWER_COLUMNS,
            "humidity_pct",
            "max_temp_c_source",
            "humidity_pct_source",
            "tag_answers__trigger__name",
            "tag_answers__present",
        )
    )
    found: dict[dt.date, _CheckedIn] = {}
    for date, *values, humidity, temperature_source, humidity_source, tag, present in rows:
        if date not in found:
            answers = {name: _answer(v) for name, v in zip(ANSWERS, values, strict=True)}
            weather = temperature_source == Source.WEATHER
            own = [v for name, v in answers.items() if not (weather and name == "max_temp_c")]
            if humidity_source != Source.WEATHER:
                own.append(humidity)
            only_weather = (weather or humidity_source == Source.WEATHER) and all(
                v is None for v in own
            )
            found[date] = _CheckedIn(DayInputs(**answers), weather, not only_weather)
        if tag is not None:
            found[date].inputs.tags[tag] = present
            found[date].records = True
    return found


def _filled(
    entries: list[EntryFact],
    checked: dict[dt.date, _CheckedIn],
    weather: dict[dt.date, Filled],
    counted: dict[dt.date, DayValues],
) -> tuple[dict[dt.date, DayInputs], set[dt.date]]:
    """What each recorded day's check-in says, its temperature filled from the weather
    and its sleep and steps from a health app where the patient gave none; and the days
    whose temperature is the weather's.

    A recorded day is one with an entry or a check-in of the patient's; a day with
    neither stays out, weather or not. An entry day with no check-in and no weather has
    no answers at all, as before there was any weather."""
    recorded = {e.date for e in entries} | {d for d, c in checked.items() if c.records}
    inputs, weather_days = {}, set()
    for date in sorted(recorded):
        check_in = checked.get(date)
        answers = check_in.inputs if check_in else None
        if check_in and check_in.weather_temperature:
            weather_days.add(date)
        filled = weather.get(date)
        if filled and filled.max_temp_c is not None and (answers or DayInputs()).max_temp_c is None:
            answers = replace(answers or DayInputs(), max_temp_c=float(filled.max_temp_c))
            weather_days.add(date)
        if date in counted:
            answers = _with_counted(answers, counted[date])
        if answers is not None:
            inputs[date] = answers
    return inputs, weather_days


def _with_counted(answers: DayInputs | None, day: DayValues) -> DayInputs | None:
    """The sleep and steps a health app counted, where the patient gave none."""
    more = {}
    if day.sleep_hours is not None and (answers is None or answers.sleep_hours is None):
        more["sleep_hours"] = float(day.sleep_hours)
    if day.steps is not None and (answers is None or answers.steps is None):
        more["steps"] = day.steps
    return replace(answers or DayInputs(), **more) if more else answers


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
