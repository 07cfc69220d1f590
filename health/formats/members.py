"""An export's members and the fields in them, each checked, so a damaged or foreign file
gives words naming it, never a crash.

The JSON files (Fitbit's and Garmin's keep a list of records per file) are parsed whole,
so each is held to MAX_JSON_BYTES, far past any real one (they hold a month or a few
months each)."""

from __future__ import annotations

import datetime as dt
import json
import math
import zipfile
from collections.abc import Iterable, Iterator

from health.formats import ExportProblem, Progress, zips
from lib.limits import EARLIEST_DATE, LATEST_DATE

MAX_JSON_BYTES = 200 * 1024**2


def problem(name: str, what: str) -> ExportProblem:
    """The words for a file of the export that is not what its maker writes."""
    return ExportProblem(
        f"{name} in this zip {what}. The file may be damaged: export again and choose "
        "the whole zip."
    )


def each_records(
    archive: zipfile.ZipFile, names: Iterable[str], progress: Progress
) -> Iterator[tuple[str, list[dict]]]:
    """Each named member's list of records, the progress told after each member."""
    names = list(names)
    total = sum(archive.getinfo(name).compress_size for name in names)
    done = 0
    for name in names:
        yield name, records(archive, name)
        done += archive.getinfo(name).compress_size
        progress(done, total)


def records(archive: zipfile.ZipFile, name: str) -> list[dict]:
    """A member that holds a JSON list of objects."""
    if archive.getinfo(name).file_size > MAX_JSON_BYTES:
        raise problem(name, "is far larger than any file of this export")
    with zips.member(archive, name) as stream:
        try:
            data = json.load(stream)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError and bad UTF-8
            raise problem(name, "is not readable JSON") from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise problem(name, "does not hold a list of records")
    return data


def number(record: dict, key: str, name: str, *, required: bool = True) -> float | None:
    """A count or a duration: a number not below zero, or None when allowed missing."""
    value = record.get(key)
    if value is None and not required:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)  # Fitbit writes its counts as strings
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise problem(name, f"has a {key} that is not a count: {value!r}")
    return value


def date(record: dict, key: str, name: str) -> dt.date:
    """A calendar date written as YYYY-MM-DD."""
    value = record.get(key)
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise problem(name, f"has a {key} that is not a date: {value!r}")
    return checked(day, name)


def checked(day: dt.date, name: str) -> dt.date:
    """A day the journal can hold: anything else is a device's clock gone wrong."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise problem(name, f"has a date no journal holds: {day.isoformat()}")
    return day
