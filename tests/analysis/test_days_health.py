"""What a health app counted fills the sleep and steps of the days the patient recorded,
never stands over their own answer, and never makes a day recorded."""

import datetime as dt

import pytest

from analysis.days import journal_days
from tests.support.makers import counted, local, make_entry
from triggers.models import CheckIn

pytestmark = pytest.mark.django_db


def test_a_recorded_day_takes_its_sleep_and_steps_from_the_health_app(patient):
    make_entry(patient, occurred_at=local(2026, 3, 2, 9, 0))
    counted(patient, dt.date(2026, 3, 2), sleep_hours=4.5, steps=12000)

    [day] = journal_days(patient, dt.date(2026, 3, 1), dt.date(2026, 3, 31)).days

    assert day.continuous["sleep_hours"] == 4.5
    assert day.continuous["steps"] == 12000.0
    assert day.binary["poor_sleep"] is True  # under six hours: the trigger reads it too


def test_the_patients_own_answer_stands_over_the_health_apps(patient):
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 3, 2), sleep_hours=8, stress=2)
    counted(patient, dt.date(2026, 3, 2), sleep_hours=4.5, steps=3000)

    [day] = journal_days(patient, dt.date(2026, 3, 1), dt.date(2026, 3, 31)).days

    assert day.continuous["sleep_hours"] == 8.0
    assert day.continuous["steps"] == 3000.0  # left empty by the patient: filled


def test_days_only_the_health_app_knows_are_not_recorded_days(patient):
    """Years of phone history before the journal began must not read as days with no
    spasms."""
    for n in range(1, 29):
        counted(patient, dt.date(2026, 2, n), sleep_hours=7, steps=8000)
    make_entry(patient, occurred_at=local(2026, 3, 2, 9, 0))

    journal = journal_days(patient, dt.date(2026, 1, 1), dt.date(2026, 3, 31))

    assert [d.date for d in journal.days] == [dt.date(2026, 3, 2)]


def test_another_patients_health_days_fill_nothing_of_this_journal(patient, stranger):
    make_entry(patient, occurred_at=local(2026, 3, 2, 9, 0))
    counted(stranger, dt.date(2026, 3, 2), sleep_hours=3)

    [day] = journal_days(patient, dt.date(2026, 3, 1), dt.date(2026, 3, 31)).days

    assert day.continuous["sleep_hours"] is None
