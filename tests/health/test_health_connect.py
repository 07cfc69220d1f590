"""Health Connect's export read into whole days, as the patient in Paris lived them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from health.formats import ExportProblem, read_export
from tests.support.health_exports_android import (
    AWAKE,
    AWAKE_IN_BED,
    DEEP,
    LIGHT,
    OUT_OF_BED,
    REM,
    SLEEPING,
    altered,
    health_connect_database,
    health_connect_zip,
)

PARIS = ZoneInfo("Europe/Paris")  # the clocks go forward on the night of 30 to 31 March
PHONE, WATCH = 1, 2


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2024, month, day, hour, minute, tzinfo=PARIS)


def walks():
    """Each day the phone and the watch both count the morning walk (the watch a little
    more), and the phone alone an evening errand; one walk runs past midnight."""
    days = [(3, 28), (3, 29), (3, 30), (3, 31), (4, 1)]
    for month, day in days:
        yield PHONE, at(day, 10, month=month), at(day, 10, 30, month=month), 3000
        yield WATCH, at(day, 10, month=month), at(day, 10, 30, month=month), 3200
        yield PHONE, at(day, 18, month=month), at(day, 18, 10, month=month), 500
    yield WATCH, at(30, 23, 50), at(31, 0, 10), 600
    yield PHONE, at(2, 8, month=4), at(2, 9, month=4), 2000  # the morning of the export


def nights():
    yield PHONE, at(27, 23), at(28, 7), []  # the first night: partial
    yield (
        WATCH,
        at(28, 23),
        at(29, 7),
        [
            (at(28, 23), at(29, 1), LIGHT),
            (at(29, 1), at(29, 1, 30), AWAKE),
            (at(29, 1, 30), at(29, 3), DEEP),
            (at(29, 3), at(29, 5), REM),
            (at(29, 5), at(29, 5, 30), AWAKE_IN_BED),
            (at(29, 5, 30), at(29, 7), LIGHT),
        ],
    )
    yield (
        WATCH,
        at(29, 22, 30),
        at(30, 6, 20),
        [
            (at(29, 22, 30), at(30, 2), SLEEPING),
            (at(30, 2), at(30, 2, 20), OUT_OF_BED),
            (at(30, 2, 20), at(30, 6, 20), SLEEPING),
        ],
    )
    yield PHONE, at(30, 14), at(30, 15), []  # a nap
    yield PHONE, at(30, 23), at(31, 7), []  # the night the clocks go forward: 7 hours
    yield WATCH, at(31, 23), at(1, 6, month=4), [(at(31, 23), at(1, 6, month=4), SLEEPING)]
    yield PHONE, at(31, 23, 30), at(1, 6, 30, month=4), []  # the same night, other app
    yield PHONE, at(1, 23, month=4), at(2, 7, month=4), []  # ends on the export's day


@pytest.fixture
def export(tmp_path):
    database = health_connect_database(tmp_path / "store.db", steps=walks(), sessions=nights())
    return health_connect_zip(tmp_path / "Health Connect.zip", database)


def test_each_whole_day_gets_its_nights_sleep_and_its_steps(export):
    days = read_export(export, PARIS)

    assert days.source == "health_connect"
    assert days.sleep == pytest.approx(
        {
            dt.date(2024, 3, 29): 7.0,  # light, deep, REM and light; awake in bed is not sleep
            dt.date(2024, 3, 30): 7.5,  # the 20 minutes out of bed left out
            dt.date(2024, 3, 31): 7.0,  # 23:00 to 07:00 with an hour the clocks skipped
            dt.date(2024, 4, 1): 7.5,  # two apps' nights laid over each other: 23:00 to 06:30
        }
    )
    # The watch's 3,200 stands over the phone's 3,000 for the walk both counted; the
    # walk past midnight is split between its two days.
    assert days.steps == {
        dt.date(2024, 3, 29): 3700,
        dt.date(2024, 3, 30): 4000,
        dt.date(2024, 3, 31): 4000,
        dt.date(2024, 4, 1): 3700,
    }


def test_the_days_follow_the_patients_zone(export):
    days = read_export(export, ZoneInfo("America/New_York"))

    # 10:00 in Paris is 04:00 or 05:00 in New York, and the evening errand at 18:00 is
    # noon: the same walks on the same days, the night past midnight now all on the 30th.
    assert days.steps[dt.date(2024, 3, 30)] == 4300
    assert days.steps[dt.date(2024, 3, 31)] == 3700


def test_the_progress_reaches_the_whole_database(export):
    told = []

    read_export(export, PARIS, lambda done, total: told.append((done, total)))

    assert told and told[-1][0] == told[-1][1] > 0
    assert [done for done, _ in told] == sorted(done for done, _ in told)


def test_the_copy_of_the_database_is_removed_after_reading(export, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))

    read_export(export, PARIS)

    assert list(scratch.iterdir()) == []


def test_a_file_that_is_not_a_database_is_refused_and_removed(tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    export = health_connect_zip(tmp_path / "export.zip", b"these are not the tables " * 400)

    with pytest.raises(ExportProblem, match="health_connect_export.db .*not a database"):
        read_export(export, PARIS)
    assert list(scratch.iterdir()) == []


def test_a_database_without_the_sleep_tables_is_not_health_connects(tmp_path):
    database = health_connect_database(
        tmp_path / "store.db", steps=walks(), tables=("steps_record_table",)
    )
    export = health_connect_zip(tmp_path / "export.zip", database)

    with pytest.raises(ExportProblem, match="is not Health Connect's: it has no sleep_session"):
        read_export(export, PARIS)


def test_a_step_count_that_is_not_a_number_is_refused(tmp_path):
    database = health_connect_database(tmp_path / "store.db", steps=walks())
    with altered(database) as store:
        store.execute("UPDATE steps_record_table SET count = 'many' WHERE row_id = 2")
    export = health_connect_zip(tmp_path / "export.zip", database)

    with pytest.raises(ExportProblem, match="step count that is not a count: 'many'"):
        read_export(export, PARIS)


def test_a_time_no_clock_shows_is_refused(tmp_path):
    database = health_connect_database(tmp_path / "store.db", sessions=nights())
    with altered(database) as store:
        store.execute("UPDATE sleep_session_record_table SET end_time = 9000000000000000000")
    export = health_connect_zip(tmp_path / "export.zip", database)

    with pytest.raises(
        ExportProblem, match="health_connect_export.db in this zip has a time no clock shows"
    ):
        read_export(export, PARIS)
