"""A patient hands in their phone's health export on a phone, watches it being read, and
sees the days fill in: one journey for each kind of export."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from health.models import HealthDay
from tests.e2e.conftest import VIEWPORTS, assert_accessible, jpath, log_in
from tests.support.health_exports import (
    BROKEN_DTD,
    WATCH,
    apple_sleep,
    apple_steps,
    apple_xml,
    apple_zip,
)
from tests.support.health_exports_android import (
    fitbit_sleep,
    fitbit_steps,
    fitbit_zip,
    garmin_day,
    garmin_night,
    garmin_zip,
    health_connect_database,
    health_connect_zip,
)

pytestmark = pytest.mark.e2e

DAYS = 10  # mornings up to today; the first and today are not whole


def mornings(patient) -> list[dt.date]:
    today = patient.today()
    return [today - dt.timedelta(days=n) for n in range(DAYS, -1, -1)]


def at(day: dt.date, hour: int, zone) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), zone)


def apple(patient, folder: Path) -> Path:
    """As an iPhone on iOS 16 writes it, broken document type and all; the phone and the
    watch both counted each walk."""

    def written(moment: dt.datetime) -> str:
        return moment.strftime("%Y-%m-%d %H:%M:%S %z")

    zone, records = patient.zone, []
    for d in mornings(patient):
        asleep = at(d - dt.timedelta(days=1), 23, zone), at(d, 6, zone)
        records.append(apple_sleep(written(asleep[0]), written(at(d, 2, zone)), "AsleepCore"))
        records.append(apple_sleep(written(at(d, 2, zone)), written(asleep[1]), "AsleepDeep"))
        records.append(apple_sleep(written(asleep[1]), written(at(d, 7, zone)), "Awake"))
        walk = written(at(d, 12, zone)), written(at(d, 12, zone) + dt.timedelta(minutes=40))
        records.append(apple_steps(*walk, 4000))
        records.append(apple_steps(*walk, 4100, source=WATCH))
    exported = written(dt.datetime.now(zone))
    return apple_zip(folder / "export.zip", apple_xml(records, exported, dtd=BROKEN_DTD))


def garmin(patient, folder: Path) -> Path:
    nights = [
        garmin_night(
            d.isoformat(), f"{d - dt.timedelta(days=1)}T22:00:00", f"{d}T05:12:00", light=26_000
        )
        for d in mornings(patient)
    ]
    steps = [garmin_day(d.isoformat(), 6000) for d in mornings(patient)]
    files = {
        "DI-Connect-Wellness/2026_12345678_sleepData.json": nights,
        "DI-Connect-Aggregator/UDSFile_2026.json": steps,
    }
    return garmin_zip(folder / "garmin-export.zip", files)


def fitbit(patient, folder: Path) -> Path:
    days = mornings(patient)
    nights = [
        fitbit_sleep(d.isoformat(), f"{d - dt.timedelta(days=1)}T23:00", f"{d}T07:00", 433)
        for d in days
    ]
    walks = [(dt.datetime.combine(d, dt.time(12)), 60, 100) for d in days]
    files = {
        f"sleep-{days[0]}.json": nights,
        f"steps-{days[0]}.json": fitbit_steps(patient.zone, walks),
    }
    return fitbit_zip(folder / "takeout-fitbit.zip", files)


def health_connect(patient, folder: Path) -> Path:
    zone, days = patient.zone, mornings(patient)
    sessions = [(1, at(d - dt.timedelta(days=1), 23, zone), at(d, 6, zone), []) for d in days]
    steps = [(1, at(d, 12, zone), at(d, 13, zone), 6000) for d in days]
    database = health_connect_database(folder / "hc.db", steps=steps, sessions=sessions)
    return health_connect_zip(folder / "health_connect_export.zip", database)


EXPORTS = {
    # the app: its export, and yesterday's sleep and steps as the check-in shows them
    "Apple Health": (apple, "7.0 h", 4100),  # the watch's count, not phone and watch added
    "Garmin": (garmin, "7.2 h", 6000),
    "Fitbit": (fitbit, "7.2 h", 6000),
    "Health Connect": (health_connect, "7.0 h", 6000),
}


@pytest.mark.parametrize("app", list(EXPORTS))
def test_a_patient_hands_in_an_export_and_sees_the_days_fill_in(
    phone_page, url, patient, settings, tmp_path, app
):
    settings.HEALTH_UPLOAD_DIR = str(tmp_path / "uploads")
    make, sleep, steps = EXPORTS[app]
    export = make(patient, tmp_path)
    page = phone_page
    assert page.viewport_size == VIEWPORTS["phone"]["viewport"]
    log_in(page, url, patient.email)
    page.goto(url(jpath(patient, "/health/")))

    page.get_by_label("Your health app's export").set_input_files(export)
    page.get_by_role("button", name="Bring it in").tap()
    expect(page.get_by_text("Waiting its turn")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    # The page polls the import: no reload needed.
    expect(page.get_by_text(f"Done. From {app}: sleep for 9 nights")).to_be_visible()
    expect(page.locator("#held")).to_contain_text("Sleep for 9 nights and steps for 9 days")
    assert_accessible(page)
    assert HealthDay.objects.for_patient(patient).count() == 9

    yesterday = patient.today() - dt.timedelta(days=1)
    page.goto(url(jpath(patient, f"/checkin/{yesterday}/")))
    expect(page.get_by_text(f"{sleep}, from {app}. Type your own to replace it.")).to_be_visible()
    page.get_by_text("Numbers, if you have them").tap()
    expect(page.get_by_text(f"{steps:,} steps, from {app}.")).to_be_visible()
    assert not list((tmp_path / "uploads").iterdir())  # read, then deleted
