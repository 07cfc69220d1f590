"""Small exports of Health Connect, Fitbit (Google Takeout) and Garmin, built the way each
maker writes them, for the readers in health/formats/.

- Health Connect: a zip holding health_connect_export.db, a copy of Health Connect's own
  SQLite store (AOSP packages/modules/HealthFitness: ExportManager names the member;
  StepsRecordHelper, IntervalRecordHelper, RecordHelper, SleepSessionRecordHelper and
  SleepStageRecordHelper name the tables and columns written below; stage numbers are
  androidx SleepSessionRecord.STAGE_TYPE_*). Android keeps it in WAL mode, so does this.
- Fitbit: Takeout/Fitbit/Global Export Data/sleep-YYYY-MM-DD.json (sleep logs with
  dateOfSleep, startTime and endTime on the watch's clock, minutesAsleep, mainSleep,
  type, levels) and steps-YYYY-MM-DD.json ({"dateTime": "MM/DD/YY HH:MM:SS", "value":
  "N"} per minute), as Fitbit Takeout parsers in public repositories read them
  (e.g. danlsn/fitport's README shows a sleep record).
- Garmin: DI_CONNECT/DI-Connect-Wellness/*_sleepData.json (calendarDate,
  sleep{Start,End}TimestampGMT as "YYYY-MM-DDTHH:MM:SS.0", {deep,light,rem,awake}Sleep
  Seconds, unmeasurableSeconds, napList) and DI_CONNECT/DI-Connect-Aggregator/UDSFile_*
  .json (calendarDate, totalSteps), as parsers written against real Garmin exports read
  them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

UTC = dt.UTC

# --- Health Connect --------------------------------------------------------------------

# The columns RecordHelper gives every record table, then IntervalRecordHelper's.
_RECORD = (
    "row_id INTEGER PRIMARY KEY AUTOINCREMENT, uuid BLOB UNIQUE, last_modified_time "
    "INTEGER, client_record_id TEXT, client_record_version TEXT, device_info_id INTEGER, "
    "app_info_id INTEGER, recording_method INTEGER, start_time INTEGER NOT NULL, "
    "start_zone_offset INTEGER, end_time INTEGER NOT NULL, end_zone_offset INTEGER"
)
HEALTH_CONNECT_TABLES = {
    "application_info_table": "row_id INTEGER PRIMARY KEY AUTOINCREMENT, package_name TEXT "
    "NOT NULL UNIQUE, app_name TEXT, app_icon BLOB, record_types_used TEXT",
    "steps_record_table": f"{_RECORD}, count INTEGER NOT NULL",
    "sleep_session_record_table": f"{_RECORD}, notes TEXT, title TEXT",
    "sleep_stages_table": "parent_key INTEGER NOT NULL, stage_start_time INTEGER NOT NULL, "
    "stage_end_time INTEGER NOT NULL, stage_type INTEGER NOT NULL, FOREIGN KEY (parent_key) "
    "REFERENCES sleep_session_record_table(row_id) ON DELETE CASCADE",
}
AWAKE, SLEEPING, OUT_OF_BED, LIGHT, DEEP, REM, AWAKE_IN_BED = 1, 2, 3, 4, 5, 6, 7
APPS = {1: "com.google.android.apps.fitness", 2: "com.example.watch"}


def milliseconds(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1000)


def _offset(moment: dt.datetime) -> int:
    return int(moment.utcoffset().total_seconds())


def health_connect_database(
    path: Path,
    *,
    steps=(),
    sessions=(),
    tables=tuple(HEALTH_CONNECT_TABLES),
) -> Path:
    """A Health Connect store: `steps` as (app id, start, end, count) and `sessions` as
    (app id, start, end, [(stage start, stage end, stage type), ...]), aware moments."""
    database = sqlite3.connect(path)
    database.execute("PRAGMA journal_mode = WAL")
    for table in tables:
        database.execute(f"CREATE TABLE {table} ({HEALTH_CONNECT_TABLES[table]})")
    if "application_info_table" in tables:
        database.executemany(
            "INSERT INTO application_info_table (row_id, package_name) VALUES (?, ?)",
            APPS.items(),
        )
    for app, start, end, count in steps:
        database.execute(
            "INSERT INTO steps_record_table (app_info_id, start_time, start_zone_offset, "
            "end_time, end_zone_offset, count) VALUES (?, ?, ?, ?, ?, ?)",
            (app, milliseconds(start), _offset(start), milliseconds(end), _offset(end), count),
        )
    for app, start, end, stages in sessions:
        row = database.execute(
            "INSERT INTO sleep_session_record_table (app_info_id, start_time, "
            "start_zone_offset, end_time, end_zone_offset) VALUES (?, ?, ?, ?, ?)",
            (app, milliseconds(start), _offset(start), milliseconds(end), _offset(end)),
        ).lastrowid
        database.executemany(
            "INSERT INTO sleep_stages_table VALUES (?, ?, ?, ?)",
            [(row, milliseconds(s), milliseconds(e), kind) for s, e, kind in stages],
        )
    database.commit()
    database.close()
    return path


@contextlib.contextmanager
def altered(path: Path):
    """The store opened to change by hand, as a damaged or foreign export would be."""
    database = sqlite3.connect(path)
    try:
        yield database
        database.commit()
    finally:
        database.close()


def health_connect_zip(path: Path, database: Path | bytes) -> Path:
    """The zip Health Connect writes: the database alone, under its own name."""
    content = database if isinstance(database, bytes) else database.read_bytes()
    return write_zip(path, {"health_connect_export.db": content})


# --- Fitbit ----------------------------------------------------------------------------

FITBIT_FOLDER = "Takeout/Fitbit/Global Export Data/"


def fitbit_sleep(
    morning: str, start: str, end: str, minutes_asleep: int, *, main: bool = True
) -> dict:
    """A sleep log as Fitbit keeps it; start and end on the watch's clock."""
    began, ended = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    in_bed = int((ended - began).total_seconds() // 60)
    return {
        "logId": int(began.strftime("%Y%m%d%H%M")),
        "dateOfSleep": morning,
        "startTime": began.strftime("%Y-%m-%dT%H:%M:%S.000"),
        "endTime": ended.strftime("%Y-%m-%dT%H:%M:%S.000"),
        "duration": in_bed * 60_000,
        "minutesToFallAsleep": 0,
        "minutesAsleep": minutes_asleep,
        "minutesAwake": in_bed - minutes_asleep,
        "minutesAfterWakeup": 0,
        "timeInBed": in_bed,
        "efficiency": 93,
        "type": "stages" if main else "classic",
        "infoCode": 0,
        "levels": {"summary": {}, "data": [], "shortData": []},
        "mainSleep": main,
    }


def fitbit_steps(zone: ZoneInfo, walks) -> list[dict]:
    """Minute samples of steps for `walks` of (local start, minutes, steps a minute),
    their times written in UTC, with a quiet minute of 0 after each as Fitbit writes."""
    samples = []
    for start, minutes, per_minute in walks:
        moment = start.replace(tzinfo=zone).astimezone(UTC)
        for minute in range(minutes + 1):
            samples.append(
                {
                    "dateTime": (moment + dt.timedelta(minutes=minute)).strftime(
                        "%m/%d/%y %H:%M:%S"
                    ),
                    "value": str(per_minute if minute < minutes else 0),
                }
            )
    return samples


def fitbit_zip(path: Path, files: dict[str, object]) -> Path:
    """A Takeout zip with `files` (name: JSON content) in Fitbit's Global Export Data."""
    return write_zip(
        path,
        {"Takeout/archive_browser.html": "<html></html>"}
        | {FITBIT_FOLDER + name: content for name, content in files.items()},
    )


# --- Garmin ----------------------------------------------------------------------------

GARMIN_WELLNESS = "DI_CONNECT/DI-Connect-Wellness/"
GARMIN_AGGREGATOR = "DI_CONNECT/DI-Connect-Aggregator/"


def garmin_night(morning: str, start_gmt: str, end_gmt: str, **seconds) -> dict:
    """A night as Garmin's sleepData keeps it: `seconds` by stage (deep, light, rem, awake,
    unmeasurable), a stage left out when not given."""
    night = {
        "calendarDate": morning,
        "sleepStartTimestampGMT": f"{start_gmt}.0",
        "sleepEndTimestampGMT": f"{end_gmt}.0",
        "sleepWindowConfirmationType": "ENHANCED_CONFIRMED_FINAL",
        "retro": False,
        "averageRespiration": 14.0,
        "awakeCount": 1,
        "restlessMomentCount": 30,
        "sleepScores": {"overallScore": 80},
    }
    for stage, value in seconds.items():
        key = "unmeasurableSeconds" if stage == "unmeasurable" else f"{stage}SleepSeconds"
        night[key] = value
    return night


def garmin_day(day: str, steps: int | None) -> dict:
    """A day of Garmin's daily summaries (UDSFile)."""
    return {
        "userProfilePK": 12345678,
        "calendarDate": day,
        "uuid": f"uds-{day}",
        "durationInMilliseconds": 86_400_000,
        "totalSteps": steps,
        "dailyStepGoal": 7500,
        "totalDistanceMeters": None if steps is None else steps * 0.75,
        "restingHeartRate": 58,
        "allDayStress": {"aggregatorList": [{"type": "TOTAL", "averageStressLevel": 30}]},
    }


def garmin_zip(path: Path, files: dict[str, object]) -> Path:
    """A Garmin export zip with `files` (path under DI_CONNECT/: JSON content)."""
    return write_zip(
        path,
        {"DI_CONNECT/DI-Connect-User/user_profile.json": {"userName": "patient"}}
        | {f"DI_CONNECT/{name}": content for name, content in files.items()},
    )


# --- any zip ---------------------------------------------------------------------------


def write_zip(path: Path, members: dict[str, object]) -> Path:
    """A zip of `members`: bytes as they are, text as UTF-8, anything else as JSON."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            if not isinstance(content, bytes | str):
                content = json.dumps(content, indent=1)
            archive.writestr(name, content)
    return path
