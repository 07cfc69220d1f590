"""How long the reports take on a five-year journal, against a floor.

Builds a journal of five years (about 20,000 entries, a check-in a day, two own triggers
answered every day) and one of 90 days and a week, then times each report through Django's test
client: the visit summary over 90 days and 3 years, its print page and PDF, the trigger
page over 90 days with one week and five years before it, the weekly review and both
exports. For each: median (min–max) over the runs, the query count, and for the exports
the peak memory growth while the response is produced and read (tracemalloc, in a pass of
its own). The floor is a bare SELECT of the range's rows with values_list, measured in the
same run, so the ratio says what the report costs beyond reading its rows.

    .venv/bin/python bench/reports.py [--runs 5] [--years 5]

Runs against a throwaway SQLite file, or against PostgreSQL when DATABASE_URL is set
(in a throwaway test database beside the named one). It reports; it never fails on time.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.setup import django_ready, throwaway_database  # noqa: E402

django_ready()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from symptoms.models import Entry  # noqa: E402
from triggers.models import CheckIn, OwnTrigger, TagAnswer  # noqa: E402

ENTRIES_A_DAY = 11  # about 20,000 in five years
REGIONS = [["left_leg"], ["right_leg", "left_leg"], ["lower_back"], ["left_foot"]]


def build_journal(email: str, days: int):
    """A patient whose journal runs from `days` days ago to yesterday."""
    patient = get_user_model().objects.create_user(email, "a-long-enough-passphrase")
    coffee = OwnTrigger.objects.create(patient=patient, name="Coffee")
    shoes = OwnTrigger.objects.create(patient=patient, name="New shoes")
    today = patient.today()
    dates = [today - dt.timedelta(days=n) for n in range(days, 0, -1)]
    check_ins = CheckIn.objects.bulk_create(
        CheckIn(
            patient=patient,
            date=date,
            overheated=n % 5 == 0,
            max_temp_c=10 + n % 20,
            humidity_pct=40 + n % 50,
            sleep_hours=4 + n % 5,
            sleep_quality=1 + n % 5,
            infection="none" if n % 30 else "uti",
            fever=n % 60 == 0,
            activity=["rest", "light", "moderate", "hard"][n % 4],
            steps=1000 + 37 * n % 9000,
            stress=n % 11,
        )
        for n, date in enumerate(dates)
    )
    if connection.vendor == "sqlite":  # bulk_create gives SQLite no ids before 3.35
        check_ins = list(CheckIn.objects.for_patient(patient).order_by("date"))
    TagAnswer.objects.bulk_create(
        TagAnswer(check_in=c, trigger=t, present=(n + t.pk) % 3 == 0)
        for n, c in enumerate(check_ins)
        for t in (coffee, shoes)
    )
    Entry.objects.bulk_create(
        (entry(patient, date, n, i) for n, date in enumerate(dates) for i in range(ENTRIES_A_DAY)),
        batch_size=2000,
    )
    return patient


def entry(patient, date: dt.date, n: int, i: int) -> Entry:
    when = dt.datetime.combine(date, dt.time(7 + i), tzinfo=patient.zone)
    fields = {
        "patient": patient,
        "logged_by": patient,
        "occurred_at": when,
        "severity": (n + i) % 11,
    }
    fields["regions"] = REGIONS[(n + i) % len(REGIONS)]
    if i % 4 == 3:
        return Entry(
            **fields,
            kind="pain",
            pain_type=["nerve", "spasticity", "musculoskeletal"][n % 3],
            pattern="constant",
            onset="sudden",
            with_new_symptoms=n % 97 == 0 and i == 3,
            relieved_by=["rest"],
            interference_sleep=i % 11,
            interference_example="Woke twice" if n % 50 == 0 else "",
        )
    return Entry(**fields, kind="spasm", duration_minutes=i, tried=["stretching"], helped="partly")


def timed(client: Client, url: str) -> tuple[float, int]:
    """Seconds and queries for one GET, its body read to the end."""
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        response = client.get(url)
        for _ in response:  # a streamed body is produced while it is read
            pass
        took = time.perf_counter() - began
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return took, len(queries)


def memory_growth(client: Client, url: str) -> float:
    """Peak MB allocated while one GET is answered and its body read, chunk by chunk."""
    tracemalloc.start()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    if not size:
        raise SystemExit(f"{url} sent nothing")
    return peak / 1e6


def floor(patient, first: dt.date, last: dt.date) -> float:
    began = time.perf_counter()
    list(
        Entry.objects.for_patient(patient)
        .on_local_dates(first, last, patient.zone)
        .values_list("occurred_at", "kind", "severity")
    )
    return time.perf_counter() - began


def line(name: str, times: list[float], queries: int, floor_s: float, extra: str = "") -> None:
    median = statistics.median(times)
    print(
        f"{name:<34} {median * 1000:7.0f} ms ({min(times) * 1000:.0f}–{max(times) * 1000:.0f})"
        f"  {queries:3d} queries  {median / floor_s:6.1f}× floor{extra}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    with throwaway_database():
        run(args)


def run(args) -> None:
    began = time.perf_counter()
    long = build_journal("long@example.com", 365 * args.years)
    short = build_journal("short@example.com", 90 + 7)
    print(
        f"{connection.vendor}: {Entry.objects.filter(patient=long).count():,} entries over "
        f"{args.years} years, built in {time.perf_counter() - began:.0f} s; "
        f"{args.runs} runs, {os.cpu_count()} cores"
    )
    today = long.today()
    three_years = today - dt.timedelta(days=3 * 366 - 1)
    ninety = today - dt.timedelta(days=89)
    floors = {
        "90 days": [floor(long, ninety, today) for _ in range(args.runs)],
        "3 years": [floor(long, three_years, today) for _ in range(args.runs)],
        "5 years": [floor(long, None, today) for _ in range(args.runs)],
        "90 days + 1 week": [floor(short, None, today) for _ in range(args.runs)],
    }
    floor_s = {name: statistics.median(times) for name, times in floors.items()}
    for name, times in floors.items():
        print(f"floor: bare SELECT, {name:<20} {statistics.median(times) * 1000:7.1f} ms")
    clients = {}
    for patient in (long, short):
        clients[patient] = Client()
        clients[patient].force_login(patient)

    def url(patient, name, query=""):
        return reverse(name, args=[patient.journal_key]) + query

    span = f"?start={three_years}&end={today}"
    cases = [
        (
            "visit summary print, 90 days",
            long,
            url(long, "summary_print", f"?start={ninety}&end={today}"),
            "90 days",
        ),
        ("visit summary print, 3 years", long, url(long, "summary_print", span), "3 years"),
        ("visit summary PDF, 3 years", long, url(long, "summary_pdf", span), "3 years"),
        ("triggers 90 days, 1 week before", short, url(short, "insights", "?days=90"), "90 days"),
        ("triggers 90 days, 5 years before", long, url(long, "insights", "?days=90"), "90 days"),
        ("weekly review", long, url(long, "week"), "90 days"),
        ("CSV zip, 5 years", long, url(long, "export_csv"), "5 years"),
        ("FHIR export, 5 years", long, url(long, "export_fhir"), "5 years"),
    ]
    for name, patient, address, floor_name in cases:
        client = clients[patient]
        client.get(address)  # warm: imports, templates
        results = [timed(client, address) for _ in range(args.runs)]
        extra = ""
        if "export" in address:
            extra = f"  peak memory +{memory_growth(client, address):.0f} MB"
        times = [t for t, _ in results]
        line(name, times, results[-1][1], floor_s[floor_name], extra)
    summary_data(long, three_years, ninety, today, args.runs, floor_s)


def summary_data(patient, three_years, ninety, today, runs, floor_s) -> None:
    """The visit summary's figures alone, without drawing the page."""
    from visits.data import visit_summary

    for name, first, floor_name in (
        ("90 days", ninety, "90 days"),
        ("3 years", three_years, "3 years"),
    ):
        visit_summary(patient, first, today)
        times, queries = [], 0
        for _ in range(runs):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                visit_summary(patient, first, today)
                times.append(time.perf_counter() - began)
            queries = len(captured)
        line(f"visit summary figures, {name}", times, queries, floor_s[floor_name])


if __name__ == "__main__":
    main()
