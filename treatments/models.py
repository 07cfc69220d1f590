"""Medicines and therapies a patient tries: each one's dose history, doses taken and
side effects.

A treatment is the thing tried (baclofen, physiotherapy); a period is one stretch of
taking it at one dose and schedule. A dose change ends the current period and starts a
new one, so the history of doses is kept and "did it help?" can compare stretches.
"""

import datetime as dt
import uuid
from decimal import Decimal
from typing import Self
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import logged_by_field
from accounts.querysets import PatientQuerySet
from lib.limits import (
    EARLIEST_DATE,
    FUTURE_TOLERANCE,
    validate_not_before_earliest,
)
from lib.text import validate_note, validate_one_line
from treatments.choices import DoseReason, Kind, Schedule, Severity, StopReason

NAME_MAX = 80
MAX_SETTLE_DAYS = 60
MAX_TIMES_A_DAY = 24
# The first weeks of a period, when the check-in asks about side effects.
NEW_FOR_DAYS = 28
NOTES_RULES = [MaxLengthValidator(settings.NOTES_MAX_LENGTH), validate_note]
NAME_RULES = [validate_one_line]


def dose_label(dose: Decimal | None, unit: str, schedule: str, times_a_day: int | None) -> str:
    """ "10 mg three times a day", "when needed", in a few words."""
    amount = f"{dose.normalize():f} {unit}".strip() if dose is not None else ""
    if schedule == Schedule.REGULAR and times_a_day:
        times = {1: "once a day", 2: "twice a day"}.get(times_a_day, f"{times_a_day} times a day")
    else:
        times = dict(Schedule.choices).get(schedule, schedule).lower()
    return f"{amount} {times}".strip() if amount else times.capitalize()


class TreatmentQuerySet(PatientQuerySet):
    def with_periods(self) -> Self:
        return self.prefetch_related(
            models.Prefetch("periods", queryset=TreatmentPeriod.objects.order_by("-started"))
        )

    def current(self) -> Self:
        return self.filter(periods__stopped__isnull=True)

    def new_on(self, day: dt.date) -> Self:
        """Medicines and injections in the first weeks of the period that covers `day`:
        the ones the check-in asks about side effects."""
        recent = Q(
            periods__started__lte=day,
            periods__started__gt=day - dt.timedelta(days=NEW_FOR_DAYS),
        ) & (Q(periods__stopped__isnull=True) | Q(periods__stopped__gte=day))
        kinds = [Kind.MEDICINE, Kind.INJECTION]
        return self.filter(recent, kind__in=kinds).distinct().order_by(Lower("name"))

    def as_needed(self) -> Self:
        """Treatments whose open period is taken when needed: the home page's dose card."""
        return self.filter(
            periods__stopped__isnull=True, periods__schedule=Schedule.AS_NEEDED
        ).order_by(Lower("name"))


