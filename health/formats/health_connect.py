"""Android's Health Connect export (Settings › Health Connect › Export and import).

The zip holds one SQLite database, health_connect_export.db: a copy of Health Connect's
own store (AOSP packages/modules/HealthFitness, ExportManager). Of its tables:
- steps_record_table: start_time and end_time (milliseconds since 1970, UTC), count,
  and app_info_id, the app that wrote the record;
- sleep_session_record_table: row_id, start_time, end_time;
- sleep_stages_table: parent_key (the session's row_id), stage_start_time,
  stage_end_time and stage_type, SleepSessionRecord's STAGE_TYPE_*: 1 awake, 2 sleeping,
  3 out of bed, 4 light, 5 deep, 6 REM, 7 awake in bed, 0 unknown.
Asleep is sleeping, light, deep or REM; a session that has no stages counts as asleep
from its start to its end. Each app's steps are one device to days.Steps, so a phone and
a watch that both wrote the same walk count it once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from health.formats import ExportProblem, Progress, ReadDays, days, zips
from health.formats.members import checked, problem

SOURCE = "health_connect"  # health.models.Source.HEALTH_CONNECT

DATABASE = "health_connect_export.db"
TABLES = ("steps_record_table", "sleep_session_record_table", "sleep_stages_table")
SLEEPING, LIGHT, DEEP, REM = 2, 4, 5, 6
ASLEEP = frozenset({SLEEPING, LIGHT, DEEP, REM})
COPY_BYTES = 1024**2

STEPS_QUERY = "SELECT start_time, end_time, count, app_info_id FROM steps_record_table"
SLEEP_QUERY = """
    SELECT session.row_id, session.start_time, session.end_time,
           stage.stage_start_time, stage.stage_end_time, stage.stage_type
    FROM sleep_session_record_table AS session
    LEFT JOIN sleep_stages_table AS stage ON stage.parent_key = session.row_id
    ORDER BY session.row_id
"""


def recognises(names: list[str]) -> bool:
    return any(_is_database(name) for name in names)


def _is_database(name: str) -> bool:
    return name.rsplit("/", 1)[-1] == DATABASE


def read(archive: zipfile.ZipFile, zone: ZoneInfo, progress: Progress) -> ReadDays:
    name = next(name for name in archive.namelist() if _is_database(name))
    with _copied(archive, name, progress) as path:
        try:
            with contextlib.closing(_opened(path)) as database:
                read_days = _read(database, zone, name)
        except sqlite3.Error as exc:
            raise ExportProblem(
                f"{name} in this zip is not a database Health Connect wrote, or it is "
                "damaged. Export again from Health Connect and choose the whole zip."
            ) from exc
    return read_days


@contextlib.contextmanager
def _copied(archive: zipfile.ZipFile, name: str, progress: Progress) -> Iterator[Path]:
    """The database copied out of the zip, as SQLite reads only files, held to the zip's
    limits on the way; its folder and all in it removed after."""
    total = archive.getinfo(name).compress_size
    with tempfile.TemporaryDirectory(prefix="health-connect-") as folder:
        path = Path(folder) / DATABASE
        with zips.member(archive, name) as stream, path.open("wb") as copy:
            while chunk := stream.read(COPY_BYTES):
                copy.write(chunk)
                progress(stream.compressed_read, total)
        yield path
        progress(total, total)


def _opened(path: Path) -> sqlite3.Connection:
    # immutable: the copy is ours and never changes, so SQLite takes no locks and makes
    # no journal beside it, even for a database Android left in WAL mode.
    database = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    database.execute("PRAGMA query_only = ON")
    return database


def _read(database: sqlite3.Connection, zone: ZoneInfo, name: str) -> ReadDays:
    tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
    missing = [table for table in TABLES if table not in tables]
    if missing:
        raise problem(name, f"is not Health Connect's: it has no {missing[0]}")
    steps, steps_end = _steps(database, zone, name)
    nights, sleep_end = _nights(database, zone, name)
    # The export's last records end around when it was made: that day is partial.
    until = max((end for end in (steps_end, sleep_end) if end is not None), default=None)
    return ReadDays(
        source=SOURCE,
        sleep=days.plausible_sleep(nights.hours(until)),
        steps=days.plausible_steps(steps.per_day(until)),
    )


def _steps(database, zone: ZoneInfo, name: str) -> tuple[days.Steps, dt.datetime | None]:
    steps, latest = days.Steps(zone), None
    for start, end, count, app in database.execute(STEPS_QUERY):
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise problem(name, f"has a step count that is not a count: {count!r}")
        began, ended = _moment(start, name), _moment(end, name)
        steps.add(f"app {app}", began, ended, count)
        latest = ended if latest is None else max(latest, ended)
    return steps, latest


def _nights(database, zone: ZoneInfo, name: str) -> tuple[days.Nights, dt.datetime | None]:
    nights, latest = days.Nights(zone), None
    for _session, rows in itertools.groupby(database.execute(SLEEP_QUERY), lambda r: r[0]):
        rows = list(rows)
        _, start, end, first_stage, _, _ = rows[0]
        ended = _moment(end, name)
        if first_stage is None:  # no stages: asleep all through
            nights.add(_moment(start, name), ended)
        for _, _, _, stage_start, stage_end, stage in rows:
            if stage in ASLEEP:
                nights.add(_moment(stage_start, name), _moment(stage_end, name))
        latest = ended if latest is None else max(latest, ended)
    return nights, latest


def _moment(milliseconds, name: str) -> dt.datetime:
    """A moment Health Connect stored as milliseconds since 1970 (UTC)."""
    if isinstance(milliseconds, bool) or not isinstance(milliseconds, int):
        raise problem(name, f"has a time that is not a number: {milliseconds!r}")
    try:
        moment = dt.datetime.fromtimestamp(milliseconds / 1000, dt.UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise problem(name, f"has a time no clock shows: {milliseconds}") from exc
    checked(moment.date(), name)
    return moment
