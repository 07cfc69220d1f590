import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterable
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast, TruncDate
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone

from accounts.models import logged_by_field
from accounts.querysets import PatientQuerySet
from lib.limits import (
    EARLIEST_DATE,
    FUTURE_TOLERANCE,
    LATEST_DATE,
    validate_not_before_earliest,
)
from lib.rules import POSSIBLE_RELAPSE, is_possible_relapse
from lib.text import validate_note, validate_one_line
from symptoms.choices import (
    INTERFERENCE_AREAS,
    SENSATIONS_BY_TYPE,
    SPASM_RELIEF,
    EntryKind,
    HappenedBefore,
    Helped,
    Onset,
    PainType,
    Pattern,
    Region,
    Relief,
    Sensation,
    Worsened,
    labels_of,
)

MAX_MINUTES = 24 * 60
# TextField's max_length only sizes the form's textarea; the validator makes it a rule
# that every way in (forms, the import) shares.
NOTES_RULES = [MaxLengthValidator(settings.NOTES_MAX_LENGTH), validate_note]
# Fields only one kind of entry has: the forms never show them for the other kind.
SPASM_ONLY = ["duration_minutes", "painful", "tried", "helped"]
PAIN_ONLY = [
    "sensations",
    "pattern",
    "onset",
    "with_new_symptoms",
    "relieved_by",
    "worsened_by",
    "happened_before",
    "before_when",
    *[f"interference_{area}" for area in INTERFERENCE_AREAS],
    "interference_example",
]


def local_day_bounds(
    first: dt.date, last: dt.date, zone: zoneinfo.ZoneInfo
) -> tuple[dt.datetime, dt.datetime]:
    """The instants [start, end) covering local dates first..last in the given zone.

    Dates outside the journal's range hold nothing, so they are pulled in to its edges:
    the day after 9999-12-31, or an hour west of 0001-01-01, would overflow.
    """
    first = min(max(first, EARLIEST_DATE), LATEST_DATE)
    last = min(max(last, EARLIEST_DATE), LATEST_DATE)
    start = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


# What symptoms/_entry_row.html reads of an entry (its properties included).
ROW_FIELDS = (
    "patient",
    "logged_by",
    "logged_by_former_caregiver",
    "kind",
    "occurred_at",
    "regions",
    "severity",
    "pain_type",
    "duration_minutes",
    "with_new_symptoms",
)


class EntryQuerySet(PatientQuerySet):
    def spasms(self) -> "EntryQuerySet":
        return self.filter(kind=EntryKind.SPASM)

    def between(self, start: dt.datetime, end: dt.datetime) -> "EntryQuerySet":
        """Entries at or after start and before end (aware datetimes)."""
        return self.filter(occurred_at__gte=start, occurred_at__lt=end)

    def on_local_dates(
        self, first: dt.date | None, last: dt.date | None, zone: zoneinfo.ZoneInfo
    ) -> "EntryQuerySet":
        """Entries whose local day (in zone) falls in first..last; None leaves a side open."""
        qs = self
        if first is not None:
            qs = qs.filter(occurred_at__gte=local_day_bounds(first, first, zone)[0])
        if last is not None:
            qs = qs.filter(occurred_at__lt=local_day_bounds(last, last, zone)[1])
        return qs

    def local_dates(self, zone: zoneinfo.ZoneInfo) -> set[dt.date]:
        """The local days (in zone) these entries fall on, in one query."""
        day = TruncDate("occurred_at", tzinfo=zone)
        return set(self.annotate(day=day).order_by().values_list("day", flat=True).distinct())

    def naming_any(self, regions: Iterable[str]) -> "EntryQuerySet":
        """Entries that name at least one of these regions. The list is matched as text,
        its codes in quotes, which every database can do (a JSON "contains" SQLite cannot)."""
        wanted = Q()
        for region in regions:
            wanted |= Q(regions_text__contains=f'"{region}"')
        return self.annotate(regions_text=Cast("regions", TextField())).filter(wanted)

    def rows(self) -> "EntryQuerySet":
        """Light rows for the lists (symptoms/_entry_row.html): only the columns a row
        shows, and of whoever logged it only the name, not the whole user row."""
        return self.select_related("logged_by").only(
            *ROW_FIELDS, "logged_by__display_name", "logged_by__email"
        )

    def possible_relapses(self) -> "EntryQuerySet":
        return self.filter(**POSSIBLE_RELAPSE)

    def forget_caregiver(self, caregiver) -> int:
        """Keep the entries a caregiver logged in others' journals, marked as logged by a
        former caregiver, so their account can go without taking the patients' history."""
        return (
            self.filter(logged_by=caregiver)
            .exclude(patient=caregiver)
            .update(logged_by=None, logged_by_former_caregiver=True)
        )