class Treatment(models.Model):
    """A medicine or therapy one patient has tried, by the name they know it by."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="treatments"
    )
    name = models.CharField(max_length=NAME_MAX, validators=NAME_RULES)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MEDICINE)
    notes = models.TextField(
        blank=True, max_length=settings.NOTES_MAX_LENGTH, validators=NOTES_RULES
    )
    settle_days = models.PositiveSmallIntegerField(
        "settling-in days",
        default=7,
        validators=[MaxValueValidator(MAX_SETTLE_DAYS)],
        help_text="Days a new dose takes to show its effect; left out when judging it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TreatmentQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(Lower("name"), "patient", name="treatment_unique_name"),
            models.CheckConstraint(condition=~Q(name=""), name="treatment_has_name"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="treatment_kind_known"),
            models.CheckConstraint(
                condition=Q(settle_days__lte=MAX_SETTLE_DAYS), name="treatment_settle_days_0_60"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def validate_unique(self, exclude=None) -> None:
        # The name's uniqueness ignores case, which Django's own check does not name
        # helpfully; say it in words by the field.
        super().validate_unique(exclude)
        same = Treatment.objects.filter(patient_id=self.patient_id, name__iexact=self.name)
        if self.patient_id and self.name and same.exclude(pk=self.pk).exists():
            raise ValidationError({"name": "You already have a treatment with this name."})

    @property
    def current_period(self) -> "TreatmentPeriod | None":
        """The open period, if the treatment is being taken now (prefetch-friendly)."""
        return next((p for p in self.periods.all() if p.stopped is None), None)

    @property
    def is_current(self) -> bool:
        return self.current_period is not None

    def change_dose(
        self, *, dose: Decimal | None, unit: str, on: dt.date, notes: str = ""
    ) -> "TreatmentPeriod":
        """Start taking a new dose on `on`; the current period ends the day before.

        A change on the very day the current period began corrects that period instead:
        a dose taken for no whole day has no history worth keeping.
        """
        current = self._open_period_or_error()
        if on < current.started:
            began = f"{current.started:%d %B %Y}".lstrip("0")
            raise ValidationError({"on": f"This dose began on {began}. Pick that day or later."})
        with transaction.atomic():
            if on == current.started:
                current.dose, current.unit = dose, unit
                current.full_clean()
                current.save()
                return current
            current.stopped = on - dt.timedelta(days=1)
            current.stop_reason = StopReason.DOSE_CHANGE
            current.full_clean()
            current.save()
            new = TreatmentPeriod(
                treatment=self,
                dose=dose,
                unit=unit,
                schedule=current.schedule,
                times_a_day=current.times_a_day,
                started=on,
                notes=notes,
            )
            new.full_clean()
            new.save()
        return new

    def stop(self, *, on: dt.date, reason: str) -> "TreatmentPeriod":
        current = self._open_period_or_error()
        current.stopped = on
        current.stop_reason = reason
        current.full_clean()
        current.save()
        return current

    def _open_period_or_error(self) -> "TreatmentPeriod":
        current = self.periods.filter(stopped__isnull=True).first()
        if current is None:
            raise ValidationError(f"{self.name} is not being taken now.")
        return current


class TreatmentPeriodQuerySet(models.QuerySet):
    def for_patient(self, patient) -> Self:
        return self.filter(treatment__patient=patient)

    def overlapping(self, first: dt.date | None, last: dt.date | None) -> Self:
        """Periods that cover any day of first..last; None leaves a side open."""
        qs = self
        if last is not None:
            qs = qs.filter(started__lte=last)
        if first is not None:
            qs = qs.filter(Q(stopped__isnull=True) | Q(stopped__gte=first))
        return qs

    def open(self) -> Self:
        return self.filter(stopped__isnull=True)


class TreatmentPeriod(models.Model):
    """One stretch of taking a treatment at one dose and schedule."""

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="periods")
    dose = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    unit = models.CharField(max_length=16, blank=True, validators=NAME_RULES)
    schedule = models.CharField(max_length=10, choices=Schedule.choices, default=Schedule.REGULAR)
    times_a_day = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TIMES_A_DAY)],
    )
    started = models.DateField(validators=[validate_not_before_earliest])
    stopped = models.DateField(null=True, blank=True, validators=[validate_not_before_earliest])
    stop_reason = models.CharField(max_length=12, choices=StopReason.choices, blank=True)
    notes = models.TextField(
        blank=True, max_length=settings.NOTES_MAX_LENGTH, validators=NOTES_RULES
    )

    objects = TreatmentPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-started", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["treatment"],
                condition=Q(stopped__isnull=True),
                name="treatment_period_one_open",
            ),
            models.CheckConstraint(
                condition=Q(stopped__isnull=True) | Q(stopped__gte=F("started")),
                name="treatment_period_stops_after_start",
            ),
            models.CheckConstraint(
                condition=Q(started__gte=EARLIEST_DATE),
                name="treatment_period_not_before_earliest_date",
            ),
            models.CheckConstraint(
                condition=Q(dose__isnull=True) | Q(dose__gte=0),
                name="treatment_period_dose_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(schedule__in=Schedule.values), name="treatment_period_schedule_known"
            ),
            models.CheckConstraint(
                condition=Q(times_a_day__isnull=True)
                | (Q(schedule=Schedule.REGULAR) & Q(times_a_day__range=(1, MAX_TIMES_A_DAY))),
                name="treatment_period_times_a_day_only_regular",
            ),
            models.CheckConstraint(
                condition=Q(stop_reason="")
                | (Q(stop_reason__in=StopReason.values) & Q(stopped__isnull=False)),
                name="treatment_period_stop_reason_when_stopped",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.treatment} {self.dose_label} from {self.started}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        today = self.treatment.patient.today() if self.treatment_id else None
        if today and self.started and self.started > today:
            errors["started"] = "That day has not happened yet. Pick today or a day before."
        if today and self.stopped and self.stopped > today:
            errors["stopped"] = "That day has not happened yet. Pick today or a day before."
        if self.started and self.stopped and self.stopped < self.started:
            errors["stopped"] = "The stop is before the start. Pick the start day or later."
        if self.times_a_day is not None and self.schedule != Schedule.REGULAR:
            errors["times_a_day"] = "Only a regular schedule has times a day. Leave it empty."
        if self.stop_reason and not self.stopped:
            errors["stop_reason"] = "Only a stopped treatment has a reason for stopping."
        if not errors and self.treatment_id and self._overlaps_another():
            errors["started"] = (
                "Another stretch of this treatment covers some of these days. Check the dates."
            )
        if errors:
            raise ValidationError(errors)

    def _overlaps_another(self) -> bool:
        if not self.started:
            return False
        others = TreatmentPeriod.objects.filter(treatment_id=self.treatment_id).exclude(pk=self.pk)
        return others.overlapping(self.started, self.stopped).exists()

    @property
    def dose_label(self) -> str:
        return dose_label(self.dose, self.unit, self.schedule, self.times_a_day)

    def is_new_on(self, day: dt.date) -> bool:
        """Within its first four weeks on `day`: the check-in asks about side effects."""
        return self.started <= day < self.started + dt.timedelta(days=NEW_FOR_DAYS) and (
            self.stopped is None or day <= self.stopped
        )


class DoseLogQuerySet(PatientQuerySet):
    def between(self, start: dt.datetime, end: dt.datetime) -> Self:
        return self.filter(taken_at__gte=start, taken_at__lt=end)


class DoseLog(models.Model):
    """One dose taken, mostly of a medicine taken when needed."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dose_logs"
    )
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="doses")
    # Stable across export and import, so two doses taken at one minute stay two.
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    taken_at = models.DateTimeField(default=timezone.now, validators=[validate_not_before_earliest])
    reason = models.CharField(
        "what it was for", max_length=8, choices=DoseReason.choices, blank=True
    )
    logged_by = logged_by_field()
    # As symptoms.Entry: the same form sent twice finds the first dose.
    client_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DoseLogQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [models.Index(fields=["patient", "taken_at"])]
        constraints = [
            models.UniqueConstraint(fields=["patient", "uuid"], name="dose_log_uuid_unique"),
            models.UniqueConstraint(
                fields=["patient", "client_token"],
                condition=Q(client_token__isnull=False),
                name="dose_log_one_per_form_token",
            ),
            models.CheckConstraint(
                condition=Q(reason="") | Q(reason__in=DoseReason.values),
                name="dose_log_reason_known",
            ),
            # A day's slack, as for entries: 1 January 1900 east of Greenwich is 1899 in UTC.
            models.CheckConstraint(
                condition=Q(
                    taken_at__gte=dt.datetime.combine(
                        EARLIEST_DATE - dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC
                    )
                ),
                name="dose_log_not_before_earliest_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.treatment} at {self.taken_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.taken_at and self.taken_at > timezone.now() + FUTURE_TOLERANCE:
            raise ValidationError(
                {"taken_at": "That time is in the future. Pick a time that has passed."}
            )
        if self.treatment_id and self.patient_id and self.treatment.patient_id != self.patient_id:
            raise ValidationError({"treatment": "Choose one of this journal's treatments."})

    @staticmethod
    def new_token() -> UUID:
        return uuid.uuid4()


class SideEffectQuerySet(models.QuerySet):
    def for_patient(self, patient) -> Self:
        return self.filter(treatment__patient=patient)

    def between(self, first: dt.date | None, last: dt.date | None) -> Self:
        qs = self
        if first is not None:
            qs = qs.filter(date__gte=first)
        if last is not None:
            qs = qs.filter(date__lte=last)
        return qs


class SideEffect(models.Model):
    """A side effect noticed on one day, put down to one treatment."""

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="side_effects")
    date = models.DateField(validators=[validate_not_before_earliest])
    what = models.CharField(max_length=NAME_MAX, blank=True, validators=NAME_RULES)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SideEffectQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="side_effect_severity_known"
            ),
            models.CheckConstraint(
                condition=Q(date__gte=EARLIEST_DATE), name="side_effect_not_before_earliest_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.what or 'side effects'} ({self.get_severity_display().lower()}) {self.date}"

    def clean(self) -> None:
        if self.date and self.treatment_id and self.date > self.treatment.patient.today():
            raise ValidationError({"date": "That day has not happened yet."})
        if self.severity not in ("", Severity.NONE) and not self.what.strip():
            raise ValidationError({"what": "Say what it was, for example dizziness."})
