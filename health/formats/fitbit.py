"""Fitbit's data, as Google Takeout exports it (Takeout › Fitbit).

The zip keeps Fitbit's records as JSON lists in Takeout/Fitbit/Global Export Data/, a
file per month or so:
- sleep-YYYY-MM-DD.json, one log per sleep: `dateOfSleep` (the morning it ended on),
  `minutesAsleep`, and `mainSleep`, false for a nap. Its times are the watch's local
  clock, which is why the night is taken by its `dateOfSleep` and not re-dated.
- steps-YYYY-MM-DD.json, one sample per minute: `dateTime` as "MM/DD/YY HH:MM:SS" and
  `value`, the steps in that minute, as a string. These times are read as UTC
  (STEPS_CLOCK): sources disagree on it, see docs/import-format.md.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from zoneinfo import ZoneInfo

from health.formats import Progress, ReadDays, days
from health.formats.members import checked, date, each_records, number, problem

SOURCE = "fitbit"  # health.models.Source.FITBIT

SLEEP = re.compile(r"(?:^|/)sleep-\d{4}-\d{2}-\d{2}\.json$")
STEPS = re.compile(r"(?:^|/)steps-\d{4}-\d{2}-\d{2}\.json$")
STEPS_CLOCK = dt.UTC
MINUTE = dt.timedelta(minutes=1)
DEVICE = "fitbit"


def recognises(names: list[str]) -> bool:
    return any(SLEEP.search(name) or STEPS.search(name) for name in names)


def read(archive: zipfile.ZipFile, zone: ZoneInfo, progress: Progress) -> ReadDays:
    names = archive.namelist()
    wanted = sorted(name for name in names if SLEEP.search(name) or STEPS.search(name))
    nights: dict[dt.date, float] = {}
    steps = days.Steps(zone)
    latest: dt.datetime | None = None
    for name, records in each_records(archive, wanted, progress):
        if SLEEP.search(name):
            _add_nights(nights, records, name)
        else:
            end = _add_steps(steps, records, name)
            if end is not None and (latest is None or end > latest):
                latest = end
    # The minute samples run to the moment of the export: that day is partial, for the
    # night that ended on its morning as for its steps.
    last = latest.astimezone(zone).date() if latest is not None else None
    return ReadDays(
        source=SOURCE,
        sleep=days.plausible_sleep(days.whole(nights, last)),
        steps=days.plausible_steps(steps.per_day(latest)),
    )


def _add_nights(nights: dict[dt.date, float], records: list[dict], name: str) -> None:
    for record in records:
        main = record.get("mainSleep")
        if not isinstance(main, bool):
            raise problem(name, f"has a mainSleep that is not true or false: {main!r}")
        if main:
            morning = date(record, "dateOfSleep", name)
            hours = number(record, "minutesAsleep", name) / 60
            nights[morning] = nights.get(morning, 0.0) + hours


def _add_steps(steps: days.Steps, records: list[dict], name: str) -> dt.datetime | None:
    """The samples' steps added; the end of the last sample, if any."""
    latest = None
    for record in records:
        start = _moment(record.get("dateTime"), name)
        steps.add(DEVICE, start, start + MINUTE, number(record, "value", name))
        latest = start + MINUTE if latest is None else max(latest, start + MINUTE)
    return latest


def _moment(value, name: str) -> dt.datetime:
    """A "MM/DD/YY HH:MM:SS" time; parsed by hand, as there is one for every minute."""
    if not (
        isinstance(value, str)
        and len(value) == 17
        and value[2] == value[5] == "/"
        and value[8] == " "
        and value[11] == value[14] == ":"
    ):
        raise problem(name, f"has a dateTime that is not MM/DD/YY HH:MM:SS: {value!r}")
    try:
        month, day, year = int(value[0:2]), int(value[3:5]), int(value[6:8])
        hour, minute, second = int(value[9:11]), int(value[12:14]), int(value[15:17])
        # Two-digit years as strptime's %y reads them: 69 to 99 are the 1900s.
        year += 1900 if year >= 69 else 2000
        moment = dt.datetime(year, month, day, hour, minute, second, tzinfo=STEPS_CLOCK)
    except ValueError as exc:
        raise problem(name, f"has a dateTime that is not a time: {value!r}") from exc
    checked(moment.date(), name)
    return moment
