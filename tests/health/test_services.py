"""Bringing an export's days in: all of it once, nothing twice, never a day out of range."""

import datetime as dt
from decimal import Decimal

import pytest

from health.formats import ReadDays
from health.models import HealthDay
from health.services import DayValues, days_of, health_days_delete, health_days_fill
from tests.support.makers import counted

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 7)


def stored(patient) -> dict:
    return {
        d.date: (d.sleep_hours, d.sleep_source, d.steps, d.steps_source)
        for d in HealthDay.objects.for_patient(patient)
    }


def test_an_exports_days_are_kept_to_a_tenth_of_an_hour_and_whole_steps():
    read = ReadDays(
        "apple_health",
        sleep={dt.date(2026, 3, 2): 7.249, dt.date(2026, 3, 3): 6.96},
        steps={dt.date(2026, 3, 3): 8123},
    )
    assert days_of(read, TODAY) == [
        DayValues(dt.date(2026, 3, 2), Decimal("7.2"), "apple_health"),
        DayValues(dt.date(2026, 3, 3), Decimal("7.0"), "apple_health", 8123, "apple_health"),
    ]


def test_today_the_future_and_impossible_values_are_left_out():
    read = ReadDays(
        "fitbit",
        sleep={TODAY: 8.0, TODAY + dt.timedelta(days=3): 8.0, dt.date(2026, 1, 1): 30.0},
        steps={dt.date(1899, 12, 31): 10, dt.date(2026, 1, 2): 250_000, dt.date(2026, 1, 3): 5},
    )
    assert days_of(read, TODAY) == [DayValues(dt.date(2026, 1, 3), None, "", 5, "fitbit")]


def test_the_same_export_twice_changes_nothing_the_second_time(patient):
    days = [
        DayValues(dt.date(2026, 3, n), Decimal("7.5"), "apple_health", 9000, "apple_health")
        for n in range(1, 11)
    ]
    first = health_days_fill(patient=patient, days=days)
    stamp = type(patient).objects.get(pk=patient.pk).journal_stamp
    again = health_days_fill(patient=patient, days=days)

    assert (len(first.added_dates), first.unchanged) == (10, False)
    assert again.unchanged
    assert type(patient).objects.get(pk=patient.pk).journal_stamp == stamp  # nothing to redraw
    assert HealthDay.objects.count() == 10


def test_a_newer_export_over_an_older_one_changes_only_what_differs(patient):
    counted(patient, dt.date(2026, 3, 1), sleep_hours=7, steps=5000)
    counted(patient, dt.date(2026, 3, 2), sleep_hours=6, steps=4000)
    newer = [
        DayValues(dt.date(2026, 3, 2), Decimal("6.0"), "apple_health", 4000, "apple_health"),
        DayValues(dt.date(2026, 3, 3), Decimal("8.0"), "apple_health", 7000, "apple_health"),
    ]
    brought = health_days_fill(patient=patient, days=newer)

    assert brought.added_dates == {dt.date(2026, 3, 3)} and not brought.changed_dates
    assert len(stored(patient)) == 3


def test_a_day_brings_only_what_it_counted_and_keeps_the_rest(patient):
    """A Garmin export with steps only does not erase the sleep Apple Health brought."""
    counted(patient, dt.date(2026, 3, 1), sleep_hours=7.5)
    health_days_fill(
        patient=patient, days=[DayValues(dt.date(2026, 3, 1), steps=6000, steps_source="garmin")]
    )
    assert stored(patient) == {
        dt.date(2026, 3, 1): (Decimal("7.5"), "apple_health", 6000, "garmin")
    }


def test_one_patients_import_touches_no_one_elses_days(patient, stranger):
    counted(stranger, dt.date(2026, 3, 1), sleep_hours=9)
    health_days_fill(
        patient=patient, days=[DayValues(dt.date(2026, 3, 1), Decimal("5.0"), "fitbit")]
    )
    assert stored(stranger) == {dt.date(2026, 3, 1): (Decimal("9.0"), "apple_health", None, "")}


def test_deleting_what_was_brought_in_leaves_others_alone(patient, stranger):
    counted(patient, dt.date(2026, 3, 1), sleep_hours=7)
    counted(stranger, dt.date(2026, 3, 1), sleep_hours=9)
    assert health_days_delete(patient=patient) == 1
    assert stored(patient) == {} and len(stored(stranger)) == 1
