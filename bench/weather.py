"""How long the weather takes to fetch: the nightly fetch for 10,000 people in 200 towns,
one place's three-year past, and the same night again minutes later.

Makes N people (default 10,000) with a place in force each, spread over C cells (default
200) as people are over towns: a few cities with many of them, many towns with a few
(the k-th cell holds about 1/k as many as the first), each with a journal of a few days.
The place page already fetched each place's past when it was set; the night before is
then run by the app itself (`fetch_recent` for yesterday) and left a day old. Tonight's
`weather.fetching.fetch_recent` is timed against Open-Meteo's archive and forecast APIs
(tests/support/open_meteo.py) running in a process of its own, as the real one runs
elsewhere, which says what it was asked. A night asks each cell's forecast (its last
week and the days ahead) and, for the day that has just left the forecast's reach, its
archive: one request a cell and API, never one a person. The bench stops if the provider
was asked anything else.

The floor, timed in the same run, is what no fetch can avoid: the same requests made in a
bare loop with `weather.http.get_json`, their days turned into rows with no checks, and
one bulk upsert of those rows. The ratio (fetch / floor) is the fetch's own cost: finding
the cells and what each lacks, checking the answers, and telling the cells' people's
pages kept in memory that their weather changed. The same night is then run again a few
minutes later, when every cell is fresh and nothing should be asked.

Then one place set on a three-year journal (`backfill_place`): the archive a year at a
time and the forecast once, against the same floor for those requests.

    .venv/bin/python bench/weather.py [--people 10000] [--cells 200] [--runs 5]

Runs against a throwaway SQLite file, or against PostgreSQL when DATABASE_URL is set (in a
throwaway test database beside the named one). Each run starts from the same stored
weather. It prints medians with their min–max and the queries made; it never fails on
time.
"""

import argparse
import datetime as dt
import math
import multiprocessing
import os
import statistics
import sys
import time
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.setup import counting_queries, django_ready, throwaway_database  # noqa: E402

django_ready()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from tests.support.open_meteo import open_meteo  # noqa: E402
from triggers.models import CheckIn  # noqa: E402
from weather.cells import to_cell  # noqa: E402
from weather.fetching import CHUNK_DAYS, backfill_place, fetch_recent, server_today  # noqa: E402
from weather.http import get_json  # noqa: E402
from weather.models import Place, WeatherDay  # noqa: E402
from weather.open_meteo import DAILY  # noqa: E402

JOURNAL_DAYS = 3
BACKFILL_YEARS = 3
# Cells of Great Britain, 0.1° (about 10 km) apart, a row of them at a time.
SOUTH_WEST, ROW = (50.0, -5.0), 70
FAR_CELL = to_cell(60.2, -1.1)  # Lerwick: no one else's cell, for the place set alone

Asked = tuple[str, dict[str, str]]  # the path and query of one request


# ---- Open-Meteo, in a process of its own -----------------------------------------------


def serve(pipe) -> None:
    """The provider's process: sends its origin, then answers "asked" with the requests
    received since it was last asked, and "stop" by stopping."""
    with open_meteo() as service:
        pipe.send(service.origin)
        while pipe.recv() != "stop":
            asked, service.requests[:] = list(service.requests), []
            pipe.send([(a.path, a.params) for a in asked])


class Provider:
    """Our end of the provider's process: its origin, and what it was asked."""

    def __init__(self, pipe, origin: str) -> None:
        self.pipe, self.origin = pipe, origin

    def asked(self) -> list[Asked]:
        """The requests received since the last call."""
        self.pipe.send("asked")
        return self.pipe.recv()


@contextmanager
def separate_open_meteo():
    ours, theirs = multiprocessing.get_context("fork").Pipe()
    process = multiprocessing.get_context("fork").Process(target=serve, args=(theirs,))
    process.start()
    try:
        provider = Provider(ours, ours.recv())
        settings.WEATHER_ARCHIVE_URL = f"{provider.origin}/v1/archive"
        settings.WEATHER_FORECAST_URL = f"{provider.origin}/v1/forecast"
        yield provider
    finally:
        ours.send("stop")
        process.join(timeout=10)


def by_api(requests: list[Asked]) -> Counter:
    return Counter(path.rsplit("/", 1)[-1] for path, _ in requests)


# ---- The people and their places -------------------------------------------------------


