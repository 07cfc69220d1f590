"""Gather what the visit summary needs for one patient and date range."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from triggers.days import journal_days
from triggers.insights import TriggerCard, trigger_cards
from triggers.report import trigger_report
from visits.figures import VisitFigures, visit_figures
from visits.models import VisitPrep

DEFAULT_DAYS = 90
# The longest summary anyone can ask for: a neurologist reads it in a few minutes.
MAX_RANGE_DAYS = 3 * 366


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


def visit_summary(patient, first: dt.date, last: dt.date) -> VisitSummary:
    journal = journal_days(patient, first, last)
    report = trigger_report(journal)
    cards = [card for card in trigger_cards(report, with_figures=False) if card.stands_out]
    recorded = {day.date for day in journal.days}
    prep = VisitPrep.objects.filter(patient=patient).first()
    return VisitSummary(
        patient=patient,
        figures=visit_figures(first, last, journal.entries, recorded, journal.check_ins),
        standing_out=cards,
        questions=prep.questions if prep else "",
        generated_at=timezone.localtime(timezone=patient.zone),
    )
