"""An Apple Health export.zip as a phone and a watch write it over several years, built
fast for the import bench: a day's records are formatted as one string and written in
big chunks.

Each day holds what a real export holds in about the same shares (HealthKit Export
Version 12, iOS 16): the watch's heart rate every few minutes (each with its metadata
child), active and basal energy in small slices, walking distance, steps from both the
phone and the watch over the same walks, the watch's sleep stages and the phone's time
in bed; the older years write "Asleep" rather than stages, as watches before iOS 16 did.
"""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/London")
FIRST_DAY = dt.date(2020, 1, 1)
STAGES_FROM = dt.date(2022, 9, 12)  # iOS 16
MEMBER = "apple_health_export/export.xml"

# sourceName, sourceVersion and device, as each writes them.
PHONE = (
    "Sam’s iPhone",
    "16.1",
    "&lt;&lt;HKDevice: 0x283f8c8c0&gt;, name:iPhone, manufacturer:Apple Inc., "
    "model:iPhone, hardware:iPhone14,5, software:16.1&gt;",
)
WATCH = (
    "Sam’s Apple Watch",
    "9.1",
    "&lt;&lt;HKDevice: 0x283f8d2c0&gt;, name:Apple Watch, manufacturer:Apple Inc., "
    "model:Watch, hardware:Watch6,2, software:9.1&gt;",
)

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 12 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
]>
<HealthData locale="en_GB">
 <ExportDate value="{export_date}"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1980-05-01" \
HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" \
HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet"/>
"""


QUANTITY = "HKQuantityTypeIdentifier"
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
MOTION = '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="{}"/>\n'


def _record(kind, who, unit, start, end, value, child=""):
    source, version, device = who
    unit = f' unit="{unit}"' if unit else ""
    attributes = (
        f' <Record type="{kind}" sourceName="{source}" sourceVersion="{version}"'
        f' device="{device}"{unit} creationDate="{end}" startDate="{start}"'
        f' endDate="{end}" value="{value}"'
    )
    return f"{attributes}>\n{child} </Record>\n" if child else f"{attributes}/>\n"


class _Clock:
    """Seconds into a day as Apple writes them ("2023-01-01 23:10:00 +0100")."""

    def __init__(self, day: dt.date):
        self.day = day
        noon = dt.datetime.combine(day, dt.time(12), ZONE)
        self.offset = noon.strftime("%z")
        self.prefix = day.isoformat()

    def at(self, second: int) -> str:
        day, prefix = self.day, self.prefix
        if second >= 86400:
            day, second = day + dt.timedelta(days=1), second - 86400
            prefix = day.isoformat()
        hours, rest = divmod(second, 3600)
        return f"{prefix} {hours:02}:{rest // 60:02}:{rest % 60:02} {self.offset}"


def _walks(rng: random.Random) -> list[tuple[int, int]]:
    """The day's walks: (start second, minutes)."""
    walks, second = [], 7 * 3600 + rng.randrange(3600)
    while second < 21 * 3600:
        minutes = rng.randrange(2, 25)
        walks.append((second, minutes))
        second += minutes * 60 + rng.randrange(600, 5400)
    return walks


def _day(day: dt.date, rng: random.Random) -> str:
    at, out = _Clock(day).at, []
    for start, minutes in _walks(rng):
        steps = minutes * rng.randrange(80, 120)
        out.append(
            _record(
                f"{QUANTITY}StepCount", PHONE, "count", at(start), at(start + minutes * 60), steps
            )
        )
        for second in range(start, start + minutes * 60, 180):
            span = at(second), at(second + 180)
            out.append(
                _record(f"{QUANTITY}StepCount", WATCH, "count", *span, rng.randrange(240, 360))
            )
            distance = f"{rng.uniform(0.15, 0.3):.5f}"
            out.append(_record(f"{QUANTITY}DistanceWalkingRunning", WATCH, "km", *span, distance))
    for second in range(0, 86400, 300 + rng.randrange(60)):
        bpm, motion = rng.randrange(55, 110), MOTION.format(rng.randrange(2))
        out.append(
            _record(f"{QUANTITY}HeartRate", WATCH, "count/min", at(second), at(second), bpm, motion)
        )
    for second in range(0, 86400, 120):
        span = at(second), at(second + 60 + rng.randrange(60))
        for kind in ("ActiveEnergyBurned", "BasalEnergyBurned"):
            out.append(
                _record(f"{QUANTITY}{kind}", WATCH, "Cal", *span, f"{rng.uniform(0.1, 3):.3f}")
            )
    out.extend(_night(at, day, rng))
    return "".join(out)


def _night(at, day: dt.date, rng: random.Random) -> list[str]:
    """The night that begins this evening: the phone's time in bed, the watch's stages."""
    second = 22 * 3600 + rng.randrange(7200)
    end = second + 7 * 3600 + rng.randrange(3600)
    out = [_record(SLEEP, PHONE, "", at(second), at(end), "HKCategoryValueSleepAnalysisInBed")]
    stages = ("AsleepCore", "AsleepCore", "AsleepDeep", "AsleepREM", "Awake")
    while second < end:
        length = rng.randrange(300, 2400)
        stage = rng.choice(stages) if day >= STAGES_FROM else "Asleep"
        span = at(second), at(min(second + length, end))
        out.append(_record(SLEEP, WATCH, "", *span, f"HKCategoryValueSleepAnalysis{stage}"))
        second += length
    return out


def build(path: Path, size_mb: int, seed: int = 1) -> dict:
    """Write an export.zip whose export.xml is about `size_mb` MB; what it holds."""
    rng = random.Random(seed)
    target = size_mb * 1_000_000
    days = max(2, target // 750_000)  # about 0.75 MB a day, as below
    last = FIRST_DAY + dt.timedelta(days=days - 1)
    export_date = _Clock(last + dt.timedelta(days=1)).at(14 * 3600 + 131)
    written, day = 0, FIRST_DAY
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(MEMBER, "w", force_zip64=True) as member:
            chunk = [HEAD.format(export_date=export_date)]
            while day <= last:
                chunk.append(_day(day, rng))
                if len(chunk) >= 8:
                    data = "".join(chunk).encode()
                    member.write(data)
                    written += len(data)
                    chunk = []
                day += dt.timedelta(days=1)
            data = ("".join(chunk) + "</HealthData>\n").encode()
            member.write(data)
            written += len(data)
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    return {"days": days, "xml_bytes": written, "zip_bytes": path.stat().st_size}
