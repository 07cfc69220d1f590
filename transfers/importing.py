"""Import a journal from the two CSV files, all or nothing.

Every row of both files is checked first; if any cell is wrong, nothing is written and
every problem is reported (file, row, column, what is wrong). Importing the same files
again changes nothing: days match on their date, entries on their content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from symptoms.models import Entry
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
    FALSE_WORDS,
    LIST_SEPARATOR,
    TAG_PREFIX,
    TRUE_WORDS,
)
from triggers.models import CheckIn, OwnTrigger, TagAnswer

MAX_ROWS = 50_000


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        return (
            f"{where}, column {self.column}: {self.message}"
            if self.column
            else f"{where}: {self.message}"
        )


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


@dataclass
class ImportSummary:
    entries_added: int = 0
    entries_already_there: int = 0
    days_added: int = 0
    days_updated: int = 0
    days_already_there: int = 0
    triggers_added: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "would be" if self.dry_run else "were"
        lines = [
            f"{self.entries_added} entries {verb} added, "
            f"{self.entries_already_there} already there.",
            f"{self.days_added} days {verb} added, {self.days_updated} updated, "
            f"{self.days_already_there} already there.",
        ]
        if self.triggers_added:
            lines.append(f"New own triggers: {', '.join(self.triggers_added)}.")
        return lines


class _Cell(Exception):
    """A bad cell; the message says what is wrong with it."""


def _rows(text: str, name: str, known: list[str], required: list[str], problems, tags=False):
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in known and not (tags and c.startswith(TAG_PREFIX))]
    if missing:
        problems.append(Problem(name, 1, ", ".join(missing), "this column is required"))
    for column in unknown:
        problems.append(Problem(name, 1, column, "unknown column (see docs/import-format.md)"))
    if missing or unknown:
        return []
    rows = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            problems.append(Problem(name, number, "", f"more than {MAX_ROWS} rows: split the file"))
            break
        if None in row:
            problems.append(Problem(name, number, "", "more cells than the header has columns"))
            continue
        if any((v or "").strip() for v in row.values()):
            rows.append((number, {k: (v or "").strip() for k, v in row.items()}))
    return rows


def _boolean(value: str) -> bool:
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _Cell("use 1 for yes or 0 for no")


def _integer(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise _Cell(f"{value!r} is not a whole number") from None


def _decimal(value: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise _Cell(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise _Cell(f"{value!r} is not a number")
    return number.quantize(Decimal("0.1"))


def _when(value: str, zone) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Cell(f"{value!r} is not a date and time like 2026-03-14T08:30") from None
    if timezone.is_naive(when):
        when = when.replace(tzinfo=zone)
    return when


def _parse(row: dict, converters: dict, name: str, number: int, problems) -> dict:
    values = {}
    for column, raw in row.items():
        if raw == "" or column not in converters:
            continue
        try:
            values[column] = converters[column](raw)
        except _Cell as exc:
            problems.append(Problem(name, number, column, str(exc)))
    return values


def _model_problems(exc: ValidationError, name, number, column_for, problems, skip=()) -> None:
    """Add the model's own complaints, except about columns already reported."""
    for field_name, messages in exc.message_dict.items():
        column = column_for.get(field_name, field_name)
        if column in skip:
            continue
        for message in messages:
            problems.append(Problem(name, number, column if column != "__all__" else "", message))


def _entry_key(entry: Entry) -> tuple:
    return (
        entry.kind,
        entry.occurred_at,
        entry.severity,
        tuple(sorted(entry.regions)),
        entry.notes,
    )


def _read_entries(text: str, patient, problems, name="entries file") -> list[Entry]:
    converters = {c: (lambda v: v) for c in ENTRY_COLUMNS}
    converters.update({c: _integer for c in ENTRY_INTEGER_COLUMNS})
    converters.update({c: _boolean for c in ENTRY_BOOLEAN_COLUMNS})
    converters.update(
        {
            c: lambda v: [p.strip() for p in v.split(LIST_SEPARATOR) if p.strip()]
            for c in ENTRY_LIST_COLUMNS
        }
    )
    converters["when"] = lambda v: _when(v, patient.zone)
    column_for = {field: column for column, field in ENTRY_FIELD_FOR_COLUMN.items()}
    entries = []
    for number, row in _rows(text, name, ENTRY_COLUMNS, ENTRY_REQUIRED, problems):
        before = len(problems)
        values = _parse(row, converters, name, number, problems)
        for column in ENTRY_REQUIRED:
            if not row.get(column):
                problems.append(Problem(name, number, column, "this cell is required"))
        reported = {p.column for p in problems[before:]}
        fields = {ENTRY_FIELD_FOR_COLUMN.get(c, c): v for c, v in values.items()}
        entry = Entry(patient=patient, logged_by=patient, **fields)
        try:
            entry.full_clean(exclude=["patient", "logged_by"])
        except ValidationError as exc:
            _model_problems(exc, name, number, column_for, problems, skip=reported)
        if len(problems) == before:
            entries.append(entry)
    return entries


