import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.support.makers import make_entry
from tests.support.open_meteo import weather_on
from triggers.models import CheckIn
from weather import fetching
from weather.models import Place, WeatherDay
from weather.reading import filled_weather
from weather.services import place_set

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def days_ago(n: int) -> dt.date:
    return fetching.server_today() - dt.timedelta(days=n)


def stored(latitude: str, longitude: str) -> dict[dt.date, WeatherDay]:
    rows = WeatherDay.objects.filter(latitude=Decimal(latitude), longitude=Decimal(longitude))
    return {row.date: row for row in rows}


def assert_from(api: str, row: WeatherDay) -> None:
    temperature, feels, humidity = weather_on(api, row.latitude, row.longitude, row.date)
    assert (row.max_temp_c, row.max_feels_like_c, row.humidity_pct) == (
        Decimal(str(temperature)),
        Decimal(str(feels)),
        humidity,
    ), row.date


def test_a_years_journal_is_filled_from_its_first_day_a_year_at_a_time(provider, patience, patient):
    CheckIn.objects.create(patient=patient, date=days_ago(400))
    place = place_set(patient=patient, latitude="53.7965", longitude="-1.5479", name="Leeds")

    assert fetching.backfill_place(place, patience=patience) == ""

    archive = provider.asked("archive")
    assert [(a.first, a.last) for a in archive] == [
        (days_ago(400), days_ago(400) + dt.timedelta(days=365)),
        (days_ago(400) + dt.timedelta(days=366), days_ago(6)),
    ]
    assert all(a.cell == ("53.8", "-1.5") and a.params["timezone"] == "auto" for a in archive)
    [forecast] = provider.asked("forecast")
    assert (forecast.first, forecast.last) == (days_ago(7), days_ago(-2))
    days = stored("53.8", "-1.5")
    assert sorted(days) == [days_ago(n) for n in range(400, -3, -1)]
    for n in range(400, 5, -1):
        assert not days[days_ago(n)].forecast
        assert_from("archive", days[days_ago(n)])
    # The archive lags: the last few days, today and the next two are the forecast's.
    for n in range(5, -3, -1):
        assert days[days_ago(n)].forecast
        assert_from("forecast", days[days_ago(n)])
    place.refresh_from_db()
    assert place.fetched_at is not None and place.problem == ""


def test_the_first_place_reaches_back_to_the_first_entry_in_the_patients_own_day(
    provider, patience, person
):
    kiri = person("kiri@example.com", "Pacific/Kiritimati")
    # 20:00 UTC is already the next morning at UTC+14: the journal began that day.
    first = days_ago(30)
    make_entry(kiri, occurred_at=dt.datetime.combine(first, dt.time(20), dt.UTC))
    place = place_set(patient=kiri, latitude="1.87", longitude="-157.36")

    fetching.backfill_place(place, patience=patience)

    assert provider.asked("archive")[0].first == first + DAY


def test_a_saved_archive_answer_is_stored_day_by_day_as_the_provider_gave_it(
    provider, patience, person
):
    leeds = person("leeds@example.com")
    place_set(patient=leeds, latitude=53.8, longitude=-1.5, since=dt.date(2025, 7, 1))
    place_set(patient=leeds, latitude=51.5, longitude=-0.1, since=dt.date(2025, 7, 8))
    first_place = Place.objects.get(latitude=Decimal("53.8"))

    fetching.backfill_place(first_place, patience=patience)

    days = stored("53.8", "-1.5")
    assert days[dt.date(2025, 7, 1)].max_temp_c == Decimal("30.6")
    assert days[dt.date(2025, 7, 1)].max_feels_like_c == Decimal("31.9")
    assert days[dt.date(2025, 7, 6)].humidity_pct == 77
    # The provider did not know the 7th yet: nothing is kept, so a later run asks again.
    assert sorted(days) == [dt.date(2025, 7, d) for d in range(1, 7)]


