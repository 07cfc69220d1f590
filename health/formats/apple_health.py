"""Apple Health's export.zip ("Export All Health Data" in the Health app).

The zip holds `apple_health_export/export.xml`: one `<Record>` per sample HealthKit
keeps, millions of them, of which two types matter here:

- `HKCategoryTypeIdentifierSleepAnalysis`, whose value says asleep (Core, Deep, REM,
  Unspecified, or the plain "Asleep" of watches before iOS 16), in bed or awake;
- `HKQuantityTypeIdentifierStepCount`, a count over a span, from each device
  (`sourceName`: the phone and the watch count the same walks).

`<ExportDate>` says when the export was made: that day and after are partial.

The XML is read as the member is decompressed, by expat with entity declarations and
external references refused (defusedxml). No tree is built: a target sees each start
tag and keeps what the two types say, so memory holds the days, not the file. Before
expat sees it, the stream loses the DOCTYPE's internal subset, which iOS 16 writes
malformed, and the control characters XML forbids, which some apps put in their names.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
import zipfile
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from health.formats import ExportProblem, Progress, ReadDays, days, zips
from lib.limits import EARLIEST_DATE, LATEST_DATE

FOLDER = "apple_health_export"
# The file is named in the phone's language in some (导出.xml in Chinese, for one); the
# clinical documents beside it are not read.
NAME = "export.xml"
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
STEPS = "HKQuantityTypeIdentifierStepCount"
ASLEEP = frozenset(
    f"HKCategoryValueSleepAnalysis{value}"
    for value in ("Asleep", "AsleepUnspecified", "AsleepCore", "AsleepDeep", "AsleepREM")
)

CHUNK = 1024**2
PROGRESS_EVERY = 8 * CHUNK
# Apple's DTD is about 10 KB; a prolog far past that is not Apple's.
MAX_PROLOG = 1024**2
# C0 controls but tab, newline and carriage return: XML 1.0 allows none of them, even as
# references. In UTF-8 these bytes only ever stand for themselves, so dropping them
# byte by byte cannot cut a character.
ILLEGAL = bytes(set(range(32)) - {9, 10, 13})


def recognises(names: list[str]) -> bool:
    return _main_xml(names) is not None


def _main_xml(names: list[str]) -> str | None:
    """The export's XML among the zip's members: export.xml, or the one XML file of the
    export folder under its translated name."""
    found = []
    for name in names:
        folder, file = posixpath.split(name)
        if not file.lower().endswith(".xml") or file.lower().endswith("_cda.xml"):
            continue
        named = file == NAME and (not folder or "export" in folder)
        if named or posixpath.basename(folder) == FOLDER:
            found.append(name)
    found.sort(key=lambda name: posixpath.basename(name) != NAME)
    return found[0] if found else None


def read(archive: zipfile.ZipFile, zone: ZoneInfo, progress: Progress) -> ReadDays:
    name = _main_xml(archive.namelist())
    samples = _Samples(zone, posixpath.basename(name))
    total = archive.getinfo(name).compress_size
    parser = _parser(samples)
    with zips.member(archive, name) as stream:
        told = 0
        try:
            for chunk in _cleaned(stream, samples.file):
                parser.feed(chunk)
                if stream.read_bytes - told >= PROGRESS_EVERY:
                    told = stream.read_bytes
                    progress(stream.compressed_read, total)
            parser.close()
        except safe_xml.ParseError as exc:
            raise _problem(samples.file, "is not readable XML") from exc
        except DefusedXmlException as exc:
            what = "declares entities or outside references, which no export does"
            raise _problem(samples.file, what) from exc
    progress(total, total)
    return samples.days()


def _parser(samples: _Samples) -> safe_xml.XMLParser:
    """defusedxml's parser, entity declarations and external references refused, each
    start tag handed by expat straight to `samples`: the standard library's Python layer
    between them rebuilds every tag's attributes and would cost more than the parsing."""
    parser = safe_xml.XMLParser(target=samples)
    parser.parser.ordered_attributes = False
    parser.parser.StartElementHandler = samples.start
    parser.parser.DefaultHandlerExpand = None
    return parser


