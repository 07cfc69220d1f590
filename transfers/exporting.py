"""Write a journal in the import's CSV format: exporting and importing again loses nothing."""

from __future__ import annotations

from collections.abc import Iterator

from transfers.days_file import day_rows
from transfers.entries_file import entry_rows
from transfers.streaming import csv_text, zip_stream
from transfers.treatment_files import dose_rows, side_effect_rows, treatment_rows


def entries_csv(patient) -> str:
    return "".join(csv_text(entry_rows(patient)))


def days_csv(patient) -> str:
    return "".join(csv_text(day_rows(patient)))


def journal_files() -> list:
    """(file name, rows of a patient) for every CSV file of an export, in order."""
    return [
        ("entries.csv", entry_rows),
        ("days.csv", day_rows),
        ("treatments.csv", treatment_rows),
        ("doses.csv", dose_rows),
        ("side_effects.csv", side_effect_rows),
    ]


def csv_zip(patient) -> Iterator[bytes]:
    """The zip of every file, made while it is sent: memory stays flat however long the
    journal."""
    return zip_stream((name, csv_text(rows(patient))) for name, rows in journal_files())
