"""Fitbit's data from Google Takeout read into whole days, for a patient in New York."""

from __future__ import annotations

import datetime as dt
import zipfile
from zoneinfo import ZoneInfo

import pytest

from health.formats import ExportProblem, read_export
from tests.support.health_exports_android import (
    FITBIT_FOLDER,
    fitbit_sleep,
    fitbit_steps,
    fitbit_zip,
)

NEW_YORK = ZoneInfo("America/New_York")  # the clocks go forward on 10 March 2024


def sleep_logs() -> list[dict]:
    return [
        fitbit_sleep("2024-03-07", "2024-03-06T23:10", "2024-03-07T06:40", 420),
        fitbit_sleep("2024-03-08", "2024-03-07T22:45", "2024-03-08T06:30", 420),
        fitbit_sleep("2024-03-09", "2024-03-08T23:30", "2024-03-09T06:45", 390),
        fitbit_sleep("2024-03-09", "2024-03-09T14:00", "2024-03-09T14:45", 40, main=False),
        fitbit_sleep("2024-03-10", "2024-03-09T23:00", "2024-03-10T07:00", 400),
        fitbit_sleep("2024-03-11", "2024-03-10T23:00", "2024-03-11T06:30", 410),
    ]


def walks(*days: int) -> list[dict]:
    """A 1,000-step morning walk each day, and a late stroll of `day - 6` minutes at
    23:30, 100 steps a minute: past midnight in UTC, where Fitbit writes the times."""
    return fitbit_steps(
        NEW_YORK,
        [
            walk
            for day in days
            for walk in (
                (dt.datetime(2024, 3, day, 8, 0), 10, 100),
                (dt.datetime(2024, 3, day, 23, 30), day - 6, 100),
            )
        ],
    )


@pytest.fixture
def export(tmp_path):
    return fitbit_zip(
        tmp_path / "takeout-20240311T120000Z-001.zip",
        {
            "sleep-2024-03-06.json": sleep_logs(),
            "steps-2024-03-06.json": walks(7, 8),
            "steps-2024-03-09.json": walks(9, 10)
            + fitbit_steps(NEW_YORK, [(dt.datetime(2024, 3, 11, 8, 0), 10, 100)]),
        },
    )


def test_each_whole_day_gets_its_main_sleep_and_its_steps(export):
    days = read_export(export, NEW_YORK)

    assert days.source == "fitbit"
    # The 7th is the first day and the 11th the day of the export: both partial. The
    # nap on the 9th is left out.
    assert days.sleep == pytest.approx(
        {dt.date(2024, 3, 8): 7.0, dt.date(2024, 3, 9): 6.5, dt.date(2024, 3, 10): 400 / 60}
    )
    # Each late stroll stays on the evening it was walked, the 10th's across the change
    # of clocks too.
    assert days.steps == {
        dt.date(2024, 3, 8): 1200,
        dt.date(2024, 3, 9): 1300,
        dt.date(2024, 3, 10): 1400,
    }


def test_the_progress_reaches_all_the_files_read(export):
    told = []

    read_export(export, NEW_YORK, lambda done, total: told.append((done, total)))

    assert len(told) == 3
    assert told[-1][0] == told[-1][1] > 0


def problem_with(tmp_path, name: str, content) -> str:
    export = fitbit_zip(tmp_path / "takeout.zip", {name: content})
    with pytest.raises(ExportProblem) as refused:
        read_export(export, NEW_YORK)
    message = str(refused.value)
    assert message.startswith(f"{FITBIT_FOLDER}{name} in this zip ")
    return message


def log(**changes) -> list[dict]:
    return [fitbit_sleep("2024-03-08", "2024-03-07T22:45", "2024-03-08T06:30", 420) | changes]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'[{"dateOfSleep": "2024-03-08", ', "is not readable JSON"),
        (b"\xff\xfe\x00garbage", "is not readable JSON"),
        ({"sleep": log()}, "does not hold a list of records"),
        (log(dateOfSleep=None), "has a dateOfSleep that is not a date: None"),
        (log(dateOfSleep="2024-02-30"), "has a dateOfSleep that is not a date: '2024-02-30'"),
        (log(dateOfSleep="1850-03-08"), "has a date no journal holds: 1850-03-08"),
        (log(minutesAsleep="lots"), "has a minutesAsleep that is not a count: 'lots'"),
        (log(mainSleep="yes"), "has a mainSleep that is not true or false: 'yes'"),
    ],
)
def test_a_sleep_file_fitbit_did_not_write_is_refused_by_name(tmp_path, content, words):
    assert words in problem_with(tmp_path, "sleep-2024-03-06.json", content)


@pytest.mark.parametrize(
    ("sample", "words"),
    [
        ({"dateTime": "02/30/24 10:00:00", "value": "5"}, "dateTime that is not a time"),
        ({"dateTime": "2024-03-08 10:00", "value": "5"}, "not MM/DD/YY HH:MM:SS"),
        ({"value": "5"}, "not MM/DD/YY HH:MM:SS: None"),
        ({"dateTime": "03/08/24 10:00:00", "value": "-3"}, "value that is not a count: '-3'"),
        ({"dateTime": "03/08/24 10:00:00"}, "value that is not a count: None"),
    ],
)
def test_a_steps_file_fitbit_did_not_write_is_refused_by_name(tmp_path, sample, words):
    assert words in problem_with(tmp_path, "steps-2024-03-08.json", [sample])


def test_a_file_far_larger_than_fitbits_is_refused_before_it_is_read(tmp_path):
    export = tmp_path / "takeout.zip"
    name = f"{FITBIT_FOLDER}steps-2024-03-08.json"
    with (
        zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        member.write(b"[")
        for _ in range(201):
            member.write(b" " * 1024**2)
        member.write(b"]")

    with pytest.raises(ExportProblem, match="steps-2024-03-08.json in this zip is far larger"):
        read_export(export, NEW_YORK)
