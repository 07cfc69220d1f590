"""The treatment models: their rules hold whichever way a row comes in."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.support.makers import start
from treatments.models import SideEffect, Treatment, TreatmentPeriod
from treatments.services import dose_log_create

pytestmark = pytest.mark.django_db


def test_starting_a_treatment_opens_its_first_period(patient):
    treatment = start(patient)
    period = treatment.current_period
    assert period.dose == Decimal("2") and period.unit == "mg" and period.stopped is None
    assert period.dose_label == "2 mg 3 times a day"
    assert list(Treatment.objects.for_patient(patient)) == [treatment]
    assert list(TreatmentPeriod.objects.for_patient(patient)) == [period]


def test_a_name_is_unique_per_patient_whatever_its_case(patient, stranger):
    start(patient, "Baclofen")
    with pytest.raises(ValidationError) as caught:
        start(patient, "baclofen")
    assert "already have" in caught.value.message_dict["name"][0]
    start(stranger, "baclofen")  # someone else's list is theirs


def test_a_negative_dose_is_refused_by_form_rules_and_database(patient):
    with pytest.raises(ValidationError) as caught:
        start(patient, dose=Decimal("-1"))
    assert "dose" in caught.value.message_dict
    treatment = start(patient)
    with pytest.raises(IntegrityError), transaction.atomic():
        TreatmentPeriod.objects.filter(treatment=treatment).update(dose=Decimal("-1"))


def test_a_future_start_is_refused(patient):
    with pytest.raises(ValidationError) as caught:
        start(patient, started=timezone.localdate() + dt.timedelta(days=2))
    assert "not happened" in caught.value.message_dict["started"][0]
    assert not Treatment.objects.exists()  # nothing half-made


def test_a_start_before_1900_is_refused(patient):
    with pytest.raises(ValidationError) as caught:
        start(patient, started=dt.date(1899, 12, 31))
    assert "1900" in caught.value.message_dict["started"][0]


def test_times_a_day_belongs_to_a_regular_schedule_only(patient):
    with pytest.raises(ValidationError) as caught:
        start(patient, schedule="as_needed", times_a_day=3)
    assert "times_a_day" in caught.value.message_dict


def test_changing_the_dose_keeps_the_old_one_in_the_history(patient):
    treatment = start(patient)
    today = timezone.localdate()
    new = treatment.change_dose(dose=Decimal("4"), unit="mg", on=today)
    old = treatment.periods.get(stopped__isnull=False)
    assert old.stopped == today - dt.timedelta(days=1) and old.stop_reason == "dose_change"
    assert new.started == today and new.dose == Decimal("4") and new.times_a_day == 3
    assert treatment.current_period == new


def test_changing_the_dose_on_the_day_it_began_corrects_it(patient):
    treatment = start(patient, started=timezone.localdate())
    treatment.change_dose(dose=Decimal("3"), unit="mg", on=timezone.localdate())
    assert treatment.periods.get().dose == Decimal("3")


def test_a_dose_change_before_the_current_dose_began_is_refused(patient):
    treatment = start(patient)
    with pytest.raises(ValidationError):
        treatment.change_dose(
            dose=Decimal("4"), unit="mg", on=timezone.localdate() - dt.timedelta(days=60)
        )


def test_stopping_before_the_start_is_refused(patient):
    treatment = start(patient)
    with pytest.raises(ValidationError) as caught:
        treatment.stop(on=timezone.localdate() - dt.timedelta(days=40), reason="other")
    assert "before the start" in caught.value.message_dict["stopped"][0]
    treatment.stop(on=timezone.localdate(), reason="side_effects")
    assert treatment.current_period is None


def test_one_open_period_per_treatment_in_the_database(patient):
    treatment = start(patient)
    with pytest.raises(IntegrityError), transaction.atomic():
        TreatmentPeriod.objects.create(treatment=treatment, started=timezone.localdate())


def test_periods_of_one_treatment_do_not_overlap(patient):
    treatment = start(patient)
    treatment.stop(on=timezone.localdate() - dt.timedelta(days=10), reason="other")
    period = TreatmentPeriod(
        treatment=treatment, started=timezone.localdate() - dt.timedelta(days=20)
    )
    with pytest.raises(ValidationError) as caught:
        period.full_clean()
    assert "covers some of these days" in caught.value.message_dict["started"][0]


def test_overlapping_finds_the_periods_covering_a_range(patient):
    today = timezone.localdate()
    treatment = start(patient, started=today - dt.timedelta(days=30))
    treatment.stop(on=today - dt.timedelta(days=20), reason="did_not_help")
    periods = TreatmentPeriod.objects.for_patient(patient)
    assert periods.overlapping(today - dt.timedelta(days=25), today).count() == 1
    assert periods.overlapping(today - dt.timedelta(days=19), today).count() == 0


def test_the_same_dose_form_sent_twice_makes_one_dose(patient):
    treatment = start(patient, schedule="as_needed")
    token = treatment.doses.model.new_token()
    first = dose_log_create(
        patient=patient,
        treatment=treatment,
        reason="spasm",
        taken_at=timezone.now(),
        client_token=token,
    )
    again = dose_log_create(
        patient=patient,
        treatment=treatment,
        reason="spasm",
        taken_at=timezone.now(),
        client_token=token,
    )
    assert first == again and treatment.doses.count() == 1


def test_a_side_effect_needs_a_name_unless_there_was_none(patient):
    treatment = start(patient)
    effect = SideEffect(treatment=treatment, date=timezone.localdate(), severity="mild")
    with pytest.raises(ValidationError) as caught:
        effect.full_clean()
    assert "what" in caught.value.message_dict
    SideEffect(treatment=treatment, date=timezone.localdate(), severity="none").full_clean()
