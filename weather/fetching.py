"""Filling each cell's days from the provider: a place's past once, the recent days nightly.

Requests are made per cell and range of days, never per patient: everyone in a cell
shares its days, so a thousand patients there cost one request. The archive holds days
from about five days ago back to 1940; the forecast the last few days, today and the days
ahead. A day the archive gave is final; a forecast's day is replaced by the next
forecast and, once old enough, by the archive. A provider that is down or answers
nonsense leaves the days empty and the place's `problem` saying why; a later run fills
them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Min
from django.utils import timezone

from accounts.models import new_journal_stamp
from weather import open_meteo
from weather.http import Unavailable
from weather.models import Place, WeatherDay
from weather.open_meteo import PATIENCE, DailyWeather, Patience

log = logging.getLogger(__name__)

Cell = tuple[Decimal, Decimal]
DAY = dt.timedelta(days=1)
ARCHIVE_FIRST = dt.date(1940, 1, 1)  # the archive's first day
# The archive's days lag about five days behind; the forecast reaches back further, so
# the two overlap and no day falls between them while the archive catches up.
ARCHIVE_LAG_DAYS = 5
RECENT_DAYS = 7
# Days ahead of the server's (UTC) today: at the date line a cell's tomorrow is the UTC
# day after tomorrow.
AHEAD_DAYS = 2
CHUNK_DAYS = 366  # one request per year of days at most
# A forecast fetched this recently for every day asked is not asked again: the next
# patient to set a place in the cell shares it.
FRESH = dt.timedelta(hours=6)


@dataclass
class Run:
    """What one fetch did, for the command and the log."""

    cells: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        failed = len(self.problems)
        return f"{self.cells} cell{'s' if self.cells != 1 else ''} fetched, {failed} failed"


def server_today() -> dt.date:
    return timezone.now().astimezone(dt.UTC).date()


def journal_start(patient) -> dt.date:
    """The journal's first day: its first entry's or check-in's, or today if it has none."""
    first_entry = patient.entries.aggregate(first=Min("occurred_at"))["first"]
    first_check_in = patient.check_ins.aggregate(first=Min("date"))["first"]
    days = [patient.today()]
    if first_entry is not None:
        days.append(timezone.localtime(first_entry, patient.zone).date())
    if first_check_in is not None:
        days.append(first_check_in)
    return min(days)


