"""Garmin Connect's data export ("Export Your Data" on the Garmin account page).

The zip keeps Garmin Connect's health data as JSON lists under DI_CONNECT/:
- DI-Connect-Wellness/*_sleepData.json, one record per night: `calendarDate` (the morning
  the night ended on) and the seconds the watch counted in each stage,
  `deepSleepSeconds`, `lightSleepSeconds`, `remSleepSeconds` (missing on watches without
  REM), `awakeSleepSeconds` and `unmeasurableSeconds`. Naps sit apart, in `napList`.
- DI-Connect-Aggregator/UDSFile_*.json, one daily summary per day: `calendarDate` and
  `totalSteps`.
Asleep is deep + light + REM: time awake is not sleep, nor is time the watch could not
measure (off the wrist, or too little signal), which Garmin's own total leaves out too.
A night without any stage is a sleep window with nothing measured, and left out.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from zoneinfo import ZoneInfo

from health.formats import Progress, ReadDays, days
from health.formats.members import date, each_records, number

SOURCE = "garmin"  # health.models.Source.GARMIN

SLEEP = re.compile(r"(?:^|/)DI-Connect-Wellness/[^/]*_sleepData\.json$")
DAILY = re.compile(r"(?:^|/)DI-Connect-Aggregator/UDSFile_[^/]*\.json$")
ASLEEP_STAGES = ("deepSleepSeconds", "lightSleepSeconds", "remSleepSeconds")


def recognises(names: list[str]) -> bool:
    return any(SLEEP.search(name) or DAILY.search(name) for name in names)


def read(archive: zipfile.ZipFile, zone: ZoneInfo, progress: Progress) -> ReadDays:
    names = archive.namelist()
    sleep_names = sorted(name for name in names if SLEEP.search(name))
    daily_names = sorted(name for name in names if DAILY.search(name))
    nights: dict[dt.date, float] = {}
    steps: dict[dt.date, int] = {}
    for name, records in each_records(archive, sleep_names + daily_names, progress):
        if SLEEP.search(name):
            _add_nights(nights, records, name)
        else:
            _add_steps(steps, records, name)
    # The summaries run to the day the export was made, which is partial; without them
    # the last night of the export is all there is to go by.
    last = max(steps) if steps else None
    return ReadDays(
        source=SOURCE,
        sleep=days.plausible_sleep(days.whole(nights, last)),
        steps=days.plausible_steps(days.whole(steps, last)),
    )


def _add_nights(nights: dict[dt.date, float], records: list[dict], name: str) -> None:
    for record in records:
        stages = [number(record, key, name, required=False) for key in ASLEEP_STAGES]
        asleep = sum(seconds for seconds in stages if seconds is not None)
        if asleep > 0:
            morning = date(record, "calendarDate", name)
            # The same night can come twice where two files' spans meet: count it once.
            nights[morning] = max(nights.get(morning, 0.0), asleep / 3600)


def _add_steps(steps: dict[dt.date, int], records: list[dict], name: str) -> None:
    for record in records:
        count = number(record, "totalSteps", name, required=False)
        if count is not None:
            day = date(record, "calendarDate", name)
            steps[day] = max(steps.get(day, 0), round(count))
