"""What happened each day that might set spasms and pain off."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import capfirst

from accounts.querysets import PatientQuerySet, on_dates
from accounts.units import temperature_text
from lib.limits import (
    EARLIEST_DATE,
    MAX_STEPS,
    OWN_TRIGGER_NAME_MAX,
    validate_not_before_earliest,
)
from lib.text import NOT_IN_A_LINE, validate_one_line

TAG_PREFIX = "tag:"


class Source(models.TextChoices):
    """Where a number of the check-in came from. The weather's value stands only where
    the patient gave none, and never records the day on its own (analysis/days.py)."""

    OWN = "", "the patient's own"
    WEATHER = "weather", "the weather"


# The numbers the weather may fill, each with the column that says whose it is.
SOURCED = {"max_temp_c": "max_temp_c_source", "humidity_pct": "humidity_pct_source"}


def normalise_trigger_name(name: str) -> str:
    """One space between words, none around: how a trigger's name is kept."""
    return " ".join(name.split())


def validate_trigger_name(name: str) -> None:
    if not name.strip():
        raise ValidationError("Give it a name.", code="blank")
    # A colon would make the name ambiguous in a days file's tag:NAME column.
    if ":" in name:
        raise ValidationError("Leave out the colon (:) please.", code="colon")
    # validate_one_line has its own words for a tab or a line break.
    if NOT_IN_A_LINE.isdisjoint(name) and name != normalise_trigger_name(name):
        raise ValidationError("Use single spaces between words.", code="spacing")