def _read_days(text: str, patient, problems, name="days file"):
    converters = {c: (lambda v: v) for c in DAY_COLUMNS}
    converters.update({c: _integer for c in DAY_INTEGER_COLUMNS})
    converters.update({c: _decimal for c in DAY_DECIMAL_COLUMNS})
    converters.update({c: _boolean for c in DAY_BOOLEAN_COLUMNS})
    converters["date"] = _date
    days = []
    for number, row in _rows(text, name, DAY_COLUMNS, DAY_REQUIRED, problems, tags=True):
        tag_columns = {c: v for c, v in row.items() if c.startswith(TAG_PREFIX)}
        converters.update({c: _boolean for c in tag_columns})
        before = len(problems)
        values = _parse(row, converters, name, number, problems)
        if not row.get("date"):
            problems.append(Problem(name, number, "date", "this cell is required"))
        tags = {c[len(TAG_PREFIX) :].strip(): values.pop(c) for c in tag_columns if c in values}
        date = values.pop("date", None)
        if date and date > timezone.localdate(timezone=patient.zone):
            problems.append(Problem(name, number, "date", "this day has not happened yet"))
        reported = {p.column for p in problems[before:]}
        check_in = CheckIn(patient=patient, date=date, **values)
        try:
            check_in.full_clean(exclude=["patient"], validate_unique=False)
        except ValidationError as exc:
            _model_problems(exc, name, number, {}, problems, skip=reported)
        if len(problems) == before:
            days.append((number, check_in, values, tags))
    seen: dict[dt.date, int] = {}
    for number, check_in, _, _ in days:
        if check_in.date in seen:
            problems.append(
                Problem(name, number, "date", f"the same date as row {seen[check_in.date]}")
            )
        seen.setdefault(check_in.date, number)
    return days


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Cell(f"{value!r} is not a date like 2026-03-14") from None


def import_journal(
    *, patient, entries_csv: str | None = None, days_csv: str | None = None, dry_run: bool = False
) -> ImportSummary:
    """Check both files in full, then write everything in one transaction, or nothing."""
    problems: list[Problem] = []
    entries = _read_entries(entries_csv, patient, problems) if entries_csv else []
    days = _read_days(days_csv, patient, problems) if days_csv else []
    if problems:
        raise ImportRejected(problems)
    summary = ImportSummary(dry_run=dry_run)
    with transaction.atomic():
        _write_entries(patient, entries, summary)
        _write_days(patient, days, summary)
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _write_entries(patient, entries: list[Entry], summary: ImportSummary) -> None:
    existing = {_entry_key(e) for e in Entry.objects.for_patient(patient)}
    new = []
    for entry in entries:
        key = _entry_key(entry)
        if key in existing:
            summary.entries_already_there += 1
            continue
        existing.add(key)
        new.append(entry)
    Entry.objects.bulk_create(new)
    summary.entries_added = len(new)


def _write_days(patient, days, summary: ImportSummary) -> None:
    triggers = {t.name.lower(): t for t in OwnTrigger.objects.for_patient(patient)}
    existing = {
        c.date: c for c in CheckIn.objects.for_patient(patient).prefetch_related("tag_answers")
    }
    for _, parsed, values, tags in days:
        check_in = existing.get(parsed.date)
        is_new = check_in is None
        if is_new:
            parsed.save()
            check_in, changed, answers = parsed, False, {}
        else:
            # An empty cell adds nothing: it never erases what the journal already has.
            differences = {k: v for k, v in values.items() if getattr(check_in, k) != v}
            for name, value in differences.items():
                setattr(check_in, name, value)
            if differences:
                check_in.save()
            changed = bool(differences)
            answers = {a.trigger_id: a.present for a in check_in.tag_answers.all()}
        for tag_name, present in tags.items():
            trigger = triggers.get(tag_name.lower())
            if trigger is None:
                trigger = OwnTrigger.objects.create(patient=patient, name=tag_name)
                triggers[tag_name.lower()] = trigger
                summary.triggers_added.append(tag_name)
            if answers.get(trigger.pk) != present:
                TagAnswer.objects.update_or_create(
                    check_in=check_in, trigger=trigger, defaults={"present": present}
                )
                changed = True
        if is_new:
            summary.days_added += 1
        elif changed:
            summary.days_updated += 1
        else:
            summary.days_already_there += 1
