import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from symptoms.models import Entry
from symptoms.services import entry_create
from tests.support.makers import local, make_entry

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_database_refuses_a_severity_above_ten(patient):
    with pytest.raises(IntegrityError):
        make_entry(patient, severity=11)


def test_database_refuses_a_pain_entry_without_a_kind_of_pain(patient):
    with pytest.raises(IntegrityError):
        Entry.objects.create(patient=patient, kind="pain", regions=["neck"], severity=3)


def test_entry_in_the_future_is_invalid(patient):
    entry = Entry(
        patient=patient,
        kind="spasm",
        regions=["neck"],
        severity=3,
        occurred_at=timezone.now() + dt.timedelta(hours=2),
    )
    with pytest.raises(ValidationError) as exc:
        entry.full_clean()
    assert "occurred_at" in exc.value.message_dict


def test_unknown_region_code_is_invalid(patient):
    entry = Entry(patient=patient, kind="spasm", regions=["left_tail"], severity=3)
    with pytest.raises(ValidationError) as exc:
        entry.full_clean()
    assert "left_tail" in exc.value.message_dict["regions"][0]


def test_sensation_must_belong_to_the_kind_of_pain(patient):
    entry = Entry(
        patient=patient,
        kind="pain",
        pain_type="musculoskeletal",
        regions=["neck"],
        severity=3,
        sensations=["burning"],
    )
    with pytest.raises(ValidationError) as exc:
        entry.full_clean()
    assert "burning" in exc.value.message_dict["sensations"][0]


def test_spasm_at_half_past_eleven_local_belongs_to_that_local_day(patient):
    # 23:30 in London in summer is 22:30 UTC; in Sydney it is already the next morning.
    late = make_entry(patient, occurred_at=local(2026, 7, 1, 23, 30))
    make_entry(patient, occurred_at=local(2026, 7, 2, 0, 30))
    on_first = Entry.objects.for_patient(patient).on_local_dates(
        dt.date(2026, 7, 1), dt.date(2026, 7, 1), LONDON
    )
    assert list(on_first) == [late]
    sydney = zoneinfo.ZoneInfo("Australia/Sydney")
    assert not Entry.objects.on_local_dates(
        dt.date(2026, 7, 1), dt.date(2026, 7, 1), sydney
    ).exists()


def test_local_days_follow_daylight_saving_changes(patient):
    # The clocks go back on 25 October 2026 in London: that day has 25 hours.
    first = make_entry(patient, occurred_at=local(2026, 10, 25, 0, 30))
    last = make_entry(patient, occurred_at=local(2026, 10, 25, 23, 45))
    make_entry(patient, occurred_at=local(2026, 10, 26, 0, 5))
    day = Entry.objects.on_local_dates(dt.date(2026, 10, 25), dt.date(2026, 10, 25), LONDON)
    assert set(day) == {first, last}


def test_for_patient_never_returns_someone_elses_entries(patient, stranger):
    mine = make_entry(patient)
    make_entry(stranger)
    assert list(Entry.objects.for_patient(patient)) == [mine]


def test_same_form_token_twice_makes_one_entry(patient):
    token = Entry.new_token()
    fields = {"kind": "spasm", "regions": ["neck"], "severity": 4}
    first = entry_create(patient=patient, client_token=token, **fields)
    second = entry_create(patient=patient, client_token=token, **fields)
    assert first.pk == second.pk
    assert Entry.objects.count() == 1


def test_the_same_token_from_two_patients_is_two_entries(patient, stranger):
    token = Entry.new_token()
    entry_create(patient=patient, client_token=token, kind="spasm", regions=["neck"], severity=4)
    entry_create(patient=stranger, client_token=token, kind="spasm", regions=["neck"], severity=4)
    assert Entry.objects.count() == 2


def test_possible_relapse_is_a_pain_entry_with_new_symptoms(patient):
    flagged = make_entry(patient, kind="pain", with_new_symptoms=True)
    make_entry(patient, kind="pain")
    assert list(Entry.objects.possible_relapses()) == [flagged]
    assert flagged.is_possible_relapse
