"""Reading the import's CSV files: the table's shape first, then each cell into a value.

Nothing here touches the database. Every problem found is collected with its file, row
and column, so a person can fix them all in one go.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from lib.text import validate_one_line
from transfers.csv_format import FALSE_WORDS, MAX_ROWS, TAG_PREFIX, TRUE_WORDS, restore


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # as a spreadsheet numbers it: the header is row 1; 0 for the whole file
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


class BadCell(Exception):
    """A bad cell; the message says what is wrong with it."""


@dataclass
class Table:
    """A file's header and its non-empty rows, numbered as a spreadsheet numbers them."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def column_letter(index: int) -> str:
    """A spreadsheet's name for the column at this 0-based index: A … Z, AA …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header_problems(header: list[str], name: str, known, required, tags: bool) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for index, column in enumerate(header):
        if not column:
            problems.append(Problem(name, 1, column_letter(index), "this column has no name"))
            continue
        # Tag names are matched like trigger names: case and spacing do not count.
        same = " ".join(column.lower().split()) if column.startswith(TAG_PREFIX) else column
        if same in seen:
            first = column_letter(seen[same])
            problems.append(
                Problem(name, 1, column, f"this column is already there, in column {first}")
            )
        seen.setdefault(same, index)
        if column not in known and not (tags and column.startswith(TAG_PREFIX)):
            problems.append(
                Problem(
                    name, 1, column, "unknown column (the import guide lists the columns it reads)"
                )
            )
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(Problem(name, 1, ", ".join(missing), "this column is required"))
    return problems


def read_table(
    text: str, name: str, known: list[str], required: list[str], problems, *, keep=(), tags=False
) -> Table | None:
    """The file as a table, or None (with problems added) when its shape is wrong.

    Cells in `keep` are free text, kept exactly; every other cell is trimmed.
    """
    if "\x00" in text:
        problems.append(Problem(name, 0, "", "this is not a CSV text file (it has NUL bytes)"))
        return None
    if not text.strip():
        problems.append(Problem(name, 0, "", "this file is empty"))
        return None
    reader = csv.reader(io.StringIO(text))
    try:
        header = [restore(cell).strip() for cell in next(reader)]
        found = _header_problems(header, name, known, required, tags)
        if found:
            problems.extend(found)
            return None
        rows = []
        for number, row in enumerate(reader, start=2):
            if len(row) > len(header):
                problems.append(Problem(name, number, "", "more cells than the header has columns"))
                continue
            cells = {c: restore(v) for c, v in zip(header, row, strict=False)}
            cells = {c: v if c in keep and v.strip() else v.strip() for c, v in cells.items()}
            if any(v.strip() for v in cells.values()):
                rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                problems.append(
                    Problem(name, number, "", f"more than {MAX_ROWS:,} rows: split the file")
                )
                return None
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, "", f"the CSV cannot be read here: {exc}"))
        return None
    return Table(header, rows)


def to_line(value: str) -> str:
    """A name: refused as the forms refuse it, before its spaces are tidied away (a line
    break tidied into a space would let through what the form refuses)."""
    try:
        validate_one_line(value)
    except ValidationError as exc:
        raise BadCell(exc.messages[0]) from None
    return value


def to_boolean(value: str) -> bool:
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise BadCell("use 1 for yes or 0 for no")


def to_integer(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BadCell(f"{value!r} is not a whole number") from None


def to_decimal(value: str) -> Decimal:
    """A number with at most one decimal place, as the forms take it."""
    try:
        number = Decimal(value)
        if not number.is_finite():
            raise InvalidOperation
        tenths = number.quantize(Decimal("0.1"))
    except InvalidOperation:
        raise BadCell(f"{value!r} is not a number") from None
    if tenths != number:
        raise BadCell(f"{value!r} has more than one decimal place")
    return tenths


def to_datetime(value: str, zone) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadCell(f"{value!r} is not a date and time like 2026-03-14T08:30") from None
    if timezone.is_naive(when):
        when = when.replace(tzinfo=zone)
    return when


def to_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadCell(f"{value!r} is not a date like 2026-03-14") from None


def as_written(columns: list[str]) -> dict:
    """A converter for each column that keeps its cell as written; a file replaces the
    ones for the columns it reads as numbers, dates or lists."""
    return {column: (lambda value: value) for column in columns}


def convert(row: dict, converters: dict, name: str, number: int, problems) -> dict:
    """The row's filled-in cells as values; a cell that cannot be read is a problem."""
    values = {}
    for column, raw in row.items():
        if raw == "" or column not in converters:
            continue
        try:
            values[column] = converters[column](raw)
        except BadCell as exc:
            problems.append(Problem(name, number, column, str(exc)))
    return values
