"""Sleep and steps the patient's phone or watch counted, brought in from its export."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.querysets import PatientQuerySet, on_dates
from lib.limits import EARLIEST_DATE, MAX_STEPS


class Source(models.TextChoices):
    """The health app an export came from, as days.csv's provenance columns write it."""

    APPLE_HEALTH = "apple_health", "Apple Health"
    HEALTH_CONNECT = "health_connect", "Health Connect"
    FITBIT = "fitbit", "Fitbit"
    GARMIN = "garmin", "Garmin"


class HealthDayQuerySet(PatientQuerySet):
    def between(self, first, last) -> HealthDayQuerySet:
        return on_dates(self, "date", first, last)


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


class HealthImport(models.Model):
    """One export the patient handed in, from upload to its days stored or refused.

    The upload waits on disk (`stored`) until the queue's worker reads it; the worker
    tells how far it has read, which the page polls, and deletes the file when done."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting its turn"
        READING = "reading", "Reading"
        DONE = "done", "Done"
        FAILED = "failed", "Not read"

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_imports"
    )
    file_name = models.CharField(max_length=255)
    stored = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    bytes_done = models.PositiveBigIntegerField(default=0)
    bytes_total = models.PositiveBigIntegerField(default=0)
    source = models.CharField(max_length=14, choices=Source.choices, blank=True)
    # What the patient reads when it is done: what came in, or what is wrong.
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bytes_done__lte=models.F("bytes_total")) | Q(bytes_total=0),
                name="health_import_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"import of {self.file_name}"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.READING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return 100 * self.bytes_done // self.bytes_total if self.bytes_total else 0

    def begin(self) -> None:
        self.status = self.Status.READING
        self.save(update_fields=["status"])

    def advance(self, done: int, total: int) -> None:
        """How far the reading has come; one small UPDATE, the page polls it."""
        self.bytes_done, self.bytes_total = min(done, total), total
        self.save(update_fields=["bytes_done", "bytes_total"])

    def finish(self, *, source: str, message: str) -> None:
        self._end(self.Status.DONE, message, source=source)

    def fail(self, message: str) -> None:
        self._end(self.Status.FAILED, message)

    def _end(self, status: str, message: str, source: str = "") -> None:
        self.status, self.message, self.source = status, message, source
        self.finished_at, self.stored = timezone.now(), ""
        self.save(update_fields=["status", "message", "source", "finished_at", "stored"])
