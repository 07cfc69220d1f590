"""The day loader fills a recorded day's temperature from the weather, and only that."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analysis.days import journal_days
from symptoms.models import Entry
from tests.support.makers import jurl, local, make_entry, place, weather
from triggers.models import CheckIn, Source
from weather.models import WeatherDay

pytestmark = pytest.mark.django_db

JULY = [dt.date(2026, 7, d) for d in range(1, 8)]


@pytest.fixture
def leeds(patient):
    """Leeds from the journal's start, 30 °C and humid every day of the first July week."""
    where = place(patient)
    for date in JULY:
        weather(where, date, 30, humidity_pct=80)
    return where


def test_weather_fills_recorded_days_and_never_adds_a_day(patient, leeds):
    make_entry(patient, occurred_at=local(2026, 7, 2, 9, 0))
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 4), sleep_hours=7)
    journal = journal_days(patient, JULY[0], JULY[-1])
    # The 1st, 3rd, 5th… had weather but nothing of the patient's: still not recorded.
    assert [d.date.day for d in journal.days] == [2, 4]
    assert all(d.continuous["max_temp_c"] == 30.0 for d in journal.days)
    assert all(d.binary["heat"] is True for d in journal.days)  # 30 °C >= the 25 °C default
    assert sorted(journal.check_ins) == [dt.date(2026, 7, 2), dt.date(2026, 7, 4)]
    assert journal.weather_days == {dt.date(2026, 7, 2), dt.date(2026, 7, 4)}
    assert journal.weather_only == {dt.date(2026, 7, 2)}  # the 4th has a check-in


def test_a_typed_temperature_wins_over_the_weather(patient, leeds):
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 3), max_temp_c=18)
    (day,) = journal_days(patient, JULY[0], JULY[-1]).days
    assert day.continuous["max_temp_c"] == 18.0 and day.binary["heat"] is False


def test_said_not_overheated_stays_the_patients_answer_but_the_heat_is_the_weathers(patient, leeds):
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 3), overheated=False)
    journal = journal_days(patient, JULY[0], JULY[-1])
    # Heat is "overheated, or the day reached the threshold": the weather's 30 °C did.
    assert journal.days[0].binary["heat"] is True
    assert CheckIn.objects.get().overheated is False


def test_without_a_place_nothing_is_filled(patient):
    make_entry(patient, occurred_at=local(2026, 7, 2, 9, 0))
    (day,) = journal_days(patient, JULY[0], JULY[-1]).days
    assert day.continuous["max_temp_c"] is None and day.binary["heat"] is None


def test_after_a_move_each_day_is_filled_from_its_own_place(patient):
    leeds = place(patient, until=dt.date(2026, 7, 4))
    seville = place(patient, "37.4", "-6.0", since=dt.date(2026, 7, 4))
    for date in JULY:
        weather(leeds, date, 17)
        weather(seville, date, 38)
    for day in (2, 3, 4, 5):
        make_entry(patient, occurred_at=local(2026, 7, day, 9, 0))
    days = journal_days(patient, JULY[0], JULY[-1]).days
    assert [(d.date.day, d.continuous["max_temp_c"]) for d in days] == [
        (2, 17.0),
        (3, 17.0),
        (4, 38.0),
        (5, 38.0),
    ]


def test_the_day_before_the_range_is_filled_for_the_relapse_notes(patient, leeds):
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 1), sleep_hours=8)
    journal = journal_days(patient, dt.date(2026, 7, 2), JULY[-1])
    assert journal.check_ins[dt.date(2026, 7, 1)]["heat"] is True
    assert journal.days == []  # the day before is read, not recorded in the range


def test_a_check_in_with_only_the_weathers_numbers_does_not_record_its_day(patient, leeds):
    """A file from a journal with a place brings such days; they count only with an entry."""
    for day in (2, 3):
        CheckIn.objects.create(
            patient=patient,
            date=dt.date(2026, 7, day),
            max_temp_c=12,
            max_temp_c_source=Source.WEATHER,
            humidity_pct=50,
            humidity_pct_source=Source.WEATHER,
        )
    make_entry(patient, occurred_at=local(2026, 7, 3, 9, 0))
    journal = journal_days(patient, JULY[0], JULY[-1])
    (day,) = journal.days
    # The file's weather stands: it is what the check-in holds, not the place's 30 °C.
    assert (day.date.day, day.continuous["max_temp_c"]) == (3, 12.0)
    assert journal.weather_only == {dt.date(2026, 7, 3)}


def test_a_check_in_with_an_answer_beside_the_weathers_number_records_its_day(patient):
    CheckIn.objects.create(
        patient=patient,
        date=dt.date(2026, 7, 2),
        max_temp_c=29,
        max_temp_c_source=Source.WEATHER,
        stress=3,
    )
    (day,) = journal_days(patient, JULY[0], JULY[-1]).days
    assert day.binary["heat"] is True and day.continuous["stress"] == 3.0


def test_the_loader_reads_the_weather_in_two_more_queries_however_long_the_range(patient):
    where = place(patient)

    def queries_for(days: int) -> int:
        WeatherDay.objects.all().delete()
        Entry.objects.all().delete()
        for n in range(days):
            date = dt.date(2026, 1, 1) + dt.timedelta(days=n)
            weather(where, date, 20 + n % 10)
            make_entry(patient, occurred_at=local(date.year, date.month, date.day, 9, 0))
        with CaptureQueriesContext(connection) as captured:
            journal = journal_days(patient, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        assert len(journal.weather_days) == days
        return len(captured)

    short = queries_for(3)
    # Six for the journal and the weather, one for the days a health app counted.
    assert queries_for(60) == short == 7


def test_a_heat_finding_from_the_weathers_temperatures_says_it_was_outside(patient_client, patient):
    """Thirty recorded days, every third 30 °C outside with two more spasms; the patient
    never answered "overheated?"."""
    leeds, today = place(patient), patient.today()
    patient.heat_threshold_c = 27
    patient.save()
    for days_ago in range(1, 31):
        day = today - dt.timedelta(days=days_ago)
        hot = days_ago % 3 == 0
        weather(leeds, day, 30 if hot else 18)
        CheckIn.objects.create(patient=patient, date=day, sleep_hours=7)
        for hour in range(2 * hot + days_ago % 2):
            make_entry(
                patient, occurred_at=dt.datetime.combine(day, dt.time(9 + hour), patient.zone)
            )
    html = patient_client.get(jurl(patient, "insights"), {"days": "90"}).content.decode()
    findings = html.split('id="findings-title"')[1].split("</section>")[0]
    assert "On hot days (27 °C or more outside, or overheated) you had about 2 more spasms" in (
        findings
    )