def _problem(file: str, what: str) -> ExportProblem:
    return ExportProblem(
        f"{file} in this zip {what}. It may be damaged: export again from the Health app "
        "and choose the whole export.zip."
    )


def _cleaned(stream, file: str):
    """The member's bytes in chunks, the DOCTYPE's internal subset and the control
    characters XML forbids left out."""
    head = b""
    while True:
        chunk = stream.read(CHUNK)
        head += chunk
        kept = _without_doctype(head)
        if kept is not None or not chunk:
            break
        if len(head) > MAX_PROLOG:
            raise _problem(file, "does not begin as Apple Health's export does")
    yield (head if kept is None else kept).translate(None, ILLEGAL)
    while chunk := stream.read(CHUNK):
        yield chunk.translate(None, ILLEGAL)


ROOT_ELEMENT = re.compile(rb"<[^!?]")
SUBSET_END = re.compile(rb"\]\s*>")


def _without_doctype(head: bytes) -> bytes | None:
    """`head` without its DOCTYPE declaration; None while the declaration (or the root
    element, which would mean there is none) has not all been read."""
    doctype = head.find(b"<!DOCTYPE")
    root = ROOT_ELEMENT.search(head)
    if doctype < 0 or (root and root.start() < doctype):
        return head if root else None
    bracket, close = head.find(b"[", doctype), head.find(b">", doctype)
    if 0 <= close < bracket or (close >= 0 > bracket):
        return head[:doctype] + head[close + 1 :]
    end = SUBSET_END.search(head, bracket) if bracket >= 0 else None
    return head[:doctype] + head[end.end() :] if end else None


class _Samples:
    """An expat target: sees each start tag, keeps the sleep and steps samples."""

    def __init__(self, zone: ZoneInfo, file: str):
        self.file = file
        self.nights = days.Nights(zone)
        self.steps = days.Steps(zone)
        self.until: dt.datetime | None = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag != "Record":
            if tag == "ExportDate":
                self.until = self._moment(attrib, "value")
            return
        kind = attrib.get("type")
        if kind == STEPS:
            count = self._count(attrib)
            source = attrib.get("sourceName", "")
            self.steps.add(source, *self._span(attrib), count)
        elif kind == SLEEP and attrib.get("value") in ASLEEP:
            self.nights.add(*self._span(attrib))

    def close(self) -> None:
        return None

    def days(self) -> ReadDays:
        return ReadDays(
            source="apple_health",
            sleep=days.plausible_sleep(self.nights.hours(self.until)),
            steps=days.plausible_steps(self.steps.per_day(self.until)),
        )

    def _span(self, attrib: dict[str, str]) -> tuple[dt.datetime, dt.datetime]:
        return self._moment(attrib, "startDate"), self._moment(attrib, "endDate")

    def _moment(self, attrib: dict[str, str], key: str) -> dt.datetime:
        """Apple's "2023-01-01 23:10:00 +0100", read without strptime (seven times
        slower, and there are millions)."""
        text = attrib.get(key, "")
        try:
            moment = dt.datetime.fromisoformat(text[:19] + text[20:])
        except ValueError:
            moment = None
        if (
            moment is None
            or len(text) != 25
            or text[19] != " "
            or moment.tzinfo is None
            or not EARLIEST_DATE.year <= moment.year <= LATEST_DATE.year
        ):
            raise _problem(self.file, f"has a {key} that is not a date and time: {text!r}")
        return moment

    def _count(self, attrib: dict[str, str]) -> float:
        text = attrib.get("value", "")
        try:
            count = float(text)
        except ValueError:
            count = math.nan
        if not (math.isfinite(count) and count >= 0):
            raise _problem(self.file, f"has a step count that is not a count: {text!r}")
        return count
