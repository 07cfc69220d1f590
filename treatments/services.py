"""Writes that touch several treatment rows: validated in full, all or nothing, and safe
against a form sent twice."""

import datetime as dt
import uuid
from decimal import Decimal

from django.db import transaction

from lib.saving import save_once
from treatments.models import DoseLog, SideEffect, Treatment, TreatmentPeriod


def treatment_start(
    *,
    patient,
    name: str,
    kind: str,
    dose: Decimal | None,
    unit: str,
    schedule: str,
    times_a_day: int | None,
    started: dt.date,
    notes: str = "",
    settle_days: int | None = None,
) -> Treatment:
    """A new treatment and its first period, taken from `started` on."""
    # The notes go on the first period: treatments.csv carries a period's notes, so what
    # was typed here survives an export and import.
    treatment = Treatment(patient=patient, name=name.strip(), kind=kind)
    if settle_days is not None:
        treatment.settle_days = settle_days
    treatment.full_clean(exclude=["patient"])
    with transaction.atomic():
        treatment.save()
        period = TreatmentPeriod(
            treatment=treatment,
            dose=dose,
            unit=unit,
            schedule=schedule,
            times_a_day=times_a_day,
            started=started,
            notes=notes,
        )
        period.full_clean(exclude=["treatment"])
        period.save()
    return treatment


def dose_log_create(
    *,
    patient,
    treatment: Treatment,
    reason: str,
    taken_at: dt.datetime,
    logged_by=None,
    client_token: uuid.UUID | None = None,
) -> DoseLog:
    """Record a dose taken, or return the one this same form already recorded."""
    dose = DoseLog(
        patient=patient,
        treatment=treatment,
        reason=reason,
        taken_at=taken_at,
        logged_by=logged_by or patient,
        client_token=client_token,
    )
    dose.full_clean(exclude=["patient", "logged_by", "treatment"], validate_constraints=False)
    return save_once(dose, client_token=client_token)


def side_effect_record(
    *, treatment: Treatment, date: dt.date, severity: str, what: str = ""
) -> SideEffect:
    effect = SideEffect(treatment=treatment, date=date, severity=severity, what=what.strip())
    effect.full_clean(exclude=["treatment"])
    effect.save()
    return effect


def side_effect_answer(
    *, treatment: Treatment, date: dt.date, severity: str, what: str = ""
) -> SideEffect:
    """The check-in's answer about a new treatment: the day's first side effect of it,
    changed in place when the check-in is answered again."""
    effect = SideEffect.objects.filter(treatment=treatment, date=date).order_by("id").first()
    effect = effect or SideEffect(treatment=treatment, date=date)
    effect.severity, effect.what = severity, what.strip()
    effect.full_clean(exclude=["treatment"])
    effect.save()
    return effect
