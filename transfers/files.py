"""The whole journal written to files, for the command line (the web page sends them).

Written piece by piece, as the web page streams them, so a long journal never sits in
memory whole.
"""

from pathlib import Path

from transfers.exporting import csv_text, day_rows, entry_rows
from transfers.fhir import bundle_json


def write_csv_pair(patient, folder: Path) -> list[Path]:
    """entries.csv and days.csv in folder (made if missing), in the import format."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in (("entries.csv", entry_rows(patient)), ("days.csv", day_rows(patient))):
        with (folder / name).open("w", encoding="utf-8", newline="") as out:
            out.writelines(csv_text(rows))
        written.append(folder / name)
    return written


def write_fhir_bundle(patient, target: Path) -> None:
    with target.open("w", encoding="utf-8") as out:
        out.writelines(bundle_json(patient))
