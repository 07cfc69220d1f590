"""The whole journal written to files, for the command line (the web page sends them).

Written piece by piece, as the web page streams them, so a long journal never sits in
memory whole.
"""

from pathlib import Path

from transfers.exporting import journal_files
from transfers.fhir import bundle_json
from transfers.streaming import csv_text


def write_csv_files(patient, folder: Path) -> list[Path]:
    """entries.csv, days.csv and the treatment files in folder (made if missing), in the
    import format."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in journal_files():
        with (folder / name).open("w", encoding="utf-8", newline="") as out:
            out.writelines(csv_text(rows(patient)))
        written.append(folder / name)
    return written


def write_fhir_bundle(patient, target: Path) -> None:
    with target.open("w", encoding="utf-8") as out:
        out.writelines(bundle_json(patient))