def place_days(place: Place, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day whose weather the place needs (first > last: none)."""
    first = place.since or journal_start(place.patient)
    last = place.until - DAY if place.until else today + dt.timedelta(days=AHEAD_DAYS)
    return max(first, ARCHIVE_FIRST), last


def backfill_place(
    place: Place, *, today: dt.date | None = None, patience: Patience = PATIENCE
) -> str:
    """Fill every day of the place's time its cell lacks; the problem, or "" if none."""
    today = today or server_today()
    first, last = place_days(place, today)
    problem = fetch_cell(place.cell, first, last, today, patience)
    Place.objects.filter(pk=place.pk).fetched(problem)
    return problem


def fetch_recent(*, today: dt.date | None = None, patience: Patience = PATIENCE) -> Run:
    """The nightly fetch: each place never fetched whole, then every cell with a place in
    force: its recent days and tomorrow, and the archive for its forecasts grown old."""
    today = today or server_today()
    run = Run()
    unfetched = defaultdict(list)
    for place in Place.objects.filter(fetched_at__isnull=True).select_related("patient"):
        unfetched[place.cell].append(place)
    for cell, places in unfetched.items():
        ranges = [place_days(place, today) for place in places]
        problem = fetch_cell(
            cell, min(r[0] for r in ranges), max(r[1] for r in ranges), today, patience
        )
        Place.objects.filter(pk__in=[p.pk for p in places]).fetched(problem)
        run.cells += 1
        if problem:
            run.problems.append(problem)
    cells = Place.objects.current().order_by().values_list("latitude", "longitude").distinct()
    for cell in cells:
        problem = fetch_recent_days(cell, today, patience)
        in_cell = Place.objects.current().in_cell(cell)
        # A success does not make whole a place whose past is still missing.
        (in_cell if problem else in_cell.filter(fetched_at__isnull=False)).fetched(problem)
        run.cells += 1
        if problem:
            run.problems.append(problem)
    return run


def fetch_cell(
    cell: Cell, first: dt.date, last: dt.date, today: dt.date, patience: Patience
) -> str:
    """Fill the cell's days first..last that it lacks; the problem, or "" if none."""
    archive_last = min(last, today - dt.timedelta(days=ARCHIVE_LAG_DAYS + 1))
    stored = 0
    try:
        if first <= archive_last:
            stored += _fill_from_archive(cell, first, archive_last, patience)
        if last >= today - dt.timedelta(days=RECENT_DAYS):
            # The cell's whole recent window, for the price of the part needed: the
            # nightly fetch then finds it fresh.
            stored += _fill_recent(cell, today, patience)
    except Unavailable as exc:
        return _failed(cell, exc)
    finally:
        _renew_stamps(cell, stored)
    return ""


def fetch_recent_days(cell: Cell, today: dt.date, patience: Patience) -> str:
    stored = 0
    try:
        stored += _fill_recent(cell, today, patience)
        old_forecasts = _days(cell).filter(
            forecast=True, date__lt=today - dt.timedelta(days=ARCHIVE_LAG_DAYS)
        )
        dates = sorted(old_forecasts.values_list("date", flat=True))
        if dates:
            stored += _fill_from_archive(cell, dates[0], dates[-1], patience)
    except Unavailable as exc:
        return _failed(cell, exc)
    finally:
        _renew_stamps(cell, stored)
    return ""


def _renew_stamps(cell: Cell, stored: int) -> None:
    """What the cell's people see has changed: their pages kept in memory must be drawn
    again (lib/page_cache.py), as after any write to their journal. Once per cell and
    fetch, however many answers it took."""
    if stored:
        people = Place.objects.in_cell(cell).values("patient")
        get_user_model().objects.filter(pk__in=people).update(journal_stamp=new_journal_stamp())


def _failed(cell: Cell, exc: Unavailable) -> str:
    log.warning("No weather for the cell %s, %s: %s", *cell, exc)
    return str(exc)


def _days(cell: Cell):
    latitude, longitude = cell
    return WeatherDay.objects.filter(latitude=latitude, longitude=longitude)


def _fill_from_archive(cell: Cell, first: dt.date, last: dt.date, patience: Patience) -> int:
    """Ask the archive, a year at a time, for the days of first..last the cell does not
    hold from it yet (missing, or only forecast)."""
    final = _days(cell).filter(date__range=(first, last), forecast=False)
    have = set(final.values_list("date", flat=True))
    start, stored = first, 0
    while start <= last:
        end = min(start + dt.timedelta(days=CHUNK_DAYS - 1), last)
        missing = [d for d in _each_day(start, end) if d not in have]
        if missing:
            answer = open_meteo.daily(
                settings.WEATHER_ARCHIVE_URL, *cell, missing[0], missing[-1], patience=patience
            )
            stored += _store(cell, answer, forecast=False)
        start = end + DAY
    return stored


def _fill_recent(cell: Cell, today: dt.date, patience: Patience) -> int:
    first = today - dt.timedelta(days=RECENT_DAYS)
    last = today + dt.timedelta(days=AHEAD_DAYS)
    if _fresh(cell, first, last):
        return 0
    return _fill_from_forecast(cell, first, last, patience)


def _fill_from_forecast(cell: Cell, first: dt.date, last: dt.date, patience: Patience) -> int:
    answer = open_meteo.daily(settings.WEATHER_FORECAST_URL, *cell, first, last, patience=patience)
    final = set(
        _days(cell).filter(date__range=(first, last), forecast=False).values_list("date", flat=True)
    )
    return _store(cell, {d: w for d, w in answer.items() if d not in final}, forecast=True)


def _fresh(cell: Cell, first: dt.date, last: dt.date) -> bool:
    """Every day of first..last was fetched within FRESH (the archive's days always are)."""
    recent = _days(cell).filter(date__range=(first, last))
    stale = recent.filter(forecast=True, fetched_at__lt=timezone.now() - FRESH)
    return recent.count() == (last - first).days + 1 and not stale.exists()


def _store(cell: Cell, answer: dict[dt.date, DailyWeather], *, forecast: bool) -> int:
    """Upsert the days (one row per cell and day), and say how many; a day with no value
    at all is left out, so that a later run asks for it again."""
    now = timezone.now()
    latitude, longitude = cell
    rows = [
        WeatherDay(
            latitude=latitude,
            longitude=longitude,
            date=date,
            max_temp_c=weather.max_temp_c,
            max_feels_like_c=weather.max_feels_like_c,
            humidity_pct=weather.humidity_pct,
            forecast=forecast,
            fetched_at=now,
        )
        for date, weather in sorted(answer.items())
        if not weather.empty
    ]
    WeatherDay.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["latitude", "longitude", "date"],
        update_fields=["max_temp_c", "max_feels_like_c", "humidity_pct", "forecast", "fetched_at"],
    )
    return len(rows)


def _each_day(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += DAY
