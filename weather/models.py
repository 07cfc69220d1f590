"""A patient's places over time, and the weather of each ~10 km cell day by day.

A place is opt-in and stored only as its cell (cells.py). Places follow one another: each
day is filled from the place in force that day (`since` <= day < `until`; an empty
`since` is the journal's start, an empty `until` is still in force). The weather is not
the patient's: one row per cell and day serves everyone living there, and is never a
record of the patient's day (analysis/days.py fills recorded days from it).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.querysets import PatientQuerySet

PROBLEM_MAX = 200


class PlaceQuerySet(PatientQuerySet):
    def in_force(self, first: dt.date | None, last: dt.date | None) -> PlaceQuerySet:
        """The places in force on some day of first..last (None leaves a side open)."""
        qs = self
        if last is not None:
            qs = qs.filter(Q(since__isnull=True) | Q(since__lte=last))
        if first is not None:
            qs = qs.filter(Q(until__isnull=True) | Q(until__gt=first))
        return qs

    def current(self) -> PlaceQuerySet:
        return self.filter(until__isnull=True)

    def in_cell(self, cell: tuple[Decimal, Decimal]) -> PlaceQuerySet:
        latitude, longitude = cell
        return self.filter(latitude=latitude, longitude=longitude)

    def fetched(self, problem: str = "") -> int:
        """Their cells' days were just asked for whole; `problem` (the provider's failure)
        says why some may still be missing, and keeps the last whole fetch's time."""
        if problem:
            return self.update(problem=problem[:PROBLEM_MAX])
        return self.update(fetched_at=timezone.now(), problem="")


class Place(models.Model):
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="places"
    )
    # The cell, never the point the patient chose: rounded to 0.1° (about 10 km).
    latitude = models.DecimalField(
        max_digits=3, decimal_places=1, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # What the patient picked, as they would say it: "Leeds, England, United Kingdom".
    name = models.CharField(max_length=200, blank=True)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    # When this place's weather was last fetched whole, and what went wrong since, if
    # anything: the profile says both.
    fetched_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(max_length=PROBLEM_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["patient", models.F("since").asc(nulls_first=True)]
        # The nightly fetch finds each cell's people by it.
        indexes = [models.Index(fields=["latitude", "longitude"], name="place_cell")]
        constraints = [
            models.CheckConstraint(
                condition=Q(since__isnull=True)
                | Q(until__isnull=True)
                | Q(until__gt=models.F("since")),
                name="place_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["patient"], condition=Q(until__isnull=True), name="place_one_in_force"
            ),
            models.CheckConstraint(
                condition=Q(latitude__range=(-90, 90)), name="place_latitude_on_earth"
            ),
            models.CheckConstraint(
                condition=Q(longitude__range=(-180, 180)), name="place_longitude_on_earth"
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.latitude}, {self.longitude}"

    @property
    def cell(self):
        return self.latitude, self.longitude

    def end(self, on: dt.date) -> None:
        """No longer in force from `on`: the days before it keep this place's weather.

        A place that had not begun by `on` was never in force on any day, so it goes.
        """
        if self.since is not None and on <= self.since:
            self.delete()
            return
        self.until = on
        self.save(update_fields=["until"])


class WeatherDay(models.Model):
    """One cell's weather on one local day, as the provider gave it."""

    latitude = models.DecimalField(max_digits=3, decimal_places=1)
    longitude = models.DecimalField(max_digits=4, decimal_places=1)
    date = models.DateField()
    max_temp_c = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        validators=[MinValueValidator(-60), MaxValueValidator(60)],
    )
    max_feels_like_c = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        validators=[MinValueValidator(-80), MaxValueValidator(70)],
    )
    humidity_pct = models.PositiveSmallIntegerField(null=True, validators=[MaxValueValidator(100)])
    # A forecast (or the last few days, which the archive does not hold yet) is replaced
    # by the archive's value once it has one.
    forecast = models.BooleanField(default=False)
    fetched_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["latitude", "longitude", "date"], name="weather_day_one_per_cell"
            ),
            models.CheckConstraint(
                condition=Q(max_temp_c__isnull=True) | Q(max_temp_c__range=(-60, 60)),
                name="weather_day_temperature_plausible",
            ),
            models.CheckConstraint(
                condition=Q(humidity_pct__isnull=True) | Q(humidity_pct__lte=100),
                name="weather_day_humidity_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"weather {self.latitude},{self.longitude} {self.date}"