class OwnTrigger(models.Model):
    """A yes/no trigger the patient names themselves: tight clothing, period, coffee…"""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="own_triggers"
    )
    name = models.CharField(
        max_length=OWN_TRIGGER_NAME_MAX,
        validators=[validate_one_line, validate_trigger_name],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "patient", name="own_trigger_unique_name"),
            models.CheckConstraint(condition=~Q(name=""), name="own_trigger_has_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """The trigger's name in analysis results and CSV columns."""
        return f"{TAG_PREFIX}{self.name}"


class Infection(models.TextChoices):
    NONE = "none", "None"
    COLD_FLU = "cold_flu", "Cold or flu"
    UTI = "uti", "Urinary infection"
    OTHER = "other", "Other infection"


class Activity(models.TextChoices):
    REST = "rest", "Rest"
    LIGHT = "light", "Light"
    MODERATE = "moderate", "Moderate"
    HARD = "hard", "Hard (over-did it)"


class CheckInQuerySet(PatientQuerySet):
    def between(self, first: dt.date | None, last: dt.date | None) -> "CheckInQuerySet":
        return on_dates(self, "date", first, last)


class CheckIn(models.Model):
    """One patient's day: heat, last night's sleep, infection, activity, stress, own triggers.

    Every answer may be left out; an empty answer means "not recorded", never "no".
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins"
    )
    date = models.DateField(validators=[validate_not_before_earliest])
    overheated = models.BooleanField(null=True, blank=True)
    max_temp_c = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(-60), MaxValueValidator(60)],
    )
    humidity_pct = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    # "weather": filled from the weather and brought in by a file (an export of a journal
    # with a place); empty: the patient's own, typed or imported.
    max_temp_c_source = models.CharField(
        max_length=7, choices=Source.choices, blank=True, default=Source.OWN
    )
    humidity_pct_source = models.CharField(
        max_length=7, choices=Source.choices, blank=True, default=Source.OWN
    )
    sleep_hours = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    sleep_quality = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    infection = models.CharField(max_length=8, choices=Infection.choices, blank=True)
    fever = models.BooleanField(null=True, blank=True)
    activity = models.CharField(max_length=8, choices=Activity.choices, blank=True)
    steps = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_STEPS)]
    )
    stress = models.PositiveSmallIntegerField(
        "stress or low mood", null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "date"], name="check_in_one_per_day"),
            models.CheckConstraint(
                condition=Q(sleep_quality__isnull=True) | Q(sleep_quality__range=(1, 5)),
                name="check_in_sleep_quality_1_5",
            ),
            models.CheckConstraint(
                condition=Q(sleep_hours__isnull=True) | Q(sleep_hours__range=(0, 24)),
                name="check_in_sleep_hours_0_24",
            ),
            models.CheckConstraint(
                condition=Q(stress__isnull=True) | Q(stress__lte=10), name="check_in_stress_0_10"
            ),
            models.CheckConstraint(
                condition=Q(humidity_pct__isnull=True) | Q(humidity_pct__lte=100),
                name="check_in_humidity_0_100",
            ),
            models.CheckConstraint(
                condition=Q(max_temp_c__isnull=True) | Q(max_temp_c__range=(-60, 60)),
                name="check_in_temperature_plausible",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{source: Source.OWN})
                    | Q(**{source: Source.WEATHER, f"{value}__isnull": False}),
                    name=f"check_in_{value}_source_known",
                )
                for value, source in SOURCED.items()
            ],
            models.CheckConstraint(
                condition=Q(steps__isnull=True) | Q(steps__lte=MAX_STEPS),
                name="check_in_steps_plausible",
            ),
            models.CheckConstraint(
                condition=Q(date__gte=EARLIEST_DATE), name="check_in_not_before_earliest_date"
            ),
        ]

    def __str__(self) -> str:
        return f"check-in {self.date}"

    def clean(self) -> None:
        # The patient's today, not the server's: their evening may be tomorrow in UTC.
        if not (self.date and self.patient_id):
            return
        if self.date > self.patient.today():
            raise ValidationError({"date": "That day has not happened yet."})

    def from_weather(self, name: str) -> bool:
        """Whether the number `name` (max_temp_c, humidity_pct) is the weather's."""
        return getattr(self, SOURCED[name]) == Source.WEATHER

    @property
    def summary(self) -> str:
        """The day's answers in a few words each, as one line for a card: "Not overheated,
        slept 8 h, sleep quality 4/5" (only its first word capitalised); "" if none."""
        return self.summary_in(fahrenheit=False)

    def summary_in(self, fahrenheit: bool) -> str:
        """The summary with its temperature in the patient's unit, marked "(weather)" when
        the weather's: "Overheated, highest 31 °C (weather), slept 7 h"."""
        bits = []
        if self.overheated is not None:
            bits.append("overheated" if self.overheated else "not overheated")
        if self.max_temp_c is not None:
            weather = " (weather)" if self.from_weather("max_temp_c") else ""
            bits.append(f"highest {temperature_text(self.max_temp_c, fahrenheit)}{weather}")
        if self.sleep_hours is not None:
            bits.append(f"slept {self.sleep_hours.normalize():f} h")
        if self.sleep_quality is not None:
            bits.append(f"sleep quality {self.sleep_quality}/5")
        if self.infection:
            none = self.infection == Infection.NONE
            bits.append("no infection" if none else self.get_infection_display().lower())
        if self.fever:
            bits.append("fever")
        if self.activity:
            bits.append(f"activity: {self.get_activity_display().lower()}")
        if self.stress is not None:
            bits.append(f"stress {self.stress}/10")
        return capfirst(", ".join(bits))


class TagAnswerQuerySet(models.QuerySet):
    def for_patient(self, patient) -> "TagAnswerQuerySet":
        return self.filter(check_in__patient=patient)

    def between(self, first: dt.date | None, last: dt.date | None) -> "TagAnswerQuerySet":
        return on_dates(self, "check_in__date", first, last)

    def by_check_in(self) -> dict[int, list[tuple[int, str, bool]]]:
        """(trigger id, trigger name, answer) for each check-in id, in one light query:
        an export streams its check-ins and looks their answers up here."""
        found: dict[int, list[tuple[int, str, bool]]] = {}
        rows = self.order_by("id").values_list(
            "check_in_id", "trigger_id", "trigger__name", "present"
        )
        for check_in_id, *answer in rows:
            found.setdefault(check_in_id, []).append(tuple(answer))
        return found


class TagAnswer(models.Model):
    """Whether one of the patient's own triggers happened on a checked-in day."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="tag_answers")
    trigger = models.ForeignKey(OwnTrigger, on_delete=models.CASCADE, related_name="answers")
    present = models.BooleanField()

    objects = TagAnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["check_in", "trigger"], name="tag_answer_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.trigger_id} on {self.check_in_id}: {'yes' if self.present else 'no'}"
