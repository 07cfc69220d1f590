import datetime as dt
import secrets
import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from lib.text import one_line, validate_one_line


@cache
def time_zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def new_journal_stamp() -> int:
    return secrets.randbits(62)


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError("Choose a time zone from the list, for example Europe/London.")


EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)


def validate_date_of_birth(value: dt.date) -> None:
    if value < EARLIEST_BIRTH_DATE or value > dt.date.today():
        raise ValidationError(
            "Enter a date of birth between 1900 and today, for example 1984-03-21."
        )


def new_journal_key() -> str:
    """The journal's name in URLs: random, so URLs say nothing about who or how many."""
    return secrets.token_urlsafe(9)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        from allauth.account.models import EmailAddress

        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        # Whoever runs a command to make an account vouches for its address; people
        # signing up on the site confirm theirs by e-mail instead.
        EmailAddress.objects.using(self._db).create(
            user=user, email=user.email, verified=True, primary=True
        )
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class User(AbstractUser):
    """A person who logs in with their e-mail address.

    The profile lives here too: a patient's time zone decides which local day an entry
    belongs to, and the unit decides how temperatures are shown.
    """

    class TemperatureUnit(models.TextChoices):
        CELSIUS = "C", "°C"
        FAHRENHEIT = "F", "°F"

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("e-mail address", unique=True, validators=[validate_one_line])
    display_name = models.CharField(
        "name",
        max_length=80,
        blank=True,
        validators=[validate_one_line],
        help_text="Optional: how the app greets you.",
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    temperature_unit = models.CharField(
        max_length=1, choices=TemperatureUnit.choices, default=TemperatureUnit.CELSIUS
    )

    heat_threshold_c = models.DecimalField(
        "hot day from (°C)",
        max_digits=4,
        decimal_places=1,
        default=25,
        help_text="A day at or above this temperature counts as hot in your trigger view.",
    )

    journal_key = models.CharField(
        max_length=16, unique=True, default=new_journal_key, editable=False
    )
    weekly_digest = models.BooleanField(
        "e-mail me a weekly summary",
        default=False,
        help_text="Every Monday: last week of your journal and of anyone you care for.",
    )

    larger_text = models.BooleanField(
        "larger text",
        default=False,
        help_text="Makes all the writing in the app bigger.",
    )
    # For the visit summary: the neurologist sees whose journal it is.
    full_name = models.CharField(
        "full name",
        max_length=150,
        blank=True,
        validators=[validate_one_line],
        help_text="Optional: printed on the summary for your neurologist.",
    )
    date_of_birth = models.DateField(
        "date of birth",
        null=True,
        blank=True,
        validators=[validate_date_of_birth],
        help_text="Optional: printed on the summary, so the clinic can match it to your notes.",
    )

    # A new random number whenever anything a journal page shows changes: the person's
    # own journal, whom they care for, or the name of someone they share with. The
    # database sets it (accounts/stamps.py), so no write can forget it; pages kept in
    # memory are keyed by it (lib/page_cache.py).
    journal_stamp = models.BigIntegerField(default=new_journal_stamp, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def name_for_a_header(self) -> str:
        """The name as one line, for an e-mail subject: a name stored before names were
        held to one line may still hold a line break, which a header cannot."""
        return one_line(str(self))

    def save(self, *args, **kwargs):
        # Only the database renews the journal stamp: a row read a moment ago must not
        # write back the stamp it was read with over a newer one.
        if not self._state.adding and not kwargs.get("force_insert"):
            kwargs.setdefault("update_fields", STORED_BY_SAVE)
        super().save(*args, **kwargs)

    @property
    def uses_fahrenheit(self) -> bool:
        return self.temperature_unit == self.TemperatureUnit.FAHRENHEIT

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def today(self) -> dt.date:
        """The patient's today, not the server's: their evening may be tomorrow in UTC."""
        return timezone.localdate(timezone=self.zone)

    def keeps_a_journal(self) -> bool:
        """Whether they have logged anything of their own: an entry or a check-in.

        A caregiver who has not is sent to the journal they care for, not to an empty one.
        (Entries and check-ins name their patient with these related names.)
        """
        return self.entries.exists() or self.check_ins.exists()


STORED_BY_SAVE = [
    field.name
    for field in User._meta.concrete_fields
    if not field.primary_key and field.name != "journal_stamp"
]


def logged_by_field(**kwargs) -> models.ForeignKey:
    """Who typed a journal record in: the patient or a caregiver. The record outlives
    them: when their account goes, it stays, with nobody named."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        **kwargs,
    )