def test_after_a_move_each_day_has_the_weather_of_the_place_in_force_that_day(
    provider, patience, patient
):
    CheckIn.objects.create(patient=patient, date=days_ago(60))
    leeds = place_set(patient=patient, latitude=53.8, longitude=-1.5)
    seville = place_set(patient=patient, latitude=37.4, longitude=-6.0, since=days_ago(20))
    leeds.refresh_from_db()
    for place in (leeds, seville):
        fetching.backfill_place(place, patience=patience)

    filled = filled_weather(patient, days_ago(60), days_ago(0))

    assert sorted(filled) == [days_ago(n) for n in range(60, -1, -1)]
    assert filled[days_ago(21)].max_temp_c == stored("53.8", "-1.5")[days_ago(21)].max_temp_c
    assert filled[days_ago(20)].max_temp_c == stored("37.4", "-6.0")[days_ago(20)].max_temp_c
    # Leeds was asked only for its own days, Seville only for its own.
    assert [a.last for a in provider.requests if a.cell == ("53.8", "-1.5")] == [days_ago(21)]
    assert min(a.first for a in provider.requests if a.cell == ("37.4", "-6.0")) == days_ago(20)


def test_many_patients_in_one_cell_cost_one_request(provider, patience, person):
    neighbours = [person(f"n{i}@example.com") for i in range(25)]
    for i, neighbour in enumerate(neighbours):
        CheckIn.objects.create(patient=neighbour, date=days_ago(30 + i))
        # Points a few hundred metres apart: one cell.
        place_set(patient=neighbour, latitude=53.79 + i * 0.0004, longitude=-1.51)

    run = fetching.fetch_recent(patience=patience)

    assert run.cells == 2 and run.problems == []  # the never-fetched ones, then the recent
    assert len(provider.asked("forecast")) == 1
    [archive] = provider.asked("archive")  # from the earliest journal's first day
    assert archive.first == days_ago(54)
    assert Place.objects.filter(fetched_at__isnull=True).count() == 0
    provider.requests.clear()

    for neighbour in neighbours:
        fetching.backfill_place(Place.objects.get(patient=neighbour), patience=patience)

    assert provider.requests == []  # the cell already had every day


@pytest.mark.parametrize("failure", ["timeout", "500", "malformed", "no_daily"])
def test_a_provider_that_fails_leaves_the_days_empty_and_a_later_run_fills_them(
    provider, patience, patient, person, failure
):
    CheckIn.objects.create(patient=patient, date=days_ago(20))
    place = place_set(patient=patient, latitude=53.8, longitude=-1.5)
    provider.slow_s = 1.0
    provider.fail(failure)

    problem = fetching.backfill_place(place, patience=patience)

    assert WeatherDay.objects.count() == 0
    place.refresh_from_db()
    assert place.problem == problem != "" and place.fetched_at is None
    assert len(provider.requests) == (2 if failure in ("timeout", "500") else 1)

    provider.fail(None)
    run = fetching.fetch_recent(patience=patience)

    assert run.problems == []
    place.refresh_from_db()
    assert place.problem == "" and place.fetched_at is not None
    assert sorted(filled_weather(patient, days_ago(20), days_ago(0))) == [
        days_ago(n) for n in range(20, -1, -1)
    ]


def test_values_no_weather_has_are_never_stored(provider, patience, patient):
    place = place_set(patient=patient, latitude=53.8, longitude=-1.5, since=days_ago(3))
    provider.fail("out_of_range")

    fetching.backfill_place(place, patience=patience)

    assert WeatherDay.objects.count() == 0
    place.refresh_from_db()
    assert place.fetched_at is not None  # the answer was read; a day without values waits
    provider.fail(None)
    place_set(patient=patient, latitude=53.8, longitude=-1.5)  # the same cell: nothing to do
    fetching.fetch_recent(patience=patience)
    assert len(stored("53.8", "-1.5")) == 10


def test_one_cell_failing_does_not_stop_the_others(provider, patience, person):
    for email, lat in (("a@example.com", 53.8), ("b@example.com", 40.4)):
        place_set(patient=person(email), latitude=lat, longitude=-3.7, since=days_ago(2))
    provider.fail("500", cell=("40.4", "-3.7"))

    run = fetching.fetch_recent(patience=patience)

    assert run.problems == ["the weather service answered 500"] * 2  # its past, its recent
    assert stored("53.8", "-3.7") and not stored("40.4", "-3.7")
    assert Place.objects.get(latitude=Decimal("40.4")).problem != ""
    assert Place.objects.get(latitude=Decimal("53.8")).problem == ""


