"""entries.csv: one row per spasm or pain entry, written by the export, read back and
added by the import (docs/import-format.md). A row with an id from an export is matched
on its id; a row without one (a paper diary) on what it says."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

from symptoms.choices import INTERFERENCE_AREAS
from symptoms.models import Entry
from transfers.checking import check_row, rows_read, to_uuid
from transfers.csv_format import LIST_SEPARATOR, cell, header, row
from transfers.logged_by import logged_by_cell, logger_reader
from transfers.reading import (
    Problem,
    Table,
    as_written,
    read_table,
    to_boolean,
    to_datetime,
    to_integer,
)
from transfers.streaming import CHUNK

ENTRIES_FILE = "entries file"
ENTRY_COLUMNS = [
    "id",
    "when",
    "kind",
    "severity",
    "minutes",
    "regions",
    "notes",
    "painful",
    "tried",
    "helped",
    "pain_type",
    "sensations",
    "pattern",
    "onset",
    "new_symptoms",
    "relieved_by",
    "worsened_by",
    "happened_before",
    "before_when",
    *[f"interference_{area}" for area in INTERFERENCE_AREAS],
    "interference_example",
    "logged_by",
]
# Free text, kept exactly as written: every other cell is trimmed of surrounding spaces.
ENTRY_TEXT_COLUMNS = ["notes", "before_when", "interference_example"]
ENTRY_REQUIRED = ["when", "kind", "severity"]

# CSV column -> Entry field, where the names differ.
ENTRY_FIELD_FOR_COLUMN = {
    "id": "uuid",
    "when": "occurred_at",
    "minutes": "duration_minutes",
    "new_symptoms": "with_new_symptoms",
}
ENTRY_LIST_COLUMNS = ["regions", "tried", "sensations", "relieved_by", "worsened_by"]
ENTRY_BOOLEAN_COLUMNS = ["painful", "new_symptoms"]
ENTRY_INTEGER_COLUMNS = ["severity", "minutes", *[f"interference_{a}" for a in INTERFERENCE_AREAS]]


def entry_rows(patient) -> Iterator[list[str]]:
    """The entries file, row by row from its header, oldest entry first."""
    yield header(ENTRY_COLUMNS)
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
            cells[column] = cell(value, column, ENTRY_BOOLEAN_COLUMNS, ENTRY_LIST_COLUMNS)
        yield row(cells, ENTRY_INTEGER_COLUMNS)


def _entry_converters(patient) -> dict:
    converters = as_written(ENTRY_COLUMNS)
    converters.update({c: to_integer for c in ENTRY_INTEGER_COLUMNS})
    converters.update({c: to_boolean for c in ENTRY_BOOLEAN_COLUMNS})
    converters.update(
        {
            c: lambda v: [p.strip() for p in v.split(LIST_SEPARATOR) if p.strip()]
            for c in ENTRY_LIST_COLUMNS
        }
    )
    converters["when"] = lambda v: to_datetime(v, patient.zone)
    converters["id"] = to_uuid
    converters["logged_by"] = logger_reader(patient)
    return converters


def read_entries(text: str, patient, problems, summary) -> list[tuple[Entry, bool]]:
    """The file's entries, checked, each with whether its row had an id."""
    name = ENTRIES_FILE
    table = read_table(text, name, ENTRY_COLUMNS, ENTRY_REQUIRED, problems, keep=ENTRY_TEXT_COLUMNS)
    if table is None:
        return []
    if not table.rows:
        summary.files_without_rows.append(name)
    return _entries(table, patient, problems, name)


def _entries(table: Table, patient, problems, name: str) -> list[tuple[Entry, bool]]:
    converters = _entry_converters(patient)
    column_for = {field: column for column, field in ENTRY_FIELD_FOR_COLUMN.items()}
    entries, rows_with_id = [], {}
    for number, values, before in rows_read(table, converters, ENTRY_REQUIRED, name, problems):
        logged_by = values.pop("logged_by", patient)
        fields = {ENTRY_FIELD_FOR_COLUMN.get(c, c): v for c, v in values.items()}
        entry = Entry(
            patient=patient,
            logged_by=logged_by,
            logged_by_former_caregiver=logged_by is None,
            **fields,
        )
        reported = {p.column for p in problems[before:]}
        check_row(entry, ["patient", "logged_by"], name, number, column_for, problems, reported)
        if "uuid" in fields:
            first = rows_with_id.setdefault(entry.uuid, number)
            if first != number:
                problems.append(Problem(name, number, "id", f"the same id as row {first}"))
        if len(problems) == before:
            entries.append((entry, "uuid" in fields))
    return entries


def content_key(kind, occurred_at, severity, regions, notes) -> tuple:
    """What a row without an id is matched on: entries that look alike are the same."""
    return (kind, occurred_at, severity, tuple(sorted(regions)), notes)


def write_entries(patient, entries: list[tuple[Entry, bool]], summary) -> None:
    """Add the entries the journal does not have yet: by id where the row has one,
    otherwise by content."""
    existing = Entry.objects.for_patient(patient).values_list(
        "uuid", "kind", "occurred_at", "severity", "regions", "notes"
    )
    ids, keys = set(), set()
    for uuid, *content in existing:
        ids.add(uuid)
        keys.add(content_key(*content))
    new = []
    for entry, has_id in entries:
        key = content_key(entry.kind, entry.occurred_at, entry.severity, entry.regions, entry.notes)
        if (entry.uuid in ids) if has_id else (key in keys):
            summary.entries_already_there += 1
            continue
        ids.add(entry.uuid)
        keys.add(key)
        new.append(entry)
    Entry.objects.bulk_create(new)
    summary.entries_added = len(new)
