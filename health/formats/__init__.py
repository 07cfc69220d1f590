"""The health exports the journal reads, one module each, behind one call: `read_export`
tells the format from the file and returns each whole local day's sleep and steps.

Every reader streams: a member of a zip is decompressed as it is read and never
extracted, and XML is parsed incrementally, each element dropped once read, so a
gigabyte export costs the memory of its days, not of its size. A reader that meets
something it cannot read raises ExportProblem with words for the patient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

# Told (bytes read so far, bytes in all) as a reader goes, for a progress bar.
Progress = Callable[[int, int], None]


class ExportProblem(Exception):
    """What is wrong with the file, in words for the patient."""


@dataclass
class ReadDays:
    """What an export holds, day by day in the patient's zone: hours asleep in the night
    that ended on each morning (naps left out) and steps walked each day, whole days only."""

    source: str  # a health.models.Source value
    sleep: dict[dt.date, float] = field(default_factory=dict)
    steps: dict[dt.date, int] = field(default_factory=dict)


def read_export(path, zone: ZoneInfo, progress: Progress | None = None) -> ReadDays:
    """The sleep and steps of the export at `path`, its format told from its contents."""
    from health.formats import apple_health, fitbit, garmin, health_connect, zips

    progress = progress or (lambda done, total: None)
    with zips.open_zip(path) as archive:
        names = archive.namelist()
        for reader in (apple_health, health_connect, fitbit, garmin):
            if reader.recognises(names):
                return reader.read(archive, zone, progress)
    raise ExportProblem(
        "This zip is not an export we know. Choose Apple Health's export.zip, Health "
        "Connect's export, or the Fitbit or Garmin data export."
    )
