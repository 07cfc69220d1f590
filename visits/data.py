"""Gather what the visit summary needs for one patient and date range."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from symptoms.choices import HappenedBefore, Onset, PainType, Pattern, Region, Relief
from symptoms.models import Entry
from triggers.daily import check_in_triggers
from triggers.insights import TriggerCard, trigger_cards
from triggers.report import trigger_report
from visits.figures import EntryFact, VisitFigures, visit_figures
from visits.models import VisitPrep

DEFAULT_DAYS = 90
# The longest summary anyone can ask for: a neurologist reads it in a few minutes.
MAX_RANGE_DAYS = 3 * 366
LABELS = {
    "regions": dict(Region.choices),
    "pain_type": {v: label.split(" (")[0] for v, label in PainType.choices},
    "pattern": dict(Pattern.choices),
    "onset": dict(Onset.choices),
    "relief": dict(Relief.choices),
    "before": dict(HappenedBefore.choices),
}


@dataclass
class VisitSummary:
    patient: object
    figures: VisitFigures
    standing_out: list[TriggerCard]
    questions: str
    generated_at: dt.datetime


def default_range(patient) -> tuple[dt.date, dt.date]:
    """Since the last visit the patient noted (at most three years back), else 90 days."""
    today = timezone.localdate(timezone=patient.zone)
    prep = VisitPrep.objects.filter(patient=patient).first()
    if prep and prep.last_visit and prep.last_visit < today:
        return max(prep.last_visit, today - dt.timedelta(days=MAX_RANGE_DAYS)), today
    return today - dt.timedelta(days=DEFAULT_DAYS - 1), today


def _fact(row, zone) -> EntryFact:
    regions = tuple(LABELS["regions"].get(code, code) for code in row.regions)
    return EntryFact(
        date=row.occurred_at.astimezone(zone).date(),
        kind=row.kind,
        severity=row.severity,
        regions=regions,
        minutes=row.duration_minutes,
        pain_type=LABELS["pain_type"].get(row.pain_type, ""),
        pattern=LABELS["pattern"].get(row.pattern, ""),
        onset=LABELS["onset"].get(row.onset, ""),
        with_new_symptoms=row.with_new_symptoms,
        interference={area: value for area, value in row.interference},
        example=row.interference_example,
        tried=tuple(LABELS["relief"].get(code, code) for code in row.tried),
        helped=row.helped,
        relieved_by=tuple(LABELS["relief"].get(code, code) for code in row.relieved_by),
    )


def visit_summary(patient, first: dt.date, last: dt.date) -> VisitSummary:
    zone = patient.zone
    entries = Entry.objects.for_patient(patient).on_local_dates(first, last, zone)
    facts = [_fact(row, zone) for row in entries]
    # From the day before: a fever then can explain symptoms on the first day.
    flags = check_in_triggers(patient, first - dt.timedelta(days=1), last)
    recorded = {f.date for f in facts} | {d for d in flags if d >= first}
    report = trigger_report(patient, first, last)
    cards = [card for card in trigger_cards(report, with_figures=False) if card.stands_out]
    prep = VisitPrep.objects.filter(patient=patient).first()
    return VisitSummary(
        patient=patient,
        figures=visit_figures(first, last, facts, recorded, flags),
        standing_out=cards,
        questions=prep.questions if prep else "",
        generated_at=timezone.localtime(timezone=zone),
    )
