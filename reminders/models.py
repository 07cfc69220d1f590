"""Reminders: what reminds a person, the phones it reaches, and each reminder claimed
before it is sent."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models

from lib.text import validate_one_line


class Channel(models.TextChoices):
    OFF = "", "off"
    PUSH = "push", "a notification on my phone"
    EMAIL = "email", "an e-mail"


class Kind(models.TextChoices):
    CHECK_IN = "check_in", "the daily check-in"
    DOSE = "dose", "a regular medicine's dose"
    NUDGE = "nudge", "nothing logged for a while"
    WEEK = "week", "the weekly review ready"
    HEAT = "heat", "a hot day ahead"


class ReminderPlan(models.Model):
    """What reminds one person, and how. No row: nothing reminds them."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_plan"
    )
    check_in_by = models.CharField(max_length=5, choices=Channel.choices, blank=True)
    check_in_at = models.TimeField(default=dt.time(20, 0))
    doses_by = models.CharField(max_length=5, choices=Channel.choices, blank=True)
    nudge_by = models.CharField(max_length=5, choices=Channel.choices, blank=True)
    nudge_after_days = models.PositiveSmallIntegerField(default=3)
    # For a caregiver: the week just ended is ready to review, on Monday morning.
    week_by = models.CharField(max_length=5, choices=Channel.choices, blank=True)
    # The evening before a hot day, for someone whose own journal says heat goes with
    # worse days (reminders/heat.py); it needs their place for the forecast.
    heat_by = models.CharField(max_length=5, choices=Channel.choices, blank=True)
    heat_at = models.TimeField(default=dt.time(19, 0))
    # Nothing is sent from quiet_from until quiet_until (either may wrap past midnight).
    quiet_from = models.TimeField(null=True, blank=True)
    quiet_until = models.TimeField(null=True, blank=True)
    # Nothing at all is sent through this local date (a holiday, a stay in hospital).
    paused_until = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"reminders of {self.person}"


class DoseTime(models.Model):
    """A time of day a regular medicine is taken, where the person set it; without any,
    its times a day are spread over the waking day."""

    treatment = models.ForeignKey(
        "treatments.Treatment", on_delete=models.CASCADE, related_name="dose_times"
    )
    at = models.TimeField()

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["treatment", "at"], name="dose_time_once_a_time")
        ]

    def __str__(self) -> str:
        return f"{self.treatment} at {self.at:%H:%M}"


class PushSubscription(models.Model):
    """One browser on one device that agreed to show the journal's notifications: the
    push service's address for it (RFC 8030) and the keys its payloads are encrypted
    with (RFC 8291)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    # "Chrome on Android", told from the browser, so a person can tell their phones apart.
    device = models.CharField(max_length=80, blank=True, validators=[validate_one_line])
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.device or "a browser"

    @property
    def subscription_info(self) -> dict:
        """As the browser's PushSubscription.toJSON() gave it, for pywebpush."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class SentReminder(models.Model):
    """A reminder claimed for one person, one local date: the row is written before the
    reminder is sent, and the unique constraint lets only one scheduler write it, so two
    schedulers on two machines never send it twice."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # Which one of its kind: a dose's treatment and time ("12@08:00"); empty for the rest.
    key = models.CharField(max_length=40, blank=True)
    local_date = models.DateField()
    # Who wrote the claim: the pass that finds its own token here sends it.
    claim = models.UUIDField(default=uuid.uuid4, editable=False)
    due_at = models.DateTimeField()
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    # "Not now": sent again once at this moment.
    snoozed_until = models.DateTimeField(null=True, blank=True)
    # What came of it: "sent", or why not (no device took it, the mail server refused).
    outcome = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "key", "local_date"], name="reminder_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["snoozed_until"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person} on {self.local_date}"

    # "Not now" on a notification: an hour later it comes again.
    SNOOZE = dt.timedelta(hours=1)

    def snooze(self, *, now: dt.datetime) -> None:
        self.snoozed_until = now + self.SNOOZE
        self.save(update_fields=["snoozed_until"])

    @property
    def dose_treatment_id(self) -> int | None:
        """A dose reminder's treatment, from its key ("12@08:00")."""
        if self.kind != Kind.DOSE:
            return None
        number = self.key.partition("@")[0]
        return int(number) if number.isdigit() else None

    @property
    def dose_token(self) -> uuid.UUID:
        """The client_token of the dose "Taken" logs for this reminder: the same however
        often it is tapped or a queued tap is sent, so the dose is logged once."""
        return uuid.uuid5(self.claim, "taken")
