"""The days file carries whose each temperature and humidity is: the patient's or the
weather's, and the weather's never stands over the patient's."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from tests.support.makers import local, make_entry, place, weather
from transfers.exporting import days_csv, entries_csv
from transfers.importing import import_journal
from transfers.reading import ImportRejected
from triggers.models import CheckIn, Source

pytestmark = pytest.mark.django_db


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def wrong(patient, text: str) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        import_journal(patient=patient, days_csv=text)
    return [str(p) for p in rejected.value.problems]


@pytest.fixture
def with_weather(patient):
    """A journal in Leeds: a check-in with the patient's own temperature, one without, a
    day of entries only, and a day of weather the patient recorded nothing on."""
    leeds = place(patient)
    for day, temp, humidity in [(1, 31, 75), (2, 24.5, 60), (3, 22, 55), (4, 28, 40)]:
        weather(leeds, dt.date(2026, 7, day), temp, humidity_pct=humidity)
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 1), max_temp_c=33, fever=False)
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 2), sleep_hours=7)
    make_entry(patient, occurred_at=local(2026, 7, 3, 23, 30))  # late: still the 3rd in Leeds
    return patient


def test_the_export_fills_what_the_patient_left_empty_and_says_it_is_the_weathers(with_weather):
    found = rows(days_csv(with_weather))
    assert [
        (r["date"], r["max_temp_c"], r["max_temp_c_source"], r["humidity_pct"])
        + (r["humidity_pct_source"], r["sleep_hours"])
        for r in found
    ] == [
        ("2026-07-01", "33.0", "", "75", "weather", ""),  # the patient's 33 °C stands
        ("2026-07-02", "24.5", "weather", "60", "weather", "7.0"),
        ("2026-07-03", "22.0", "weather", "55", "weather", ""),  # entries only
    ]  # the 4th: weather, but nothing recorded, so no row


def test_export_import_export_into_a_new_account_is_byte_identical(with_weather, stranger):
    days, entries = days_csv(with_weather), entries_csv(with_weather)
    import_journal(patient=stranger, entries_csv=entries, days_csv=days)
    # The new account has no place: what it shows is what the file brought.
    assert days_csv(stranger) == days
    day_only_weather = CheckIn.objects.get(patient=stranger, date=dt.date(2026, 7, 3))
    assert day_only_weather.from_weather("max_temp_c") and day_only_weather.sleep_hours is None
    # And importing it again changes nothing.
    summary = import_journal(patient=stranger, entries_csv=entries, days_csv=days)
    assert (summary.days_added, summary.days_updated, summary.days_already_there) == (0, 0, 3)


def test_a_weather_cell_never_overwrites_the_patients_own_value(patient):
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 1), max_temp_c=33)
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 2), sleep_hours=6)
    import_journal(
        patient=patient,
        days_csv="date,max_temp_c,max_temp_c_source\n"
        "2026-07-01,20.0,weather\n"
        "2026-07-02,21.0,weather\n",
    )
    first, second = CheckIn.objects.order_by("date")
    assert (first.max_temp_c, first.max_temp_c_source) == (Decimal("33.0"), Source.OWN)
    assert (second.max_temp_c, second.max_temp_c_source) == (Decimal("21.0"), Source.WEATHER)


def test_the_patients_own_value_in_a_file_replaces_the_weathers(patient):
    CheckIn.objects.create(
        patient=patient,
        date=dt.date(2026, 7, 1),
        humidity_pct=40,
        humidity_pct_source=Source.WEATHER,
    )
    import_journal(patient=patient, days_csv="date,humidity_pct\n2026-07-01,90\n")
    check_in = CheckIn.objects.get()
    assert (check_in.humidity_pct, check_in.from_weather("humidity_pct")) == (90, False)


def test_an_unknown_source_is_a_problem_of_its_row(patient):
    problems = wrong(patient, "date,max_temp_c,max_temp_c_source\n2026-07-01,20.0,forecast\n")
    assert problems == [
        "days file, row 2, column max_temp_c_source: 'forecast' is not a source: leave the "
        "cell empty for your own value, or write weather for the weather's"
    ]
    assert not CheckIn.objects.exists()


def test_a_source_without_its_number_is_a_problem(patient):
    problems = wrong(patient, "date,humidity_pct,humidity_pct_source\n2026-07-01,,weather\n")
    assert problems == [
        "days file, row 2, column humidity_pct_source: weather needs a number in humidity_pct"
    ]


def test_an_older_file_without_the_source_columns_still_imports_as_the_patients_own(patient):
    import_journal(
        patient=patient, days_csv="date,max_temp_c,humidity_pct,overheated\n2026-07-01,27.5,80,1\n"
    )
    check_in = CheckIn.objects.get()
    assert check_in.max_temp_c == Decimal("27.5") and check_in.overheated is True
    assert check_in.max_temp_c_source == check_in.humidity_pct_source == Source.OWN