def grid(count: int) -> list[tuple[Decimal, Decimal]]:
    south, west = SOUTH_WEST
    return [to_cell(south + n // ROW * 0.1, west + n % ROW * 0.1) for n in range(count)]


def people_per_cell(people: int, cells: int) -> list[int]:
    """About people / k / H in the k-th cell (H the harmonic number), one at least, adding
    up to `people`."""
    if people < cells:
        raise SystemExit(f"{people} people cannot fill {cells} cells")
    harmonic = sum(1 / k for k in range(1, cells + 1))
    counts = [max(1, int(people / k / harmonic)) for k in range(1, cells + 1)]
    counts[0] += people - sum(counts)
    return counts


def make_people(people: int, cells: int, today: dt.date) -> None:
    User.objects.bulk_create(
        (User(email=f"p{n}@example.com") for n in range(people)), batch_size=5000
    )
    ids = iter(User.objects.order_by("pk").values_list("pk", flat=True))
    set_at = timezone.now() - dt.timedelta(days=JOURNAL_DAYS)
    places, check_ins = [], []
    for n, ((latitude, longitude), count) in enumerate(
        zip(grid(cells), people_per_cell(people, cells), strict=True)
    ):
        for pk in (next(ids) for _ in range(count)):
            places.append(
                Place(
                    patient_id=pk,
                    latitude=latitude,
                    longitude=longitude,
                    name=f"Town {n}",
                    fetched_at=set_at,
                )
            )
            check_ins += [
                CheckIn(patient_id=pk, date=today - dt.timedelta(days=back), stress=3)
                for back in range(1, JOURNAL_DAYS + 1)
            ]
    Place.objects.bulk_create(places, batch_size=5000)
    CheckIn.objects.bulk_create(check_ins, batch_size=5000)


def the_night_before(provider, today: dt.date) -> list[WeatherDay]:
    """Yesterday's nightly fetch, made by the app and then left a day old; the stored
    weather every night starts from."""
    fetch_recent(today=today - dt.timedelta(days=1))
    provider.asked()
    WeatherDay.objects.update(fetched_at=F("fetched_at") - dt.timedelta(days=1))
    return list(WeatherDay.objects.all())


def restore(weather: list[WeatherDay]) -> None:
    WeatherDay.objects.all().delete()
    WeatherDay.objects.bulk_create(weather, batch_size=2000)


def three_year_journal(today: dt.date) -> Place:
    patient = User.objects.create(email="three-years@example.com")
    days = BACKFILL_YEARS * 365
    CheckIn.objects.bulk_create(
        CheckIn(patient=patient, date=today - dt.timedelta(days=back), stress=3)
        for back in range(days + 1)
    )
    return Place.objects.create(patient=patient, latitude=FAR_CELL[0], longitude=FAR_CELL[1])


# ---- What is timed ---------------------------------------------------------------------


def timed(work) -> tuple[float, int]:
    """Seconds and queries `work()` took; it returns the problems it met, if any."""
    with counting_queries() as queries:
        began = time.perf_counter()
        problems = work()
        took = time.perf_counter() - began
    if problems:
        raise SystemExit(f"the fetch went wrong: {problems}")
    return took, queries[0]


def floor(requests: list[Asked], origin: str) -> tuple[float, int]:
    """The same requests in a bare loop, their days as rows (the last answer for a day
    wins, as the archive's replaces the forecast's), one bulk upsert; seconds and rows."""
    began = time.perf_counter()
    now = timezone.now()
    rows = {}
    for path, params in requests:
        daily = get_json(f"{origin}{path}", params)["daily"]
        cell = Decimal(params["latitude"]), Decimal(params["longitude"])
        for date, temp, feels, humidity in zip(
            daily["time"], *(daily[name] for name in DAILY), strict=True
        ):
            rows[(*cell, date)] = WeatherDay(
                latitude=cell[0],
                longitude=cell[1],
                date=dt.date.fromisoformat(date),
                max_temp_c=temp,
                max_feels_like_c=feels,
                humidity_pct=humidity,
                forecast=path.endswith("forecast"),
                fetched_at=now,
            )
    WeatherDay.objects.bulk_create(
        rows.values(),
        batch_size=500,
        update_conflicts=True,
        unique_fields=["latitude", "longitude", "date"],
        update_fields=["max_temp_c", "max_feels_like_c", "humidity_pct", "forecast", "fetched_at"],
    )
    return time.perf_counter() - began, len(rows)


def check_night(requests: list[Asked], cells: int) -> None:
    """One forecast and one archive request a cell, nothing else."""
    per_cell = Counter((path, params["latitude"], params["longitude"]) for path, params in requests)
    apis = by_api(requests)
    if (
        set(apis) != {"forecast", "archive"}
        or set(apis.values()) != {cells}
        or max(per_cell.values()) != 1
    ):
        raise SystemExit(
            f"the night asked {dict(apis)} for {cells:,} cells, not one a cell and API"
        )


def check_backfill(requests: list[Asked]) -> None:
    """The archive a year at a time, each day once, and the forecast once."""
    archive = sorted(
        (dt.date.fromisoformat(p["start_date"]), dt.date.fromisoformat(p["end_date"]))
        for path, p in requests
        if path.endswith("archive")
    )
    days = sum((last - first).days + 1 for first, last in archive)
    joined = all(b[0] == a[1] + dt.timedelta(days=1) for a, b in pairwise(archive))
    if (
        by_api(requests)["forecast"] != 1
        or not joined
        or len(archive) != math.ceil(days / CHUNK_DAYS)
    ):
        raise SystemExit(f"the backfill asked {requests}")


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def ratio(work: list[float], bare: list[float]) -> str:
    """Of the medians, and the median of each run's own ratio (its floor timed just after
    it: the steadier figure when the machine's speed drifts during a run)."""
    rounds = [w / b for w, b in zip(work, bare, strict=True)]
    return (
        f"{statistics.median(work) / statistics.median(bare):.2f}×; run by run "
        f"{statistics.median(rounds):.2f}× ({min(rounds):.2f}–{max(rounds):.2f})"
    )


# ---- The runs --------------------------------------------------------------------------


def nights(provider, people: int, cells: int, runs: int) -> None:
    today = server_today()
    began = time.perf_counter()
    make_people(people, cells, today)
    weather = the_night_before(provider, today)
    counts = people_per_cell(people, cells)
    print(
        f"{connection.vendor}: {people:,} people with a place in {cells:,} cells "
        f"({max(counts):,} in the biggest, {min(counts):,} in the smallest), "
        f"{JOURNAL_DAYS} days of journal each; made and the night before fetched in "
        f"{time.perf_counter() - began:.1f} s; {os.cpu_count()} cores"
    )
    passes, agains, bares = [], [], []
    for _ in range(runs):
        restore(weather)
        began_at = timezone.now()
        took, queries = timed(lambda: fetch_recent().problems)
        requests = provider.asked()
        check_night(requests, cells)
        stored = WeatherDay.objects.filter(fetched_at__gte=began_at).count()
        passes.append(took)
        again, again_queries = timed(lambda: fetch_recent().problems)
        if again_requests := provider.asked():
            raise SystemExit(f"the same night again asked {dict(by_api(again_requests))}")
        agains.append(again)
        restore(weather)
        bare, bare_rows = floor(requests, provider.origin)
        provider.asked()
        bares.append(bare)
    print(
        f"tonight's fetch: {len(requests):,} requests ({dict(by_api(requests))}), "
        f"{stored:,} days stored, in {spread(passes)}, {queries:,} queries"
    )
    print(f"floor: the same requests and one bulk upsert of {bare_rows:,} days in {spread(bares)}")
    print(f"ratio (fetch / floor): {ratio(passes, bares)}")
    print(
        f"the same night minutes later: 0 requests, in {spread(agains)}, {again_queries:,} queries"
    )


def backfill(provider, runs: int) -> None:
    place = three_year_journal(server_today())
    cell_days = WeatherDay.objects.filter(latitude=FAR_CELL[0], longitude=FAR_CELL[1])
    fills, bares = [], []
    for _ in range(runs):
        cell_days.delete()
        took, queries = timed(lambda: backfill_place(place))
        requests = provider.asked()
        check_backfill(requests)
        stored = cell_days.count()
        fills.append(took)
        cell_days.delete()
        bare, _ = floor(requests, provider.origin)
        provider.asked()
        bares.append(bare)
    print(
        f"\na place set on a {BACKFILL_YEARS}-year journal: {len(requests)} requests "
        f"({dict(by_api(requests))}), {stored:,} days stored, in {spread(fills)}, "
        f"{queries} queries"
    )
    print(f"floor: the same requests and one bulk insert in {spread(bares)}")
    print(f"ratio (backfill / floor): {ratio(fills, bares)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--cells", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with separate_open_meteo() as provider, throwaway_database():
        nights(provider, args.people, args.cells, args.runs)
        backfill(provider, args.runs)


if __name__ == "__main__":
    main()