SPASM_RELIEF_CODES = [str(relief) for relief in SPASM_RELIEF]


def _validate_codes(values, allowed: Iterable[str], what: str) -> None:
    if not isinstance(values, list):
        raise ValidationError(f"The {what} codes must be a list.")
    unknown = sorted(set(map(str, values)) - set(allowed))
    if unknown:
        named = ", ".join(map(repr, unknown))
        verb = "is not one of" if len(unknown) == 1 else "are not among"
        raise ValidationError(f"{named} {verb} the {what} codes: {', '.join(allowed)}")


class Entry(models.Model):
    """One spasm or one episode of pain, at a moment in time.

    Both kinds share one table so the journal reads as one timeline; the fields that
    belong to one kind only stay empty on the other (enforced by constraints).
    `severity` is the 0–10 numeric rating: how bad the spasm was, or the pain's intensity.
    """

    # No index of its own: the (patient, occurred_at) index and the two unique ones all
    # begin with it, and every entry saved would write a fourth.
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries", db_index=False
    )
    logged_by = logged_by_field(help_text="Who typed it in, when not the patient.")
    logged_by_former_caregiver = models.BooleanField(
        default=False,
        help_text="Typed in by a caregiver who has since deleted their account.",
    )
    # Stable across export and import, so two entries that look alike stay two. Unique
    # within a journal: an export brought into a second account keeps its ids.
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=5, choices=EntryKind.choices)
    occurred_at = models.DateTimeField(
        "when", default=timezone.now, validators=[validate_not_before_earliest]
    )
    regions = models.JSONField("where", default=list, blank=True)  # clean() asks for one
    severity = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    notes = models.TextField(
        blank=True, max_length=settings.NOTES_MAX_LENGTH, validators=NOTES_RULES
    )

    # Spasms
    duration_minutes = models.PositiveSmallIntegerField(
        "how long (minutes)", null=True, blank=True, validators=[MaxValueValidator(MAX_MINUTES)]
    )
    painful = models.BooleanField(null=True, blank=True)
    tried = models.JSONField("what was tried", default=list, blank=True)
    helped = models.CharField(max_length=6, choices=Helped.choices, blank=True)

    # Pain
    pain_type = models.CharField(max_length=16, choices=PainType.choices, blank=True)
    sensations = models.JSONField(default=list, blank=True)
    pattern = models.CharField(max_length=12, choices=Pattern.choices, blank=True)
    onset = models.CharField(max_length=8, choices=Onset.choices, blank=True)
    with_new_symptoms = models.BooleanField(
        "came with other new or returning symptoms", default=False
    )
    relieved_by = models.JSONField(default=list, blank=True)
    worsened_by = models.JSONField(default=list, blank=True)
    happened_before = models.CharField(max_length=10, choices=HappenedBefore.choices, blank=True)
    before_when = models.CharField(
        "when before", max_length=200, blank=True, validators=[validate_one_line]
    )
    interference_sleep = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    interference_work = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    interference_sitting = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    interference_walking = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    interference_mood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    interference_example = models.TextField(
        "a concrete example",
        blank=True,
        max_length=settings.NOTES_MAX_LENGTH,
        validators=NOTES_RULES,
    )

    # Set by the form that created the entry: the same form sent twice (a double tap,
    # a retry after a dropped connection) finds the first entry instead of making two.
    client_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["patient", "occurred_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(severity__lte=10), name="entry_severity_0_10"),
            models.CheckConstraint(condition=Q(kind__in=EntryKind.values), name="entry_kind_known"),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__lte=MAX_MINUTES),
                name="entry_duration_at_most_a_day",
            ),
            models.CheckConstraint(
                condition=(Q(kind=EntryKind.SPASM) & Q(pain_type=""))
                | (Q(kind=EntryKind.PAIN) & ~Q(pain_type="")),
                name="entry_pain_type_only_on_pain",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"interference_{area}__isnull": True})
                    | Q(**{f"interference_{area}__lte": 10}),
                    name=f"entry_interference_{area}_0_10",
                )
                for area in INTERFERENCE_AREAS
            ],
            # A day's slack: a local time on 1 January 1900 east of Greenwich is stored
            # in UTC on the last day of 1899.
            models.CheckConstraint(
                condition=Q(
                    occurred_at__gte=dt.datetime.combine(
                        EARLIEST_DATE - dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC
                    )
                ),
                name="entry_not_before_earliest_date",
            ),
            models.UniqueConstraint(fields=["patient", "uuid"], name="entry_uuid_unique"),
            models.UniqueConstraint(
                fields=["patient", "client_token"],
                condition=Q(client_token__isnull=False),
                name="entry_one_per_form_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.severity}/10 at {self.occurred_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.occurred_at and self.occurred_at > timezone.now() + FUTURE_TOLERANCE:
            errors["occurred_at"] = "That time is in the future. Pick a time that has passed."
        checks = [
            ("regions", self.regions, labels_of(Region), "body region"),
            ("tried", self.tried, SPASM_RELIEF_CODES, "relief"),
            ("relieved_by", self.relieved_by, labels_of(Relief), "relief"),
            ("worsened_by", self.worsened_by, labels_of(Worsened), "aggravating factor"),
            ("sensations", self.sensations, labels_of(Sensation), "sensation"),
        ]
        for field, values, allowed, what in checks:
            try:
                _validate_codes(values, allowed, what)
            except ValidationError as exc:
                errors[field] = exc.messages[0]
        if not self.regions and "regions" not in errors:
            errors["regions"] = "Choose at least one place."
        if self.kind == EntryKind.SPASM and self.pain_type:
            errors["pain_type"] = "Only pain entries have a kind of pain."
        if self.kind == EntryKind.PAIN:
            if not self.pain_type:
                errors["pain_type"] = "Choose the kind of pain."
            # A kind of pain not on the list is refused by the field's own check.
            elif "sensations" not in errors and self.pain_type in SENSATIONS_BY_TYPE:
                wrong = set(self.sensations) - set(SENSATIONS_BY_TYPE[self.pain_type])
                if wrong:
                    errors["sensations"] = (
                        "Those feelings belong to another kind of pain: "
                        + ", ".join(Sensation(code).label.lower() for code in sorted(wrong))
                        + ". Change the kind of pain or untick them."
                    )
        errors.update(self._other_kinds_fields_problems(errors))
        if errors:
            raise ValidationError(errors)

    def _other_kinds_fields_problems(self, found: dict) -> dict[str, str]:
        """A spasm's answers on a pain entry (or the other way round), which no form asks."""
        other = {EntryKind.SPASM: PAIN_ONLY, EntryKind.PAIN: SPASM_ONLY}.get(self.kind, [])
        kind = "spasms" if self.kind == EntryKind.PAIN else "pain entries"
        # with_new_symptoms cannot be empty: False is its "not recorded".
        unanswered = {"with_new_symptoms": False}
        return {
            name: f"Only {kind} have this. Leave it empty."
            for name in other
            if name not in found
            and getattr(self, name) not in (None, "", unanswered.get(name, ""))
            and getattr(self, name) != []
        }

    @property
    def time_of_day(self) -> str:
        """When it happened, as 08:30 in the zone pages are shown in (the patient's)."""
        return timezone.localtime(self.occurred_at).strftime("%H:%M")

    @property
    def is_spasm(self) -> bool:
        return self.kind == EntryKind.SPASM

    @property
    def is_possible_relapse(self) -> bool:
        return is_possible_relapse(self.kind, self.with_new_symptoms)

    @property
    def logged_by_someone_else(self) -> bool:
        return self.logged_by_id is not None and self.logged_by_id != self.patient_id

    @property
    def logged_by_label(self) -> str:
        """Who typed the entry in, when it was not the patient; empty otherwise."""
        if self.logged_by_former_caregiver:
            return "a former caregiver"
        return str(self.logged_by) if self.logged_by_someone_else else ""

    @property
    def region_labels(self) -> list[str]:
        return self.labels("regions", Region)

    def labels(self, field: str, choices: type[models.TextChoices]) -> list[str]:
        names = labels_of(choices)
        return [names[code] for code in getattr(self, field) if code in names]

    @property
    def tried_labels(self) -> list[str]:
        return self.labels("tried", Relief)

    @property
    def relieved_by_labels(self) -> list[str]:
        return self.labels("relieved_by", Relief)

    @property
    def worsened_by_labels(self) -> list[str]:
        return self.labels("worsened_by", Worsened)

    @property
    def sensation_labels(self) -> list[str]:
        return self.labels("sensations", Sensation)

    @property
    def interference(self) -> list[tuple[str, int]]:
        """The rated areas of daily life, in a fixed order, skipping unrated ones."""
        rated = []
        for area in INTERFERENCE_AREAS:
            value = getattr(self, f"interference_{area}")
            if value is not None:
                rated.append((area, value))
        return rated

    @staticmethod
    def new_token() -> UUID:
        return uuid.uuid4()


# accounts knows nothing of entries (it sits below the journal), so the journal listens
# for a person's deletion rather than being called by it. Whichever way an account goes
# (the delete page, the admin, a shell), the entries its owner typed into someone else's
# journal belong to that patient and stay; everything of their own goes by cascade.
@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="entries_outlive_caregiver")
def _keep_entries_of_a_deleted_caregiver(sender, instance, **kwargs) -> None:
    Entry.objects.forget_caregiver(instance)
