"""Sleep and steps the patient's phone or watch counted, brought in from its export."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from accounts.querysets import PatientQuerySet
from lib.limits import EARLIEST_DATE, MAX_STEPS


class Source(models.TextChoices):
    """The health app an export came from, as days.csv's provenance columns write it."""

    APPLE_HEALTH = "apple_health", "Apple Health"
    HEALTH_CONNECT = "health_connect", "Health Connect"
    FITBIT = "fitbit", "Fitbit"
    GARMIN = "garmin", "Garmin"


class HealthDayQuerySet(PatientQuerySet):
    def between(self, first, last) -> HealthDayQuerySet:
        days = self
        if first is not None:
            days = days.filter(date__gte=first)
        if last is not None:
            days = days.filter(date__lte=last)
        return days


class HealthDay(models.Model):
    """One whole local day of the patient's: the night's sleep that ended on its morning
    and the steps walked in it, each with the app that counted it.

    Kept apart from the check-in: it fills what the patient left empty, never stands
    over what they gave, and never makes a day recorded (analysis/days.py)."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_days"
    )
    date = models.DateField()
    sleep_hours = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    sleep_source = models.CharField(max_length=14, choices=Source.choices, blank=True)
    steps = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_STEPS)]
    )
    steps_source = models.CharField(max_length=14, choices=Source.choices, blank=True)

    objects = HealthDayQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "date"], name="health_day_one_per_day"),
            models.CheckConstraint(
                condition=Q(date__gte=EARLIEST_DATE), name="health_day_not_before_earliest"
            ),
            models.CheckConstraint(
                condition=Q(sleep_hours__isnull=True, sleep_source="")
                | Q(sleep_hours__range=(0, 24), sleep_source__in=Source.values),
                name="health_day_sleep_with_source",
            ),
            models.CheckConstraint(
                condition=Q(steps__isnull=True, steps_source="")
                | Q(steps__lte=MAX_STEPS, steps_source__in=Source.values),
                name="health_day_steps_with_source",
            ),
        ]

    def __str__(self) -> str:
        return f"health day {self.date}"
