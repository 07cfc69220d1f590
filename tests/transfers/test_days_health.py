"""The days file carries what a health app counted, naming the app, and brings it back
beside the journal: never over the patient's own answer, never as a recorded day."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from health.models import HealthDay
from tests.support.makers import counted
from transfers.exporting import days_csv
from transfers.importing import import_journal
from transfers.reading import ImportRejected
from triggers.models import CheckIn

pytestmark = pytest.mark.django_db


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def with_health(patient):
    """A check-in with the patient's own sleep, one without, and two days only the phone
    counted: one before the check-ins, one between them."""
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 2), sleep_hours=8, stress=3)
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 4), stress=5)
    counted(patient, dt.date(2026, 7, 1), sleep_hours=6.5, steps=4000)
    counted(patient, dt.date(2026, 7, 2), sleep_hours=5.1, steps=7000)
    counted(patient, dt.date(2026, 7, 3), steps=12000, source="garmin")
    counted(patient, dt.date(2026, 7, 4), sleep_hours=7.2)
    return patient


def test_the_export_writes_every_counted_day_and_names_the_app(with_health):
    written = {
        r["date"]: (r["sleep_hours"], r["sleep_hours_source"], r["steps"], r["steps_source"])
        for r in rows(days_csv(with_health))
    }
    assert written == {
        "2026-07-01": ("6.5", "apple_health", "4000", "apple_health"),
        "2026-07-02": ("8.0", "", "7000", "apple_health"),  # the patient's own sleep stands
        "2026-07-03": ("", "", "12000", "garmin"),
        "2026-07-04": ("7.2", "apple_health", "", ""),
    }
    assert list(written) == sorted(written)


def test_export_import_export_into_a_new_account_is_byte_identical(with_health, stranger):
    exported = days_csv(with_health)
    import_journal(patient=stranger, days_csv=exported)

    assert days_csv(stranger) == exported
    # The phone's days came back beside the journal: no check-in was made for them.
    assert sorted(c.date.day for c in CheckIn.objects.for_patient(stranger)) == [2, 4]
    assert HealthDay.objects.for_patient(stranger).count() == 4


def test_a_counted_value_never_stands_over_the_patients_own(patient):
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 2), sleep_hours=8)
    text = "date,sleep_hours,sleep_hours_source\n2026-07-02,5.5,fitbit\n"

    import_journal(patient=patient, days_csv=text)

    assert CheckIn.objects.get(patient=patient).sleep_hours == Decimal("8.0")
    [row] = rows(days_csv(patient))
    assert (row["sleep_hours"], row["sleep_hours_source"]) == ("8.0", "")


def test_importing_the_same_counted_days_twice_says_they_were_already_there(patient):
    text = (
        "date,steps,steps_source\n2026-07-01,9000,health_connect\n2026-07-02,100,health_connect\n"
    )
    first = import_journal(patient=patient, days_csv=text)
    again = import_journal(patient=patient, days_csv=text)
    assert (first.days_added, again.days_added, again.days_already_there) == (2, 0, 2)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("date,steps,steps_source\n2026-07-01,9000,samsung\n", "'samsung' is not a source"),
        ("date,steps,steps_source\n2026-07-01,,fitbit\n", "fitbit needs a number in steps"),
    ],
)
def test_a_source_that_is_no_health_app_or_has_no_number_is_a_problem_of_its_row(
    patient, text, problem
):
    with pytest.raises(ImportRejected) as rejected:
        import_journal(patient=patient, days_csv=text)
    [said] = [str(p) for p in rejected.value.problems]
    assert "row 2" in said and problem in said
    assert not HealthDay.objects.exists()
