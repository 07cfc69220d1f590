"""Turn a patient's journal and check-ins into the recorded days the analysis reads."""

import datetime as dt
from collections import defaultdict

from symptoms.models import Entry
from triggers.analysis import Day, DayInputs, derive_triggers
from triggers.models import CheckIn, OwnTrigger


def check_in_inputs(check_in: CheckIn) -> DayInputs:
    def number(value):
        return None if value is None else float(value)

    return DayInputs(
        overheated=check_in.overheated,
        max_temp_c=number(check_in.max_temp_c),
        humidity_pct=number(check_in.humidity_pct),
        sleep_hours=number(check_in.sleep_hours),
        sleep_quality=check_in.sleep_quality,
        infection=check_in.infection or None,
        fever=check_in.fever,
        activity=check_in.activity or None,
        steps=check_in.steps,
        stress=check_in.stress,
        tags={a.trigger.name: a.present for a in check_in.tag_answers.all()},
    )


def recorded_days(patient, first: dt.date | None = None, last: dt.date | None = None) -> list[Day]:
    """One Day per date in first..last with a check-in or at least one entry.

    On a recorded day with no spasm (or pain) entry, the count and the worst severity
    are 0: the patient was keeping the journal and logged none.
    """
    zone = patient.zone
    spasms: dict[dt.date, list[int]] = defaultdict(list)
    pains: dict[dt.date, list[int]] = defaultdict(list)
    entry_dates: set[dt.date] = set()
    rows = (
        Entry.objects.for_patient(patient)
        .on_local_dates(first, last, zone)
        .values_list("occurred_at", "kind", "severity")
    )
    for when, kind, severity in rows:
        day = when.astimezone(zone).date()
        (spasms if kind == "spasm" else pains)[day].append(severity)
        entry_dates.add(day)
    check_ins = {
        c.date: c
        for c in CheckIn.objects.for_patient(patient)
        .between(first, last)
        .prefetch_related("tag_answers__trigger")
    }
    threshold = float(patient.heat_threshold_c)
    days = []
    for date in sorted(entry_dates | set(check_ins)):
        check_in = check_ins.get(date)
        inputs = check_in_inputs(check_in) if check_in else DayInputs()
        binary, continuous = derive_triggers(inputs, threshold)
        outcomes = {
            "spasm_count": float(len(spasms[date])),
            "spasm_severity_max": float(max(spasms[date], default=0)),
            "pain_max": float(max(pains[date], default=0)),
        }
        days.append(Day(date, outcomes, binary, continuous))
    return days


def check_in_triggers(patient, first: dt.date, last: dt.date) -> dict[dt.date, dict]:
    """Each check-in's binary triggers (heat, infection, …) and its fever answer, by date."""
    threshold = float(patient.heat_threshold_c)
    check_ins = (
        CheckIn.objects.for_patient(patient)
        .between(first, last)
        .prefetch_related("tag_answers__trigger")
    )
    found = {}
    for check_in in check_ins:
        binary, _ = derive_triggers(check_in_inputs(check_in), threshold)
        found[check_in.date] = {**binary, "fever": check_in.fever}
    return found


def own_trigger_keys(patient) -> list[str]:
    return [t.key for t in OwnTrigger.objects.for_patient(patient)]
