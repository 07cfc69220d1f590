"""Import a journal from the two CSV files, all or nothing.

Every row of both files is checked first, by the same model rules the forms use; if any
cell is wrong, nothing is written and every problem is reported (file, row, column, what
is wrong). Importing the same files again changes nothing: days match on their date,
entries on their id, or on their content when the row has no id (a paper diary).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from symptoms.models import Entry
from transfers.checking import check_row, logger_reader, required_cells, to_uuid
from transfers.csv_format import (
    DAY_BOOLEAN_COLUMNS,
    DAY_COLUMNS,
    DAY_DECIMAL_COLUMNS,
    DAY_INTEGER_COLUMNS,
    DAY_REQUIRED,
    ENTRY_BOOLEAN_COLUMNS,
    ENTRY_COLUMNS,
    ENTRY_FIELD_FOR_COLUMN,
    ENTRY_INTEGER_COLUMNS,
    ENTRY_LIST_COLUMNS,
    ENTRY_REQUIRED,
    ENTRY_TEXT_COLUMNS,
    LIST_SEPARATOR,
    TAG_PREFIX,
)
from transfers.reading import (
    BadCell,
    ImportRejected,
    Problem,
    Table,
    convert,
    read_table,
    to_boolean,
    to_date,
    to_datetime,
    to_decimal,
    to_integer,
    to_line,
)
from transfers.treatment_csv import (
    TreatmentImport,
    read_doses,
    read_side_effects,
    read_treatments,
    write_treatments,
)
from transfers.writing import write_days, write_entries
from triggers.models import CheckIn, OwnTrigger, normalise_trigger_name

__all__ = ["ImportRejected", "ImportSummary", "Problem", "import_journal"]


@dataclass
class ImportSummary:
    entries_added: int = 0
    entries_already_there: int = 0
    days_added: int = 0
    days_updated: int = 0
    days_already_there: int = 0
    triggers_added: list[str] = field(default_factory=list)
    treatments_added: dict[str, int] = field(default_factory=dict)
    files_without_rows: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "would be" if self.dry_run else "were"
        lines = [
            f"{self.entries_added} entries {verb} added, "
            f"{self.entries_already_there} already there.",
            f"{self.days_added} days {verb} added, {self.days_updated} updated, "
            f"{self.days_already_there} already there.",
        ]
        if self.treatments_added:
            counts = ", ".join(f"{n} {what}" for what, n in self.treatments_added.items())
            lines.append(f"Treatments: {counts} {verb} added.")
        if self.triggers_added:
            lines.append(f"New own triggers: {', '.join(self.triggers_added)}.")
        for name in self.files_without_rows:
            lines.append(f"The {name} has a header but no rows.")
        return lines


def _entry_converters(patient) -> dict:
    converters = {c: (lambda v: v) for c in ENTRY_COLUMNS}
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


def _read_entries(table: Table, patient, problems, name: str) -> list[tuple[Entry, bool]]:
    converters = _entry_converters(patient)
    column_for = {field: column for column, field in ENTRY_FIELD_FOR_COLUMN.items()}
    entries, rows_with_id = [], {}
    for number, row in table.rows:
        before = len(problems)
        values = convert(row, converters, name, number, problems)
        required_cells(row, ENTRY_REQUIRED, name, number, problems)
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


def _tag_names(table: Table, patient, problems, name: str) -> dict[str, str]:
    """tag:NAME columns -> the trigger names they stand for, checked as the form checks."""
    names = {}
    for column in table.header:
        if not column.startswith(TAG_PREFIX):
            continue
        try:
            trigger_name = normalise_trigger_name(to_line(column[len(TAG_PREFIX) :]))
        except BadCell as exc:
            problems.append(Problem(name, 1, column, str(exc)))
            continue
        if not trigger_name:
            message = f"write the trigger's name after {TAG_PREFIX}"
            problems.append(Problem(name, 1, column, message))
            continue
        trigger = OwnTrigger(patient=patient, name=trigger_name)
        if check_row(trigger, ["patient"], name, 1, {"name": column}, problems):
            names[column] = trigger_name
    return names


def _read_days(table: Table, patient, problems, name: str):
    tag_names = _tag_names(table, patient, problems, name)
    converters = {c: (lambda v: v) for c in DAY_COLUMNS}
    converters.update({c: to_integer for c in DAY_INTEGER_COLUMNS})
    converters.update({c: to_decimal for c in DAY_DECIMAL_COLUMNS})
    converters.update({c: to_boolean for c in [*DAY_BOOLEAN_COLUMNS, *tag_names]})
    converters["date"] = to_date
    days = []
    seen: dict[dt.date, int] = {}
    for number, row in table.rows:
        before = len(problems)
        values = convert(row, converters, name, number, problems)
        required_cells(row, DAY_REQUIRED, name, number, problems)
        tags = {tag_names[c]: values.pop(c) for c in tag_names if c in values}
        check_in = CheckIn(patient=patient, **values)
        values.pop("date", None)
        reported = {p.column for p in problems[before:]}
        check_row(check_in, ["patient"], name, number, {}, problems, reported)
        if check_in.date is not None and check_in.date in seen:
            problems.append(
                Problem(name, number, "date", f"the same date as row {seen[check_in.date]}")
            )
        seen.setdefault(check_in.date, number)
        if len(problems) == before:
            days.append((check_in, values, tags))
    return days, list(tag_names.values())


def import_journal(
    *,
    patient,
    entries_csv: str | None = None,
    days_csv: str | None = None,
    treatments_csv: str | None = None,
    doses_csv: str | None = None,
    side_effects_csv: str | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Check every file in full, then write everything in one transaction, or nothing."""
    problems: list[Problem] = []
    summary = ImportSummary(dry_run=dry_run)
    entries, days, tag_names = [], [], []
    if entries_csv is not None:
        name = "entries file"
        table = read_table(
            entries_csv, name, ENTRY_COLUMNS, ENTRY_REQUIRED, problems, keep=ENTRY_TEXT_COLUMNS
        )
        if table is not None:
            entries = _read_entries(table, patient, problems, name)
            if not table.rows:
                summary.files_without_rows.append(name)
    if days_csv is not None:
        name = "days file"
        table = read_table(days_csv, name, DAY_COLUMNS, DAY_REQUIRED, problems, tags=True)
        if table is not None:
            days, tag_names = _read_days(table, patient, problems, name)
            if not table.rows:
                summary.files_without_rows.append(name)
    treatments = TreatmentImport()
    # Treatments first: the doses and side effects name them.
    for text, read in (
        (treatments_csv, read_treatments),
        (doses_csv, read_doses),
        (side_effects_csv, read_side_effects),
    ):
        if text is not None:
            read(text, patient, problems, treatments)
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        write_entries(patient, entries, summary)
        write_days(patient, days, tag_names, summary)
        if any(t is not None for t in (treatments_csv, doses_csv, side_effects_csv)):
            summary.treatments_added = write_treatments(treatments)
        if dry_run:
            transaction.set_rollback(True)
    return summary
