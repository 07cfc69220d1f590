"""Apple Health exports for the tests, written the way the Health app writes them.

The records follow HealthKit's identifiers and the export.xml the Health app writes
("Export All Health Data"): Record elements with type, sourceName, startDate, endDate
("2023-10-28 23:00:00 +0100": local time with the phone's offset then) and value; the
sleep values are HKCategoryValueSleepAnalysis's cases
(https://developer.apple.com/documentation/healthkit/hkcategoryvaluesleepanalysis).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MEMBER = "apple_health_export/export.xml"
PHONE = "Sam’s iPhone"
WATCH = "Sam’s Apple Watch"
DEVICE = "&lt;&lt;HKDevice: 0x283f8c8c0&gt;, name:iPhone, manufacturer:Apple Inc.&gt;"

DTD = """<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 11 -->
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
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
]>"""

# HealthKit Export Version 12 (iOS 16) left the closing ">" off the VisionPrescription
# attribute list, so expat stops with "syntax error: line 156, column 0": reported in
# github.com/fedecalendino/apple-health/issues/1 and github.com/markwk/qs_ledger/issues/23.
BROKEN_DTD = """<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 12 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT VisionPrescription ((RightEye|LeftEye|Attachment|MetadataEntry)*)>
<!ATTLIST VisionPrescription
  type             CDATA #REQUIRED
  dateIssued       CDATA #REQUIRED
  expirationDate   CDATA #REQUIRED
  brand            CDATA #IMPLIED
<!ELEMENT RightEye EMPTY>
<!ATTLIST RightEye
  sphere           CDATA #IMPLIED
>
]>"""


def apple_sleep(start: str, end: str, stage: str = "AsleepCore", source: str = WATCH) -> str:
    """A sleep analysis sample; `stage` is the HKCategoryValueSleepAnalysis case."""
    return (
        f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="{source}"'
        f' sourceVersion="9.1" device="{DEVICE}" creationDate="{end}" startDate="{start}"'
        f' endDate="{end}" value="HKCategoryValueSleepAnalysis{stage}"/>'
    )


def apple_steps(start: str, end: str, count, source: str = PHONE) -> str:
    return (
        f' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="{source}"'
        f' sourceVersion="16.1" device="{DEVICE}" unit="count" creationDate="{end}"'
        f' startDate="{start}" endDate="{end}" value="{count}"/>'
    )


def apple_heart_rate(moment: str, bpm: int = 72) -> str:
    """A record of a type the journal does not read, with a metadata child as the watch
    writes them."""
    return (
        f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="{WATCH}"'
        f' unit="count/min" startDate="{moment}" endDate="{moment}" value="{bpm}">\n'
        '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n'
        " </Record>"
    )


def apple_xml(records: list[str], exported: str | None, dtd: str = DTD) -> bytes:
    """export.xml holding `records`, made at `exported` (None: no ExportDate)."""
    export_date = f' <ExportDate value="{exported}"/>\n' if exported else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{dtd}\n<HealthData locale="en_GB">\n'
        f"{export_date}"
        ' <Me HKCharacteristicTypeIdentifierDateOfBirth="" '
        'HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>\n'
        + "\n".join(records)
        + "\n</HealthData>\n"
    ).encode()


def apple_zip(path: Path, xml: bytes, member: str = MEMBER, others: dict | None = None) -> Path:
    """export.zip as the Health app shares it: the XML in apple_health_export/, beside
    the clinical document and whatever `others` adds."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, xml)
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
        for name, data in (others or {}).items():
            archive.writestr(name, data)
    return path
