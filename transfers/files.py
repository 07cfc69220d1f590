"""The whole journal written to files, for the command line (the web page sends them)."""

import json
from pathlib import Path

from transfers.exporting import days_csv, entries_csv
from transfers.fhir import journal_bundle


def write_csv_pair(patient, folder: Path) -> list[Path]:
    """entries.csv and days.csv in folder (made if missing), in the import format."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("entries.csv", entries_csv(patient)), ("days.csv", days_csv(patient))):
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def write_fhir_bundle(patient, target: Path) -> None:
    target.write_text(json.dumps(journal_bundle(patient), indent=1), encoding="utf-8")
