import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from weather.models import Place, WeatherDay

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_set_place_then_fetch_weather_fills_that_persons_days(provider, patient):
    said = run("set_place", "--user=PAT@example.com", "--latitude=53.796", "--longitude=-1.548",
               "--name=Leeds", "--since=2025-07-01")  # fmt: skip
    assert "53.8, -1.5 from 2025-07-01" in said
    run("set_place", "--user=pat@example.com", "--latitude=51.5", "--longitude=-0.1",
        "--since=2025-07-08")  # fmt: skip

    said = run("fetch_weather", "--user=pat@example.com")

    assert "2 place(s) fetched, 0 failed" in said
    assert WeatherDay.objects.get(date=dt.date(2025, 7, 1)).max_temp_c == Decimal("30.6")


def test_fetch_weather_for_everyone_fetches_each_cell_once(provider, patient, stranger):
    for person in (patient, stranger):
        run("set_place", f"--user={person.email}", "--latitude=53.8", "--longitude=-1.5",
            f"--since={person.today()}")  # fmt: skip

    said = run("fetch_weather")

    assert "fetched, 0 failed" in said
    assert len(provider.asked("forecast")) == 1


def test_fetch_weather_fails_loudly_when_the_provider_does(provider, patient):
    run("set_place", "--user=pat@example.com", "--latitude=53.8", "--longitude=-1.5",
        f"--since={patient.today()}")  # fmt: skip
    provider.fail("malformed")

    with pytest.raises(CommandError, match="could not be read"):
        run("fetch_weather")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--latitude=95", "--longitude=0"], "latitude: Give the latitude as a number"),
        (["--latitude=north", "--longitude=0"], "latitude"),
        (["--latitude=10"], "Give --latitude and --longitude"),
        (["--latitude=10", "--longitude=0", "--since=yesterday"], "not a date"),
        (["--delete"], "--delete goes with --off"),
    ],
)
def test_set_place_says_what_is_wrong(patient, args, message):
    with pytest.raises(CommandError, match=message):
        run("set_place", "--user=pat@example.com", *args)
    assert Place.objects.count() == 0


def test_set_place_off_keeps_or_deletes(patient):
    run("set_place", "--user=pat@example.com", "--latitude=53.8", "--longitude=-1.5")

    assert "past days stay" in run("set_place", "--user=pat@example.com", "--off")
    assert Place.objects.get().until == patient.today()
    run("set_place", "--user=pat@example.com", "--off", "--delete")
    assert Place.objects.count() == 0


def test_the_commands_name_an_unknown_person(db):
    with pytest.raises(CommandError, match="No account"):
        run("set_place", "--user=nobody@example.com", "--off")
    with pytest.raises(CommandError, match="No account"):
        run("fetch_weather", "--user=nobody@example.com")


def test_fetch_weather_queue_queues_the_nightly_fetch_once(db):
    assert "queued" in run("fetch_weather", "--queue")
    assert "Already queued" in run("fetch_weather", "--queue")
