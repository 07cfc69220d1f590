"""Write a journal in the import's CSV format: exporting and importing again loses nothing."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import Case, CharField, Exists, F, OuterRef, Value, When
from django.utils import timezone

from sharing.models import CareAccess
from symptoms.models import Entry
from transfers.csv_format import (
    DAY_BOOLEAN_COLUMNS,
    DAY_COLUMNS,
    ENTRY_BOOLEAN_COLUMNS,
    ENTRY_COLUMNS,
    ENTRY_FIELD_FOR_COLUMN,
    ENTRY_LIST_COLUMNS,
    LIST_SEPARATOR,
    LOGGED_BY_FORMER,
    LOGGED_BY_PATIENT,
    NUMBER_COLUMNS,
    TAG_PREFIX,
    neutralise,
)
from transfers.treatment_csv import TREATMENT_FILES
from triggers.models import CheckIn, OwnTrigger

CHUNK = 500  # rows read, written and sent at a time


def _cell(value, column: str, booleans) -> str:
    if value is None or value == "":
        return ""
    if column in booleans:
        return "1" if value else "0"
    if column in ENTRY_LIST_COLUMNS:
        return LIST_SEPARATOR.join(value)
    return str(value)


def _header(columns: list[str]) -> list[str]:
    return [neutralise(cell) for cell in columns]


def _row(cells: dict[str, str]) -> list[str]:
    return [
        cell if column in NUMBER_COLUMNS else neutralise(cell) for column, cell in cells.items()
    ]


def logged_by_cell(patient) -> Case:
    """The logged_by cell, worked out in the rows' own query: the patient, a caregiver's
    e-mail address while their access lasts, else a former caregiver (revoked, deleted),
    without an address."""
    caring = CareAccess.objects.active().filter(patient=patient, caregiver=OuterRef("logged_by"))
    return Case(
        When(logged_by=patient, then=Value(LOGGED_BY_PATIENT)),
        When(Exists(caring), then=F("logged_by__email")),
        default=Value(LOGGED_BY_FORMER),
        output_field=CharField(),
    )


def entry_rows(patient) -> Iterator[list[str]]:
    """The entries file, row by row from its header, oldest entry first."""
    yield _header(ENTRY_COLUMNS)
    zone = patient.zone
    entries = (
        Entry.objects.for_patient(patient)
        .annotate(logged_by_cell=logged_by_cell(patient))
        .order_by("occurred_at", "id")
    )
    for entry in entries.iterator(chunk_size=CHUNK):
        cells = {}
        for column in ENTRY_COLUMNS:
            if column == "logged_by":
                cells[column] = entry.logged_by_cell
                continue
            value = getattr(entry, ENTRY_FIELD_FOR_COLUMN.get(column, column))
            if column == "when":
                value = timezone.localtime(value, zone).isoformat()
            cells[column] = _cell(value, column, ENTRY_BOOLEAN_COLUMNS)
        yield _row(cells)


def own_triggers(patient) -> tuple[dict[int, str], dict[int, dict[int, bool]]]:
    """The patient's own triggers by name, answered or not, and every check-in's answers
    to them, in one query."""
    names: dict[int, str] = {}
    answers: dict[int, dict[int, bool]] = defaultdict(dict)
    rows = (
        OwnTrigger.objects.for_patient(patient)
        .order_by("name", "id")
        .values_list("id", "name", "answers__check_in_id", "answers__present")
    )
    for pk, name, check_in_id, present in rows:
        names[pk] = name
        if check_in_id is not None:
            answers[check_in_id][pk] = present
    return names, answers


def day_rows(patient) -> Iterator[list[str]]:
    """The days file, row by row from its header, oldest day first."""
    # Every own trigger has its column, answered or not yet: the import brings it back.
    triggers, answered = own_triggers(patient)
    yield _header(DAY_COLUMNS + [f"{TAG_PREFIX}{name}" for name in triggers.values()])
    check_ins = CheckIn.objects.for_patient(patient).order_by("date")
    for check_in in check_ins.iterator(chunk_size=CHUNK):
        answers = answered.get(check_in.pk, {})
        cells = {c: _cell(getattr(check_in, c), c, DAY_BOOLEAN_COLUMNS) for c in DAY_COLUMNS}
        for trigger in triggers:
            cells[f"{TAG_PREFIX}{trigger}"] = _cell(answers.get(trigger), "tag", {"tag"})
        yield _row(cells)


def csv_text(rows: Iterable[list[str]]) -> Iterator[str]:
    """CSV text in pieces of about CHUNK rows."""
    out = io.StringIO()
    # CRLF as RFC 4180 has it; it also makes the writer quote a cell holding a lone \r.
    writer = csv.writer(out, lineterminator="\r\n")
    rows = iter(rows)
    while batch := list(itertools.islice(rows, CHUNK)):
        writer.writerows(batch)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def entries_csv(patient) -> str:
    return "".join(csv_text(entry_rows(patient)))


def days_csv(patient) -> str:
    return "".join(csv_text(day_rows(patient)))


class _Pipe(io.RawIOBase):
    """Where the zip is written: bytes wait here until the response takes them."""

    def __init__(self):
        self.waiting = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.waiting += data
        return len(data)

    def take(self) -> bytes:
        data = bytes(self.waiting)
        self.waiting.clear()
        return data


def journal_files() -> list:
    """(file name, rows of a patient) for every CSV file of an export, in order."""
    return [("entries.csv", entry_rows), ("days.csv", day_rows), *TREATMENT_FILES]


def csv_zip(patient) -> Iterator[bytes]:
    """The zip of every file, made while it is sent: memory stays flat however long the
    journal."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in journal_files():
            with archive.open(name, "w", force_zip64=True) as member:
                for text in csv_text(rows(patient)):
                    member.write(text.encode())
                    yield pipe.take()
    yield pipe.take()
