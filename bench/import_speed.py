"""How long a big import takes through the real web page, against a floor.

Builds a 20,000-row entries file and a days file (400 days, two own triggers), posts
them to the import page with Django's test client, signed in as a new patient each run,
and times the whole request. The floor is a bare bulk_create of the same rows, measured
in the same run, so the ratio says what the checks and the page cost on this machine.

    .venv/bin/python bench/import_speed.py [--runs 3] [--rows 20000]

Runs against a throwaway SQLite file, or against PostgreSQL when DATABASE_URL is set
(in a throwaway test database beside the named one). It reports; it never fails on time.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.import_files import days_file, entries_file  # noqa: E402
from bench.setup import django_ready, throwaway_database  # noqa: E402

django_ready()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from transfers.importing import import_journal  # noqa: E402


def new_patient(label: str):
    return get_user_model().objects.create_user(
        f"{label}-{time.monotonic_ns()}@example.com", "a-long-enough-passphrase"
    )


def time_page_import(entries: bytes, days: bytes) -> float:
    patient = new_patient("page")
    client = Client()
    client.force_login(patient)
    files = {
        "entries": SimpleUploadedFile("entries.csv", entries, content_type="text/csv"),
        "days": SimpleUploadedFile("days.csv", days, content_type="text/csv"),
    }
    began = time.perf_counter()
    response = client.post(reverse("import", args=[patient.journal_key]), files)
    took = time.perf_counter() - began
    if response.status_code != 200 or b"entries were added" not in response.content:
        raise SystemExit(f"the import did not go through: {response.status_code}")
    return took


def time_floor(entries: str, days: str) -> float:
    """Rows already parsed and checked (untimed), then only the inserts (timed)."""
    from symptoms.models import Entry
    from triggers.models import CheckIn

    patient = new_patient("floor")
    with transaction.atomic():
        import_journal(patient=patient, entries_csv=entries, days_csv=days)
        built = [Entry(**_fields(e)) for e in Entry.objects.filter(patient=patient)]
        check_ins = [CheckIn(**_fields(c)) for c in CheckIn.objects.filter(patient=patient)]
        transaction.set_rollback(True)
    began = time.perf_counter()
    with transaction.atomic():
        Entry.objects.bulk_create(built)
        CheckIn.objects.bulk_create(check_ins)
    return time.perf_counter() - began


def _fields(instance) -> dict:
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name != "id"
    }


def report(name: str, times: list[float]) -> None:
    print(
        f"{name:<28} median {statistics.median(times):6.2f} s   "
        f"min {min(times):6.2f} s   max {max(times):6.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=400)
    args = parser.parse_args()
    with throwaway_database():
        entries, days = entries_file(args.rows), days_file(args.days)
        print(
            f"{connection.vendor}: {args.rows:,} entry rows ({len(entries.encode()):,} bytes), "
            f"{args.days} days with 2 own triggers, {args.runs} runs, {os.cpu_count()} cores"
        )
        page = [time_page_import(entries.encode(), days.encode()) for _ in range(args.runs)]
        floor = [time_floor(entries, days) for _ in range(args.runs)]
        report("import through the page", page)
        report("floor: bare bulk_create", floor)
        ratio = statistics.median(page) / statistics.median(floor)
        print(f"ratio (median page / median floor): {ratio:.1f}x")


if __name__ == "__main__":
    main()
