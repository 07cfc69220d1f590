"""Write a journal in the import's CSV format: exporting and importing again loses nothing."""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils import timezone

from symptoms.models import Entry
from transfers.csv_format import (
    DAY_BOOLEAN_COLUMNS,
    DAY_COLUMNS,
    ENTRY_BOOLEAN_COLUMNS,
    ENTRY_COLUMNS,
    ENTRY_FIELD_FOR_COLUMN,
    ENTRY_LIST_COLUMNS,
    LIST_SEPARATOR,
    TAG_PREFIX,
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


def entries_csv(patient) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ENTRY_COLUMNS)
    zone = patient.zone
    for entry in Entry.objects.for_patient(patient).order_by("occurred_at", "id"):
        row = []
        for column in ENTRY_COLUMNS:
            value = getattr(entry, ENTRY_FIELD_FOR_COLUMN.get(column, column))
            if column == "when":
                value = timezone.localtime(value, zone).isoformat()
            row.append(_cell(value, column, ENTRY_BOOLEAN_COLUMNS))
        writer.writerow(row)
    return out.getvalue()


def days_csv(patient) -> str:
    triggers = list(OwnTrigger.objects.for_patient(patient).order_by("name"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DAY_COLUMNS + [f"{TAG_PREFIX}{t.name}" for t in triggers])
    check_ins = (
        CheckIn.objects.for_patient(patient).order_by("date").prefetch_related("tag_answers")
    )
    for check_in in check_ins:
        answers = {a.trigger_id: a.present for a in check_in.tag_answers.all()}
        row = [_cell(getattr(check_in, c), c, DAY_BOOLEAN_COLUMNS) for c in DAY_COLUMNS]
        row += [_cell(answers.get(t.pk), "tag", {"tag"}) for t in triggers]
        writer.writerow(row)
    return out.getvalue()


def csv_zip(patient) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("entries.csv", entries_csv(patient))
        archive.writestr("days.csv", days_csv(patient))
    return buffer.getvalue()
