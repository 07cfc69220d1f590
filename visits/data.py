"""Gather what the visit summary needs for one patient and date range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

from analysis.days import journal_days
from analysis.insights import TriggerCard, trigger_cards
from analysis.report import trigger_report
from analysis.stats.periods import MAX_SPAN_DAYS
from symptoms.body_map import count_labelled
from treatments.models import SideEffect
from visits.figures import VisitFigures, visit_figures
from visits.models import VisitPrep

if TYPE_CHECKING:
    from analysis.stats.treatment_effects import ChangeReport

DEFAULT_DAYS = 90
# The longest summary anyone can ask for: a neurologist reads it in a few minutes.
MAX_RANGE_DAYS = 3 * 366


@dataclass
class TreatmentNotes:
    """What the neurologist hears about treatments: taken on the last day, changed in the
    range (each with its before/after comparison) and side effects noted in it."""

    current: list[str]  # "Tizanidine 4 mg three times a day, since 19 Oct 2026"
    changes: list[ChangeReport]
    side_effects: list[tuple[dt.date, str, str, str]]  # date, treatment, what, severity


@dataclass
class VisitSummary:
    patient: object
    figures: VisitFigures
    standing_out: list[TriggerCard]
    questions: str
    generated_at: dt.datetime
    treatments: TreatmentNotes | None = None
    region_counts: dict[str, int] = field(default_factory=dict)  # code: entries naming it


def visit_prep(patient) -> VisitPrep:
    """What the patient prepared for the visit, or a blank one to fill in."""
    return VisitPrep.objects.for_patient(patient).first() or VisitPrep(patient=patient)


def default_range(patient, prep: VisitPrep | None = None) -> tuple[dt.date, dt.date]:
    """Since the last visit the patient noted (at most three years back), else 90 days.
    `prep`: the patient's visit preparation, if the caller has read it."""
    today = patient.today()
    prep = visit_prep(patient) if prep is None else prep
    if prep.last_visit and prep.last_visit < today:
        return max(prep.last_visit, today - dt.timedelta(days=MAX_RANGE_DAYS)), today
    return today - dt.timedelta(days=DEFAULT_DAYS - 1), today


def treatment_notes(patient, journal, first: dt.date, last: dt.date) -> TreatmentNotes:
    """`journal` reaches back before `first` so a change early in the range has its days
    before; its periods give what was taken on the last day. One query: the side effects."""
    taken = sorted((p for p in journal.periods if p.covers(last)), key=lambda p: p.treatment)
    side_effects = (
        SideEffect.objects.for_patient(patient)
        .between(first, last)
        .exclude(severity="none")
        .select_related("treatment")
        .order_by("date")
    )
    from analysis.stats.treatment_effects import treatment_effects  # numpy: loaded when used

    reports = treatment_effects(journal.days, journal.periods)
    return TreatmentNotes(
        current=[f"{p.treatment} {p.dose_label}, since {p.started:%-d %b %Y}" for p in taken],
        changes=[r for r in reports if first <= r.change.recorded_date <= last],
        side_effects=[
            (e.date, e.treatment.name, e.what, e.get_severity_display().lower())
            for e in side_effects
        ],
    )


def visit_summary(
    patient, first: dt.date, last: dt.date, prep: VisitPrep | None = None
) -> VisitSummary:
    """`prep`: the patient's visit preparation, if the caller has read it."""
    reaching_back = journal_days(patient, first - dt.timedelta(days=MAX_SPAN_DAYS), last)
    journal = reaching_back.since(first)
    report = trigger_report(journal)
    cards = [card for card in trigger_cards(report, with_figures=False) if card.stands_out]
    recorded = {day.date for day in journal.days}
    prep = visit_prep(patient) if prep is None else prep
    return VisitSummary(
        patient=patient,
        figures=visit_figures(
            first, last, journal.entries, recorded, journal.check_ins, journal.weather_only
        ),
        standing_out=cards,
        questions=prep.questions,
        generated_at=timezone.localtime(timezone=patient.zone),
        treatments=treatment_notes(patient, reaching_back, first, last),
        region_counts=count_labelled(e.regions for e in journal.entries),
    )
