"""Import a journal from its CSV files, all or nothing.

Every row of every file is checked first, by the same model rules the forms use; if any
cell is wrong, nothing is written and every problem is reported (file, row, column, what
is wrong). Importing the same files again changes nothing: days match on their date,
entries on their id, or on their content when the row has no id (a paper diary).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from transfers.days_file import read_days, write_days
from transfers.entries_file import read_entries, write_entries
from transfers.reading import ImportRejected, Problem
from transfers.treatment_files import (
    TreatmentImport,
    read_doses,
    read_side_effects,
    read_treatments,
    write_treatments,
)

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
        entries = read_entries(entries_csv, patient, problems, summary)
    if days_csv is not None:
        days, tag_names = read_days(days_csv, patient, problems, summary)
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