def test_the_archive_replaces_a_forecast_once_it_has_the_day(provider, patience, patient):
    place = place_set(patient=patient, latitude=53.8, longitude=-1.5, since=days_ago(3))
    fetching.backfill_place(place, patience=patience)
    fetching.fetch_recent(patience=patience)
    assert stored("53.8", "-1.5")[days_ago(3)].forecast  # the archive lags: not yet

    provider.ahead = dt.timedelta(days=10)
    provider.requests.clear()
    fetching.fetch_recent(today=days_ago(-10), patience=patience)

    # Every forecast older than the archive's lag, the nightly fetch's own included.
    [archive] = provider.asked("archive")
    assert (archive.first, archive.last) == (days_ago(5), days_ago(-4))
    days = stored("53.8", "-1.5")
    for n in range(3, -5, -1):
        assert not days[days_ago(n)].forecast
        assert_from("archive", days[days_ago(n)])


def test_a_forecast_never_replaces_the_archives_day(provider, patience, patient):
    place = place_set(patient=patient, latitude=53.8, longitude=-1.5, since=days_ago(12))
    fetching.backfill_place(place, patience=patience)
    assert not stored("53.8", "-1.5")[days_ago(7)].forecast
    WeatherDay.objects.update(fetched_at=timezone.now() - dt.timedelta(days=1))
    provider.requests.clear()

    fetching.fetch_recent(patience=patience)

    [forecast] = provider.asked("forecast")
    assert forecast.first == days_ago(7)  # it reaches back over the archive's last days
    days = stored("53.8", "-1.5")
    for n in (7, 6):
        assert not days[days_ago(n)].forecast
        assert_from("archive", days[days_ago(n)])
    assert days[days_ago(5)].forecast
    assert days[days_ago(5)].fetched_at > timezone.now() - dt.timedelta(minutes=5)


@pytest.mark.parametrize(
    ("zone", "latitude", "longitude"),
    [
        ("Pacific/Kiritimati", "1.9", "-157.4"),  # UTC+14, east of the date line
        ("Pacific/Auckland", "-36.8", "174.8"),
        ("Pacific/Fiji", "-16.5", "179.9"),
        ("Pacific/Fiji", "-16.5", "-179.9"),  # Fiji's islands lie on both sides of it
        ("Pacific/Niue", "-19.1", "-169.9"),  # UTC-11
    ],
)
def test_at_the_date_line_the_patients_today_and_tomorrow_are_filled(
    provider, patience, person, zone, latitude, longitude
):
    someone = person("far@example.com", zone)
    provider.zones[(latitude, longitude)] = zone
    place_set(patient=someone, latitude=latitude, longitude=longitude, since=someone.today())

    run = fetching.fetch_recent(patience=patience)

    assert run.problems == []
    filled = filled_weather(someone, someone.today(), someone.today() + DAY)
    assert sorted(filled) == [someone.today(), someone.today() + DAY]
    assert all(a.params["timezone"] == "auto" for a in provider.requests)


def test_days_across_a_clock_change_are_one_row_each(provider, patience, person):
    london = person("dst@example.com")
    # The last Sunday of March 2025: the clocks went forward in London.
    place_set(patient=london, latitude=51.5, longitude=-0.1, since=dt.date(2025, 3, 29))
    place_set(patient=london, latitude=53.8, longitude=-1.5, since=dt.date(2025, 4, 1))

    fetching.backfill_place(Place.objects.get(latitude=Decimal("51.5")), patience=patience)

    filled = filled_weather(london, dt.date(2025, 3, 29), dt.date(2025, 3, 31))
    assert sorted(filled) == [dt.date(2025, 3, 29), dt.date(2025, 3, 30), dt.date(2025, 3, 31)]
    for day in filled.values():
        temperature, _, _ = weather_on("archive", "51.5", "-0.1", day.date)
        assert day.max_temp_c == Decimal(str(temperature))
