"""Load one patient's weekly review in a fixed, small number of queries."""

import datetime as dt

from django.utils import timezone

from symptoms.choices import PainType, Region
from symptoms.models import Entry
from triggers.daily import check_in_triggers
from weekly.summary import BASELINE_WEEKS, WEEK, EntryFact, WeeklyReview, review

REGION_LABELS = dict(Region.choices)
PAIN_LABELS = {value: label.split(" (")[0] for value, label in PainType.choices}


def load_review(patient, start: dt.date) -> WeeklyReview:
    zone = patient.zone
    first = start - BASELINE_WEEKS * WEEK - dt.timedelta(days=1)  # the day before, for causes
    last = start + dt.timedelta(days=6)
    rows = (
        Entry.objects.for_patient(patient)
        .on_local_dates(first, last, zone)
        .values_list(
            "id", "occurred_at", "kind", "severity", "pain_type", "regions", "with_new_symptoms"
        )
    )
    entries = [
        EntryFact(
            id=pk,
            date=when.astimezone(zone).date(),
            kind=kind,
            severity=severity,
            pain_type=PAIN_LABELS.get(pain_type, ""),
            regions=tuple(REGION_LABELS.get(code, code) for code in regions),
            with_new_symptoms=new_symptoms,
        )
        for pk, when, kind, severity, pain_type, regions, new_symptoms in rows
    ]
    triggers = check_in_triggers(patient, first, last)
    return review(start, entries, triggers, today=timezone.localdate(timezone=zone))
