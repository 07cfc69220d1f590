"""Write a journal in the import's CSV format: exporting and importing again loses nothing."""

from __future__ import annotations

import csv
import io
import zipfile

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
from triggers.models import CheckIn, OwnTrigger


def _cell(value, column: str, booleans) -> str:
    if value is None or value == "":
        return ""
    if column in booleans:
        return "1" if value else "0"
    if column in ENTRY_LIST_COLUMNS:
        return LIST_SEPARATOR.join(value)
    return str(value)


def _writer(out: io.StringIO, header: list[str]):
    # CRLF as RFC 4180 has it; it also makes the writer quote a cell holding a lone \r.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    return writer


def _row(cells: dict[str, str]) -> list[str]:
    return [
        cell if column in NUMBER_COLUMNS else neutralise(cell) for column, cell in cells.items()
    ]


def _logger_names(patient) -> dict[int, str]:
    """Who may appear in the logged_by column: the patient and today's caregivers.

    Anyone else (access revoked, account deleted) is written as a former caregiver,
    without their e-mail address.
    """
    names = dict(
        CareAccess.objects.active()
        .filter(patient=patient)
        .values_list("caregiver_id", "caregiver__email")
    )
    names[patient.pk] = LOGGED_BY_PATIENT
    return names


def entries_csv(patient) -> str:
    out = io.StringIO()
    writer = _writer(out, ENTRY_COLUMNS)
    zone = patient.zone
    loggers = _logger_names(patient)
    for entry in Entry.objects.for_patient(patient).order_by("occurred_at", "id"):
        cells = {}
        for column in ENTRY_COLUMNS:
            if column == "logged_by":
                cells[column] = loggers.get(entry.logged_by_id, LOGGED_BY_FORMER)
                continue
            value = getattr(entry, ENTRY_FIELD_FOR_COLUMN.get(column, column))
            if column == "when":
                value = timezone.localtime(value, zone).isoformat()
            cells[column] = _cell(value, column, ENTRY_BOOLEAN_COLUMNS)
        writer.writerow(_row(cells))
    return out.getvalue()


def days_csv(patient) -> str:
    # Every own trigger has its column, answered or not yet: the import brings it back.
    triggers = list(OwnTrigger.objects.for_patient(patient).order_by("name"))
    out = io.StringIO()
    writer = _writer(out, DAY_COLUMNS + [f"{TAG_PREFIX}{t.name}" for t in triggers])
    check_ins = (
        CheckIn.objects.for_patient(patient).order_by("date").prefetch_related("tag_answers")
    )
    for check_in in check_ins:
        answers = {a.trigger_id: a.present for a in check_in.tag_answers.all()}
        cells = {c: _cell(getattr(check_in, c), c, DAY_BOOLEAN_COLUMNS) for c in DAY_COLUMNS}
        for trigger in triggers:
            cells[f"{TAG_PREFIX}{trigger.pk}"] = _cell(answers.get(trigger.pk), "tag", {"tag"})
        writer.writerow(_row(cells))
    return out.getvalue()


def csv_zip(patient) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("entries.csv", entries_csv(patient))
        archive.writestr("days.csv", days_csv(patient))
    return buffer.getvalue()
